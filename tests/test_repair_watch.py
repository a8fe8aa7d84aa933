from datetime import datetime

from odoo.tests import freeze_time

from .test_repair import RepairCase


class TestRepairArrivalWatch(RepairCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("helpdesk_property_info.ir_cron_watch_repair_arrivals")

    def run_watcher(self, at):
        with freeze_time(at), self.enter_registry_test_mode():
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def late_alerts(self, ticket):
        kind = self.env.ref("helpdesk_property_info.mail_activity_repair_late")
        return ticket.activity_ids.filtered(lambda a: a.activity_type_id == kind)

    def triggers(self):
        return (
            self.env["ir.cron.trigger"]
            .search([("cron_id", "=", self.cron.id)])
            .mapped("call_at")
        )

    def test_emergency_reported_at_ten_is_alerted_at_ten_past(self):
        # The job writes the chatter in the company's language: English here.
        self.company.partner_id.lang = "en_US"
        with freeze_time(REPORTED_AT):
            ticket = self.dispatched(self.emergency)
        # The watcher is scheduled at the deadline itself, not at its next hourly run.
        self.assertIn(datetime(2026, 1, 5, 2, 10), self.triggers())
        self.run_watcher("2026-01-05 02:09:30")
        self.assertFalse(self.late_alerts(ticket))
        self.run_watcher("2026-01-05 02:10:00")
        alerts = self.late_alerts(ticket)
        self.assertIn(self.handler, alerts.user_id)  # the repair team's leader
        self.assertIn(self.manager, alerts.user_id)
        self.assertNotIn(self.worker, alerts.user_id)
        self.assertTrue(ticket.repair_late_alerted)
        self.assertFalse(ticket.repair_next_check)
        self.assertIn("Nobody on site", ticket.message_ids[0].body)
        # Once: the next runs leave it alone.
        self.run_watcher("2026-01-05 02:30:00")
        self.assertEqual(self.late_alerts(ticket), alerts)

    def test_a_worker_on_site_in_time_is_never_alerted(self):
        with freeze_time(REPORTED_AT):
            ticket = self.dispatched(self.emergency)
        with freeze_time("2026-01-05 02:09:00"):
            ticket.with_user(self.worker).action_repair_arrive()
        self.run_watcher("2026-01-05 02:10:00")
        self.assertFalse(self.late_alerts(ticket))
        self.assertFalse(ticket.repair_late_alerted)

    def test_a_new_appointment_moves_the_trigger(self):
        with freeze_time(REPORTED_AT):
            ticket = self.repair(self.ordinary)
            ticket.with_user(self.agent).appointment_date = datetime(2026, 1, 5, 7, 0)
        self.assertIn(datetime(2026, 1, 5, 7, 0), self.triggers())
        self.run_watcher("2026-01-05 06:59:00")
        self.assertFalse(self.late_alerts(ticket))
        self.run_watcher("2026-01-05 07:00:00")
        self.assertTrue(self.late_alerts(ticket))

    def test_an_idle_run_costs_one_query(self):
        with freeze_time(REPORTED_AT):
            self.dispatched(self.emergency)
        self.env.flush_all()
        queries = []
        with freeze_time("2026-01-05 02:05:00"):
            for _ in self._patchExecute(queries):
                self.Ticket._cron_watch_repair_arrivals()
        self.assertEqual(len(queries), 1, queries)


REPORTED_AT = "2026-01-05 02:00:00"
