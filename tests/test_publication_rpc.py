import xmlrpc.client

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPublicationOverRpc(HttpCase):
    """An integrator's XML-RPC calls meet the same approval rules as the UI."""

    def setUp(self):
        super().setUp()
        self.env.company.country_id = self.env.ref("base.cn")
        self.db = self.env.cr.dbname
        company = self.env.company.id
        self.agent = new_test_user(
            self.env,
            login="rpc_agent",
            groups="helpdesk_property_info.group_cs_agent",
            company_id=company,
        )
        self.leader = new_test_user(
            self.env,
            login="rpc_leader",
            groups="helpdesk_property_info.group_company_leader",
            company_id=company,
        )
        customer = self.env["res.partner"].create(
            {"name": "钱女士", "email": "qian@example.com"}
        )
        self.ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Noise at night",
                "description": "<p>x</p>",
                "channel_id": self.env.ref(
                    "helpdesk_mgmt.helpdesk_ticket_channel_phone"
                ).id,
                "contact_name": "钱女士",
                "contact_phone": "13812345678",
                "matter": "Noise",
                "partner_id": customer.id,
            }
        )

    def call(self, user, method, *args, **kwargs):
        uid = self.xmlrpc_common.authenticate(self.db, user.login, user.login, {})
        return self.xmlrpc_object.execute_kw(
            self.db,
            uid,
            user.login,
            "helpdesk.info.publication",
            method,
            list(args),
            kwargs,
        )

    def test_nothing_goes_out_over_rpc_before_approval(self):
        with self.assertRaises(xmlrpc.client.Fault):
            self.call(
                self.agent,
                "create",
                [
                    {
                        "name": "Forged",
                        "content": "<p>x</p>",
                        "state": "published",
                    }
                ],
            )
        reply_id = (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .browse(self.ticket.id)
            .action_draft_written_reply()["res_id"]
        )
        for method in ("action_send", "action_publish"):
            with self.assertRaises(xmlrpc.client.Fault):
                self.call(self.agent, method, [reply_id])
        with self.assertRaises(xmlrpc.client.Fault):
            self.call(self.agent, "write", [reply_id], {"state": "published"})
        self.call(self.agent, "action_submit", [reply_id])
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.call(self.agent, "action_send", [reply_id])
        self.assertIn("is not approved", caught.exception.faultString)
        with self.assertRaises(xmlrpc.client.Fault):
            self.call(self.agent, "validate_tier", [reply_id])
        self.assertEqual(
            self.call(self.agent, "read", [reply_id], ["state"])[0]["state"],
            "to_approve",
        )
        self.assertFalse(self.ticket.replied_date)

        self.call(self.leader, "validate_tier", [reply_id])
        self.call(
            self.agent, "write", [reply_id], {"content": "<p>Changed afterwards</p>"}
        )
        self.assertEqual(
            self.call(self.agent, "read", [reply_id], ["state"])[0]["state"],
            "to_approve",
        )
        self.call(self.leader, "validate_tier", [reply_id])
        self.call(self.agent, "action_send", [reply_id])
        self.ticket.invalidate_recordset()
        self.assertEqual(self.ticket.reply_method, "written")
