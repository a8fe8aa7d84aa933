from contextlib import contextmanager
from datetime import date, datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time

from .common import WatcherCase

# Friday 6 March 2026, 16:00 in Shanghai (08:00 UTC): one working day of the
# standard calendar (8 hours, 08:00-17:00 with a lunch break) later is Monday
# 9 March, 16:00 in Shanghai.
CLOSED_AT = "2026-03-06 08:00:00"
DUE = datetime(2026, 3, 9, 8, 0)


class ReturnVisitCase(WatcherCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("helpdesk_property_info.ir_cron_watch_return_visits")
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.open_stage = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")

    def closed_ticket(self, at=CLOSED_AT, **overrides):
        ticket = self.Ticket.create(self.phone_vals(**overrides))
        with freeze_time(at):
            ticket.stage_id = self.done
        return ticket

    def alerts(self, ticket):
        return self.activities(ticket, "mail_activity_return_visit_overdue")


class TestReturnVisitWatch(ReturnVisitCase):
    """A return visit not recorded one working day after closing alerts the
    Customer Service managers when nobody is on duty (test_duty_alerts.py),
    once; visits are scheduled by hand too."""

    def test_closing_sets_the_visit_due_one_working_day_later(self):
        ticket = self.closed_ticket()
        self.assertRecordValues(
            ticket,
            [
                {
                    "return_visit_due_date": DUE,
                    "return_visit_next_check": DUE,
                    "return_visit_state": "pending",
                }
            ],
        )

    def test_an_unrecorded_visit_alerts_the_cs_managers_once(self):
        ticket = self.closed_ticket()
        self.run_watcher("2026-03-09 07:59:00")
        self.assertFalse(self.alerts(ticket))
        self.run_watcher("2026-03-09 08:05:00")
        alert = self.alerts(ticket)
        self.assertIn(self.manager, alert.user_id)
        self.assertNotIn(self.agent, alert.user_id)
        self.assertIn(self.manager.partner_id, ticket.message_ids[0].partner_ids)
        self.assertRecordValues(
            ticket,
            [{"return_visit_state": "overdue", "return_visit_next_check": False}],
        )
        count = len(alert)
        self.run_watcher("2026-03-10 08:05:00")
        self.assertEqual(len(self.alerts(ticket)), count)

    def test_a_visit_recorded_in_time_is_left_alone(self):
        ticket = self.closed_ticket()
        with freeze_time("2026-03-09 02:00:00"):
            ticket.action_record_return_visit("yes", "5")
        self.assertFalse(ticket.return_visit_next_check)
        self.run_watcher("2026-03-10 08:05:00")
        self.assertFalse(self.alerts(ticket))
        self.assertEqual(ticket.return_visit_state, "on_time")

    def test_a_late_visit_counts_as_late(self):
        ticket = self.closed_ticket()
        self.run_watcher("2026-03-09 09:00:00")
        with freeze_time("2026-03-10 02:00:00"):
            ticket.action_record_return_visit("yes", "4")
        self.assertEqual(ticket.return_visit_state, "late")

    def test_reopening_lifts_the_visit_until_closed_again(self):
        ticket = self.closed_ticket()
        ticket.stage_id = self.open_stage
        self.assertFalse(ticket.return_visit_next_check)
        self.run_watcher("2026-03-10 08:05:00")
        self.assertFalse(self.alerts(ticket))

    def test_the_watcher_fields_are_written_by_the_server_only(self):
        ticket = self.closed_ticket()
        with self.assertRaises(AccessError):
            ticket.with_user(self.manager).write({"return_visit_alerted": True})
        with self.assertRaises(AccessError):
            ticket.with_user(self.manager).write({"return_visit_due_date": False})

    @contextmanager
    def recorded_queries(self):
        queries = []
        yield from self._patchExecute(queries)

    def test_an_idle_run_costs_one_query(self):
        self.closed_ticket()
        self.run_watcher("2026-03-06 09:00:00")
        with self.recorded_queries() as queries:
            self.run_watcher("2026-03-06 09:00:00")
        watcher = [q for q in queries if "helpdesk_ticket" in q]
        self.assertEqual(len(watcher), 1, watcher)
        self.assertIn("return_visit_next_check", watcher[0])

    def test_due_visits_are_found_through_a_partial_index(self):
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'helpdesk_ticket'"
            " AND indexdef LIKE '%return_visit_next_check%'"
        )
        [definition] = [row[0] for row in self.env.cr.fetchall()]
        self.assertIn("WHERE (return_visit_next_check IS NOT NULL)", definition)

    @freeze_time("2026-03-06 02:00:00")
    def test_a_visit_is_scheduled_by_hand_on_an_open_ticket(self):
        ticket = self.Ticket.create(self.phone_vals())
        ticket.with_user(self.agent).action_schedule_return_visit(
            date(2026, 3, 10), self.agent, "After the pipe burst rescue"
        )
        kind = self.env.ref("helpdesk_property_info.mail_activity_return_visit")
        visit = ticket.activity_ids.filtered(lambda a: a.activity_type_id == kind)
        self.assertRecordValues(
            visit, [{"user_id": self.agent.id, "date_deadline": date(2026, 3, 10)}]
        )
        # Due by the end of that day in Shanghai.
        self.assertEqual(ticket.return_visit_due_date, datetime(2026, 3, 10, 16, 0))
        self.assertTrue(ticket.return_visit_manual)
        ticket.with_user(self.agent).action_record_return_visit("yes", "5")
        self.assertEqual(ticket.return_visit_state, "on_time")

    @freeze_time("2026-03-06 02:00:00")
    def test_scheduling_by_hand_checks_its_input(self):
        ticket = self.Ticket.create(self.phone_vals())
        with self.assertRaises(UserError):
            ticket.action_schedule_return_visit(date(2026, 3, 1), self.agent)
        with self.assertRaises(AccessError):
            ticket.with_user(self.handler).action_schedule_return_visit(
                date(2026, 3, 10), self.agent
            )
        portal = self.env["res.users"].create(
            {
                "name": "Owner",
                "login": "hpi_visit_owner",
                "group_ids": [(6, 0, self.env.ref("base.group_portal").ids)],
            }
        )
        with self.assertRaises(UserError):
            ticket.action_schedule_return_visit(date(2026, 3, 10), portal)

    @freeze_time("2026-03-06 02:00:00")
    def test_the_wizard_schedules_the_visit(self):
        ticket = self.Ticket.create(self.phone_vals())
        action = ticket.with_user(self.agent).action_open_schedule_return_visit_wizard()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.agent)
            .with_context(**action["context"])
            .create({"date": "2026-03-07", "user_id": self.manager.id})
        )
        wizard.action_schedule()
        self.assertTrue(ticket.return_visit_manual)
        self.assertEqual(ticket.return_visit_due_date, datetime(2026, 3, 7, 16, 0))
