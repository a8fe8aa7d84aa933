import xmlrpc.client

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import PropertyInfoCase


class TestEscalation(PropertyInfoCase):
    def activity_users(self, ticket, xmlid):
        kind = self.env.ref(f"helpdesk_property_info.{xmlid}")
        return ticket.activity_ids.filtered(
            lambda a: a.activity_type_id == kind
        ).user_id

    def major(self, **overrides):
        return self.Ticket.create(
            self.phone_vals(level_id=self.level_major.id, **overrides)
        )

    def test_major_problem_is_escalated_to_the_leaders(self):
        ticket = self.major()
        self.assertTrue(ticket.escalated)
        self.assertTrue(ticket.awaiting_leader_opinion)
        self.assertIn(
            self.leader, self.activity_users(ticket, "mail_activity_leader_opinion")
        )

    def test_major_problem_cannot_be_closed_before_the_leaders_opinion(self):
        ticket = self.major()
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        with self.assertRaises(UserError):
            ticket.with_user(self.agent).stage_id = done
        ticket.with_user(self.leader).action_record_leader_opinion(
            "Repair at our cost."
        )
        ticket.with_user(self.agent).stage_id = done
        self.assertTrue(ticket.closed)

    def test_no_written_reply_before_the_leaders_opinion_but_a_call_is_fine(self):
        ticket = self.major()
        with self.assertRaises(UserError):
            ticket.with_user(self.agent).message_post(
                body="Our answer",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertFalse(ticket.replied_date)
        ticket.with_user(self.agent).message_post(
            body="Internal note", subtype_xmlid="mail.mt_note"
        )
        ticket.with_user(self.agent).action_record_reply("phone")
        self.assertEqual(ticket.reply_method, "phone")

    def test_only_a_leader_records_an_opinion(self):
        ticket = self.major()
        for user in (self.agent, self.manager, self.counsel):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    ticket.with_user(user).action_record_leader_opinion("OK")
                with self.assertRaises(AccessError):
                    ticket.with_user(user).write({"leader_opinion": "OK"})
        ticket.with_user(self.leader).action_record_leader_opinion(
            "Apologise and repair."
        )
        self.assertEqual(ticket.leader_opinion_user_id, self.leader)
        self.assertFalse(ticket.awaiting_leader_opinion)
        self.assertFalse(self.activity_users(ticket, "mail_activity_leader_opinion"))
        ticket.with_user(self.agent).message_post(
            body="Our answer", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertEqual(ticket.reply_method, "message")

    def test_lawyers_letter_waits_for_legal_advice(self):
        ticket = self.Ticket.create(
            self.phone_vals(channel_id=self.legal_channel.id, contact_phone=False)
        )
        self.assertTrue(ticket.litigation_risk)
        self.assertTrue(ticket.escalated)
        self.assertIn(
            self.counsel, self.activity_users(ticket, "mail_activity_counsel_advice")
        )
        with self.assertRaises(UserError):
            ticket.message_post(
                body="Answer", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        with self.assertRaises(AccessError):
            ticket.with_user(self.leader).action_record_counsel_advice("Settle")
        ticket.with_user(self.counsel).action_record_counsel_advice(
            "Answer without admitting fault."
        )
        ticket.message_post(
            body="Answer", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertTrue(ticket.replied_date)

    def test_flagging_possible_litigation_later_asks_counsel(self):
        ticket = self.Ticket.create(self.phone_vals())
        self.assertFalse(self.activity_users(ticket, "mail_activity_counsel_advice"))
        ticket.litigation_risk = True
        self.assertTrue(ticket.awaiting_counsel)
        self.assertIn(
            self.counsel, self.activity_users(ticket, "mail_activity_counsel_advice")
        )
        ticket.litigation_risk = False
        ticket.litigation_risk = True
        advice = self.env.ref("helpdesk_property_info.mail_activity_counsel_advice")
        mine = ticket.activity_ids.filtered(
            lambda a: a.activity_type_id == advice and a.user_id == self.counsel
        )
        self.assertEqual(len(mine), 1)

    def test_media_information_notifies_the_leaders_at_once(self):
        ticket = self.Ticket.create(
            self.phone_vals(
                involved_party_id=self.env.ref(
                    "helpdesk_property_info.info_party_media"
                ).id
            )
        )
        self.assertTrue(ticket.escalated)
        notified = ticket.message_ids.notified_partner_ids
        self.assertIn(self.leader.partner_id, notified)
        self.assertNotIn(self.agent.partner_id, notified)


@tagged("post_install", "-at_install")
class TestEscalationOverRpc(HttpCase):
    def setUp(self):
        super().setUp()
        self.env.company.country_id = self.env.ref("base.cn")
        self.db = self.env.cr.dbname
        self.uid = self.xmlrpc_common.authenticate(self.db, "admin", "admin", {})

    def call(self, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.db, self.uid, "admin", "helpdesk.ticket", method, list(args), kwargs
        )

    def test_gates_hold_over_xmlrpc(self):
        env = self.env
        ticket = env["helpdesk.ticket"].create(
            {
                "name": "Major leak",
                "description": "<p>x</p>",
                "channel_id": env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone").id,
                "contact_name": "赵先生",
                "contact_phone": "13812345678",
                "matter": "Leak",
                "level_id": env.ref("helpdesk_property_info.level_major").id,
            }
        )
        done = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").id
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.call("write", [ticket.id], {"stage_id": done})
        self.assertIn("leader must record an opinion", caught.exception.faultString)
        with self.assertRaises(xmlrpc.client.Fault):
            self.call(
                "message_post",
                [ticket.id],
                body="Answer",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        with self.assertRaises(xmlrpc.client.Fault):
            self.call("write", [ticket.id], {"leader_opinion": "forged"})
        ticket.invalidate_recordset()
        self.assertFalse(ticket.closed)
        self.assertFalse(ticket.replied_date)
        self.assertFalse(ticket.leader_opinion)

    def test_counsel_gate_holds_over_xmlrpc(self):
        env = self.env
        ticket = env["helpdesk.ticket"].create(
            {
                "name": "Lawyer's letter",
                "description": "<p>x</p>",
                "channel_id": env.ref("helpdesk_property_info.channel_legal_letter").id,
                "contact_name": "吴律师",
                "matter": "Decoration dispute",
            }
        )
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.call(
                "message_post",
                [ticket.id],
                body="Answer",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertIn("legal counsel", caught.exception.faultString)
        with self.assertRaises(xmlrpc.client.Fault):
            self.call("write", [ticket.id], {"counsel_advice": "x"})
        ticket.invalidate_recordset()
        self.assertFalse(ticket.replied_date)
        self.assertFalse(ticket.counsel_advice)
