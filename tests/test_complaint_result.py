from datetime import datetime

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time

from .common import PropertyInfoCase

REPORT = "helpdesk_property_info.action_report_acceptance_reply"
# Monday 5 January 2026, 10:00 in Shanghai; the standard calendar's working
# day ends at 17:00 there (09:00 UTC).
MONDAY_10 = datetime(2026, 1, 5, 2, 0)
MONDAY_END = datetime(2026, 1, 5, 9, 0)


class ResultCase(PropertyInfoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complaint_type = cls.env.ref("helpdesk_property_info.ticket_type_complaint")
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.manager2 = cls.manager.copy(
            {"login": "hpi_manager_2", "name": "Second Manager"}
        )
        cls.cron = cls.env.ref("helpdesk_property_info.ir_cron_watch_result_replies")

    def complaint(self, **overrides):
        vals = self.phone_vals(
            type_id=self.complaint_type.id,
            team_id=self.cs_team.id,
            intake_date=MONDAY_10,
            contact_name="李先生",
            room_number="3-2-501",
            name="楼上漏水",
            matter="卫生间天花板渗水",
        )
        vals.update(overrides)
        return self.Ticket.create(vals)

    def result(self, ticket, user=None, text="已更换楼上防水层，渗水已停止。"):
        return (
            self.env["helpdesk.ticket.result"]
            .with_user(user or self.handler)
            .create({"ticket_id": ticket.id, "result": text})
        )

    def approved(self, ticket, at=MONDAY_10):
        result = self.result(ticket, user=self.agent)
        with freeze_time(at):
            result.with_user(self.agent).action_submit()
            result.with_user(self.manager).validate_tier()
        return result


class TestResultApproval(ResultCase):
    """Seed 001 §7: the manager agrees to the handling result before the
    complaint is closed, and the customer hears it that working day."""

    def test_the_manager_approves_a_result_the_handler_submits(self):
        ticket = self.complaint(team_id=self.department.id)
        result = self.result(ticket)
        self.assertEqual(result.handler_id, self.handler)
        self.assertEqual(ticket.result_state, "draft")
        with freeze_time(MONDAY_10):
            result.with_user(self.handler).action_submit()
        self.assertEqual(result.state, "pending")
        self.assertEqual(result.review_ids.reviewer_ids & self.manager, self.manager)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            result.with_user(self.handler).write({"result": "Changed after asking"})
        with freeze_time(MONDAY_10):
            result.with_user(self.manager).validate_tier()
        self.assertRecordValues(
            result,
            [
                {
                    "state": "approved",
                    "approved_by_id": self.manager.id,
                    "approved_date": MONDAY_10,
                    "reply_deadline": MONDAY_END,
                }
            ],
        )
        self.assertEqual(ticket.result_state, "approved")

    def test_the_handler_who_asked_never_approves(self):
        ticket = self.complaint()
        result = self.result(ticket, user=self.manager)
        result.with_user(self.manager).action_submit()
        with self.assertRaises(UserError), self.env.cr.savepoint():
            result.with_user(self.manager).validate_tier()
        self.assertEqual(result.state, "pending")
        result.with_user(self.manager2).validate_tier()
        self.assertEqual(result.approved_by_id, self.manager2)

    def test_a_handler_or_agent_does_not_approve(self):
        result = self.result(self.complaint(), user=self.agent)
        result.with_user(self.agent).action_submit()
        with self.assertRaises(UserError), self.env.cr.savepoint():
            result.with_user(self.handler).validate_tier()
        self.assertEqual(result.state, "pending")

    def test_a_rejection_sends_the_result_back(self):
        result = self.result(self.complaint(), user=self.agent)
        result.with_user(self.agent).action_submit()
        action = result.with_user(self.manager).reject_tier()
        self.env[action["res_model"]].with_user(self.manager).with_context(
            **action["context"]
        ).create({"comment": "Ask the contractor for a written promise."}).add_comment()
        self.assertEqual(result.state, "rejected")
        self.assertIn("written promise", result.rejection_reason)
        result.with_user(self.agent).write({"result": "施工单位书面承诺夜间停工。"})
        result.with_user(self.agent).action_submit()
        self.assertEqual(result.state, "pending")

    def test_approval_after_hours_is_replied_by_the_next_working_day(self):
        # Monday 18:00 in Shanghai: after hours, the reply is due Tuesday 17:00.
        result = self.approved(self.complaint(), at=datetime(2026, 1, 5, 10, 0))
        self.assertEqual(result.reply_deadline, datetime(2026, 1, 6, 9, 0))
        # Saturday: Monday's end.
        other = self.approved(self.complaint(), at=datetime(2026, 1, 10, 2, 0))
        self.assertEqual(other.reply_deadline, datetime(2026, 1, 12, 9, 0))

    def test_guarded_fields_are_not_written(self):
        result = self.result(self.complaint(), user=self.agent)
        for vals in (
            {"state": "approved"},
            {"approved_by_id": self.manager.id},
            {"handler_id": self.manager.id},
            {"replied_date": "2026-01-05 03:00:00"},
        ):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                result.with_user(self.agent).write(vals)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.env["helpdesk.ticket.result"].with_user(self.agent).create(
                {"ticket_id": self.complaint().id, "result": "x", "state": "approved"}
            )
        self.assertEqual(result.state, "draft")

    def test_only_complaints_have_a_result(self):
        ticket = self.Ticket.create(self.phone_vals())
        with self.assertRaises(ValidationError):
            self.result(ticket, user=self.agent)

    def test_a_handler_writes_results_of_his_teams_complaints_only(self):
        with self.assertRaises(AccessError):
            self.result(self.complaint(team_id=self.cs_team.id), user=self.handler)

    def test_one_result_per_complaint(self):
        ticket = self.complaint()
        self.result(ticket, user=self.agent)
        with self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.result(ticket, user=self.agent)
            self.env.flush_all()


class TestComplaintClosing(ResultCase):
    def test_a_complaint_is_closed_only_once_its_result_is_approved(self):
        ticket = self.complaint()
        with self.assertRaises(UserError), self.env.cr.savepoint():
            ticket.with_user(self.agent).write({"stage_id": self.done.id})
        result = self.result(ticket, user=self.agent)
        result.with_user(self.agent).action_submit()
        with self.assertRaises(UserError), self.env.cr.savepoint():
            ticket.with_user(self.agent).write({"stage_id": self.done.id})
        self.assertFalse(ticket.closed)
        result.with_user(self.manager).validate_tier()
        ticket.with_user(self.agent).write({"stage_id": self.done.id})
        self.assertTrue(ticket.closed)

    def test_the_superuser_of_a_route_meets_the_gate_too(self):
        # helpdesk_mgmt's portal route closes a customer's ticket as superuser.
        ticket = self.complaint()
        with self.assertRaises(UserError), self.env.cr.savepoint():
            ticket.sudo().write({"stage_id": self.done.id})
        # An install or update loading data files is not stopped.
        ticket.sudo().with_context(install_mode=True).write({"stage_id": self.done.id})
        self.assertTrue(ticket.closed)

    def test_a_complaint_is_not_created_closed(self):
        with self.assertRaises(UserError):
            self.Ticket.with_user(self.agent).create(
                self.phone_vals(type_id=self.complaint_type.id, stage_id=self.done.id)
            )

    def test_other_kinds_close_without_a_result(self):
        ticket = self.Ticket.create(self.phone_vals())
        ticket.with_user(self.agent).write({"stage_id": self.done.id})
        self.assertTrue(ticket.closed)

    def test_the_ticket_form_opens_the_result(self):
        ticket = self.complaint()
        action = ticket.with_user(self.agent).action_open_result()
        self.assertEqual(action["context"]["default_ticket_id"], ticket.id)
        with Form(
            self.env["helpdesk.ticket.result"]
            .with_user(self.agent)
            .with_context(**action["context"])
        ) as form:
            form.result = "已处理"
        self.assertEqual(ticket.result_ids.handler_id, self.agent)


class TestResultReplyWatcher(ResultCase):
    def run_watcher(self, at):
        with freeze_time(at), self.enter_registry_test_mode():
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def activities(self, ticket, xmlid):
        kind = self.env.ref(f"helpdesk_property_info.{xmlid}")
        return ticket.activity_ids.filtered(lambda a: a.activity_type_id == kind)

    def test_the_same_day_reply_is_warned_then_escalated_once(self):
        ticket = self.complaint()
        ticket.with_user(self.agent).action_record_reply(
            "phone"
        )  # the first reply, on time
        result = self.approved(ticket)
        # General level: warned four hours before 17:00.
        self.assertEqual(result.reply_next_check, datetime(2026, 1, 5, 5, 0))
        self.run_watcher("2026-01-05 04:00:00")
        self.assertFalse(self.activities(ticket, "mail_activity_reply_due_soon"))
        self.run_watcher("2026-01-05 05:30:00")
        self.assertEqual(
            self.activities(ticket, "mail_activity_reply_due_soon").user_id, self.agent
        )
        self.assertEqual(result.reply_state, "due_soon")
        self.run_watcher("2026-01-05 09:05:00")
        overdue = self.activities(ticket, "mail_activity_reply_overdue")
        self.assertIn(self.manager, overdue.user_id)
        self.assertEqual(result.reply_state, "overdue")
        self.assertFalse(result.reply_next_check)
        count = len(overdue)
        self.run_watcher("2026-01-05 12:00:00")
        self.assertEqual(
            len(self.activities(ticket, "mail_activity_reply_overdue")), count
        )
        self.assertEqual(
            len(self.activities(ticket, "mail_activity_reply_due_soon")), 1
        )

    def test_a_result_replied_that_day_is_on_time_and_left_alone(self):
        ticket = self.complaint()
        result = self.approved(ticket)
        with freeze_time("2026-01-05 08:00:00"):
            result.with_user(self.agent).action_record_reply("form")
        self.assertEqual(result.reply_state, "on_time")
        self.assertFalse(result.reply_next_check)
        self.run_watcher("2026-01-05 10:00:00")
        self.assertFalse(self.activities(ticket, "mail_activity_reply_overdue"))
        with self.assertRaises(UserError):
            result.with_user(self.agent).action_record_reply("phone")

    def test_an_unapproved_result_is_not_replied(self):
        result = self.result(self.complaint(), user=self.agent)
        with self.assertRaises(UserError):
            result.with_user(self.agent).action_record_reply("phone")
        self.assertFalse(result.reply_next_check)

    def test_an_idle_check_costs_one_query(self):
        self.approved(self.complaint(), at=datetime(2026, 2, 2, 2, 0))
        Result = self.env["helpdesk.ticket.result"]
        with freeze_time("2026-01-05 03:00:00"):
            Result.flush_model()
            with self.recorded_queries() as queries:
                Result._watch_result_replies()
        self.assertEqual(len(queries), 1)
        self.assertIn("reply_next_check", queries[0])

    def test_due_results_are_found_through_a_partial_index(self):
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'helpdesk_ticket_result'"
            " AND indexdef LIKE '%reply_next_check%'"
        )
        [definition] = [row[0] for row in self.env.cr.fetchall()]
        self.assertIn("WHERE (reply_next_check IS NOT NULL)", definition)


class TestAcceptanceReplyForm(ResultCase):
    def setUp(self):
        super().setUp()
        self.handler.name = "王经办"
        self.manager.name = "张经理"
        self.ticket = self.complaint(
            contact_phone="13812345678", team_id=self.department.id
        )
        self.result_ = self.result(
            self.ticket, user=self.handler, text="已更换楼上防水层，渗水已停止。"
        )
        with freeze_time(MONDAY_10):
            self.result_.with_user(self.handler).action_submit()
            self.result_.with_user(self.manager).validate_tier()
        with freeze_time("2026-01-05 06:30:00"):
            self.result_.with_user(self.agent).action_record_reply("phone")

    def test_the_form_is_a_pdf(self):
        self.company_in_chinese()
        text = self.render_pdf_text(REPORT, self.result_)
        self.assertIn("受理回复表", text)
        self.assertIn(self.ticket.number, text)

    def test_the_form_in_chinese_shows_the_result(self):
        self.company_in_chinese()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(REPORT, self.result_.ids)[0]
            .decode()
        )
        for label in (
            "受理回复表",
            "客户",
            "房号",
            "联系电话",
            "受理时间",
            "事由",
            "处理结果",
            "处理人",
            "批准人",
            "审批时间",
            "答复方式",
            "答复时间",
            "客户签字",
            "客服签字",
            "日期",
        ):
            self.assertIn(label, html)
        for value in (
            "祥和物业服务有限公司",
            self.ticket.number,
            "李先生",
            "3-2-501",
            "+8613812345678",
            "楼上漏水",
            "卫生间天花板渗水",
            "已更换楼上防水层，渗水已停止。",
            "王经办",
            "张经理",
            "2026-01-05 10:00",
            "2026-01-05 14:30",
            "电话",
        ):
            self.assertIn(value, html)
        self.assertNotIn("Acceptance and Reply Form", html)


class TestLegalAdviceGate(PropertyInfoCase):
    """Seed 000 §10: a possible litigation waits for legal counsel's advice
    before it is closed or answered by phone or in person."""

    def legal_ticket(self):
        return self.Ticket.create(self.phone_vals(litigation_risk=True))

    def test_no_phone_reply_before_the_advice(self):
        ticket = self.legal_ticket()
        with (
            self.assertRaisesRegex(UserError, "legal counsel"),
            self.env.cr.savepoint(),
        ):
            ticket.with_user(self.agent).action_record_reply("phone")
        wizard = (
            self.env["helpdesk.ticket.record.wizard"]
            .with_user(self.agent)
            .create(
                {"ticket_id": ticket.id, "kind": "reply", "reply_method": "in_person"}
            )
        )
        with self.assertRaises(UserError), self.env.cr.savepoint():
            wizard.action_record()
        self.assertFalse(ticket.replied_date)
        ticket.with_user(self.counsel).action_record_counsel_advice(
            "Do not admit fault."
        )
        ticket.with_user(self.agent).action_record_reply("phone")
        self.assertEqual(ticket.reply_method, "phone")

    def test_not_closed_before_the_advice(self):
        ticket = self.legal_ticket()
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        with (
            self.assertRaisesRegex(UserError, "legal counsel"),
            self.env.cr.savepoint(),
        ):
            ticket.with_user(self.agent).write({"stage_id": done.id})
        self.assertFalse(ticket.closed)
        ticket.with_user(self.counsel).action_record_counsel_advice("Settle amicably.")
        ticket.with_user(self.agent).write({"stage_id": done.id})
        self.assertTrue(ticket.closed)


class TestImportantComplaintFrozen(ResultCase):
    """Whatever the closing rule of a complaint reads is frozen with it: an
    important complaint keeps its kind, grade and importance, so that it does
    not close without an approved handling result."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_kind = cls.env.ref("helpdesk_property_info.ticket_type_other")
        cls.minor = cls.env.ref("helpdesk_property_info.complaint_grade_minor")
        cls.important = cls.env.ref("helpdesk_property_info.complaint_grade_important")

    def test_a_handler_neither_reclassifies_nor_closes_an_important_complaint(self):
        ticket = self.complaint(team_id=self.department.id, importance="important")
        as_handler = ticket.with_user(self.handler)
        for vals in (
            {"type_id": self.other_kind.id},
            {"importance": "general"},
            {"complaint_grade_id": self.minor.id},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(UserError, "is an important complaint"),
            ):
                as_handler.write(vals)
        for vals in (
            {"stage_id": self.done.id},
            {"type_id": self.other_kind.id, "stage_id": self.done.id},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(UserError, "approves the handling result"),
            ):
                as_handler.write(vals)
        self.assertEqual(ticket.type_id, self.complaint_type)
        self.assertEqual(ticket.importance, "important")
        self.assertFalse(ticket.closed)

    def test_an_important_grade_freezes_the_kind(self):
        ticket = self.complaint(
            team_id=self.department.id, complaint_grade_id=self.important.id
        )
        with self.assertRaisesRegex(UserError, "is an important complaint"):
            ticket.with_user(self.agent).write({"type_id": self.other_kind.id})
        self.assertEqual(ticket.complaint_grade_id, self.important)

    def test_a_customer_service_manager_still_reclassifies_it(self):
        ticket = self.complaint(team_id=self.department.id, importance="important")
        ticket.with_user(self.manager).write({"complaint_grade_id": self.minor.id})
        ticket.with_user(self.manager).write({"type_id": self.other_kind.id})
        self.assertFalse(ticket.result_approval_required)

    def test_a_general_complaint_is_reclassified_by_its_handler(self):
        ticket = self.complaint(team_id=self.department.id)
        ticket.with_user(self.handler).write({"type_id": self.other_kind.id})
        self.assertEqual(ticket.type_id, self.other_kind)

    def test_an_agent_records_an_important_complaint_at_once(self):
        """Nothing is frozen when a ticket is created with its values."""
        ticket = self.Ticket.with_user(self.agent).create(
            self.phone_vals(
                type_id=self.complaint_type.id,
                importance="important",
                complaint_grade_id=self.important.id,
                intake_date=MONDAY_10,
            )
        )
        self.assertTrue(ticket._is_important_complaint())
