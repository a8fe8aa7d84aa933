from datetime import date

from odoo.addons.helpdesk_property_info.models.helpdesk_info_guard_mixin import (
    in_action_scope,
)

from .statistics_common import StatisticsCase, shanghai


class TestReportSections(StatisticsCase):
    """The company's report also counts what went out in its name, what was
    said online and what receptions cost; a team's report does not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Publication = cls.env["helpdesk.info.publication"]
        for name, published in (
            ("Lift notice", shanghai(2024, 3, 4, 0, 30)),  # Monday 00:30 in Shanghai
            ("Older notice", shanghai(2024, 3, 3, 23, 30)),  # the Sunday before
        ):
            publication = Publication.create(
                {"name": name, "kind": "outward", "content": "<p>x</p>"}
            )
            publication.sudo().write(
                {"state": "published", "published_date": published}
            )
        cls.env["helpdesk.info.opinion"].create(
            [
                {
                    "name": "Forum complaint",
                    "site": "论坛",
                    "nature": "negative",
                    "importance": "major",
                    "date": shanghai(2024, 3, 6),
                },
                {
                    "name": "Praise",
                    "site": "微博",
                    "nature": "positive",
                    "date": shanghai(2024, 3, 7),
                },
            ]
        )
        tea = cls.env.ref("helpdesk_property_info.reception_policy_tea")
        Expense = cls.env["helpdesk.reception.expense"]
        for day, amount in ((date(2024, 3, 5), 30), (date(2024, 3, 11), 20)):
            expense = Expense.create(
                {"policy_id": tea.id, "date": day, "amount": amount, "purpose": "Tea"}
            )
            expense.action_confirm()

    def test_the_company_report_counts_publications_opinion_and_reception(self):
        figures = self.report()._get_report_figures()
        publications = figures["publications"]
        self.assertEqual(publications["published"], 1)
        self.assertEqual(publications["by_kind"], [["Outward Publication", 1]])
        self.assertEqual(publications["opinions"], 2)
        self.assertEqual(publications["major_opinions"], 1)
        self.assertEqual(
            sorted(publications["opinions_by_nature"]),
            [["Negative", 1], ["Positive", 1]],
        )
        self.assertEqual(figures["reception"]["count"], 1)
        self.assertIn("30.00", figures["reception"]["total"])

    def test_the_company_report_counts_visits_and_patrols(self):
        """Visits done and patrols of the report's week (4–10 March 2024),
        written as their buttons would."""
        community = self.env["helpdesk.info.community"].create(
            {"name": "Report Garden"}
        )
        building = self.env["helpdesk.info.building"].create(
            {"community_id": community.id, "code": "1", "floor_count": 6}
        )
        unit = self.env["helpdesk.info.unit"].create(
            {"building_id": building.id, "room": "301"}
        )
        Visit = in_action_scope(self.env["helpdesk.info.visit"])
        visits = Visit.create(
            [
                {
                    "user_id": self.agent.id,
                    "unit_id": unit.id,
                    "kind": kind,
                    "planned_date": day,
                    "state": "done",
                    "visited_on": visited_on,
                    "satisfaction": score,
                    "opinions": "Lift noisy",
                }
                for kind, day, visited_on, score in (
                    ("random", date(2024, 3, 5), shanghai(2024, 3, 5, 10), "4"),
                    ("new_owner", date(2024, 3, 6), shanghai(2024, 3, 6, 10), "5"),
                    (
                        "random",
                        date(2024, 3, 12),
                        shanghai(2024, 3, 12, 10),
                        "1",
                    ),  # the next week
                )
            ]
        )
        Visit.create(
            {
                "user_id": self.agent.id,
                "unit_id": unit.id,
                "planned_date": date(2024, 3, 7),
            }
        )
        in_action_scope(
            self.Ticket.create({"name": "Lift noisy", "description": "<p>x</p>"})
        ).write({"customer_visit_id": visits[0].id})
        item = self.env.ref("helpdesk_property_info.patrol_item_lighting")
        patrol = in_action_scope(self.env["helpdesk.info.patrol"]).create(
            {
                "community_id": community.id,
                "date": date(2024, 3, 5),
                "state": "in_progress",
            }
        )
        floors = in_action_scope(self.env["helpdesk.info.patrol.floor"]).create(
            [
                {"patrol_id": patrol.id, "building_id": building.id, "floor": floor}
                for floor in (1, 2, 3)
            ]
        )
        checks = floors.check_ids.filtered(lambda c: c.item_id == item)
        late_ticket = self.Ticket.create(
            {"name": "Light out", "description": "<p>x</p>"}
        )
        in_action_scope(checks).write({"result": "ok"})
        in_action_scope(checks[0]).write(
            {"result": "problem", "ticket_id": late_ticket.id, "ticket_late": True}
        )
        in_action_scope(checks[1]).write({"result": "fixed", "note": "Bulb changed"})
        in_action_scope(patrol).write({"state": "done"})

        figures = self.report()._get_report_figures()
        self.assertEqual(figures["customer_visits"]["done"], 2)
        self.assertEqual(
            sorted(figures["customer_visits"]["by_kind"]),
            [["New-Owner Visit", 1], ["Random Draw", 1]],
        )
        self.assertEqual(figures["customer_visits"]["average_satisfaction"], 4.5)
        self.assertEqual(figures["customer_visits"]["tickets"], 1)
        self.assertEqual(
            {
                key: figures["patrols"][key]
                for key in (
                    "done",
                    "problems",
                    "tickets_on_time",
                    "tickets_late",
                    "fixed_on_the_spot",
                )
            },
            {
                "done": 1,
                "problems": 1,
                "tickets_on_time": 0,
                "tickets_late": 1,
                "fixed_on_the_spot": 1,
            },
        )
        html = self.env["ir.qweb"]._render(
            "helpdesk_property_info.report_info_statistics_section_proactive",
            {"figures": figures},
        )
        self.assertIn("Customer Visits and Daily Patrols", html)

    def test_a_team_report_leaves_the_company_sections_out(self):
        report = self.report(team_id=self.cs_team.id)
        figures = report._get_report_figures()
        self.assertNotIn("publications", figures)
        self.assertNotIn("customer_visits", figures)
        self.assertNotIn(
            "helpdesk_property_info.report_info_statistics_section_reception",
            report._get_report_sections(),
        )
