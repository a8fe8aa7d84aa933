from odoo.fields import Date
from odoo.tests import freeze_time

from .statistics_common import StatisticsCase, shanghai


class TestStatisticsQuarterly(StatisticsCase):
    """The quarterly report (季报, seed 003's communication plan) next to the
    weekly and monthly ones: January to March, April to June, July to
    September, October to December, in the company's time zone, sent to the
    CS managers and the leaders once, on the first day of the next quarter."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("helpdesk_property_info.ir_cron_send_quarterly_reports")
        cls.ticket(shanghai(2024, 2, 5), **cls.negative)

    def run_cron(self, at):
        with freeze_time(at), self.enter_registry_test_mode():
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def quarterly(self):
        return self.Report.search(
            [
                ("company_id", "=", self.company.id),
                ("team_id", "=", False),
                ("kind", "=", "quarterly"),
            ]
        )

    def test_a_quarter_runs_from_its_first_to_its_last_day(self):
        bounds = self.Report._period_bounds
        for day, first, last in (
            ("2024-01-01", "2024-01-01", "2024-03-31"),
            ("2024-02-29", "2024-01-01", "2024-03-31"),
            ("2024-05-31", "2024-04-01", "2024-06-30"),
            ("2024-09-30", "2024-07-01", "2024-09-30"),
            ("2024-12-31", "2024-10-01", "2024-12-31"),
        ):
            with self.subTest(day=day):
                self.assertEqual(
                    bounds("quarterly", Date.to_date(day)),
                    (Date.to_date(first), Date.to_date(last)),
                )
        report = self.report("quarterly", "2024-02-14")
        self.assertRecordValues(
            report,
            [
                {
                    "date_from": Date.to_date("2024-01-01"),
                    "date_to": Date.to_date("2024-03-31"),
                }
            ],
        )
        self.assertEqual(
            report._previous_period(),
            (Date.to_date("2023-10-01"), Date.to_date("2023-12-31")),
        )
        self.assertEqual(report._get_report_figures()["total"], 1)
        self.assertIn(self.leader.partner_id, report.recipient_ids)

    def test_a_quarter_is_sent_once_when_it_has_closed_in_local_time(self):
        # 31 March 23:30 in Shanghai: the first quarter is not over there yet.
        self.run_cron(shanghai(2024, 3, 31, 23, 30))
        self.assertNotIn(
            Date.to_date("2024-01-01"), self.quarterly().mapped("date_from")
        )
        # 1 April 00:30 in Shanghai (still 31 March in UTC): it is.
        self.run_cron(shanghai(2024, 4, 1, 0, 30))
        report = self.quarterly().filtered(lambda r: str(r.date_from) == "2024-01-01")
        self.assertRecordValues(
            report,
            [
                {
                    "date_from": Date.to_date("2024-01-01"),
                    "date_to": Date.to_date("2024-03-31"),
                    "state": "sent",
                }
            ],
        )
        [mail] = report.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertIn(self.manager.partner_id, mail.partner_ids)
        self.assertIn(self.leader.partner_id, mail.partner_ids)
        self.assertTrue(mail.attachment_ids.name.endswith(".pdf"))
        for at in (
            shanghai(2024, 4, 1, 9),
            shanghai(2024, 5, 15),
            shanghai(2024, 6, 30, 23),
        ):
            self.run_cron(at)
        self.assertEqual(
            len(self.quarterly().filtered(lambda r: str(r.date_from) == "2024-01-01")),
            1,
        )
        self.assertEqual(
            len(report.message_ids.filtered(lambda m: m.message_type == "comment")), 1
        )
        # The next quarter comes on 1 July.
        self.assertNotIn(
            Date.to_date("2024-04-01"), self.quarterly().mapped("date_from")
        )
        self.run_cron(shanghai(2024, 7, 1, 1))
        self.assertIn(
            Date.to_date("2024-04-01"),
            self.quarterly().filtered(lambda r: r.state == "sent").mapped("date_from"),
        )
