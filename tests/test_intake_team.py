from odoo.exceptions import ValidationError
from odoo.tests import new_test_user

from .common import PropertyInfoCase


class TestIntakeTeam(PropertyInfoCase):
    def test_new_ticket_lands_at_customer_service(self):
        ticket = self.Ticket.create(self.phone_vals())
        self.assertEqual(ticket.team_id, self.cs_team)
        self.assertEqual(ticket.stage_id, self.cs_team._get_applicable_stages()[:1])

    def test_explicit_team_is_kept(self):
        ticket = self.Ticket.create(self.phone_vals(team_id=self.department.id))
        self.assertEqual(ticket.team_id, self.department)

    def test_auto_assigned_agent_keeps_the_ticket_at_customer_service(self):
        self.company.helpdesk_mgmt_ticket_auto_assign = True
        ticket = self.Ticket.with_user(self.agent).create(self.phone_vals())
        self.assertEqual(ticket.user_id, self.agent)
        self.assertEqual(ticket.team_id, self.cs_team)

    def test_assignee_team_is_kept_as_in_helpdesk_mgmt(self):
        ticket = self.Ticket.create(self.phone_vals(user_id=self.handler.id))
        self.assertEqual(ticket.team_id, self.department)
        self.assertEqual(ticket.user_id, self.handler)

    def test_an_assignee_outside_every_team_leaves_it_at_customer_service(self):
        """Auto-assignment proposes a user of no team: the ticket lands at
        the intake team unassigned, whether the user is proposed or given."""
        self.company.helpdesk_mgmt_ticket_auto_assign = True
        loner = new_test_user(
            self.env,
            login="hpi_no_team",
            groups="helpdesk_property_info.group_cs_agent",
            company_id=self.company.id,
        )
        self.assertFalse(loner.helpdesk_team_ids)
        proposed = self.Ticket.with_user(loner).create(self.phone_vals())
        given = self.Ticket.create(self.phone_vals(user_id=loner.id))
        for ticket in proposed | given:
            self.assertEqual(ticket.team_id, self.cs_team)
            self.assertFalse(ticket.user_id)
            self.assertEqual(ticket.stage_id, self.cs_team._get_applicable_stages()[:1])

    def test_another_intake_team_takes_the_next_ticket(self):
        """The intake team is looked up once, until a team becomes or stops
        being the intake team."""
        self.assertEqual(self.Ticket.create(self.phone_vals()).team_id, self.cs_team)
        self.cs_team.is_intake_team = False
        self.department.is_intake_team = True
        self.assertEqual(self.Ticket.create(self.phone_vals()).team_id, self.department)
        self.department.action_archive()
        self.assertFalse(self.Ticket.create(self.phone_vals()).team_id)

    def test_each_company_has_its_own_intake_team(self):
        other = self.env["res.company"].create(
            {"name": "Second Property Co.", "country_id": self.env.ref("base.cn").id}
        )
        other_cs = self.env["helpdesk.ticket.team"].create(
            {"name": "CS (second)", "company_id": other.id, "is_intake_team": True}
        )
        ticket = self.Ticket.create(self.phone_vals(company_id=other.id))
        self.assertEqual(ticket.team_id, other_cs)
        self.assertEqual(ticket.company_id, other)

    def test_only_one_intake_team_per_company(self):
        with self.assertRaises(ValidationError):
            self.env["helpdesk.ticket.team"].create(
                {
                    "name": "Second desk",
                    "company_id": self.company.id,
                    "is_intake_team": True,
                }
            )
