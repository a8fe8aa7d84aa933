from unittest.mock import patch

from odoo.fields import Date
from odoo.tests import freeze_time, new_test_user
from odoo.tools import mute_logger

from ..models.helpdesk_info_report.helpdesk_info_report import HelpdeskInfoReport
from .statistics_common import StatisticsCase, shanghai


class TestStatisticsCron(StatisticsCase):
    """The weekly report goes to the CS managers and the company leaders every
    Monday and the monthly one to them on the first, for the period that has
    just closed in the company's time zone (Shanghai here), exactly once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.weekly_cron = cls.env.ref(
            "helpdesk_property_info.ir_cron_send_weekly_reports"
        )
        cls.monthly_cron = cls.env.ref(
            "helpdesk_property_info.ir_cron_send_monthly_reports"
        )
        cls.ticket(shanghai(2024, 3, 5), **cls.negative)

    def run_cron(self, cron, at):
        with freeze_time(at), self.enter_registry_test_mode():
            cron.method_direct_trigger()
        self.env.invalidate_all()

    def reports(self, kind, company=None):
        return self.Report.search(
            [
                ("company_id", "=", (company or self.company).id),
                ("team_id", "=", False),
                ("kind", "=", kind),
            ]
        )

    def mails(self, report):
        return report.message_ids.filtered(lambda m: m.message_type == "comment")

    def test_weekly_report_goes_out_on_monday_for_the_week_just_closed_once(self):
        # Sunday 23:00 in Shanghai: the week of 4 March is not over there yet.
        self.run_cron(self.weekly_cron, shanghai(2024, 3, 10, 23, 0))
        self.assertNotIn(
            Date.to_date("2024-03-04"), self.reports("weekly").mapped("date_from")
        )
        # Monday 00:30 in Shanghai (still Sunday in UTC): it is.
        self.run_cron(self.weekly_cron, shanghai(2024, 3, 11, 0, 30))
        report = self.reports("weekly").filtered(
            lambda r: str(r.date_from) == "2024-03-04"
        )
        self.assertRecordValues(
            report,
            [
                {
                    "date_to": Date.to_date("2024-03-10"),
                    "state": "sent",
                }
            ],
        )
        [mail] = self.mails(report)
        self.assertIn(self.manager.partner_id, mail.partner_ids)
        self.assertIn(self.leader.partner_id, mail.partner_ids)
        self.assertNotIn(self.agent.partner_id, mail.partner_ids)
        [attachment] = mail.attachment_ids
        self.assertEqual(attachment.res_id, report.id)
        self.assertTrue(attachment.name.endswith(".pdf"))
        self.assertTrue(
            self.env["mail.mail"].search([("mail_message_id", "=", mail.id)])
        )
        # Later runs the same week find it sent.
        for at in (
            shanghai(2024, 3, 11, 1, 30),
            shanghai(2024, 3, 11, 9),
            shanghai(2024, 3, 14),
        ):
            self.run_cron(self.weekly_cron, at)
        self.assertEqual(
            len(
                self.reports("weekly").filtered(
                    lambda r: str(r.date_from) == "2024-03-04"
                )
            ),
            1,
        )
        self.assertEqual(len(self.mails(report)), 1)
        # The next Monday brings the next week.
        self.run_cron(self.weekly_cron, shanghai(2024, 3, 18, 1))
        self.assertIn(
            Date.to_date("2024-03-11"),
            self.reports("weekly")
            .filtered(lambda r: r.state == "sent")
            .mapped("date_from"),
        )

    def test_monthly_report_goes_to_managers_and_leaders_on_the_first_once(self):
        self.run_cron(self.monthly_cron, shanghai(2024, 4, 1, 0, 30))
        report = self.reports("monthly").filtered(
            lambda r: str(r.date_from) == "2024-03-01"
        )
        self.assertRecordValues(
            report, [{"date_to": Date.to_date("2024-03-31"), "state": "sent"}]
        )
        [mail] = self.mails(report)
        self.assertIn(self.manager.partner_id, mail.partner_ids)
        self.assertIn(self.leader.partner_id, mail.partner_ids)
        for at in (
            shanghai(2024, 4, 1, 6),
            shanghai(2024, 4, 2),
            shanghai(2024, 4, 30, 23),
        ):
            self.run_cron(self.monthly_cron, at)
        self.assertEqual(len(self.mails(report)), 1)
        self.assertEqual(
            self.reports("monthly").mapped("date_from"), [Date.to_date("2024-03-01")]
        )

    def test_an_interrupted_run_resumes_without_mailing_twice(self):
        other = self.env["res.company"].create({"name": "Heping Property"})
        other.resource_calendar_id.tz = "Asia/Shanghai"
        new_test_user(
            self.env,
            login="hpi_manager_2",
            company_id=other.id,
            groups="helpdesk_property_info.group_cs_manager",
        )
        # Exactly two companies to report on, whatever else the database holds.
        extra = self.env["res.company"].search([]) - self.company - other
        managers = self.env.ref("helpdesk_property_info.group_cs_manager").all_user_ids
        for user in managers.filtered(lambda u: u.company_ids & extra):
            user.company_ids -= extra
        send, calls = HelpdeskInfoReport._send, []

        def send_failing_the_second_time(reports):
            calls.append(reports)
            if len(calls) == 2:
                raise ConnectionError("the run dies here")
            return send(reports)

        def week_reports():
            return (self.reports("weekly") | self.reports("weekly", other)).filtered(
                lambda r: str(r.date_from) == "2024-03-04"
            )

        at = shanghai(2024, 3, 11, 2)
        with (
            patch.object(HelpdeskInfoReport, "_send", send_failing_the_second_time),
            mute_logger("odoo.addons.base.models.ir_cron"),
        ):
            self.run_cron(self.weekly_cron, at)
            self.run_cron(self.weekly_cron, at)
        # The scheduler resumed the job after the failure: the report that
        # failed was tried again, the one already sent was not.
        tried = [self.Report.browse(reports.ids) for reports in calls]
        self.assertEqual(len(tried), 3)
        self.assertEqual(tried[2], tried[1])
        self.assertEqual(week_reports(), tried[0] | tried[1])
        self.assertEqual(week_reports().mapped("state"), ["sent", "sent"])
        self.assertEqual([len(self.mails(report)) for report in week_reports()], [1, 1])

    def test_a_company_without_cs_manager_gets_no_report(self):
        other = self.env["res.company"].create({"name": "No Managers Ltd"})
        self.run_cron(self.weekly_cron, shanghai(2024, 3, 11, 2))
        self.assertFalse(self.reports("weekly", other))

    def test_sending_by_hand_then_by_the_cron_mails_once(self):
        report = self.report(date_from="2024-03-04")
        report.with_user(self.manager).action_send()
        self.run_cron(self.weekly_cron, shanghai(2024, 3, 11, 2))
        self.assertEqual(len(self.mails(report)), 1)
        self.assertEqual(
            self.reports("weekly").filtered(lambda r: str(r.date_from) == "2024-03-04"),
            report,
        )
