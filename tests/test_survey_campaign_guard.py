from odoo.exceptions import AccessError, UserError

from .survey_common import SurveyCase


class TestSurveyCampaignGuard(SurveyCase):
    """A campaign moves only through its buttons, each for its group; a
    closed campaign keeps its questionnaires and answers."""

    def test_state_changes_only_through_the_buttons(self):
        Campaign = self.Campaign.with_user(self.manager)
        with self.assertRaises(AccessError):
            Campaign.create(
                {
                    "community_id": self.community.id,
                    "year": 2026,
                    "half": "first",
                    "state": "closed",
                }
            )
        campaign = self.open_campaign()
        campaign.action_close()
        with self.assertRaises(AccessError):
            campaign.with_user(self.manager).write({"state": "draft"})
        with self.assertRaises(UserError):
            campaign.with_user(self.manager).unlink()
        self.assertEqual(campaign.state, "closed")

    def test_agents_do_not_close_or_reopen(self):
        campaign = self.open_campaign()
        with self.assertRaises(AccessError):
            campaign.with_user(self.agent).action_close()
        self.assertEqual(campaign.state, "open")
        campaign.with_user(self.manager).action_close()
        with self.assertRaises(AccessError):
            campaign.with_user(self.agent).action_reopen()
        self.assertEqual(campaign.state, "closed")
        with self.assertRaises(AccessError):
            campaign.with_user(self.handler).action_summarise()

    def test_a_closed_campaign_keeps_its_answers(self):
        campaign = self.open_campaign()
        user_input = self.answer(campaign, self.owners[0], {self.q_cleaning: 1})
        campaign.action_close()
        lines = user_input.user_input_line_ids
        with self.assertRaises(UserError):
            user_input.with_user(self.agent).unlink()
        with self.assertRaises(UserError):
            lines.with_user(self.agent).unlink()
        with self.assertRaises(UserError):
            self.q_cleaning.unlink()
        self.assertTrue(lines.exists())

    def test_questionnaires_and_tickets_only_from_the_campaign(self):
        campaign = self.open_campaign(owners=self.owners[:1])
        user_input = self.answer(campaign, self.owners[0], {self.q_cleaning: 1})
        other = self.campaign(half="second")
        with self.assertRaises(AccessError):
            user_input.with_user(self.agent).write({"campaign_id": other.id})
        line = user_input.user_input_line_ids.filtered("non_conforming")
        ticket = self.Ticket.create(self.phone_vals())
        with self.assertRaises(AccessError):
            line.with_user(self.agent).write({"ticket_id": ticket.id})
        campaign.with_user(self.agent).action_create_tickets()
        self.assertTrue(line.ticket_id)
        self.assertNotEqual(line.ticket_id, ticket)
