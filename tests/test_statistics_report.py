from psycopg2.errors import UniqueViolation

from odoo.exceptions import AccessError, UserError
from odoo.fields import Date
from odoo.tests import freeze_time
from odoo.tools import mute_logger

from .statistics_common import StatisticsCase, shanghai


@freeze_time("2024-04-15 02:00:00")
class TestStatisticsReport(StatisticsCase):
    """The figures of the weekly and monthly reports (§6, §9): the week of
    Monday 4 March 2024 in Shanghai time, the month of March 2024."""

    def test_a_period_is_known_by_its_first_day_in_the_report_time_zone(self):
        weekly = self.report(date_from="2024-03-06")
        monthly = self.report("monthly", "2024-03-19")
        self.assertEqual(
            self.Report.create({"kind": "monthly"}).date_from,
            Date.to_date("2024-04-01"),
        )
        self.assertRecordValues(
            weekly + monthly,
            [
                {
                    "date_from": Date.to_date("2024-03-04"),
                    "date_to": Date.to_date("2024-03-10"),
                    "tz": "Asia/Shanghai",
                },
                {
                    "date_from": Date.to_date("2024-03-01"),
                    "date_to": Date.to_date("2024-03-31"),
                    "tz": "Asia/Shanghai",
                },
            ],
        )

    @mute_logger("odoo.sql_db")
    def test_one_report_per_company_team_kind_and_period(self):
        self.report(date_from="2024-03-04")
        self.report(date_from="2024-03-04", team_id=self.department.id)
        self.report("monthly", "2024-03-01")
        with self.assertRaises(UniqueViolation), self.env.cr.savepoint():
            self.report(date_from="2024-03-08")

    def test_the_week_runs_from_monday_to_sunday_in_local_time(self):
        self.ticket(shanghai(2024, 3, 3, 23, 30))  # Sunday before: previous week
        inside = self.ticket(shanghai(2024, 3, 4, 0, 10)) | self.ticket(
            shanghai(2024, 3, 10, 23, 50)
        )
        self.ticket(shanghai(2024, 3, 11, 0, 5))  # next Monday
        figures = self.report()._get_report_figures()
        self.assertEqual(figures["total"], len(inside))
        self.assertEqual(figures["period"]["date_from"], "2024-03-04")
        self.assertEqual(figures["period"]["date_to"], "2024-03-10")

    def test_tickets_are_counted_by_every_classification_dimension(self):
        day = shanghai(2024, 3, 5)
        self.ticket(
            day,
            category_id=self.cat_civil.id,
            info_source_id=self.source_community.id,
            involved_party_id=self.party_individual.id,
            importance="important",
            level_id=self.level_complex.id,
            **self.negative,
        )
        self.ticket(day, category_id=self.cat_civil.id, info_nature="positive")
        self.ticket(day, channel_id=self.visit_channel.id, info_origin="company")
        figures = self.report()._get_report_figures()
        self.assertEqual(figures["total"], 3)
        self.assertEqual(
            [d["field"] for d in figures["dimensions"]],
            [
                "type_id",
                "info_origin",
                "info_source_id",
                "involved_party_id",
                "info_nature",
                "importance",
                "category_id",
                "channel_id",
                "level_id",
                "team_id",
            ],
        )
        self.assertEqual(
            self.rows(figures, "info_origin"),
            {"Customer Information": 2, "Company Information": 1},
        )
        self.assertEqual(
            self.rows(figures, "info_nature"),
            {"Negative": 1, "Positive": 1, "Not Set": 1},
        )
        self.assertEqual(
            self.rows(figures, "importance"), {"General": 2, "Important": 1}
        )
        self.assertEqual(
            self.rows(figures, "info_source_id"),
            {"Residential Community": 1, "Not Set": 2},
        )
        self.assertEqual(
            self.rows(figures, "involved_party_id"),
            {"Individual Customer": 1, "Not Set": 2},
        )
        self.assertEqual(self.rows(figures, "channel_id"), {"Phone": 2, "Visit": 1})
        self.assertEqual(
            self.rows(figures, "level_id"),
            {"General Problem": 2, "More Complex Problem": 1},
        )
        self.assertEqual(
            self.rows(figures, "category_id")["Engineering / Civil Works"], 2
        )
        [origin] = [d for d in figures["dimensions"] if d["field"] == "info_origin"]
        shares = {row["label"]: row["share"] for row in origin["rows"]}
        self.assertEqual(shares["Customer Information"], 66.7)

    def test_top_categories(self):
        day = shanghai(2024, 3, 6)
        for category, count in ((self.cat_civil, 3), (self.cat_engineering, 1)):
            for _ in range(count):
                self.ticket(day, category_id=category.id)
        self.ticket(day)
        top = self.report()._get_report_figures()["top_categories"]
        self.assertEqual(
            [(row["label"], row["count"]) for row in top],
            [("Engineering / Civil Works", 3), ("Engineering", 1)],
        )

    def test_on_time_reply_rate_and_overdue_list(self):
        # Tuesday 10:00: one working day to reply, until Wednesday 10:00.
        intake = shanghai(2024, 3, 5)
        on_time = self.ticket(intake)
        on_time.replied_date = shanghai(2024, 3, 5, 15)
        late = self.ticket(intake)
        late.replied_date = shanghai(2024, 3, 7, 9)
        overdue = self.ticket(intake, name="Lift out of order")
        self.assertEqual(
            (on_time + late + overdue).mapped("reply_state"),
            ["on_time", "late", "overdue"],
        )
        replies = self.report()._get_report_figures()["replies"]
        self.assertEqual(
            {
                key: replies[key]
                for key in ("due", "on_time", "late", "overdue", "on_time_rate")
            },
            {"due": 3, "on_time": 1, "late": 1, "overdue": 1, "on_time_rate": 33.3},
        )
        self.assertEqual(
            [
                (row["number"], row["name"], row["deadline"])
                for row in replies["overdue_list"]
            ],
            [(overdue.number, "Lift out of order", "2024-03-06 10:00")],
        )

    def test_nothing_due_gives_no_rate(self):
        replies = self.report()._get_report_figures()["replies"]
        self.assertIsNone(replies["on_time_rate"])
        self.assertEqual(replies["overdue_list"], [])

    def test_negative_information_trend_against_the_previous_week(self):
        for day in (shanghai(2024, 2, 27), shanghai(2024, 3, 1)):
            self.ticket(day, **self.negative)
        for day in (shanghai(2024, 3, 4), shanghai(2024, 3, 5), shanghai(2024, 3, 9)):
            self.ticket(day, **self.negative)
        self.ticket(shanghai(2024, 3, 5), info_nature="positive")
        negative = self.report()._get_report_figures()["negative"]
        self.assertEqual(
            negative,
            {
                "count": 3,
                "previous": 2,
                "change": 1,
                "change_pct": 50.0,
                "trend": "up",
            },
        )
        monthly = self.report("monthly", "2024-03-01")._get_report_figures()["negative"]
        self.assertEqual(
            (monthly["count"], monthly["previous"], monthly["trend"]), (4, 1, "up")
        )

    def test_return_visit_rate_and_satisfaction_of_the_tickets_closed_in_the_period(
        self,
    ):
        tickets = self.Ticket.browse()
        for _ in range(4):
            tickets |= self.ticket(shanghai(2024, 2, 20))
        tickets.write({"closed_date": shanghai(2024, 3, 5)})
        tickets[0].write(
            {
                "return_visit_date": shanghai(2024, 3, 6),
                "return_visit_satisfaction": "5",
            }
        )
        tickets[1].write(
            {
                "return_visit_date": shanghai(2024, 3, 6),
                "return_visit_satisfaction": "2",
            }
        )
        self.ticket(shanghai(2024, 2, 20)).write({"closed_date": shanghai(2024, 3, 12)})
        visits = self.report()._get_report_figures()["visits"]
        self.assertEqual(
            {key: visits[key] for key in ("closed", "visited", "rate", "satisfaction")},
            {"closed": 4, "visited": 2, "rate": 50.0, "satisfaction": 3.5},
        )

    def test_a_team_report_counts_only_its_team(self):
        day = shanghai(2024, 3, 5)
        self.ticket(day, team_id=self.department.id)
        self.ticket(day, team_id=self.cs_team.id)
        self.ticket(day, team_id=self.cs_team.id)
        figures = self.report(team_id=self.department.id)._get_report_figures()
        self.assertEqual(figures["total"], 1)
        self.assertNotIn("team_id", [d["field"] for d in figures["dimensions"]])
        company = self.report()._get_report_figures()
        self.assertEqual(
            self.rows(company, "team_id"),
            {"Customer Service Department": 2, "After-sales Service Dept": 1},
        )

    def test_the_dashboard_shows_the_same_figures(self):
        day = shanghai(2024, 3, 5)
        self.ticket(day, category_id=self.cat_civil.id, **self.negative)
        self.ticket(day, category_id=self.cat_civil.id).replied_date = shanghai(
            2024, 3, 5, 11
        )
        self.ticket(day, channel_id=self.visit_channel.id)
        report = self.report()
        figures = report._get_report_figures()
        action = report.action_open_tickets()
        self.assertEqual(action["res_model"], "helpdesk.ticket")
        self.assertEqual(action["views"][0][1], "pivot")
        Ticket = self.Ticket.with_user(self.manager)
        for field in ("category_id", "channel_id", "info_nature", "level_id"):
            groups = Ticket.formatted_read_group(action["domain"], [field], ["__count"])
            self.assertEqual(
                sorted(group["__count"] for group in groups),
                sorted(self.rows(figures, field).values()),
                field,
            )
        [group] = Ticket.formatted_read_group(
            action["domain"] + [("reply_state", "in", ("on_time", "late", "overdue"))],
            [],
            ["reply_on_time_rate:avg"],
        )
        self.assertAlmostEqual(
            group["reply_on_time_rate:avg"],
            figures["replies"]["on_time_rate"],
            places=0,
        )

    def test_figures_cover_the_company_whoever_reads_them(self):
        self.ticket(shanghai(2024, 3, 5), team_id=self.department.id)
        self.ticket(shanghai(2024, 3, 5), team_id=self.cs_team.id)
        report = self.report()
        self.assertEqual(
            report.with_user(self.leader)._get_report_figures()["total"], 2
        )

    def test_roles(self):
        report = self.report()
        # Agents and leaders read reports; CS managers make and send them.
        for user in (self.agent, self.leader):
            self.assertEqual(report.with_user(user).date_to, Date.to_date("2024-03-10"))
            with self.assertRaises(AccessError):
                report.with_user(user).action_send()
            with self.assertRaises(AccessError):
                self.Report.with_user(user).create(
                    {"kind": "weekly", "date_from": "2024-03-11"}
                )
        with self.assertRaises(AccessError):
            report.with_user(self.handler).read(["date_from"])
        self.Report.with_user(self.manager).create(
            {"kind": "monthly", "date_from": "2024-03-01"}
        )
        report.with_user(self.manager).action_send()
        self.assertEqual(report.state, "sent")
        with self.assertRaises(UserError):
            report.with_user(self.manager).action_send()
        with self.assertRaises(UserError):
            report.with_user(self.manager).date_from = "2024-03-11"

    def test_reports_are_isolated_per_company(self):
        other = self.env["res.company"].create({"name": "Other Property Co"})
        foreign = self.report(company_id=other.id)
        self.assertFalse(
            self.Report.with_user(self.manager).search([("id", "=", foreign.id)])
        )
