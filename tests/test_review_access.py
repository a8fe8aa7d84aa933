from odoo.tests import new_test_user

from .common_reception import ReceptionCase


class TestReviewAccess(ReceptionCase):
    """Reviews of the addon's documents are read with the document, in its
    company; satisfaction questionnaires stay in their company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env, login="hpi_review_portal", groups="base.group_portal"
        )
        cls.budget = (
            cls.env["helpdesk.reception.budget"]
            .with_user(cls.agent)
            .create(
                {
                    "title": "Owners' assembly",
                    "policy_id": cls.large_meeting.id,
                    "date": "2099-03-20",
                    "attendees": 20,
                    "line_ids": [
                        (0, 0, {"name": "Tea", "quantity": 20, "unit_price": 25})
                    ],
                }
            )
        )
        cls.budget.request_validation()
        cls.reviews = cls.budget.review_ids

    def visible(self, user):
        return (
            self.env["tier.review"]
            .with_user(user)
            .search([("id", "in", self.reviews.ids)])
        )

    def test_budget_reviews_go_with_the_budget(self):
        self.assertTrue(self.reviews)
        self.assertEqual(self.reviews.helpdesk_info_company_id, self.company)
        self.assertEqual(self.visible(self.leader), self.reviews)
        for user in (self.handler, self.counsel, self.portal):
            with self.subTest(user=user.login):
                self.assertFalse(self.visible(user))

    def test_reviews_stay_in_the_documents_company(self):
        other = self.env["res.company"].create({"name": "Review Other Co."})
        self.leader.company_ids |= other
        self.assertFalse(
            self.env["tier.review"]
            .with_user(self.leader)
            .with_context(allowed_company_ids=other.ids)
            .search([("id", "in", self.reviews.ids)])
        )
