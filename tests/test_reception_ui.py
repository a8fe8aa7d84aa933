from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestReceptionScreens(HttpCase):
    def test_recording_and_confirming_an_expense_in_the_form(self):
        Expense = self.env["helpdesk.reception.expense"]
        before = Expense.search([])
        self.start_tour(
            "/odoo/helpdesk-reception-expenses/new",
            "helpdesk_reception_record_expense",
            login="admin",
        )
        expense = Expense.search([]) - before
        self.assertRecordValues(
            expense,
            [
                {
                    "policy_id": self.env.ref(
                        "helpdesk_property_info.reception_policy_tea"
                    ).id,
                    "amount": 35,
                    "state": "approved",
                }
            ],
        )

    def test_the_usage_by_month(self):
        self.start_tour(
            "/odoo/helpdesk-reception-usage", "helpdesk_reception_usage", login="admin"
        )

    def test_the_accountant_exports_the_approved_expenses(self):
        company = self.env.company
        account = self.env["account.account"].create(
            {
                "name": "Reception",
                "code": "HPIUI66",
                "account_type": "expense",
                "company_ids": company.ids,
            }
        )
        self.env["helpdesk.reception.policy"].search(
            [("company_id", "=", company.id)]
        ).account_id = account
        approved = self.env["helpdesk.reception.expense"].search(
            [("company_id", "=", company.id), ("state", "=", "approved")]
        )
        self.assertTrue(approved, "the demo company has approved expenses")
        approved.filtered(lambda e: not e.supplier_id)._write_by_action(
            {"state": "cancelled"}
        )
        approved = approved.filtered("supplier_id")
        self.start_tour(
            "/odoo/reception-expenses-to-export",
            "helpdesk_reception_export_bills",
            login="admin",
        )
        self.assertEqual(set(approved.mapped("state")), {"exported"})
        self.assertEqual(len(approved.move_id), len(approved))
        self.assertEqual(
            set(approved.move_id.invoice_line_ids.account_id.ids), {account.id}
        )
