from odoo.exceptions import UserError
from odoo.tests import new_test_user

from .common import PropertyInfoCase


class TestReplyGateByRecipients(PropertyInfoCase):
    """Whatever its type or subtype, a message that reaches the customer is a
    reply: it waits for the leader's opinion or counsel's advice, and it
    records the reply."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "王女士", "email": "wang@example.com"}
        )
        cls.portal = new_test_user(
            cls.env, login="hpi_portal_msg", groups="base.group_portal"
        )

    def major(self, **overrides):
        return self.Ticket.create(
            self.phone_vals(level_id=self.level_major.id, **overrides)
        )

    def assert_blocked(self, ticket, **kwargs):
        with self.assertRaises(UserError):
            ticket.with_user(self.agent).message_post(body="Our answer", **kwargs)
        self.assertFalse(ticket.replied_date)

    def test_a_note_naming_the_customer_waits_for_the_leader(self):
        ticket = self.major(partner_id=self.customer.id)
        self.assert_blocked(
            ticket, subtype_xmlid="mail.mt_note", partner_ids=self.customer.ids
        )
        self.assert_blocked(
            ticket,
            message_type="notification",
            subtype_xmlid="mail.mt_note",
            partner_ids=self.customer.ids,
        )
        self.assert_blocked(ticket, partner_ids=self.portal.partner_id.ids)
        self.assert_blocked(ticket, outgoing_email_to="wang@example.com")
        # A note among colleagues is no reply.
        ticket.with_user(self.agent).message_post(
            body="Internal",
            subtype_xmlid="mail.mt_note",
            partner_ids=self.manager.partner_id.ids,
        )
        self.assertFalse(ticket.replied_date)
        ticket.with_user(self.leader).action_record_leader_opinion(
            "Repair at our cost."
        )
        ticket.with_user(self.agent).message_post(
            body="Our answer",
            subtype_xmlid="mail.mt_note",
            partner_ids=self.customer.ids,
        )
        self.assertTrue(ticket.replied_date)
        self.assertEqual(ticket.reply_method, "message")

    def test_a_notification_to_following_customers_waits_for_counsel(self):
        ticket = self.Ticket.create(
            self.phone_vals(channel_id=self.legal_channel.id, contact_phone=False)
        )
        ticket.message_subscribe(partner_ids=self.portal.partner_id.ids)
        self.assert_blocked(
            ticket, message_type="notification", subtype_xmlid="mail.mt_comment"
        )
        self.assert_blocked(
            ticket,
            message_type="notification",
            subtype_id=self.env.ref("mail.mt_comment").id,
        )
        ticket.with_user(self.counsel).action_record_counsel_advice(
            "Do not admit fault."
        )
        ticket.with_user(self.agent).message_post(
            body="Our answer",
            message_type="notification",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertTrue(ticket.replied_date)

    def test_notes_and_employee_notifications_are_no_reply(self):
        ticket = self.major(partner_id=self.customer.id)
        ticket.message_subscribe(partner_ids=self.customer.ids)
        ticket.with_user(self.agent).message_post(
            body="Internal", subtype_xmlid="mail.mt_note"
        )
        ticket.with_user(self.agent).message_post(
            body="FYI",
            message_type="notification",
            partner_ids=self.leader.partner_id.ids,
        )
        self.assertFalse(ticket.replied_date)

    def test_the_creation_message_is_no_reply(self):
        ticket = self.major(partner_id=self.customer.id)
        created = self.env.ref("helpdesk_mgmt.hlp_tck_created")
        ticket.message_subscribe(
            partner_ids=self.customer.ids,
            subtype_ids=(created | self.env.ref("mail.mt_comment")).ids,
        )
        ticket.with_user(self.agent).message_post(body="Created", subtype_id=created.id)
        self.assertFalse(ticket.replied_date)
        self.assert_blocked(
            ticket, message_type="comment", subtype_xmlid="mail.mt_comment"
        )
