from datetime import datetime, timedelta

from odoo import sql_db
from odoo.tests import HttpCase, tagged

from odoo.addons.base.models.ir_cron import IrCron

from .common import WatcherCase
from .statistics_common import StatisticsCase, shanghai
from .test_units import UnitsCase

# Monday 5 January 2026, 10:00 in Shanghai; the reply is due soon at 06:00
# the next morning (UTC 22:00).
INTAKE = datetime(2026, 1, 5, 2, 0)
DUE_SOON = "2026-01-05 22:30:00"
REPORT = "helpdesk_property_info.action_report_info_statistics"


class RegisterCase(UnitsCase):
    """An owner of unit 3-2-501 of Sunny Garden, in the owners' register."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Log = cls.env["helpdesk.info.personal.data.log"]
        cls.occupancy = cls.env["helpdesk.info.unit.occupancy"].create(
            {"unit_id": cls.unit.id, "partner_id": cls.owner.id, "relation": "owner"}
        )
        cls.community.owner_ids = cls.owner

    def register_reads(self, user):
        return self.Log.search(
            [("user_id", "=", user.id), ("action", "=", "register_read")]
        )


class TestReadsOnTheReplica(RegisterCase):
    """Reads served by a read-only replica (``--db_replica_host``) that log
    who read the owners' register write the log on the primary."""

    def read_only_env(self, cr):
        # As the server serves a read-only request: a cursor of the replica
        # (in tests, the test transaction made read-only).
        self.assertTrue(cr.readonly)
        return self.env(cr=cr, user=self.leader)

    def test_a_register_read_on_the_replica_is_logged_on_the_primary(self):
        self.registry_enter_test_mode()
        with self.registry.cursor(readonly=True) as replica:
            env = self.read_only_env(replica)
            values = (
                env["helpdesk.info.community"]
                .browse(self.community.id)
                .read(["owner_ids"])
            )
            self.assertEqual(values[0]["owner_ids"], self.owner.ids)
        logs = self.register_reads(self.leader)
        self.assertEqual(len(logs), 1)
        self.assertEqual(logs.res_model, "helpdesk.info.community")
        self.assertEqual(logs.res_ids, str(self.community.id))
        self.assertEqual(logs.field_names, "owner_ids")

    def test_the_visits_list_and_its_groups_on_the_replica_are_logged(self):
        visit = self.env["helpdesk.info.visit"].create(
            {"unit_id": self.occupancy.unit_id.id, "partner_id": self.owner.id}
        )
        self.registry_enter_test_mode()
        with self.registry.cursor(readonly=True) as replica:
            Visit = self.read_only_env(replica)["helpdesk.info.visit"]
            page = Visit.web_search_read(
                [("id", "=", visit.id)],
                {
                    "partner_id": {"fields": {"display_name": {}}},
                    "unit_id": {"fields": {"display_name": {}}},
                },
            )
            # Masked for the leader, as on the primary.
            record = page["records"][0]
            self.assertEqual(record["partner_id"]["display_name"], "O*********")
            self.assertEqual(record["unit_id"]["display_name"], "Sunny Garden 3-2-5**")
            Visit.formatted_read_group([], ["unit_id"], ["__count"])
        logs = self.register_reads(self.leader)
        self.assertEqual(len(logs), 2)
        self.assertEqual(set(logs.mapped("res_model")), {"helpdesk.info.visit"})

    def test_customer_service_reads_on_the_replica_write_nothing(self):
        self.registry_enter_test_mode()
        with self.registry.cursor(readonly=True) as replica:
            env = self.env(cr=replica, user=self.agent)
            env["helpdesk.info.community"].browse(self.community.id).read(["owner_ids"])
        self.assertFalse(self.register_reads(self.agent))


@tagged("post_install", "-at_install")
class TestReadsOverJson2(HttpCase, RegisterCase):
    """Over HTTP, ``read`` is a read-only request (the JSON-2 route serves
    ``@api.readonly`` methods on the replica): the register read is logged
    without the request failing over to a read/write cursor."""

    def test_a_register_read_over_json2_stays_read_only_and_is_logged(self):
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.leader)
            .sudo()
            ._generate("rpc", "replica", datetime.now() + timedelta(days=1))
        )
        with self.assertNoLogs("odoo.http", "WARNING"):
            response = self.url_open(
                "/json/2/helpdesk.info.community/read",
                json={"ids": self.community.ids, "fields": ["owner_ids"]},
                headers={"Authorization": f"bearer {key}"},
                method="POST",
            )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()[0]["owner_ids"], self.owner.ids)
        self.assertEqual(len(self.register_reads(self.leader)), 1)


class TestTwoCronRunners(WatcherCase):
    """Several Odoo servers may run the scheduled actions (each with
    ``--max-cron-threads``): a watcher still runs once at a time, and a
    second run right after the first finds nothing left to do."""

    def test_a_watcher_running_on_one_server_is_skipped_by_the_other(self):
        # Two cron runners on their own connections, as two servers have.
        first = sql_db.db_connect(self.env.cr.dbname).cursor()
        second = sql_db.db_connect(self.env.cr.dbname).cursor()
        try:
            job = IrCron._acquire_one_job(first, self.cron.id, include_not_ready=True)
            self.assertEqual(job["id"], self.cron.id)
            # While the first runs it, the second does not get the job.
            self.assertIsNone(
                IrCron._acquire_one_job(second, self.cron.id, include_not_ready=True)
            )
            first.rollback()
            # Once the first is done, the job is free again.
            again = IrCron._acquire_one_job(
                second, self.cron.id, include_not_ready=True
            )
            self.assertEqual(again["id"], self.cron.id)
        finally:
            first.close()
            second.close()

    def test_two_runs_in_a_row_warn_each_ticket_once(self):
        tickets = self.Ticket.create(
            [
                self.phone_vals(intake_date=INTAKE, user_id=self.agent.id)
                for _ in range(3)
            ]
        )
        self.run_watcher(DUE_SOON)  # the first server's cron runner
        self.run_watcher(DUE_SOON)  # the second's, at the same minute
        for ticket in tickets:
            self.assertEqual(
                len(self.activities(ticket, "mail_activity_reply_due_soon")), 1
            )


class TestReportsOnTheReplica(StatisticsCase):
    """The reports are printed through a read-only route (``/report/pdf``):
    on the replica, they must write nothing."""

    def test_the_statistics_report_renders_on_a_read_only_cursor(self):
        ticket = self.ticket(shanghai(2024, 3, 5), **self.negative)
        report = self.report()
        self.env.flush_all()  # committed, as the replica would have it
        self.registry_enter_test_mode()
        with self.registry.cursor(readonly=True) as replica:
            self.assertTrue(replica.readonly)
            env = self.env(cr=replica, user=self.leader)
            html, _kind = env["ir.actions.report"]._render_qweb_html(REPORT, report.ids)
        # The figures, and the overdue ticket listed.
        self.assertIn("Weekly Information Report", html.decode())
        self.assertIn(ticket.number, html.decode())
