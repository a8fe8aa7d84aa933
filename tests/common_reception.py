from odoo.fields import Command
from odoo.tests import new_test_user
from odoo.tools.misc import formatLang

from .common import PropertyInfoCase


class ReceptionCase(PropertyInfoCase):
    """The shipped reception policies of the company, with an expense
    account, a purchase journal, a property project and a supplier of its
    own, and an accountant."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.reception_tz = "Asia/Shanghai"
        cls.Expense = cls.env["helpdesk.reception.expense"]
        cls.Budget = cls.env["helpdesk.reception.budget"]
        cls.tea = cls.env.ref("helpdesk_property_info.reception_policy_tea")
        cls.small_meeting = cls.env.ref(
            "helpdesk_property_info.reception_policy_small_meeting"
        )
        cls.visit = cls.env.ref("helpdesk_property_info.reception_policy_visit")
        cls.large_meeting = cls.env.ref(
            "helpdesk_property_info.reception_policy_large_meeting"
        )
        cls.accountant = new_test_user(
            cls.env,
            login="hpi_accountant",
            groups="account.group_account_invoice",
            company_id=cls.company.id,
        )
        cls.second_leader = new_test_user(
            cls.env,
            login="hpi_leader2",
            groups="helpdesk_property_info.group_company_leader",
            company_id=cls.company.id,
        )
        cls.expense_account = cls.env["account.account"].create(
            {
                "name": "Reception Expenses",
                "code": "HPI6602",
                "account_type": "expense",
                "company_ids": [Command.set(cls.company.ids)],
            }
        )
        cls.payable_account = cls.env["account.account"].create(
            {
                "name": "Reception Suppliers",
                "code": "HPI2202",
                "account_type": "liability_payable",
                "reconcile": True,
                "company_ids": [Command.set(cls.company.ids)],
            }
        )
        cls.journal = cls.env["account.journal"].create(
            {
                "name": "Reception Bills",
                "code": "HPIRB",
                "type": "purchase",
                "company_id": cls.company.id,
            }
        )
        (
            cls.tea | cls.small_meeting | cls.visit | cls.large_meeting
        ).account_id = cls.expense_account
        cls.project = cls.env["account.analytic.account"].create(
            {
                "name": "Sunshine Garden",
                "plan_id": cls.env.ref("analytic.analytic_plan_projects").id,
                "company_id": cls.company.id,
            }
        )
        cls.supplier = cls.env["res.partner"].create(
            {"name": "Heping Tea Shop", "is_company": True}
        )
        cls.supplier.with_company(
            cls.company
        ).property_account_payable_id = cls.payable_account

    @classmethod
    def expense(cls, policy, amount, date, user=None, **vals):
        """A draft expense recorded by the CS agent."""
        values = {
            "policy_id": policy.id,
            "amount": amount,
            "purpose": "Tea for the reception room",
            "supplier_id": cls.supplier.id,
            "analytic_account_id": cls.project.id,
        }
        if date is not None:
            values["date"] = date
        values.update(vals)
        return cls.Expense.with_user(user or cls.agent).create(values)

    @classmethod
    def oral(cls, leader=None, when="2025-03-01 02:00:00"):
        """Values of an oral approval by a company leader, given beforehand."""
        return {"oral_approver_id": (leader or cls.leader).id, "oral_approved_on": when}

    def user_of(self, company, login, group):
        """A user who works for ``company`` only."""
        return new_test_user(
            self.env,
            login=login,
            groups=f"helpdesk_property_info.{group}",
            company_id=company.id,
            company_ids=[(6, 0, company.ids)],
        )

    def money(self, amount):
        return formatLang(self.env, amount, currency_obj=self.company.currency_id)

    def confirmed(self, policy, amount, date, **vals):
        expense = self.expense(policy, amount, date, **vals)
        expense.action_confirm()
        return expense
