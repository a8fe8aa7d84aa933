from odoo.tests import HttpCase, new_test_user, tagged

from .common import JsonRpcMixin


@tagged("post_install", "-at_install")
class TestTicketGuardOverRpc(JsonRpcMixin, HttpCase):
    """The ticket's action-only fields and the portal's close route, as a
    client program or another customer's browser reaches them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.cn")
        cls.env.company.helpdesk_mgmt_ticket_auto_assign = False
        cls.agent = new_test_user(
            cls.env,
            login="hpi_rpc_agent",
            groups="helpdesk_property_info.group_cs_agent",
        )
        cls.handler = new_test_user(
            cls.env,
            login="hpi_rpc_handler",
            groups="helpdesk_property_info.group_department_handler",
        )
        cls.department = cls.env["helpdesk.ticket.team"].create(
            {"name": "Property Service Center", "user_ids": [(6, 0, cls.handler.ids)]}
        )
        cls.portal = new_test_user(
            cls.env, login="hpi_rpc_portal", groups="base.group_portal"
        )
        cls.other_portal = new_test_user(
            cls.env, login="hpi_rpc_other", groups="base.group_portal"
        )
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")

    def vals(self, **overrides):
        vals = {
            "name": "Lift out of order",
            "description": "<p>Lift 2 stops between floors.</p>",
            "channel_id": self.env.ref(
                "helpdesk_mgmt.helpdesk_ticket_channel_phone"
            ).id,
            "contact_name": "周主任",
            "contact_phone": "13900001111",
            "matter": "Lift 2 stops between floors.",
        }
        vals.update(overrides)
        return vals

    def test_context_default_opinion_over_rpc_is_refused(self):
        Ticket = self.env["helpdesk.ticket"]
        before = Ticket.search_count([])
        major = self.env.ref("helpdesk_property_info.level_major").id
        ticket_id, error = self.jsonrpc(
            "hpi_rpc_agent",
            "helpdesk.ticket",
            "create",
            [self.vals(level_id=major)],
            context={
                "default_leader_opinion": "Forged",
                "default_leader_opinion_date": "2026-01-05 02:00:00",
                "default_leader_opinion_user_id": self.agent.id,
            },
        )
        self.assertFalse(ticket_id)
        self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessError")
        self.assertIn("Leader's Opinion", error["data"]["message"])
        self.assertEqual(Ticket.search_count([]), before)

    def test_reply_visit_and_watcher_fields_refused_over_rpc(self):
        ticket = self.env["helpdesk.ticket"].create(
            self.vals(
                team_id=self.department.id,
                level_id=self.env.ref("helpdesk_property_info.level_major").id,
                litigation_risk=True,
            )
        )
        next_check = ticket.deadline_next_check
        for vals in (
            {"replied_date": "2026-01-05 03:00:00", "reply_method": "written"},
            {"deadline_next_check": False},
            {
                "return_visit_date": "2026-01-06 02:00:00",
                "return_visit_satisfaction": "5",
            },
            {
                "level_id": self.env.ref("helpdesk_property_info.level_general").id,
                "litigation_risk": False,
            },
        ):
            with self.subTest(vals=vals):
                _result, error = self.jsonrpc(
                    "hpi_rpc_handler", "helpdesk.ticket", "write", [ticket.id], vals
                )
                self.assertTrue(error)
        ticket.invalidate_recordset()
        self.assertFalse(ticket.replied_date)
        self.assertFalse(ticket.return_visit_date)
        self.assertEqual(ticket.deadline_next_check, next_check)
        self.assertEqual(
            ticket.level_id, self.env.ref("helpdesk_property_info.level_major")
        )
        self.assertTrue(ticket.litigation_risk)

    def test_portal_user_closes_only_their_own_ticket(self):
        Ticket = self.env["helpdesk.ticket"]
        theirs = Ticket.create(self.vals(partner_id=self.other_portal.partner_id.id))
        mine = Ticket.create(self.vals(partner_id=self.portal.partner_id.id))
        self.authenticate("hpi_rpc_portal", "hpi_rpc_portal")
        response = self.url_open(
            f"/ticket/close?ticket_id={theirs.id}&stage_id={self.done.id}",
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 403)
        theirs.invalidate_recordset()
        self.assertFalse(theirs.closed)
        response = self.url_open(
            f"/ticket/close?ticket_id={mine.id}&stage_id={self.done.id}",
            allow_redirects=False,
        )
        self.assertIn(response.status_code, (302, 303))
        mine.invalidate_recordset()
        self.assertTrue(mine.closed)
