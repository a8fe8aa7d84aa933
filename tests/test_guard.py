from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError

from odoo.addons.helpdesk_property_info.models.helpdesk_info_guard_mixin import (
    in_action_scope,
    is_action,
)

from .common_reception import ReceptionCase
from .publication_common import PublicationCase


class TestGuardedFields(ReceptionCase):
    """Fields that only actions write stay out of reach of create's defaults,
    writes, one2many commands and copies."""

    def test_a_context_default_does_not_set_a_guarded_field(self):
        Expense = self.Expense.with_user(self.agent)
        before = Expense.search_count([])
        with self.assertRaisesRegex(
            AccessError, "State change through its buttons only"
        ):
            Expense.with_context(default_state="approved").create(
                {"policy_id": self.tea.id, "amount": 99999, "purpose": "Tea"}
            )
        self.assertEqual(Expense.search_count([]), before)
        # the form opens with the field's own default, whatever the context says
        defaults = Expense.with_context(default_state="approved").default_get(
            ["state", "refused_by_id"]
        )
        self.assertEqual(defaults.get("state"), "draft")
        self.assertFalse(defaults.get("refused_by_id"))
        expense = Expense.with_context(default_state="draft").create(
            {"policy_id": self.tea.id, "amount": 10, "purpose": "Tea"}
        )
        self.assertEqual(expense.state, "draft")

    def test_a_user_default_does_not_set_a_guarded_field(self):
        self.env["ir.default"].set(
            "helpdesk.reception.expense", "state", "approved", user_id=self.agent.id
        )
        expense = self.expense(self.tea, 50, "2025-03-05")
        self.assertEqual(expense.state, "draft")

    def test_a_copy_does_not_carry_what_actions_decided(self):
        expense = self.expense(self.visit, 100, "2025-03-05", attendees=2)
        expense.action_confirm()
        expense.with_user(self.leader).action_refuse()
        copy = expense.with_user(self.agent).copy(
            {"state": "approved", "refused_by_id": self.agent.id}
        )
        self.assertRecordValues(copy, [{"state": "draft", "refused_by_id": False}])

    def test_an_action_still_writes_them(self):
        expense = self.expense(self.tea, 50, "2025-03-05")
        with self.assertRaisesRegex(AccessError, "through its buttons only"):
            expense.with_user(self.agent).write({"state": "approved"})
        expense.with_user(self.agent).action_confirm()
        self.assertEqual(expense.state, "approved")


class TestActionScope(ReceptionCase):
    """An action keeps its caller's language, time zone and companies, and the
    context keys it states at the call; nothing a client sends opens a scope
    or reaches past the guard."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls.env["res.company"].create({"name": "Scope Property Ltd"})
        cls.agent.company_ids |= cls.other

    def test_an_action_run_with_a_company_keeps_it(self):
        Expense = self.Expense.with_user(self.agent).with_company(self.other)
        scoped = in_action_scope(Expense)
        self.assertTrue(is_action(scoped))
        self.assertEqual(scoped.env.company, self.other)
        self.assertEqual(scoped.env.companies, self.other)
        # What the action creates belongs to the caller's company.
        policy = self.env["helpdesk.reception.policy"].search(
            [("company_id", "=", self.other.id), ("code", "=", "tea")]
        )
        expense = scoped.create(
            {"policy_id": policy.id, "amount": 10, "purpose": "Tea"}
        )
        self.assertEqual(expense.company_id, self.other)
        # Without a company in the context: the user's, as everywhere.
        self.assertEqual(
            in_action_scope(self.Expense.with_user(self.agent)).env.company,
            self.company,
        )

    def test_only_the_companies_of_the_user_are_kept(self):
        foreign = self.env["res.company"].create({"name": "Foreign Property Ltd"})
        Expense = self.Expense.with_user(self.agent).with_context(
            allowed_company_ids=[foreign.id]
        )
        with self.assertRaises(AccessError):
            in_action_scope(Expense)

    def test_the_keys_an_action_needs_are_stated_at_the_call(self):
        Expense = self.Expense.with_user(self.agent).with_context(
            lang="en_US",
            tz="Asia/Shanghai",
            active_test=False,
            tracking_disable=True,
            default_state="approved",
            default_amount=5,
        )
        context = in_action_scope(Expense).env.context
        self.assertEqual(context["lang"], "en_US")
        self.assertEqual(context["tz"], "Asia/Shanghai")
        for key in ("active_test", "tracking_disable", "default_state"):
            self.assertNotIn(key, context)
        self.assertIs(
            in_action_scope(Expense, keep=("active_test",)).env.context["active_test"],
            False,
        )
        # Never a client's defaults, nor a key that relaxes a check below.
        with self.assertRaises(ValueError):
            in_action_scope(Expense, keep=("default_amount",))
        Publication = self.env["helpdesk.info.publication"].with_context(
            skip_validation_check=True
        )
        with self.assertRaises(ValueError):
            in_action_scope(Publication, keep=("skip_validation_check",))
        self.assertNotIn(
            "skip_validation_check", in_action_scope(Publication).env.context
        )

    def test_a_client_context_key_opens_no_scope(self):
        Expense = self.Expense.with_user(self.agent).with_context(
            helpdesk_info_action_scope=["helpdesk.reception.expense"]
        )
        self.assertFalse(is_action(Expense))
        with self.assertRaises(AccessError):
            Expense.create(
                {
                    "policy_id": self.tea.id,
                    "amount": 10,
                    "purpose": "Tea",
                    "state": "approved",
                }
            )


class TestGuardedReviews(PublicationCase):
    def submitted(self):
        publication = self.publication()
        publication.action_submit()
        return publication

    def test_one2many_commands_reach_the_guard(self):
        publication = self.submitted()
        self.approve(publication, self.leader)
        publication.action_publish()
        with self.assertRaises(AccessError):
            publication.with_user(self.agent).write(
                {
                    "effect_ids": [
                        (0, 0, {"note": "Praised online", "user_id": self.leader.id})
                    ]
                }
            )
        self.assertFalse(publication.effect_ids)

    def test_a_client_cannot_lift_the_freeze_under_validation(self):
        publication = self.submitted()
        with self.assertRaises(ValidationError):
            publication.with_user(self.agent).with_context(
                skip_validation_check=True
            ).write({"content": "<p>Something else</p>"})
        self.assertEqual(
            publication.content, "<p>Water supply stops from 9:00 to 12:00.</p>"
        )

    def test_reviews_are_neither_deleted_nor_restarted_by_a_user(self):
        publication = self.submitted()
        reviews = publication.review_ids
        with self.assertRaises(AccessError):
            reviews.with_user(self.agent).unlink()
        with self.assertRaises(AccessError):
            publication.with_user(self.agent).restart_validation()
        with self.assertRaises(AccessError):
            reviews.with_user(self.leader).write({"comment": "Fine by me"})
        self.assertTrue(reviews.exists())
        self.assertEqual(publication.validation_status, "pending")

    def test_a_review_is_not_created_by_hand(self):
        publication = self.publication()
        with self.assertRaises(AccessError):
            self.env["tier.review"].with_user(self.agent).create(
                {
                    "model": publication._name,
                    "res_id": publication.id,
                    "definition_id": self.leader_tier.id,
                    "requested_by": self.agent.id,
                }
            )

    @freeze_time("2025-03-10 02:00:00")
    def test_the_comment_wizard_takes_only_the_reviewers_own_reviews(self):
        publication = self.submitted()
        other = self.publication(name="Another notice")
        other.action_submit()
        wizard = (
            self.env["comment.wizard"]
            .with_user(self.agent)
            .create(
                {
                    "res_model": publication._name,
                    "res_id": publication.id,
                    "review_ids": [(6, 0, other.review_ids.ids)],
                    "validate_reject": "validate",
                    "comment": "Approved",
                }
            )
        )
        with self.assertRaises(AccessError):
            wizard.add_comment()
        self.assertEqual(other.validation_status, "pending")


class TestGuardedTeamMarkers(ReceptionCase):
    def test_a_manager_does_not_rewrite_what_the_scheduled_actions_did(self):
        team = self.cs_team.with_user(self.manager)
        for vals in (
            {"opinion_collection_date": "2099-01-01"},
            {"publication_summary_date": False},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(AccessError, "through its buttons only"),
            ):
                team.write(vals)
        team.write({"name": "Customer Service"})
        self.assertEqual(self.cs_team.name, "Customer Service")
