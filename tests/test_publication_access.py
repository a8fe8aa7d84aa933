from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .publication_common import PublicationCase


class TestPublicationAccess(PublicationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env, login="hpi_portal", groups="base.group_portal"
        )
        cls.published = cls.Publication.create(
            {
                "name": "Published notice",
                "content": "<p>x</p>",
                "author_id": cls.agent.id,
                "department_ids": [(6, 0, cls.department.ids)],
            }
        )
        cls.published.sudo().write({"state": "published"})
        cls.effect = cls.env["helpdesk.info.publication.effect"].create(
            {
                "publication_id": cls.published.id,
                "note": "Owners thanked us.",
            }
        )
        cls.opinion = cls.env["helpdesk.info.opinion"].create(
            {"name": "Post", "site": "微博"}
        )

    def test_portal_users_see_nothing_of_it(self):
        for record in (self.published, self.effect, self.opinion):
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.with_user(self.portal).read(["display_name"])
            self.assertFalse(record.with_user(self.portal).has_access("read"))
        with self.assertRaises(AccessError):
            self.Publication.with_user(self.portal).create(
                {"name": "x", "content": "x"}
            )

    def test_portal_users_do_not_read_the_leaders_reasons(self):
        publication = self.Publication.with_user(self.agent).create(
            {"name": "Fee notice", "content": "<p>x</p>"}
        )
        publication.action_submit()
        reviews = publication.review_ids
        self.assertTrue(reviews)
        Review = self.env["tier.review"].with_user(self.portal)
        self.assertFalse(Review.search([("id", "in", reviews.ids)]))
        with self.assertRaises(AccessError):
            reviews.with_user(self.portal).read(["comment"])

    def test_customer_service_writes_and_leaders_approve(self):
        for user in (self.agent, self.manager, self.leader):
            with self.subTest(user=user.login):
                self.assertTrue(self.Publication.with_user(user).has_access("create"))
        for user in (self.handler, self.counsel):
            with self.subTest(user=user.login):
                self.assertTrue(self.published.with_user(user).has_access("read"))
                self.assertFalse(self.Publication.with_user(user).has_access("create"))
                with self.assertRaises(AccessError):
                    self.published.with_user(user).write({"planned_date": "2026-12-24"})

    def test_only_customer_service_records_online_opinion(self):
        Opinion = self.env["helpdesk.info.opinion"]
        self.assertTrue(Opinion.with_user(self.agent).has_access("create"))
        self.assertTrue(self.opinion.with_user(self.leader).has_access("read"))
        self.assertFalse(Opinion.with_user(self.leader).has_access("create"))
        for user in (self.handler, self.counsel):
            self.assertFalse(self.opinion.with_user(user).has_access("read"))

    def test_companies_are_isolated(self):
        other = self.env["res.company"].create({"name": "Other Property Co."})
        theirs = self.Publication.create(
            {
                "name": "Their notice",
                "content": "<p>x</p>",
                "company_id": other.id,
                "author_id": self.agent.id,
            }
        )
        their_opinion = self.env["helpdesk.info.opinion"].create(
            {"name": "Their post", "site": "微博", "company_id": other.id}
        )
        self.assertFalse(
            self.Publication.with_user(self.agent).search([("id", "=", theirs.id)])
        )
        self.assertFalse(
            self.env["helpdesk.info.opinion"]
            .with_user(self.agent)
            .search([("id", "=", their_opinion.id)])
        )
