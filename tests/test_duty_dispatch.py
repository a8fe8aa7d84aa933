from datetime import datetime, timedelta

from odoo.tests import freeze_time, new_test_user

from .common import DutyRosterMixin
from .test_repair import RepairCase

# 02:00 in Shanghai on 1 October 2026, National Day.
HOLIDAY_NIGHT = datetime(2026, 9, 30, 18, 0)
# The whole of 1 October in Shanghai.
HOLIDAY_START = datetime(2026, 9, 30, 16, 0)


class TestDutyDispatch(DutyRosterMixin, RepairCase):
    """The emergency repair is on site within 10 minutes at any hour, by
    whoever is on duty: the duty roster's worker on call gets it at once, and
    the community's manager on call hears of a late arrival."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("helpdesk_property_info.ir_cron_watch_repair_arrivals")
        cls.order_type = cls.env.ref(
            "helpdesk_property_info.mail_activity_repair_order"
        )
        cls.late_type = cls.env.ref("helpdesk_property_info.mail_activity_repair_late")
        # Managers on call: internal users, no Customer Service managers.
        cls.on_call, cls.on_call2 = (
            new_test_user(cls.env, login=login, company_id=cls.company.id)
            for login in ("hpi_manager_on_call", "hpi_manager_on_call2")
        )
        cls.garden, cls.garden_unit = cls.community_with_unit("Harmony Garden", "TDD1")
        cls.park, cls.park_unit = cls.community_with_unit("Harmony Park", "TDD2")
        cls.bare, cls.bare_unit = cls.community_with_unit("No Roster", "TDD3")
        # National Day: a worker and a manager on call for each of the two
        # communities, the whole day.
        for community, worker, manager in (
            (cls.garden, cls.worker, cls.on_call),
            (cls.park, cls.other_worker, cls.on_call2),
        ):
            cls.put_on_duty(
                community,
                HOLIDAY_START,
                HOLIDAY_START + timedelta(days=1),
                worker_on_call=worker,
                manager_on_call=manager,
            )

    def reported(self, unit, urgency=None):
        with freeze_time(HOLIDAY_NIGHT):
            return self.repair(
                urgency or self.emergency, intake_date=HOLIDAY_NIGHT, unit_id=unit.id
            )

    def run_watcher(self, at):
        with freeze_time(at), self.enter_registry_test_mode():
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def activities(self, ticket, kind):
        return ticket.activity_ids.filtered(lambda a: a.activity_type_id == kind)

    # ------------------------------------------------------------------
    # Dispatch
    # ------------------------------------------------------------------

    def test_an_emergency_at_two_on_a_holiday_goes_to_the_worker_on_call(self):
        ticket = self.reported(self.garden_unit)
        self.assertEqual(ticket.repair_worker_id, self.worker)
        self.assertEqual(ticket.repair_state, "dispatched")
        self.assertEqual(ticket.repair_dispatch_date, HOLIDAY_NIGHT)
        # As when Customer Service dispatches: the order is on his phone.
        order = self.activities(ticket, self.order_type)
        self.assertEqual(order.user_id, self.worker)
        self.assertIn(self.worker.partner_id, ticket.message_partner_ids)
        # The other community's repair goes to its own worker on call.
        self.assertEqual(
            self.reported(self.park_unit).repair_worker_id, self.other_worker
        )

    def test_an_urgency_raised_to_emergency_is_dispatched_then(self):
        ticket = self.reported(self.garden_unit, self.urgent)
        self.assertFalse(ticket.repair_worker_id)
        self.assertEqual(ticket.repair_state, "new")
        with freeze_time(HOLIDAY_NIGHT + timedelta(minutes=1)):
            ticket.with_user(self.agent).repair_urgency_id = self.emergency
        self.assertEqual(ticket.repair_worker_id, self.worker)
        self.assertEqual(ticket.repair_state, "dispatched")

    def test_a_worker_chosen_by_customer_service_is_kept(self):
        with freeze_time(HOLIDAY_NIGHT):
            ticket = self.repair(
                self.emergency,
                intake_date=HOLIDAY_NIGHT,
                unit_id=self.garden_unit.id,
                repair_worker_id=self.other_worker.id,
            )
        self.assertEqual(ticket.repair_worker_id, self.other_worker)
        self.assertEqual(ticket.repair_state, "new")

    def test_without_a_worker_on_call_the_repair_stays_for_customer_service(self):
        # Nobody on the roster of that community.
        ticket = self.reported(self.bare_unit)
        self.assertFalse(ticket.repair_worker_id)
        self.assertEqual(ticket.repair_state, "new")
        self.assertFalse(self.activities(ticket, self.order_type))
        # Only a manager on call, who is no maintenance worker.
        self.env["helpdesk.info.duty.shift"].search(
            [("community_id", "=", self.park.id), ("role", "=", "worker_on_call")]
        ).unlink()
        ticket = self.reported(self.park_unit)
        self.assertFalse(ticket.repair_worker_id)
        self.assertEqual(ticket.repair_state, "new")

    def test_a_batch_of_repairs_asks_the_roster_once(self):
        vals = [
            self.phone_vals(
                type_id=self.repair_kind.id,
                intake_date=HOLIDAY_NIGHT,
                team_id=self.department.id,
                repair_urgency_id=self.emergency.id,
                unit_id=unit.id,
            )
            for unit in (self.garden_unit, self.park_unit, self.garden_unit)
        ]
        with freeze_time(HOLIDAY_NIGHT), self.recorded_queries() as queries:
            tickets = self.Ticket.with_user(self.agent).create(vals)
        self.assertEqual(len(self.asking_the_roster(queries)), 1)
        self.assertEqual(
            tickets.mapped("repair_worker_id"),
            self.worker | self.other_worker,
        )
        self.assertEqual(set(tickets.mapped("repair_state")), {"dispatched"})

    # ------------------------------------------------------------------
    # Late arrival
    # ------------------------------------------------------------------

    def test_nobody_on_site_at_ten_past_two_alerts_the_manager_on_call(self):
        self.company.partner_id.lang = "en_US"
        ticket = self.reported(self.garden_unit)
        self.run_watcher(HOLIDAY_NIGHT + timedelta(minutes=9))
        self.assertFalse(self.activities(ticket, self.late_type))
        self.run_watcher(HOLIDAY_NIGHT + timedelta(minutes=10))
        alerted = self.activities(ticket, self.late_type).user_id
        self.assertEqual(alerted, self.on_call | self.handler)
        self.assertNotIn(self.manager, alerted)
        self.assertTrue(ticket.repair_late_alerted)
        self.assertIn("Nobody on site", ticket.message_ids[0].body)

    def test_without_a_manager_on_call_the_cs_managers_are_alerted(self):
        ticket = self.reported(self.bare_unit)
        self.assertFalse(ticket.repair_worker_id)
        self.run_watcher(HOLIDAY_NIGHT + timedelta(minutes=10))
        alerted = self.activities(ticket, self.late_type).user_id
        self.assertIn(self.manager, alerted)
        self.assertIn(self.handler, alerted)
        self.assertNotIn(self.on_call, alerted)
        self.assertNotIn(self.on_call2, alerted)

    def test_the_watcher_asks_the_roster_once_per_run(self):
        counts = []
        for units in (
            [self.garden_unit],
            [self.garden_unit, self.park_unit, self.park_unit],
        ):
            tickets = self.Ticket.browse()
            for unit in units:
                tickets |= self.reported(unit)
            with self.recorded_queries() as queries:
                self.run_watcher(HOLIDAY_NIGHT + timedelta(minutes=10))
            counts.append(len(self.asking_the_roster(queries)))
            self.assertTrue(all(tickets.mapped("repair_late_alerted")))
            for ticket in tickets:
                on_call = (
                    self.on_call
                    if ticket.repair_community_id == self.garden
                    else self.on_call2
                )
                self.assertIn(on_call, self.activities(ticket, self.late_type).user_id)
        self.assertEqual(counts, [1, 1])
