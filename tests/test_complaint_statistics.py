from odoo.tests import freeze_time

from .statistics_common import StatisticsCase, shanghai


@freeze_time("2024-04-15 02:00:00")
class TestComplaintStatistics(StatisticsCase):
    """The report counts complaints apart (by grade, replied and resolved on
    time) and the on-time resolution rate of every ticket, next to the
    on-time reply rate: the week of Monday 4 March 2024."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        complaint = cls.env.ref("helpdesk_property_info.ticket_type_complaint").id
        inquiry = cls.env.ref("helpdesk_property_info.ticket_type_inquiry").id
        grade = {
            code: cls.env.ref(f"helpdesk_property_info.complaint_grade_{code}").id
            for code in ("minor", "important", "major")
        }
        done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        day = shanghai(2024, 3, 5, 10)
        cls.minor = cls.ticket(
            day, type_id=complaint, complaint_grade_id=grade["minor"]
        )
        cls.important = cls.ticket(
            day, type_id=complaint, complaint_grade_id=grade["important"]
        )
        cls.major = cls.ticket(
            day,
            type_id=complaint,
            complaint_grade_id=grade["major"],
            level_id=cls.level_major.id,
        )
        cls.ungraded = cls.ticket(day, type_id=complaint)
        cls.inquiry = cls.ticket(day, type_id=inquiry)
        with freeze_time(shanghai(2024, 3, 5, 11)):
            (cls.minor | cls.inquiry).action_record_reply("phone")
        # Finished within half a day, as a minor complaint must be.
        with freeze_time(shanghai(2024, 3, 5, 15)):
            cls.approve_results(cls.minor)
            (cls.minor | cls.inquiry).stage_id = done
        with freeze_time(shanghai(2024, 3, 7, 9)):
            cls.important.action_record_reply("phone")

    def test_complaints_are_counted_by_grade(self):
        figures = self.report()._get_report_figures()
        rows = {row["label"]: row for row in figures["complaints"]["rows"]}
        self.assertEqual(
            list(rows),
            ["Minor Complaint", "Important Complaint", "Major Complaint", "No Grade"],
        )
        self.assertEqual(
            {
                label: (row["count"], row["replied_on_time"], row["resolved_on_time"])
                for label, row in rows.items()
            },
            {
                "Minor Complaint": (1, 1, 1),
                "Important Complaint": (1, 0, 0),
                "Major Complaint": (1, 0, 0),
                "No Grade": (1, 0, 0),
            },
        )
        self.assertEqual(rows["Minor Complaint"]["reply_rate"], 100.0)
        self.assertEqual(rows["Important Complaint"]["reply_due"], 1)
        self.assertEqual(rows["Major Complaint"]["resolve_due"], 1)
        total = figures["complaints"]["total"]
        self.assertEqual(
            (
                total["count"],
                total["reply_due"],
                total["replied_on_time"],
                total["resolve_due"],
                total["resolved_on_time"],
                total["reply_rate"],
                total["resolve_rate"],
            ),
            (4, 4, 1, 4, 1, 25.0, 25.0),
        )

    def test_the_on_time_resolution_rate_counts_every_kind(self):
        resolutions = self.report()._get_report_figures()["resolutions"]
        self.assertEqual(
            {
                key: resolutions[key]
                for key in ("due", "on_time", "late", "overdue", "on_time_rate")
            },
            {"due": 5, "on_time": 2, "late": 0, "overdue": 3, "on_time_rate": 40.0},
        )

    def test_the_complaints_take_a_few_queries_whatever_their_number(self):
        report = self.report()
        self.env.flush_all()
        self.env.invalidate_all()
        # A few queries whatever the number of complaints: the grouped count,
        # the report's period and the grades.
        with self.assertQueryCount(5):
            report._figures_complaints()

    def test_the_section_is_printed(self):
        report = self.report()
        self.assertIn(
            "helpdesk_property_info.report_info_statistics_section_complaints",
            report._get_report_sections(),
        )
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "helpdesk_property_info.action_report_info_statistics", report.ids
        )
        html = html.decode()
        section = html[html.index('o_hpi_section_complaints"') :]
        self.assertIn("Minor Complaint", section)
        self.assertIn("25.0", section)
        self.assertIn("On-time resolution rate (%)", html)

    def test_the_team_dashboard_counts_open_complaints_apart(self):
        teams = (
            self.minor | self.important | self.major | self.ungraded | self.inquiry
        ).team_id
        teams.mapped("open_complaint_count")  # the kind's id, cached once
        teams.invalidate_recordset(["open_complaint_count"])
        with self.assertQueryCount(1):
            counts = {team: team.open_complaint_count for team in teams}
        complaint = self.env.ref("helpdesk_property_info.ticket_type_complaint")
        for team, count in counts.items():
            self.assertEqual(
                count,
                self.Ticket.search_count(
                    [
                        ("team_id", "=", team.id),
                        ("type_id", "=", complaint.id),
                        ("closed", "=", False),
                    ]
                ),
            )
        # Of the week's complaints, the minor one is closed: it is not counted.
        self.assertGreaterEqual(sum(counts.values()), 3)
