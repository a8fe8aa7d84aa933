from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, new_test_user

from .common import PropertyInfoCase
from .statistics_common import shanghai

# Monday 5 January 2026, 10:00 in Shanghai; the calendar works 08:00-12:00
# and 13:00-17:00, eight hours a day. Replies count the service centre's
# hours, round the clock: a day is 24 hours.
INTAKE = shanghai(2026, 1, 5, 10)


@freeze_time("2026-01-05 02:00:00")
class TestComplaintGrade(PropertyInfoCase):
    """Complaint grades of seed 001 §4 next to the problem levels: the
    earlier deadline binds, the ticket says which, and the binding rule's
    group approves extensions."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complaint = cls.env.ref("helpdesk_property_info.ticket_type_complaint")
        cls.inquiry = cls.env.ref("helpdesk_property_info.ticket_type_inquiry")
        cls.minor = cls.env.ref("helpdesk_property_info.complaint_grade_minor")
        cls.important = cls.env.ref("helpdesk_property_info.complaint_grade_important")
        cls.major = cls.env.ref("helpdesk_property_info.complaint_grade_major")
        cls.management = new_test_user(
            cls.env,
            login="hpi_management",
            company_id=cls.company.id,
            groups="helpdesk_property_info.group_management_manager",
        )

    def complaint_ticket(self, grade, level=None, **overrides):
        vals = self.phone_vals(
            intake_date=INTAKE,
            type_id=self.complaint.id,
            complaint_grade_id=grade.id,
            level_id=(level or self.level_general).id,
            team_id=self.cs_team.id,
        )
        vals.update(overrides)
        return self.Ticket.create(vals)

    # ------------------------------------------------------------------
    # Deadlines
    # ------------------------------------------------------------------

    def test_minor_complaint_is_due_within_half_a_day_of_the_service_centre(self):
        ticket = self.complaint_ticket(self.minor)
        # Twelve of the service centre's hours, staffed round the clock.
        self.assertEqual(ticket.reply_deadline, shanghai(2026, 1, 5, 22))
        self.assertEqual(ticket.reply_deadline_source, "grade")
        # Finished (处理完毕) within half a day too, not the level's 3 days.
        self.assertEqual(ticket.resolve_deadline, shanghai(2026, 1, 5, 22))
        self.assertEqual(ticket.resolve_deadline_source, "grade")

    def test_important_complaint_is_finished_within_a_day(self):
        ticket = self.complaint_ticket(self.important)
        self.assertEqual(ticket.reply_deadline, shanghai(2026, 1, 6, 10))
        self.assertEqual(ticket.resolve_deadline, shanghai(2026, 1, 6, 10))
        self.assertEqual(ticket.resolve_deadline_source, "grade")

    def test_minor_complaint_is_due_at_the_customer_s_time(self):
        ticket = self.complaint_ticket(
            self.minor, customer_requested_date=shanghai(2026, 1, 5, 11, 30)
        )
        self.assertEqual(ticket.reply_deadline, shanghai(2026, 1, 5, 11, 30))
        self.assertEqual(ticket.reply_deadline_source, "grade")

    def test_the_customer_s_time_is_capped_at_half_a_day(self):
        ticket = self.complaint_ticket(
            self.minor, customer_requested_date=shanghai(2026, 1, 6, 9)
        )
        self.assertEqual(ticket.reply_deadline, shanghai(2026, 1, 5, 22))
        ticket.customer_requested_date = shanghai(2026, 1, 5, 14)
        self.assertEqual(ticket.reply_deadline, shanghai(2026, 1, 5, 14))

    def test_the_customer_s_time_counts_for_the_minor_grade_only(self):
        ticket = self.complaint_ticket(
            self.important, customer_requested_date=shanghai(2026, 1, 5, 11)
        )
        self.assertEqual(ticket.reply_deadline, shanghai(2026, 1, 6, 10))

    def test_the_customer_s_time_is_not_before_the_intake(self):
        with self.assertRaises(ValidationError):
            self.complaint_ticket(
                self.minor, customer_requested_date=shanghai(2026, 1, 5, 9)
            )

    def test_important_complaint_is_due_within_one_working_day(self):
        ticket = self.complaint_ticket(self.important)
        self.assertEqual(ticket.reply_deadline, shanghai(2026, 1, 6, 10))
        # Same deadline as the general level's: the grade, more specific, binds.
        self.assertEqual(ticket.reply_deadline_source, "grade")

    def test_major_complaint_replies_in_two_working_days_and_resolves_in_fifteen_days(
        self,
    ):
        ticket = self.complaint_ticket(self.major, level=self.level_major)
        self.assertEqual(ticket.reply_deadline, shanghai(2026, 1, 7, 10))
        self.assertEqual(ticket.reply_deadline_source, "grade")
        self.assertEqual(ticket.resolve_deadline, INTAKE + timedelta(days=15))
        self.assertEqual(ticket.resolve_deadline_source, "grade")

    def test_the_grade_s_resolution_binds_over_a_longer_level(self):
        slow = self.level_general.copy(
            {
                "code": "slow",
                "name": "Slow",
                "resolve_allowance": 30,
                "resolve_basis": "calendar",
            }
        )
        ticket = self.complaint_ticket(self.major, level=slow)
        self.assertEqual(ticket.resolve_deadline, INTAKE + timedelta(days=15))
        self.assertEqual(ticket.resolve_deadline_source, "grade")

    def test_the_earlier_deadline_binds_and_is_shown(self):
        # General level: reply in 1 day, earlier than the major grade's 2;
        # resolution in 3 working days, earlier than 15 days.
        ticket = self.complaint_ticket(self.major)
        self.assertEqual(ticket.reply_deadline, shanghai(2026, 1, 6, 10))
        self.assertEqual(ticket.reply_deadline_source, "level")
        self.assertEqual(ticket.resolve_deadline, shanghai(2026, 1, 8, 10))
        self.assertEqual(ticket.resolve_deadline_source, "level")
        ticket.complaint_grade_id = self.minor
        self.assertEqual(ticket.reply_deadline, shanghai(2026, 1, 5, 22))
        self.assertEqual(ticket.reply_deadline_source, "grade")

    def test_a_ticket_without_grade_follows_its_level(self):
        ticket = self.complaint_ticket(self.minor, complaint_grade_id=False)
        self.assertEqual(ticket.reply_deadline, shanghai(2026, 1, 6, 10))
        self.assertEqual(ticket.reply_deadline_source, "level")

    # ------------------------------------------------------------------
    # Complaints only
    # ------------------------------------------------------------------

    def test_only_complaints_have_a_grade(self):
        with self.assertRaises(ValidationError):
            self.complaint_ticket(self.minor, type_id=self.inquiry.id)

    def test_another_kind_drops_the_grade(self):
        ticket = self.complaint_ticket(self.minor)
        ticket.type_id = self.inquiry
        self.assertFalse(ticket.complaint_grade_id)
        self.assertEqual(ticket.reply_deadline_source, "level")
        self.assertEqual(ticket.reply_deadline, shanghai(2026, 1, 6, 10))

    # ------------------------------------------------------------------
    # Leaders' opinion on a major complaint
    # ------------------------------------------------------------------

    def test_a_major_complaint_waits_for_the_leaders_opinion(self):
        ticket = self.complaint_ticket(self.major)
        self.assertTrue(ticket.awaiting_leader_opinion)
        self.assertTrue(ticket.escalated)
        activity = self.env.ref("helpdesk_property_info.mail_activity_leader_opinion")
        self.assertIn(
            self.leader,
            ticket.activity_ids.filtered(
                lambda a: a.activity_type_id == activity
            ).user_id,
        )
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        with self.assertRaises(UserError):
            ticket.stage_id = done
        ticket.with_user(self.leader).action_record_leader_opinion(
            "Repair at our cost."
        )
        self.assertFalse(ticket.awaiting_leader_opinion)
        self.approve_results(ticket)
        ticket.stage_id = done
        self.assertTrue(ticket.closed)

    def test_a_minor_complaint_needs_no_opinion(self):
        ticket = self.complaint_ticket(self.minor)
        self.assertFalse(ticket.awaiting_leader_opinion)
        self.assertFalse(ticket.escalated)

    def test_only_a_leader_lowers_a_major_complaint(self):
        ticket = self.complaint_ticket(self.major)
        for vals in (
            {"complaint_grade_id": self.minor.id},
            {"type_id": self.inquiry.id},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(UserError, "is a major complaint"),
            ):
                ticket.with_user(self.agent).write(vals)
        self.assertEqual(ticket.complaint_grade_id, self.major)
        ticket.with_user(self.leader).write({"complaint_grade_id": self.minor.id})
        self.assertFalse(ticket.awaiting_leader_opinion)

    def test_the_derived_fields_are_written_by_the_server_only(self):
        ticket = self.complaint_ticket(self.minor)
        for vals in (
            {"reply_deadline_source": "level"},
            {"resolve_deadline_source": "grade"},
            {"resolve_state": "on_time"},
            {"resolve_alert": "overdue"},
            {"resolve_alert_deadline": "2099-01-01 00:00:00"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                ticket.with_user(self.manager).write(vals)

    # ------------------------------------------------------------------
    # Extensions approved by the binding rule's group
    # ------------------------------------------------------------------

    def request_extension(self, ticket, kind="reply"):
        return (
            self.env["helpdesk.ticket.deadline.extension"]
            .with_user(self.agent)
            .create(
                {
                    "ticket_id": ticket.id,
                    "deadline_type": kind,
                    "new_deadline": ticket[f"{kind}_deadline"] + timedelta(days=1),
                    "reason": "The customer is away until tomorrow.",
                }
            )
        )

    def test_a_minor_complaint_s_extension_is_approved_by_the_supervising_manager(self):
        request = self.request_extension(self.complaint_ticket(self.minor))
        self.assertEqual(
            request.approver_group_id,
            self.env.ref("helpdesk_property_info.group_cs_manager"),
        )

    def test_an_important_complaint_s_extension_is_approved_by_the_management_manager(
        self,
    ):
        ticket = self.complaint_ticket(self.important)
        request = self.request_extension(ticket)
        group = self.env.ref("helpdesk_property_info.group_management_manager")
        self.assertEqual(request.approver_group_id, group)
        with self.assertRaises(AccessError):
            request.with_user(self.manager).action_approve()
        request.with_user(self.management).action_approve()
        self.assertEqual(ticket.reply_deadline, shanghai(2026, 1, 7, 10))

    def test_the_level_s_group_approves_when_the_level_binds(self):
        ticket = self.complaint_ticket(self.major)
        self.assertEqual(ticket.reply_deadline_source, "level")
        request = self.request_extension(ticket)
        self.assertEqual(
            request.approver_group_id, self.level_general.extension_group_id
        )
        slow = self.level_general.copy(
            {
                "code": "slow",
                "name": "Slow",
                "resolve_allowance": 30,
                "resolve_basis": "calendar",
            }
        )
        request = self.request_extension(
            self.complaint_ticket(self.major, level=slow), "resolve"
        )
        self.assertEqual(
            request.approver_group_id,
            self.env.ref("helpdesk_property_info.group_company_leader"),
        )
