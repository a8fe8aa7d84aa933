from datetime import date

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
            publication.sudo().write({"state": "published", "published_date": published})
        cls.env["helpdesk.info.opinion"].create([
            {"name": "Forum complaint", "site": "论坛", "nature": "negative",
             "importance": "major", "date": shanghai(2024, 3, 6)},
            {"name": "Praise", "site": "微博", "nature": "positive", "date": shanghai(2024, 3, 7)},
        ])
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
            sorted(publications["opinions_by_nature"]), [["Negative", 1], ["Positive", 1]]
        )
        self.assertEqual(figures["reception"]["count"], 1)
        self.assertIn("30.00", figures["reception"]["total"])

    def test_a_team_report_leaves_the_company_sections_out(self):
        report = self.report(team_id=self.cs_team.id)
        self.assertNotIn("publications", report._get_report_figures())
        self.assertNotIn(
            "helpdesk_property_info.report_info_statistics_section_reception",
            report._get_report_sections(),
        )
