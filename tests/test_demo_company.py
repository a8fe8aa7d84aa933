from odoo.tests import TransactionCase
from odoo.tools.misc import formatLang


class TestDemoCompany(TransactionCase):
    """The demo is one Chinese property group: its main company keeps its
    books in yuan, at an address in Shanghai, under a logo of its own."""

    def test_the_demo_company_is_a_chinese_property_company_in_yuan(self):
        company = self.env.ref("base.main_company")
        self.assertEqual(company.name, "祥和物业服务有限公司")
        self.assertEqual(company.currency_id, self.env.ref("base.CNY"))
        self.assertEqual(company.country_id, self.env.ref("base.cn"))
        self.assertEqual(company.state_id, self.env.ref("base.state_cn_SH"))
        self.assertEqual(company.city, "上海")
        for field in ("street", "zip", "phone", "email", "logo"):
            self.assertTrue(company[field], field)
        self.assertEqual(company.paperformat_id.format, "A4")
        self.assertIn("¥", formatLang(self.env, 120, currency_obj=company.currency_id))
        # The addon's amounts follow the company's currency: its demo
        # reception expenses, and Accounting's demo entries made again in yuan.
        expenses = self.env["helpdesk.reception.expense"].search(
            [("company_id", "=", company.id)]
        )
        self.assertTrue(expenses)
        self.assertEqual(expenses.currency_id, company.currency_id)
        moves = self.env["account.move"].search([("company_id", "=", company.id)])
        self.assertTrue(moves)
        self.assertEqual(moves.currency_id, company.currency_id)

    def test_the_other_demo_company_is_a_sister_property_company(self):
        sister = self.env.ref("l10n_us.demo_company_us", raise_if_not_found=False)
        if not sister:
            return  # Accounting's demo made no second company
        self.assertEqual(sister.name, "祥和物业服务（苏州）有限公司")
        self.assertEqual(sister.country_id, self.env.ref("base.cn"))
        self.assertEqual(sister.city, "苏州")
