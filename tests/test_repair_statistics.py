from datetime import datetime

from odoo.tests import freeze_time

from .test_repair import REPORTED, RepairCase


class TestRepairStatistics(RepairCase):
    """The report counts repairs by urgency: reported, arrived, on time, the
    on-time arrival rate, the average response and the late alerts; the
    team dashboard shows a team's open repairs and its on-time arrival
    rate."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cs_team.user_id = cls.manager
        # Monday 5 January 2026, 10:00 in Shanghai: two emergencies, one
        # reached in 8 minutes, the other in 20 (and alerted late); an urgent
        # repair nobody reached yet, alerted late; an ordinary one not
        # dispatched.
        cls.on_time = cls.new_repair(cls.emergency, dispatch=True)
        cls.late = cls.new_repair(cls.emergency, dispatch=True)
        cls.waiting = cls.new_repair(cls.urgent, dispatch=True)
        cls.ordinary_repair = cls.new_repair(cls.ordinary)
        with freeze_time("2026-01-05 02:08:00"):
            cls.on_time.with_user(cls.worker).action_repair_arrive()
        with freeze_time("2026-01-05 02:20:00"):
            cls.late.with_user(cls.worker).action_repair_arrive()
        (cls.late | cls.waiting).sudo()._write_by_action({"repair_late_alerted": True})
        # Neither a complaint of the week nor a repair of the next week counts.
        cls.Ticket.create(cls.phone_vals(intake_date=datetime(2026, 1, 6, 2, 0)))
        cls.new_repair(cls.emergency, intake_date=datetime(2026, 1, 12, 2, 0))

    @classmethod
    def new_repair(cls, urgency, dispatch=False, **overrides):
        vals = cls.phone_vals(
            type_id=cls.repair_kind.id,
            intake_date=REPORTED,
            team_id=cls.department.id,
            repair_urgency_id=urgency.id,
        )
        vals.update(overrides)
        ticket = cls.Ticket.with_user(cls.agent).create(vals)
        if dispatch:
            ticket.with_user(cls.agent).repair_worker_id = cls.worker
            ticket.with_user(cls.agent).action_repair_dispatch()
        return ticket

    def report(self, **vals):
        return self.env["helpdesk.info.report"].create(
            {"kind": "weekly", "date_from": "2026-01-05", **vals}
        )

    def test_the_report_counts_repairs_by_urgency(self):
        repairs = self.report()._get_report_figures()["repairs"]
        rows = {row["label"]: row for row in repairs["rows"]}
        self.assertEqual(list(rows), ["Emergency", "Urgent", "Ordinary"])
        self.assertEqual(
            rows["Emergency"],
            {
                "label": "Emergency",
                "received": 2,
                "arrived": 2,
                "on_time": 1,
                "on_time_rate": 50.0,
                "average_minutes": 14.0,
                "late_alerts": 1,
            },
        )
        self.assertEqual(
            (
                rows["Urgent"]["received"],
                rows["Urgent"]["arrived"],
                rows["Urgent"]["late_alerts"],
            ),
            (1, 0, 1),
        )
        self.assertIsNone(rows["Urgent"]["on_time_rate"])
        self.assertIsNone(rows["Ordinary"]["average_minutes"])
        self.assertEqual(
            repairs["total"],
            {
                "label": "Total",
                "received": 4,
                "arrived": 2,
                "on_time": 1,
                "on_time_rate": 50.0,
                "average_minutes": 14.0,
                "late_alerts": 2,
            },
        )

    def test_a_team_report_counts_only_its_repairs(self):
        self.assertEqual(
            self.report(team_id=self.department.id)._get_report_figures()["repairs"][
                "total"
            ]["received"],
            4,
        )
        self.assertEqual(
            self.report(team_id=self.cs_team.id)._get_report_figures()["repairs"][
                "total"
            ]["received"],
            0,
        )

    def test_the_repair_section_is_one_grouped_query(self):
        report = self.report()
        self.env.flush_all()
        self.env.invalidate_all()
        # The report, the period's repairs grouped, the urgencies and their names.
        with self.assertQueryCount(4):
            report._figures_repairs()

    def test_the_section_is_listed_and_printed(self):
        report = self.report(team_id=self.department.id)
        sections = report._get_report_sections()
        self.assertIn(
            "helpdesk_property_info.report_info_statistics_section_repairs", sections
        )
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "helpdesk_property_info.action_report_info_statistics", report.ids
        )
        section = html.decode()[html.decode().index("o_hpi_section_repairs") :]
        self.assertIn("Repairs and Arrival on Site", section)
        self.assertIn("Emergency", section)
        self.assertIn("50.0", section)
        self.assertIn("14.0", section)

    def test_the_team_dashboard_shows_open_repairs_and_the_on_time_rate(self):
        teams = self.department | self.cs_team
        self.env.flush_all()
        self.env.invalidate_all()
        # Both cards in two grouped queries.
        with freeze_time("2026-01-06 02:00:00"), self.assertQueryCount(2):
            teams.mapped("repair_on_time_rate")
        # The ordinary repair, the urgent one waiting, the two on site.
        self.assertEqual(self.department.open_repair_count, 5)
        self.assertEqual(self.department.repair_arrived_count, 2)
        self.assertEqual(self.department.repair_on_time_rate, 50.0)
        self.assertEqual(self.cs_team.open_repair_count, 0)
        self.late.with_user(self.worker).action_repair_done()
        self.department.invalidate_recordset()
        with freeze_time("2026-01-06 02:00:00"):
            self.assertEqual(self.department.open_repair_count, 4)
        # Thirty days later, the rate has nothing left to count.
        with freeze_time("2026-02-10 02:00:00"):
            self.department.invalidate_recordset()
            self.assertEqual(self.department.repair_arrived_count, 0)
            self.assertEqual(self.department.repair_on_time_rate, 0.0)

    def test_the_dashboard_card_and_the_repairs_graph(self):
        kanban = self.env["helpdesk.ticket.team"].get_views([(False, "kanban")])[
            "views"
        ]["kanban"]["arch"]
        self.assertIn("open_repair_count", kanban)
        self.assertIn("repair_on_time_rate", kanban)
        action = self.env.ref("helpdesk_property_info.helpdesk_ticket_action_repairs")
        self.assertIn("graph", action.view_mode)
        self.assertIn(
            self.env.ref("helpdesk_property_info.helpdesk_ticket_view_graph_repair"),
            action.view_ids.view_id,
        )
