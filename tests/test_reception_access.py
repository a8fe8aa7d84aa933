from odoo.exceptions import AccessError, UserError

from .common_reception import ReceptionCase


class TestReceptionAccess(ReceptionCase):
    """CS agents record expenses and budgets, company leaders approve, the
    accountant exports, CS managers set the policies; each company keeps its
    own."""

    def test_cs_agent_records_and_confirms(self):
        expense = self.confirmed(self.tea, 20, "2025-03-03")
        self.assertEqual(expense.state, "approved")
        self.assertEqual(expense.create_uid, self.agent)

    def test_leaders_and_accountants_do_not_record_expenses(self):
        for user in (self.leader, self.accountant, self.handler, self.counsel):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.expense(self.tea, 20, "2025-03-03", user=user)

    def test_handlers_and_counsel_see_no_reception_expense(self):
        expense = self.confirmed(self.tea, 20, "2025-03-03")
        for user in (self.handler, self.counsel):
            for model in (
                "helpdesk.reception.expense",
                "helpdesk.reception.budget",
                "helpdesk.reception.usage",
            ):
                with (
                    self.subTest(user=user.login, model=model),
                    self.assertRaises(AccessError),
                ):
                    self.env[model].with_user(user).search([])
            with self.assertRaises(AccessError):
                expense.with_user(user).read(["amount"])

    def test_leaders_and_accountants_read_expenses_and_usage(self):
        expense = self.confirmed(self.tea, 20, "2025-03-03")
        for user in (self.leader, self.accountant, self.manager):
            with self.subTest(user=user.login):
                self.assertIn(expense, self.Expense.with_user(user).search([]))
                self.assertTrue(
                    self.env["helpdesk.reception.usage"].with_user(user).search([])
                )

    def test_only_cs_managers_set_the_policies(self):
        for user in (self.agent, self.leader, self.accountant):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.tea.with_user(user).monthly_max_amount = 1000
        self.tea.with_user(self.manager).monthly_max_amount = 120
        self.assertEqual(self.tea.monthly_max_amount, 120)

    def test_only_accountants_and_cs_managers_see_the_expense_account(self):
        self.assertEqual(
            self.tea.with_user(self.accountant).account_id, self.expense_account
        )
        self.assertEqual(
            self.tea.with_user(self.manager).account_id, self.expense_account
        )
        with self.assertRaises(AccessError):
            self.tea.with_user(self.agent).read(["account_id"])

    def test_companies_are_isolated(self):
        other = self.env["res.company"].create({"name": "Second Property Co."})
        other_tea = self.env["helpdesk.reception.policy"].search(
            [("company_id", "=", other.id), ("code", "=", "tea")]
        )
        other_agent = self.user_of(other, "hpi_other_agent", "group_cs_agent")
        # each company's own monthly 100 for tea
        self.confirmed(self.tea, 100, "2025-03-03")
        foreign = self.Expense.with_user(other_agent).create(
            {
                "policy_id": other_tea.id,
                "amount": 100,
                "date": "2025-03-03",
                "purpose": "Tea",
            }
        )
        foreign.action_confirm()
        self.assertEqual(foreign.state, "approved")
        self.assertEqual(foreign.company_id, other)
        # nobody sees the other company's expenses, policies or usage
        self.assertNotIn(foreign, self.Expense.with_user(self.agent).search([]))
        self.assertFalse(
            self.Expense.with_user(other_agent).search(
                [("company_id", "=", self.company.id)]
            )
        )
        self.assertNotIn(
            other_tea,
            self.env["helpdesk.reception.policy"].with_user(self.agent).search([]),
        )
        Usage = self.env["helpdesk.reception.usage"]
        self.env.flush_all()
        self.assertEqual(Usage.with_user(other_agent).search([]).company_id, other)
        with self.assertRaises(AccessError):
            foreign.with_user(self.agent).read(["amount"])
        # nor records an expense on another company's policy
        with self.assertRaises(UserError):
            self.Expense.with_user(self.agent).create(
                {
                    "policy_id": other_tea.id,
                    "amount": 10,
                    "date": "2025-03-03",
                    "purpose": "Tea",
                }
            )
