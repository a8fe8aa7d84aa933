from odoo.exceptions import AccessError
from odoo.tests import freeze_time
from odoo.tools import mute_logger

from .statistics_common import StatisticsCase, shanghai


class TestReportGuard(StatisticsCase):
    """A report is sent only by mailing it; the scheduled mailing and the
    monthly publication statistics go on past a company that fails."""

    def test_a_report_is_not_marked_sent_by_hand(self):
        Report = self.Report.with_user(self.manager)
        for vals in ({"state": "sent"}, {"sent_date": "2024-03-11 00:00:00"}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                Report.create({"kind": "monthly", "date_from": "2024-04-01", **vals})
        with self.assertRaises(AccessError):
            Report.with_context(
                default_state="sent", default_sent_date="2024-04-01"
            ).create({"kind": "monthly", "date_from": "2024-04-01"})
        report = Report.create({"kind": "monthly", "date_from": "2024-04-01"})
        with self.assertRaises(AccessError):
            report.write({"state": "sent"})
        self.assertRecordValues(report, [{"state": "draft", "sent_date": False}])
        report.action_send()
        self.assertEqual(report.state, "sent")
        self.assertTrue(report.sent_date)

    def broken_company(self):
        broken = self.env["res.company"].create({"name": "Broken Time Zone Co."})
        self.env["res.users"].browse(self.manager.id).company_ids |= broken
        self.env["helpdesk.ticket.team"].create(
            {
                "name": "Broken intake",
                "company_id": broken.id,
                "is_intake_team": True,
                "user_id": self.manager.id,
                "resource_calendar_id": broken.resource_calendar_id.id,
            }
        )
        # Stored by another program: no such time zone.
        self.env.cr.execute(
            "UPDATE resource_calendar SET tz = 'Mars/Olympus' WHERE id = %s",
            [broken.resource_calendar_id.id],
        )
        self.env.invalidate_all()
        return broken

    def test_a_failing_company_does_not_stop_the_mailing(self):
        broken = self.broken_company()
        cron = self.env.ref("helpdesk_property_info.ir_cron_send_weekly_reports")
        with (
            freeze_time(shanghai(2024, 3, 11, 2)),
            self.enter_registry_test_mode(),
            mute_logger(
                "odoo.addons.helpdesk_property_info.models.helpdesk_info_report.helpdesk_info_report"
            ),
        ):
            cron.method_direct_trigger()
        self.env.invalidate_all()
        ours = self.Report.search(
            [
                ("company_id", "=", self.company.id),
                ("kind", "=", "weekly"),
                ("team_id", "=", False),
                ("date_from", "=", "2024-03-04"),
            ]
        )
        self.assertEqual(ours.state, "sent")
        self.assertFalse(self.Report.search([("company_id", "=", broken.id)]))

    def test_a_failing_company_does_not_stop_the_publication_statistics(self):
        self.broken_company()
        team = self.env["helpdesk.ticket.team"]._get_intake_team(self.company)
        with (
            freeze_time("2024-03-05 02:00:00"),
            mute_logger(
                "odoo.addons.helpdesk_property_info.models.helpdesk_info_publication.helpdesk_info_publication"
            ),
        ):
            self.env["helpdesk.info.publication"]._cron_monthly_statistics()
        self.assertEqual(str(team.publication_summary_date), "2024-02-01")
