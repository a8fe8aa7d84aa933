from odoo.exceptions import ValidationError

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
