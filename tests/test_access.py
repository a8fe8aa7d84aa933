from odoo.exceptions import AccessError

from .common import PropertyInfoCase


class TestAccessPerGroup(PropertyInfoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cs_ticket = cls.Ticket.create(cls.phone_vals(name="At CS"))
        cls.dept_ticket = cls.Ticket.create(
            cls.phone_vals(name="At the department", team_id=cls.department.id)
        )

    def visible(self, user):
        return self.Ticket.with_user(user).search(
            [("id", "in", (self.cs_ticket + self.dept_ticket).ids)]
        )

    def test_roles_build_on_helpdesk_groups(self):
        self.assertTrue(self.agent.has_group("helpdesk_mgmt.group_helpdesk_user"))
        self.assertTrue(self.manager.has_group("helpdesk_mgmt.group_helpdesk_manager"))
        self.assertTrue(self.manager.has_group("helpdesk_property_info.group_cs_agent"))
        self.assertTrue(
            self.handler.has_group("helpdesk_mgmt.group_helpdesk_user_team")
        )
        self.assertFalse(self.handler.has_group("helpdesk_mgmt.group_helpdesk_user"))
        self.assertTrue(self.leader.has_group("helpdesk_mgmt.group_helpdesk_user"))
        self.assertFalse(self.leader.has_group("helpdesk_mgmt.group_helpdesk_manager"))

    def test_cs_agent_and_leader_see_every_ticket(self):
        for user in (self.agent, self.manager, self.leader):
            with self.subTest(user=user.login):
                self.assertEqual(self.visible(user), self.cs_ticket + self.dept_ticket)

    def test_handler_and_counsel_see_their_teams_tickets_only(self):
        self.assertEqual(self.visible(self.handler), self.dept_ticket)
        self.assertFalse(self.visible(self.counsel))
        with self.assertRaises(AccessError):
            self.cs_ticket.with_user(self.handler).read(["matter"])

    def test_cs_agent_records_a_ticket(self):
        ticket = self.Ticket.with_user(self.agent).create(self.phone_vals())
        self.assertEqual(ticket.team_id, self.cs_team)
        self.assertEqual(ticket.create_uid, self.agent)

    def test_handler_updates_a_ticket_of_their_team(self):
        self.dept_ticket.with_user(self.handler).write({"info_nature": "negative"})
        self.assertEqual(self.dept_ticket.info_nature, "negative")

    def test_only_cs_manager_configures_the_lists(self):
        for model in ("helpdesk.info.source", "helpdesk.info.party"):
            for user in (self.agent, self.handler, self.leader, self.counsel):
                with self.subTest(model=model, user=user.login):
                    self.assertTrue(self.env[model].with_user(user).search([], limit=1))
                    with self.assertRaises(AccessError):
                        self.env[model].with_user(user).create(
                            {"name": "X", "code": "x"}
                        )
            record = (
                self.env[model]
                .with_user(self.manager)
                .create({"name": "X", "code": "x"})
            )
            record.name = "Y"
            record.unlink()

    def test_only_helpdesk_managers_configure_intake_channels(self):
        with self.assertRaises(AccessError):
            self.phone_channel.with_user(self.agent).intake_require_phone = False
        self.phone_channel.with_user(self.manager).intake_require_phone = False
        self.assertFalse(self.phone_channel.intake_require_phone)

    def test_company_lists_are_isolated_between_companies(self):
        other = self.env["res.company"].create({"name": "Second Property Co."})
        private = self.env["helpdesk.info.source"].create(
            {"name": "Clubhouse", "code": "clubhouse", "company_id": other.id}
        )
        Source = self.env["helpdesk.info.source"].with_user(self.agent)
        self.assertNotIn(private, Source.search([]))
        self.assertIn(self.source_community, Source.search([]))
        self.agent.company_ids = [(4, other.id)]
        self.assertIn(
            private, Source.with_context(allowed_company_ids=[other.id]).search([])
        )

    def test_portal_user_cannot_read_the_lists(self):
        portal = self.env["res.users"].create(
            {
                "name": "Owner",
                "login": "hpi_portal",
                "group_ids": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        with self.assertRaises(AccessError):
            self.env["helpdesk.info.source"].with_user(portal).search([])
