from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form

from .publication_common import PublicationCase


class TestPublicationApproval(PublicationCase):
    def test_the_form_records_a_post_under_its_alias(self):
        form = Form(self.Publication.with_user(self.agent))
        form.name = "Reply on the owners' forum"
        form.kind = "social_post"
        form.content = "<p>The lift is repaired.</p>"
        form.alias_name = "祥和小管家"
        post = form.save()
        self.assertEqual(post.state, "draft")
        self.assertEqual(post.author_id, self.agent)
        post.action_submit()
        with self.assertRaises(AssertionError), Form(post) as frozen:
            frozen.content = "<p>Edited while under approval</p>"

    def test_a_leader_approves_and_the_approved_content_is_kept(self):
        publication = self.publication()
        publication.action_submit()
        self.assertEqual(publication.state, "to_approve")
        reviewers = publication.review_ids.reviewer_ids
        self.assertLessEqual(self.leader | self.leader_2, reviewers)
        leader_group = "helpdesk_property_info.group_company_leader"
        self.assertTrue(all(user.has_group(leader_group) for user in reviewers))
        self.approve(publication)
        self.assertEqual(publication.state, "approved")
        self.assertEqual(publication.approver_ids, self.leader)
        self.assertTrue(publication.approved_date)
        self.assertEqual(publication.approved_content, publication.content)
        self.assertEqual(publication.approved_hash, publication._content_fingerprint())
        self.assertFalse(publication.content_changed)

    def test_only_leaders_approve(self):
        publication = self.publication()
        # Department handlers read only the publications about their teams.
        publication.department_ids = self.department
        publication.action_submit()
        for user in (self.manager, self.handler, self.counsel):
            self.assertFalse(publication.with_user(user).can_review)
            with self.assertRaisesRegex(AccessError, "you are not among them"):
                publication.with_user(user).validate_tier()
            publication.invalidate_recordset()
            self.assertEqual(publication.state, "to_approve", user.login)

    def test_the_author_never_approves_their_own_publication(self):
        publication = self.publication(user=self.leader)
        self.assertEqual(publication.author_id, self.leader)
        publication.with_user(self.leader).action_submit()
        self.assertNotIn(self.leader, publication.review_ids.reviewer_ids)
        self.assertFalse(publication.with_user(self.leader).can_review)
        with self.assertRaisesRegex(UserError, "another leader approves it"):
            publication.with_user(self.leader).validate_tier()
        self.approve(publication, self.leader_2)
        self.assertEqual(publication.state, "approved")

    def test_the_author_is_who_writes_it(self):
        with self.assertRaisesRegex(
            AccessError, "Author change through its buttons only"
        ):
            self.publication(author_id=self.leader.id)
        publication = self.publication(user=self.leader)
        with self.assertRaises(AccessError):
            publication.with_user(self.leader).write({"author_id": self.agent.id})
        self.assertEqual(publication.author_id, self.leader)

    def test_who_asks_for_the_approval_does_not_give_it(self):
        publication = self.publication()
        publication.with_user(self.leader).action_submit()
        self.assertEqual(publication.review_ids.requested_by, self.leader)
        self.assertNotIn(self.leader, publication.review_ids.reviewer_ids)
        with self.assertRaisesRegex(AccessError, "You asked for the approval"):
            publication.with_user(self.leader).validate_tier()
        self.assertEqual(publication.state, "to_approve")
        self.approve(publication, self.leader_2)
        self.assertEqual(publication.state, "approved")

    def test_nothing_goes_out_before_approval(self):
        publication = self.publication()
        for state in ("draft", "to_approve"):
            if state == "to_approve":
                publication.action_submit()
            with self.assertRaisesRegex(UserError, "is not approved"):
                publication.action_publish()
            with self.assertRaises(AccessError):
                publication.write({"state": "published"})
            with self.assertRaises(AccessError):
                publication.write({"state": "approved"})
        self.assertEqual(publication.state, "to_approve")
        self.assertFalse(publication.published_date)

    def test_a_publication_cannot_be_created_approved(self):
        with self.assertRaises(AccessError):
            self.publication(state="published")
        with self.assertRaises(AccessError):
            self.publication(approved_content="<p>forged</p>")

    def test_reviews_cannot_be_forged(self):
        publication = self.publication()
        publication.action_submit()
        review = publication.review_ids.with_user(self.agent)
        with self.assertRaises(AccessError):
            review.write({"status": "approved", "done_by": self.leader.id})
        with self.assertRaises(AccessError):
            review.write({"status": "approved"})
        with self.assertRaises(AccessError):
            self.env["tier.review"].with_user(self.agent).create(
                {
                    "model": publication._name,
                    "res_id": publication.id,
                    "definition_id": self.leader_tier.id,
                    "status": "approved",
                }
            )
        self.assertEqual(publication.validation_status, "pending")

    def test_publish_after_approval(self):
        publication = self.publication()
        publication.action_submit()
        self.approve(publication)
        publication.with_user(self.agent).action_publish()
        self.assertEqual(publication.state, "published")
        self.assertEqual(publication.published_by_id, self.agent)
        self.assertTrue(publication.published_date)

    def test_content_under_approval_is_frozen(self):
        publication = self.publication()
        publication.action_submit()
        with self.assertRaises(ValidationError):
            publication.write({"content": "<p>Changed while waiting</p>"})

    def test_editing_approved_content_sends_it_back_for_approval(self):
        publication = self.publication()
        publication.action_submit()
        self.approve(publication)
        approved = publication.approved_content
        publication.with_user(self.agent).write(
            {"content": "<p>Water stops 9:00–15:00.</p>"}
        )
        self.assertEqual(publication.state, "to_approve")
        self.assertTrue(publication.content_changed)
        self.assertEqual(publication.approved_content, approved)
        self.assertTrue(
            all(r.status in ("waiting", "pending") for r in publication.review_ids)
        )
        with self.assertRaises(UserError):
            publication.action_publish()
        self.approve(publication, self.leader_2)
        self.assertEqual(publication.state, "approved")
        self.assertIn("15:00", publication.approved_content)
        self.assertEqual(publication.approver_ids, self.leader_2)

    def test_planned_date_may_change_after_approval(self):
        publication = self.publication()
        publication.action_submit()
        self.approve(publication)
        publication.planned_date = "2026-12-01"
        self.assertEqual(publication.state, "approved")

    def test_a_rejection_records_its_reason_and_can_be_resubmitted(self):
        publication = self.publication()
        publication.action_submit()
        action = publication.with_user(self.leader).reject_tier()
        self.assertEqual(action["res_model"], "comment.wizard")
        self.assertEqual(publication.state, "to_approve")
        self.reject(publication, "Do not give the hours before the works are booked.")
        self.assertEqual(publication.state, "rejected")
        self.assertEqual(
            publication.rejection_reason,
            "Do not give the hours before the works are booked.",
        )
        with self.assertRaises(UserError):
            publication.action_publish()
        publication.with_user(self.agent).write(
            {"content": "<p>Water stops on Saturday.</p>"}
        )
        publication.with_user(self.agent).action_submit()
        self.assertEqual(publication.state, "to_approve")
        self.assertFalse(publication.rejection_reason)
        self.approve(publication)
        self.assertEqual(publication.state, "approved")

    def test_without_any_tier_nothing_can_be_submitted(self):
        self.leader_tier.active = False
        publication = self.publication()
        with self.assertRaisesRegex(UserError, "No approval tier applies"):
            publication.action_submit()

    def test_legal_counsel_tier_for_possible_litigation(self):
        self.env.ref(
            "helpdesk_property_info.tier_definition_publication_counsel"
        ).active = True
        ticket = self.Ticket.create(self.phone_vals(litigation_risk=True))
        publication = self.publication(ticket_ids=[(6, 0, ticket.ids)])
        self.assertTrue(publication.litigation_risk)
        publication.action_submit()
        self.assertEqual(len(publication.review_ids), 2)
        with self.assertRaisesRegex(UserError, "an earlier tier"):
            self.approve(publication, self.leader)
        self.assertEqual(publication.state, "to_approve", "counsel approves first")
        self.approve(publication, self.counsel)
        self.assertEqual(publication.state, "to_approve")
        self.approve(publication, self.leader)
        self.assertEqual(publication.state, "approved")
        self.assertEqual(publication.approver_ids, self.leader | self.counsel)
        plain = self.publication()
        plain.action_submit()
        self.assertEqual(len(plain.review_ids), 1)
        both = publication | plain
        self.assertEqual(
            both.filtered_domain([("litigation_risk", "=", True)]), publication
        )
        self.assertEqual(
            self.Publication.search(
                [("id", "in", both.ids), ("litigation_risk", "=", False)]
            ),
            plain,
        )

    def test_published_content_stays_as_it_went_out(self):
        publication = self.publication()
        publication.action_submit()
        self.approve(publication)
        publication.action_publish()
        with self.assertRaisesRegex(UserError, "is published"):
            publication.write({"content": "<p>Rewritten afterwards</p>"})
        with self.assertRaises(UserError):
            publication.action_cancel()
        with self.assertRaises(UserError):
            publication.with_user(self.manager).unlink()

    def test_social_post_discloses_its_alias(self):
        with self.assertRaisesRegex(ValidationError, "online name or alias"):
            self.publication(kind="social_post")
        post = self.publication(kind="social_post", alias_name="热心邻居")
        self.assertEqual(post.alias_name, "热心邻居")

    def test_archived_publications_stay_searchable(self):
        publication = self.publication(name="Annual report to owners")
        publication.action_submit()
        self.approve(publication)
        publication.action_publish()
        publication.active = False
        Publication = self.Publication.with_user(self.agent)
        self.assertFalse(Publication.search([("name", "=", "Annual report to owners")]))
        self.assertEqual(
            Publication.search(
                [("name", "=", "Annual report to owners"), ("active", "=", False)]
            ),
            publication,
        )


class TestPublicationEffect(PublicationCase):
    def published(self):
        ticket = self.Ticket.create(self.phone_vals(team_id=self.department.id))
        publication = self.publication(ticket_ids=[(6, 0, ticket.ids)])
        publication.action_submit()
        self.approve(publication)
        publication.action_publish()
        return publication

    def test_effect_notes_reach_the_related_departments(self):
        publication = self.published()
        self.assertEqual(publication.department_ids, self.department)
        self.env["helpdesk.info.publication.effect"].with_user(self.agent).create(
            {
                "publication_id": publication.id,
                "kind": "coverage",
                "note": "The evening paper quoted the notice.",
            }
        )
        message = publication.message_ids[0]
        self.assertIn("The evening paper quoted the notice.", message.body)
        self.assertIn(self.handler.partner_id, message.partner_ids)

    def test_no_effect_note_before_publishing(self):
        publication = self.publication()
        with self.assertRaisesRegex(UserError, "not published yet"):
            self.env["helpdesk.info.publication.effect"].create(
                {
                    "publication_id": publication.id,
                    "note": "Too early",
                }
            )
