from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestReceptionScreens(HttpCase):
    def test_recording_and_confirming_an_expense_in_the_form(self):
        Expense = self.env["helpdesk.reception.expense"]
        before = Expense.search([])
        self.start_tour("/odoo/helpdesk-reception-expenses/new", "helpdesk_reception_record_expense", login="admin")
        expense = Expense.search([]) - before
        self.assertRecordValues(
            expense,
            [
                {
                    "policy_id": self.env.ref("helpdesk_property_info.reception_policy_tea").id,
                    "amount": 35,
                    "state": "approved",
                }
            ],
        )

    def test_the_usage_by_month(self):
        self.start_tour("/odoo/helpdesk-reception-usage", "helpdesk_reception_usage", login="admin")
