from datetime import date

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import new_test_user

from .publication_common import PublicationCase


class PostingCase(PublicationCase):
    """A community with its property project and project manager, and
    entries of the first quarter of 2031 charged to the project."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project_manager = new_test_user(
            cls.env,
            login="hpi_project_manager",
            groups="helpdesk_property_info.group_department_handler",
            company_id=cls.company.id,
        )
        plan = cls.env["account.analytic.plan"].create({"name": "Property Projects"})
        cls.project = cls.env["account.analytic.account"].create(
            {"name": "Garden Phase I", "plan_id": plan.id}
        )
        cls.other_project = cls.env["account.analytic.account"].create(
            {"name": "Garden Phase II", "plan_id": plan.id}
        )
        cls.community = cls.env["helpdesk.info.community"].create(
            {
                "name": "Garden Phase I",
                "manager_id": cls.project_manager.id,
                "analytic_account_id": cls.project.id,
            }
        )
        Account = cls.env["account.account"]
        cls.income_account = Account.create(
            {"name": "Property fees", "code": "HPI4001", "account_type": "income"}
        )
        cls.parking_account = Account.create(
            {"name": "Parking fees", "code": "HPI4002", "account_type": "income_other"}
        )
        cls.cleaning_account = Account.create(
            {"name": "Cleaning", "code": "HPI6001", "account_type": "expense"}
        )
        cls.partner = cls.env["res.partner"].create({"name": "Owner Zhao"})
        cls.Statement = cls.env["helpdesk.info.fee.statement"]

    @classmethod
    def entry(cls, move_type, lines, when="2031-02-10", post=True):
        """An invoice or bill whose lines are (account, amount, distribution)."""
        move = cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": cls.partner.id,
                "invoice_date": when,
                "date": when,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": account.name,
                            "account_id": account.id,
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                            "analytic_distribution": distribution,
                        }
                    )
                    for account, amount, distribution in lines
                ],
            }
        )
        if post:
            move.action_post()
        return move

    def statement(self, **vals):
        return self.Statement.with_user(self.agent).create(
            {
                "community_id": self.community.id,
                "date_from": "2031-01-01",
                "date_to": "2031-03-31",
                **vals,
            }
        )

    def signed_off(self):
        statement = self.statement()
        statement.action_prepare()
        statement.action_submit()
        statement.with_user(self.project_manager).validate_tier()
        statement.invalidate_recordset()
        return statement


class TestFeeStatement(PostingCase):
    """The fee income and spending statement (物业费收支公示, seed 003 二.6):
    its figures from Accounting, signed off by the project manager, frozen,
    then posted as a notice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        project = {str(cls.project.id): 100}
        cls.entry(
            "out_invoice",
            [(cls.income_account, 1000, project), (cls.parking_account, 300, project)],
        )
        cls.entry("out_invoice", [(cls.income_account, 500, project)], "2031-03-31")
        # Half of the cleaning bill is the project's, half the other one's.
        cls.entry(
            "in_invoice",
            [
                (
                    cls.cleaning_account,
                    800,
                    {str(cls.project.id): 50, str(cls.other_project.id): 50},
                )
            ],
        )
        # Not counted: a draft, another project, outside the period.
        cls.entry("out_invoice", [(cls.income_account, 7000, project)], post=False)
        cls.entry(
            "out_invoice",
            [(cls.income_account, 9000, {str(cls.other_project.id): 100})],
        )
        cls.entry("out_invoice", [(cls.income_account, 4000, project)], "2031-04-01")

    def figures(self, statement):
        return {
            (line.kind, line.account_id.code): line.amount
            for line in statement.line_ids
        }

    def test_the_figures_are_the_posted_items_of_the_project_in_the_period(self):
        statement = self.statement()
        statement.action_prepare()
        self.assertEqual(
            self.figures(statement),
            {
                ("income", "HPI4001"): 1500,
                ("income", "HPI4002"): 300,
                ("expense", "HPI6001"): 400,
            },
        )
        self.assertEqual(statement.income_total, 1800)
        self.assertEqual(statement.expense_total, 400)
        self.assertEqual(statement.balance, 1400)
        self.assertEqual(statement.prepared_by_id, self.agent)

    def test_a_draft_entry_counts_once_it_is_posted(self):
        statement = self.statement(date_from="2031-05-01", date_to="2031-05-31")
        draft = self.entry(
            "out_invoice",
            [(self.income_account, 250, {str(self.project.id): 100})],
            "2031-05-05",
            post=False,
        )
        statement.action_prepare()
        self.assertFalse(statement.line_ids)
        draft.action_post()
        statement.action_prepare()
        self.assertEqual(self.figures(statement), {("income", "HPI4001"): 250})

    def test_a_community_without_project_is_not_prepared(self):
        self.community.analytic_account_id = False
        statement = self.statement()
        with self.assertRaisesRegex(UserError, "property project"):
            statement.action_prepare()

    def test_the_project_manager_signs_off_and_not_an_agent(self):
        statement = self.statement()
        statement.action_prepare()
        statement.action_submit()
        self.assertEqual(statement.state, "pending")
        review = statement.review_ids
        self.assertEqual(review.reviewer_ids, self.project_manager)
        other_agent = new_test_user(
            self.env,
            login="hpi_agent_2",
            groups="helpdesk_property_info.group_cs_agent",
            company_id=self.company.id,
        )
        for user in (self.agent, other_agent, self.leader):
            with self.assertRaises(UserError):
                statement.with_user(user).validate_tier()
        self.assertEqual(statement.state, "pending")
        statement.with_user(self.project_manager).validate_tier()
        self.assertEqual(statement.state, "approved")
        self.assertEqual(statement.approved_by_id, self.project_manager)

    def test_the_project_manager_does_not_sign_off_what_he_prepared(self):
        self.project_manager.group_ids += self.env.ref(
            "helpdesk_property_info.group_cs_agent"
        )
        statement = self.statement()
        statement.with_user(self.project_manager).action_prepare()
        with self.assertRaisesRegex(UserError, "another employee"):
            statement.with_user(self.project_manager).action_submit()

    def test_another_period_is_prepared_again_before_the_sign_off(self):
        statement = self.statement()
        statement.action_prepare()
        statement.date_to = "2031-02-28"
        self.assertFalse(statement.line_ids)
        self.assertFalse(statement.income_total)
        with self.assertRaisesRegex(UserError, "Prepare"):
            statement.action_submit()
        statement.action_prepare()
        self.assertEqual(statement.income_total, 1300)

    def test_an_unprepared_statement_is_not_submitted(self):
        with self.assertRaisesRegex(UserError, "Prepare"):
            self.statement().action_submit()

    def test_posting_before_sign_off_is_refused(self):
        statement = self.statement()
        with self.assertRaisesRegex(UserError, "signed it off"):
            statement.action_post()
        statement.action_prepare()
        statement.action_submit()
        with self.assertRaisesRegex(UserError, "signed it off"):
            statement.action_post()
        self.assertFalse(statement.publication_id)

    def test_signed_off_figures_are_frozen(self):
        statement = self.signed_off()
        line = statement.line_ids[:1]
        with self.assertRaises(UserError):
            statement.write({"date_to": "2031-06-30"})
        with self.assertRaises(UserError):
            statement.write({"community_id": self.community.copy().id})
        with self.assertRaises(AccessError):
            statement.write({"income_total": 1})
        with self.assertRaises(AccessError):
            statement.write({"line_ids": [Command.update(line.id, {"amount": 1})]})
        with self.assertRaises(AccessError):
            statement.write({"line_ids": [Command.create({"kind": "income"})]})
        with self.assertRaises(AccessError):
            line.with_user(self.agent).write({"amount": 1})
        with self.assertRaises(AccessError):
            line.with_user(self.agent).unlink()
        with self.assertRaises(UserError):
            statement.with_user(self.agent).action_prepare()
        with self.assertRaises(UserError):
            statement.with_user(self.manager).unlink()
        statement.invalidate_recordset()
        self.assertEqual(statement.income_total, 1800)
        self.assertEqual(len(statement.line_ids), 3)
        self.assertEqual(statement.date_to, date(2031, 3, 31))

    def test_a_new_entry_does_not_change_a_signed_off_statement(self):
        statement = self.signed_off()
        self.entry(
            "out_invoice", [(self.income_account, 99, {str(self.project.id): 100})]
        )
        statement.invalidate_recordset()
        self.assertEqual(statement.income_total, 1800)

    def test_the_signed_off_statement_is_posted_as_a_notice(self):
        statement = self.signed_off()
        statement.action_post()
        notice = statement.publication_id
        self.assertEqual(notice.kind, "notice")
        self.assertEqual(notice.posting_kind, "fee_statement")
        self.assertEqual(notice.community_id, self.community)
        self.assertIn("1,800", notice.content)
        self.assertEqual(statement.state, "approved")
        # The notice goes through the leaders' approval, then out.
        notice.with_user(self.agent).action_submit()
        with self.assertRaises(UserError):
            notice.with_user(self.agent).action_publish()
        self.approve(notice)
        notice.with_user(self.agent).action_publish()
        self.assertEqual(statement.state, "posted")
        self.assertTrue(statement.posted_date)
        # Posting again opens the same notice.
        statement.action_post()
        self.assertEqual(statement.publication_id, notice)

    def test_the_pdf_is_in_chinese(self):
        self.company_in_chinese()
        statement = self.signed_off()
        text = self.render_pdf_text(
            "helpdesk_property_info.action_report_fee_statement", statement
        )
        self.assertIn("物业费收支公示", text)
        self.assertIn("收入合计", text)


class TestPostingPlan(PostingCase):
    """The year's posting plan (seed 000 八.2.5): a posting due and not
    posted reminds its responsible once; a published notice of a fee
    statement or a price list fulfils it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Plan = cls.env["helpdesk.info.posting.plan"]
        cls.activity_type = cls.env.ref(
            "helpdesk_property_info.mail_activity_posting_due"
        )

    def posting(self, **vals):
        return self.Plan.with_user(self.agent).create(
            {
                "name": "Q1 fee statement",
                "kind": "fee_statement",
                "community_id": self.community.id,
                "date": "2031-04-15",
                "user_id": self.agent.id,
                **vals,
            }
        )

    def run_reminders(self, at):
        cron = self.env.ref("helpdesk_property_info.ir_cron_remind_due_postings")
        with freeze_time(at), self.enter_registry_test_mode():
            cron.method_direct_trigger()
        self.env.invalidate_all()

    def reminders(self, posting):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", posting._name),
                ("res_id", "=", posting.id),
                ("activity_type_id", "=", self.activity_type.id),
            ]
        )

    def test_a_due_posting_reminds_its_responsible_once(self):
        posting = self.posting()
        later = self.posting(name="Q2 fee statement", date="2031-07-15")
        self.run_reminders("2031-04-14 10:00:00")
        self.assertFalse(self.reminders(posting))
        self.run_reminders("2031-04-15 10:00:00")
        self.run_reminders("2031-04-15 10:00:00")
        self.assertEqual(self.reminders(posting).user_id, self.agent)
        self.assertEqual(len(self.reminders(posting)), 1)
        self.assertTrue(posting.reminded_date)
        self.assertFalse(self.reminders(later))
        self.run_reminders("2031-04-20 10:00:00")
        self.assertEqual(len(self.reminders(posting)), 1)

    def test_an_idle_run_costs_one_query(self):
        self.posting(date="2031-12-31")
        self.env.flush_all()
        # Before any posting is due, the demo's included.
        with freeze_time("2020-01-01 10:00:00"), self.assertQueryCount(1):
            self.Plan._cron_remind_due_postings()

    def test_a_posted_posting_does_not_remind(self):
        posting = self.posting(kind="price_list")
        notice = self.community.with_user(self.agent)._draft_price_list()
        notice.action_submit()
        self.approve(notice)
        notice.with_user(self.agent).action_publish()
        self.assertEqual(posting.publication_id, notice)
        self.assertTrue(posting.posted)
        self.run_reminders("2031-04-16 10:00:00")
        self.assertFalse(self.reminders(posting))
        self.assertFalse(posting.reminded_date)

    def test_notices_published_together_fill_the_earliest_postings(self):
        later = self.posting(kind="price_list", date="2031-10-15")
        earlier = self.posting(kind="price_list", date="2031-04-15")
        notices = self.env["helpdesk.info.publication"]
        for _round in range(2):
            notices |= self.community.with_user(self.agent)._draft_price_list()
        self.Plan._link_published(notices)
        self.assertEqual(earlier.publication_id, notices[0])
        self.assertEqual(later.publication_id, notices[1])

    def test_the_reminder_date_is_not_forged(self):
        with self.assertRaises(AccessError):
            self.posting(reminded_date=fields.Datetime.now())
        posting = self.posting()
        with self.assertRaises(AccessError):
            posting.write({"reminded_date": fields.Datetime.now()})
        with self.assertRaises(AccessError):
            self.Plan.with_user(self.agent).with_context(
                default_reminded_date="2031-01-01 00:00:00"
            ).create(
                {
                    "name": "Forged",
                    "community_id": self.community.id,
                    "date": "2031-04-15",
                }
            )


class TestPriceList(PostingCase):
    """The paid-service price list (有偿服务收费标准, seed 003 2.2): a notice
    made from the prices of the Repair Services products."""

    def test_the_price_list_notice_lists_the_repair_products(self):
        category = self.env.ref(
            "helpdesk_property_info.product_category_repair_services"
        )
        self.env["product.product"].create(
            [
                {
                    "name": "Unblock a Drain HPI",
                    "type": "service",
                    "categ_id": category.id,
                    "list_price": 85,
                    "sale_ok": True,
                },
                {
                    "name": "Not for sale HPI",
                    "type": "service",
                    "categ_id": category.id,
                    "list_price": 5,
                    "sale_ok": False,
                },
                {"name": "Office chair HPI", "list_price": 300, "sale_ok": True},
            ]
        )
        action = self.community.with_user(self.agent).action_post_price_list()
        notice = self.Publication.browse(action["res_id"])
        self.assertEqual(notice.posting_kind, "price_list")
        self.assertEqual(notice.state, "draft")
        self.assertIn("Unblock a Drain HPI", notice.content)
        self.assertIn("85", notice.content)
        self.assertNotIn("Not for sale HPI", notice.content)
        self.assertNotIn("Office chair HPI", notice.content)

    def test_a_handler_does_not_post_the_price_list(self):
        with self.assertRaises(AccessError):
            self.community.with_user(self.handler).action_post_price_list()

    def test_the_posting_kind_is_not_forged(self):
        with self.assertRaises(AccessError):
            self.publication(
                kind="notice", community_id=self.community.id, posting_kind="price_list"
            )
