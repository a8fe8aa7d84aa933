from datetime import datetime

from odoo.tests import freeze_time

from .publication_common import PublicationCase


class TestMonthlyStatistics(PublicationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("helpdesk_property_info.ir_cron_publication_statistics")
        cls.cs_team.publication_summary_date = False
        # Published on 1 January 00:30 and 31 January 23:30, Shanghai time;
        # 31 December 23:30 and 1 February 00:30 fall outside January.
        for name, kind, published in (
            ("New year notice", "outward", datetime(2025, 12, 31, 16, 30)),
            ("Lift repair article", "website_article", datetime(2026, 1, 31, 15, 30)),
            ("Forum answer", "social_post", datetime(2026, 1, 31, 15, 30)),
            ("February notice", "outward", datetime(2026, 1, 31, 16, 30)),
        ):
            publication = cls.env["helpdesk.info.publication"].create(
                {
                    "name": name,
                    "kind": kind,
                    "content": "<p>x</p>",
                    "alias_name": "物业小助手",
                    "author_id": cls.agent.id,
                }
            )
            publication.sudo().write(
                {"state": "published", "published_date": published}
            )
        cls.env["helpdesk.info.opinion"].create(
            [
                {
                    "name": "Praise",
                    "site": "微博",
                    "nature": "positive",
                    "date": datetime(2026, 1, 10, 2, 0),
                },
                {
                    "name": "Complaint",
                    "site": "业主群",
                    "nature": "negative",
                    "date": datetime(2026, 1, 11, 2, 0),
                },
                {
                    "name": "Older",
                    "site": "微博",
                    "nature": "negative",
                    "date": datetime(2025, 12, 11, 2, 0),
                },
            ]
        )

    def run_cron(self, at):
        with freeze_time(at), self.enter_registry_test_mode():
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def summaries(self):
        return self.env["mail.message"].search(
            [
                ("model", "=", "helpdesk.ticket.team"),
                ("res_id", "=", self.cs_team.id),
                ("message_type", "=", "user_notification"),
            ]
        )

    def test_the_month_just_closed_is_posted_once_to_the_managers(self):
        # 1 February 2026, 00:30 in Shanghai.
        self.run_cron("2026-01-31 16:30:00")
        summary = self.summaries()
        self.assertEqual(len(summary), 1)
        self.assertIn(self.manager.partner_id, summary.partner_ids)
        self.assertNotIn(self.agent.partner_id, summary.partner_ids)
        self.assertIn("2026-01", summary.subject)
        values = self.env["helpdesk.info.publication"]._monthly_statistics(
            self.company, datetime(2025, 12, 31, 16, 0), datetime(2026, 1, 31, 16, 0)
        )
        self.assertEqual(values["publication_count"], 3)
        self.assertEqual(values["opinion_count"], 2)
        self.assertEqual(
            sorted(values["publications_by_kind"]),
            [
                ("Company Website Article", 1),
                ("Outward Publication", 1),
                ("Social Website Post", 1),
            ],
        )
        self.assertEqual(
            sorted(values["opinions_by_nature"]), [("Negative", 1), ("Positive", 1)]
        )
        self.assertIn("Company Website Article", summary.body)
        self.assertIn("helpdesk_info_publication_action_analysis", summary.body)
        self.run_cron("2026-01-31 20:00:00")
        self.run_cron("2026-02-15 02:00:00")
        self.assertEqual(len(self.summaries()), 1)
        self.run_cron("2026-02-28 16:30:00")  # 1 March in Shanghai
        self.assertEqual(len(self.summaries()), 2)
        self.assertIn("2026-02", self.summaries()[0].subject)

    def test_nothing_before_the_month_has_closed_in_the_calendars_time_zone(self):
        self.cs_team.publication_summary_date = "2025-12-01"
        # 31 January 23:30 in Shanghai: January is not over yet there.
        self.run_cron("2026-01-31 15:30:00")
        self.assertFalse(self.summaries())
        self.run_cron("2026-01-31 16:30:00")
        self.assertIn("2026-01", self.summaries().subject)
