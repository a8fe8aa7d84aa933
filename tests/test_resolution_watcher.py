from datetime import timedelta

from odoo.tests import freeze_time

from .common import WatcherCase
from .statistics_common import shanghai

# Monday 5 January 2026, 10:00 in Shanghai: the general level resolves in three
# working days, by Thursday 10:00; warned four hours before.
INTAKE = shanghai(2026, 1, 5, 10)
RESOLVE = shanghai(2026, 1, 8, 10)


class TestResolutionWatcher(WatcherCase):
    """The resolution deadline is watched like the reply: warned once before,
    escalated once when it passes, to the leaders too for a major complaint;
    the ticket's resolution state says whether it was closed in time."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")

    def ticket(self, replied=True, **overrides):
        vals = self.phone_vals(
            intake_date=INTAKE, user_id=self.agent.id, team_id=self.cs_team.id
        )
        vals.update(overrides)
        with freeze_time(INTAKE):
            ticket = self.Ticket.create(vals)
        if replied:
            with freeze_time(INTAKE + timedelta(hours=1)):
                ticket.action_record_reply("phone")
        return ticket

    def test_the_next_check_covers_both_deadlines(self):
        ticket = self.ticket(replied=False)
        # Reply due Tuesday 10:00, warned at 06:00.
        self.assertEqual(ticket.deadline_next_check, shanghai(2026, 1, 6, 6))
        with freeze_time(INTAKE + timedelta(hours=1)):
            ticket.action_record_reply("phone")
        self.assertEqual(ticket.deadline_next_check, RESOLVE - timedelta(hours=4))

    def test_resolution_due_soon_warns_the_assignee_once(self):
        ticket = self.ticket()
        self.run_watcher(shanghai(2026, 1, 8, 5))
        self.assertFalse(self.activities(ticket, "mail_activity_resolve_due_soon"))
        self.run_watcher(shanghai(2026, 1, 8, 6, 30))
        warning = self.activities(ticket, "mail_activity_resolve_due_soon")
        self.assertEqual(warning.user_id, self.agent)
        self.assertEqual(ticket.resolve_state, "pending")
        self.assertEqual(ticket.deadline_next_check, RESOLVE)
        self.run_watcher(shanghai(2026, 1, 8, 7))
        self.assertEqual(
            len(self.activities(ticket, "mail_activity_resolve_due_soon")), 1
        )
        self.assertFalse(self.activities(ticket, "mail_activity_reply_due_soon"))

    def test_resolution_overdue_escalates_once(self):
        ticket = self.ticket()
        self.run_watcher(shanghai(2026, 1, 8, 10, 5))
        overdue = self.activities(ticket, "mail_activity_resolve_overdue")
        self.assertIn(self.manager, overdue.user_id)
        self.assertNotIn(self.leader, overdue.user_id)
        self.assertEqual(ticket.resolve_state, "overdue")
        self.assertFalse(ticket.deadline_next_check)
        count = len(overdue)
        self.run_watcher(shanghai(2026, 1, 9, 10))
        self.assertEqual(
            len(self.activities(ticket, "mail_activity_resolve_overdue")), count
        )

    def test_a_major_complaint_s_overdue_resolution_reaches_the_leaders(self):
        ticket = self.ticket(
            type_id=self.env.ref("helpdesk_property_info.ticket_type_complaint").id,
            complaint_grade_id=self.env.ref(
                "helpdesk_property_info.complaint_grade_major"
            ).id,
            level_id=self.level_major.id,
        )
        self.assertEqual(ticket.resolve_deadline, INTAKE + timedelta(days=15))
        self.run_watcher(INTAKE + timedelta(days=15, minutes=5))
        self.assertIn(
            self.leader,
            self.activities(ticket, "mail_activity_resolve_overdue").user_id,
        )
        self.assertEqual(ticket.resolve_state, "overdue")

    def test_closing_in_time_resolves_on_time_and_stops_the_watch(self):
        ticket = self.ticket()
        with freeze_time(shanghai(2026, 1, 7, 9)):
            ticket.stage_id = self.done
        self.assertEqual(ticket.resolve_state, "on_time")
        self.assertFalse(ticket.deadline_next_check)
        self.run_watcher(shanghai(2026, 1, 9, 10))
        self.assertFalse(self.activities(ticket, "mail_activity_resolve_overdue"))

    def test_closing_after_the_deadline_resolves_late(self):
        ticket = self.ticket()
        with freeze_time(shanghai(2026, 1, 9, 9)):
            ticket.stage_id = self.done
        self.assertEqual(ticket.resolve_state, "late")

    def test_an_idle_run_costs_one_query(self):
        self.ticket()
        self.ticket(replied=False)
        self.env.flush_all()
        with freeze_time(shanghai(2026, 1, 5, 12)), self.assertQueryCount(1):
            self.Ticket._cron_watch_deadlines()
