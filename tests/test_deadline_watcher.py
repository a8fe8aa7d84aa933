from datetime import datetime

from odoo.tests import freeze_time

from .common import WatcherCase

# Monday 5 January 2026, 10:00 in Shanghai: one working day later is Tuesday 10:00.
INTAKE = datetime(2026, 1, 5, 2, 0)
DEADLINE = datetime(2026, 1, 6, 2, 0)
# The general level resolves in three working days (Thursday 10:00), warned
# four hours before: the watcher's next check once the reply is done with.
RESOLVE_WARNING = datetime(2026, 1, 7, 22, 0)


class TestDeadlineWatcher(WatcherCase):
    def ticket(self, **overrides):
        vals = self.phone_vals(intake_date=INTAKE, user_id=self.agent.id)
        vals.update(overrides)
        return self.Ticket.create(vals)

    def test_nothing_happens_before_the_warning_threshold(self):
        ticket = self.ticket()
        self.run_watcher("2026-01-05 20:00:00")
        self.assertFalse(ticket.activity_ids)
        self.assertEqual(ticket.reply_state, "pending")

    def test_due_soon_warns_the_assignee_once(self):
        ticket = self.ticket()
        self.assertEqual(ticket.deadline_next_check, datetime(2026, 1, 5, 22, 0))
        self.run_watcher("2026-01-05 22:30:00")
        warning = self.activities(ticket, "mail_activity_reply_due_soon")
        self.assertEqual(warning.user_id, self.agent)
        self.assertEqual(ticket.reply_state, "due_soon")
        self.assertEqual(ticket.deadline_next_check, DEADLINE)
        self.run_watcher("2026-01-05 23:00:00")
        self.assertEqual(
            len(self.activities(ticket, "mail_activity_reply_due_soon")), 1
        )

    def test_overdue_escalates_to_team_leader_and_cs_managers_once(self):
        ticket = self.ticket(team_id=self.department.id, user_id=self.handler.id)
        self.department.user_id = self.handler
        self.run_watcher("2026-01-06 02:05:00")
        overdue = self.activities(ticket, "mail_activity_reply_overdue")
        self.assertIn(self.handler, overdue.user_id)
        self.assertIn(self.manager, overdue.user_id)
        self.assertNotIn(self.leader, overdue.user_id)
        self.assertEqual(ticket.reply_state, "overdue")
        self.assertEqual(ticket.deadline_next_check, RESOLVE_WARNING)
        count = len(overdue)
        self.run_watcher("2026-01-06 05:00:00")
        self.assertEqual(
            len(self.activities(ticket, "mail_activity_reply_overdue")), count
        )

    def test_overdue_major_problem_also_reaches_the_leaders(self):
        ticket = self.ticket(level_id=self.level_major.id)
        self.run_watcher("2026-01-09 03:00:00")
        self.assertIn(
            self.leader, self.activities(ticket, "mail_activity_reply_overdue").user_id
        )

    def test_a_replied_ticket_is_left_alone(self):
        ticket = self.ticket()
        with freeze_time("2026-01-05 03:00:00"):
            ticket.action_record_reply("in_person")
        self.assertEqual(ticket.deadline_next_check, RESOLVE_WARNING)
        self.run_watcher("2026-01-07 00:00:00")
        self.assertFalse(ticket.activity_ids)
        self.assertEqual(ticket.reply_state, "on_time")

    def test_an_interrupted_run_resumes_without_repeating(self):
        tickets = self.Ticket.browse()
        for _ in range(5):
            tickets |= self.ticket()
        # A run that died after handling two tickets: they were committed.
        with freeze_time("2026-01-06 03:00:00"):
            tickets[:2]._watch_deadlines()
        self.run_watcher("2026-01-06 03:01:00")
        self.run_watcher("2026-01-06 03:02:00")
        for ticket in tickets:
            self.assertEqual(ticket.reply_state, "overdue")
            self.assertEqual(
                len(self.activities(ticket, "mail_activity_reply_overdue")),
                len(self.activities(tickets[0], "mail_activity_reply_overdue")),
            )
        self.assertFalse(
            self.Ticket.search(
                [
                    ("id", "in", tickets.ids),
                    ("deadline_next_check", "!=", RESOLVE_WARNING),
                ]
            )
        )

    def test_a_new_deadline_gets_its_own_warnings(self):
        ticket = self.ticket()
        self.run_watcher("2026-01-05 22:30:00")
        with freeze_time("2026-01-05 23:00:00"):
            ticket.level_id = self.level_complex
            self.assertEqual(ticket.reply_state, "pending")
        self.run_watcher("2026-01-06 22:30:00")
        self.assertEqual(
            len(self.activities(ticket, "mail_activity_reply_due_soon")), 2
        )

    def test_a_run_costs_the_same_whatever_is_not_due(self):
        self.ticket()
        self.run_watcher("2026-01-05 03:00:00")
        counts = []
        for extra in (0, 30):
            self.Ticket.create(
                [self.phone_vals(intake_date=datetime(2026, 2, 2, 2, 0))] * extra
            )
            with self.recorded_queries() as queries:
                self.run_watcher("2026-01-05 03:00:00")
            counts.append(len(queries))
        self.assertEqual(counts[0], counts[1])

    def test_due_tickets_are_found_through_a_partial_index(self):
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'helpdesk_ticket'"
            " AND indexdef LIKE '%deadline_next_check%'"
        )
        [definition] = [row[0] for row in self.env.cr.fetchall()]
        self.assertIn("WHERE (deadline_next_check IS NOT NULL)", definition)

    def test_a_failing_ticket_does_not_stop_the_others(self):
        broken_level = self.level_general.copy({"code": "broken", "name": "Broken"})
        first, broken, last = (
            self.ticket(),
            self.ticket(level_id=broken_level.id),
            self.ticket(),
        )
        # A warning time no date arithmetic can hold, as a bad import or a
        # manual database fix leaves it: computing its warning raises.
        self.env.cr.execute(
            "UPDATE helpdesk_info_level SET due_soon_hours = 1e12 WHERE id = %s",
            [broken_level.id],
        )
        self.env.invalidate_all()
        with self.assertLogs(
            "odoo.addons.helpdesk_property_info.models.helpdesk_info_watcher_mixin",
            level="ERROR",
        ) as logs:
            self.run_watcher("2026-01-05 22:30:00")
        self.assertIn(f"ticket {broken.id} failed", logs.output[0])
        for ticket in (first, last):
            self.assertEqual(
                len(self.activities(ticket, "mail_activity_reply_due_soon")), 1
            )
            self.assertEqual(ticket.deadline_next_check, DEADLINE)
        self.assertFalse(broken.activity_ids)
        self.assertEqual(broken.deadline_next_check, datetime(2026, 1, 5, 22, 0))
