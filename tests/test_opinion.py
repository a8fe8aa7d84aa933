from datetime import datetime

from odoo.exceptions import AccessError
from odoo.tests import freeze_time

from .publication_common import PublicationCase


class TestOpinion(PublicationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Opinion = cls.env["helpdesk.info.opinion"]

    def opinion(self, **overrides):
        vals = {
            "name": "Owners complain online about the lifts of building 3",
            "site": "Community forum",
            "url": "https://forum.example.com/t/123",
            "nature": "negative",
        }
        vals.update(overrides)
        return self.Opinion.with_user(self.agent).create(vals)

    def test_major_entries_reach_the_leaders_once(self):
        opinion = self.opinion(importance="major")
        notices = opinion.message_ids.filtered(
            lambda m: self.leader.partner_id in m.partner_ids
        )
        self.assertEqual(len(notices), 1)
        self.assertTrue(opinion.leaders_notified)
        opinion.write({"importance": "major", "handling_proposal": "Call the owners."})
        notices = opinion.message_ids.filtered(
            lambda m: self.leader.partner_id in m.partner_ids
        )
        self.assertEqual(len(notices), 1)

    def test_general_entries_do_not_disturb_the_leaders(self):
        opinion = self.opinion()
        self.assertFalse(
            opinion.message_ids.filtered(
                lambda m: self.leader.partner_id in m.partner_ids
            )
        )
        opinion.importance = "major"
        self.assertTrue(
            opinion.message_ids.filtered(
                lambda m: self.leader.partner_id in m.partner_ids
            )
        )

    def test_an_entry_becomes_one_ticket(self):
        opinion = self.opinion(importance="major")
        action = opinion.action_create_ticket()
        ticket = opinion.ticket_id
        self.assertEqual(action["res_id"], ticket.id)
        self.assertEqual(ticket.name, opinion.name)
        self.assertEqual(ticket.channel_id, self.online_channel)
        self.assertEqual(ticket.info_nature, "negative")
        self.assertEqual(ticket.level_id, self.level_major)
        self.assertIn("forum.example.com", ticket.description)
        self.assertEqual(opinion.action_create_ticket()["res_id"], ticket.id)
        self.assertEqual(self.Ticket.search_count([("name", "=", opinion.name)]), 1)

    def test_department_handlers_do_not_see_the_log(self):
        opinion = self.opinion()
        with self.assertRaises(AccessError):
            opinion.with_user(self.handler).read(["name"])


class TestOpinionCollection(PublicationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("helpdesk_property_info.ir_cron_opinion_collection")
        cls.kind = cls.env.ref(
            "helpdesk_property_info.mail_activity_opinion_collection"
        )
        cls.cs_team.user_id = cls.manager

    def run_cron(self, at):
        with freeze_time(at), self.enter_registry_test_mode():
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def collection_days(self):
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "helpdesk.ticket.team"),
                ("res_id", "=", self.cs_team.id),
                ("activity_type_id", "=", self.kind.id),
            ]
        )
        self.assertLessEqual(activities.user_id, self.manager)
        return sorted(str(d) for d in activities.mapped("date_deadline"))

    def test_once_per_working_day(self):
        # Monday 5 January 2026, 09:00 and 13:00 in Shanghai.
        self.run_cron("2026-01-05 01:00:00")
        self.run_cron("2026-01-05 05:00:00")
        self.assertEqual(self.collection_days(), ["2026-01-05"])
        self.run_cron("2026-01-06 01:00:00")
        self.assertEqual(self.collection_days(), ["2026-01-05", "2026-01-06"])

    def test_a_done_activity_is_not_asked_again_the_same_day(self):
        self.run_cron("2026-01-05 01:00:00")
        self.cs_team.activity_ids.filtered(
            lambda a: a.activity_type_id == self.kind
        ).action_feedback("Three posts recorded.")
        self.run_cron("2026-01-05 06:00:00")
        self.assertEqual(self.collection_days(), [])

    def test_the_day_is_the_calendars_day(self):
        # Monday 17:00 UTC is already Tuesday 01:00 in Shanghai.
        self.run_cron("2026-01-05 17:00:00")
        self.assertEqual(self.collection_days(), ["2026-01-06"])

    def test_no_collection_on_weekends_and_holidays(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": self.calendar.id,
                "date_from": datetime(2026, 1, 6, 16, 0),
                "date_to": datetime(2026, 1, 7, 16, 0),
            }
        )
        self.run_cron("2026-01-10 02:00:00")  # Saturday
        self.run_cron("2026-01-07 02:00:00")  # Wednesday, a holiday
        self.assertEqual(self.collection_days(), [])
