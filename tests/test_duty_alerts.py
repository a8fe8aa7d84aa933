from datetime import datetime, timedelta

from odoo.tests import freeze_time, new_test_user

from .common import DutyRosterMixin, WatcherCase
from .test_complaint_result import ResultCase
from .test_patrol import MORNING, PatrolCase
from .test_return_visit_watch import ReturnVisitCase

# Monday 5 January 2026, 10:00 in Shanghai: the reply is due a day later,
# the resolution three working days later (Thursday 8 January, 10:00).
INTAKE = datetime(2026, 1, 5, 2, 0)
# The roster of the tests: the whole week.
WEEK_START = datetime(2026, 1, 4, 16, 0)
WEEK_STOP = datetime(2026, 1, 11, 16, 0)


class OnDutyMixin(DutyRosterMixin):
    @classmethod
    def staff(cls, community, start=WEEK_START, stop=WEEK_STOP):
        """Put a Customer Service agent at the desk of ``community`` and a
        manager on call who is no Customer Service manager, from ``start`` to
        ``stop``: (desk, on_call)."""
        desk = new_test_user(
            cls.env,
            login=f"hpi_desk_{community.id}",
            groups="helpdesk_property_info.group_cs_agent",
            company_id=cls.company.id,
        )
        on_call = new_test_user(
            cls.env, login=f"hpi_on_call_{community.id}", company_id=cls.company.id
        )
        cls.put_on_duty(community, start, stop, cs_desk=desk, manager_on_call=on_call)
        return desk, on_call

    @classmethod
    def staffed_community(cls, name, code, *period):
        """(community, unit, desk, on_call)"""
        community, unit = cls.community_with_unit(name, code)
        return (community, unit, *cls.staff(community, *period))


class TestDeadlineAlertsOnDuty(OnDutyMixin, WatcherCase):
    """Overdue replies and resolutions reach the people on duty for the
    community at that minute, not the Customer Service managers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.garden, cls.garden_unit, cls.desk, cls.on_call = cls.staffed_community(
            "Duty Garden", "DAG"
        )
        cls.park, cls.park_unit, cls.desk2, cls.on_call2 = cls.staffed_community(
            "Duty Park", "DAP"
        )
        cls.bare, cls.bare_unit = cls.community_with_unit("No Roster", "DAB")
        cls.department.user_id = cls.handler

    def ticket(self, unit, **overrides):
        vals = self.phone_vals(
            intake_date=INTAKE,
            team_id=self.department.id,
            user_id=self.handler.id,
            unit_id=unit.id,
        )
        vals.update(overrides)
        return self.Ticket.create(vals)

    def test_an_overdue_reply_reaches_the_desk_and_the_manager_on_call(self):
        ticket = self.ticket(self.garden_unit)
        self.run_watcher("2026-01-06 02:05:00")
        alerted = self.activities(ticket, "mail_activity_reply_overdue").user_id
        self.assertEqual(alerted, self.handler | self.desk | self.on_call)
        self.assertNotIn(self.manager, alerted)

    def test_an_overdue_resolution_reaches_the_manager_on_call(self):
        ticket = self.ticket(self.garden_unit)
        with freeze_time(INTAKE + timedelta(hours=1)):
            ticket.with_user(self.handler).action_record_reply("phone")
        self.run_watcher("2026-01-08 02:05:00")
        alerted = self.activities(ticket, "mail_activity_resolve_overdue").user_id
        self.assertEqual(alerted, self.handler | self.on_call)

    def test_outside_the_roster_the_cs_managers_hear(self):
        ticket = self.ticket(self.bare_unit)
        self.run_watcher("2026-01-06 02:05:00")
        alerted = self.activities(ticket, "mail_activity_reply_overdue").user_id
        self.assertIn(self.manager, alerted)
        self.assertFalse(alerted & (self.desk | self.on_call))
        # Nor does a shift that has ended answer: the week is over.
        late = self.ticket(self.garden_unit, intake_date=datetime(2026, 1, 12, 2, 0))
        self.run_watcher("2026-01-13 02:05:00")
        alerted = self.activities(late, "mail_activity_reply_overdue").user_id
        self.assertIn(self.manager, alerted)
        self.assertNotIn(self.on_call, alerted)

    def test_a_batch_asks_the_roster_once(self):
        tickets = (
            self.ticket(self.garden_unit)
            | self.ticket(self.park_unit)
            | self.ticket(self.bare_unit)
            | self.ticket(self.park_unit)
        )
        with self.recorded_queries() as queries:
            self.run_watcher("2026-01-06 02:05:00")
        self.assertEqual(len(self.asking_the_roster(queries)), 1)
        by_ticket = [
            self.activities(t, "mail_activity_reply_overdue").user_id for t in tickets
        ]
        self.assertIn(self.on_call, by_ticket[0])
        self.assertIn(self.on_call2, by_ticket[1])
        self.assertIn(self.manager, by_ticket[2])
        self.assertEqual(by_ticket[3], self.handler | self.desk2 | self.on_call2)


class TestReturnVisitAlertsOnDuty(OnDutyMixin, ReturnVisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Monday 9 March 2026, the day the visits below fall due.
        cls.garden, cls.garden_unit, cls.desk, cls.on_call = cls.staffed_community(
            "Visit Garden",
            "DVG",
            datetime(2026, 3, 8, 16, 0),
            datetime(2026, 3, 9, 16, 0),
        )

    def test_an_overdue_visit_reaches_the_desk_and_the_manager_on_call(self):
        on_duty = self.closed_ticket(unit_id=self.garden_unit.id)
        elsewhere = self.closed_ticket()
        with self.recorded_queries() as queries:
            self.run_watcher("2026-03-09 08:05:00")
        self.assertEqual(len(self.asking_the_roster(queries)), 1)
        self.assertEqual(self.alerts(on_duty).user_id, self.desk | self.on_call)
        self.assertEqual(
            on_duty.message_ids[0].partner_ids,
            (self.desk | self.on_call).partner_id,
        )
        self.assertIn(self.manager, self.alerts(elsewhere).user_id)
        self.assertTrue(on_duty.return_visit_alerted)


class TestResultAlertsOnDuty(OnDutyMixin, ResultCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.garden, cls.garden_unit, cls.desk, cls.on_call = cls.staffed_community(
            "Result Garden", "DRG"
        )

    def run_watcher(self, at):
        with freeze_time(at), self.enter_registry_test_mode():
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def test_an_unreplied_result_reaches_the_manager_on_call(self):
        ticket = self.complaint(unit_id=self.garden_unit.id, user_id=self.agent.id)
        ticket.with_user(self.agent).action_record_reply("phone")
        self.approved(ticket)
        self.run_watcher("2026-01-05 05:30:00")
        kind = self.env.ref("helpdesk_property_info.mail_activity_reply_due_soon")
        soon = ticket.activity_ids.filtered(lambda a: a.activity_type_id == kind)
        self.assertEqual(soon.user_id, self.agent)
        self.run_watcher("2026-01-05 09:05:00")
        kind = self.env.ref("helpdesk_property_info.mail_activity_reply_overdue")
        overdue = ticket.activity_ids.filtered(lambda a: a.activity_type_id == kind)
        self.assertEqual(overdue.user_id, self.agent | self.on_call)
        self.assertEqual(ticket.result_ids.reply_state, "overdue")


class TestPatrolAlertsOnDuty(OnDutyMixin, PatrolCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desk, cls.on_call = cls.staff(cls.community)

    def activities(self, patrol, xmlid):
        kind = self.env.ref(f"helpdesk_property_info.{xmlid}")
        return patrol.activity_ids.filtered(lambda a: a.activity_type_id == kind)

    def test_a_problem_without_ticket_reaches_the_people_on_duty(self):
        with freeze_time("2026-01-05 02:00:00"):
            patrol = self.started_patrol()
            self.record_problem(patrol)
        cron = self.env.ref("helpdesk_property_info.ir_cron_watch_patrol_findings")
        with freeze_time("2026-01-05 02:30:00"), self.enter_registry_test_mode():
            cron.method_direct_trigger()
        self.env.invalidate_all()
        alerted = self.activities(patrol, "mail_activity_patrol_finding_late").user_id
        self.assertEqual(alerted, self.agent | self.desk | self.on_call)

    def test_a_day_without_a_patrol_done_reaches_the_manager_on_call(self):
        with freeze_time("2026-01-04 01:00:00"):
            self.Patrol._cron_daily_patrols()  # Sunday's patrol, never walked
        with freeze_time(MORNING):
            self.Patrol._cron_daily_patrols()
        today = self.Patrol.search(
            [("community_id", "=", self.community.id), ("date", "=", "2026-01-05")]
        )
        alerted = self.activities(today, "mail_activity_patrol_missed").user_id
        self.assertEqual(alerted, self.on_call)
