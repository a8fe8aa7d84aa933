from odoo.exceptions import AccessError
from odoo.tests import freeze_time
from odoo.tools import mute_logger

from .common import PropertyInfoCase


class TestOpinionGuard(PropertyInfoCase):
    """Whether the leaders were told and which ticket an entry opened are the
    entry's own doing; the daily collection goes on past a company that fails."""

    def test_an_agent_does_not_claim_the_leaders_were_told(self):
        Opinion = self.env["helpdesk.info.opinion"].with_user(self.agent)
        with self.assertRaises(AccessError):
            Opinion.create(
                {
                    "name": "Leak",
                    "site": "微博",
                    "importance": "major",
                    "leaders_notified": True,
                }
            )
        with self.assertRaises(AccessError):
            Opinion.with_context(default_leaders_notified=True).create(
                {"name": "Leak", "site": "微博"}
            )
        opinion = Opinion.create({"name": "Leak", "site": "微博"})
        for vals in (
            {"leaders_notified": True},
            {"ticket_id": self.Ticket.create(self.phone_vals()).id},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                opinion.write(vals)
        self.assertFalse(opinion.leaders_notified or opinion.ticket_id)
        # Its own actions still write them.
        opinion.write({"importance": "major"})
        self.assertTrue(opinion.leaders_notified)
        opinion.action_create_ticket()
        self.assertTrue(opinion.ticket_id)

    @freeze_time("2026-01-05 01:00:00")
    def test_a_failing_company_does_not_stop_the_collection(self):
        broken = self.env["res.company"].create({"name": "Broken Time Zone Co."})
        team = self.env["helpdesk.ticket.team"].create(
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
        ours = self.env["helpdesk.ticket.team"]._get_intake_team(self.company)
        with mute_logger(
            "odoo.addons.helpdesk_property_info.models.helpdesk_info_opinion"
        ):
            self.env["helpdesk.info.opinion"]._cron_daily_collection()
        self.assertEqual(str(ours.opinion_collection_date), "2026-01-05")
        self.assertFalse(team.opinion_collection_date)
