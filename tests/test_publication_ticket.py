from odoo.exceptions import UserError
from odoo.tests import Form

from .publication_common import PublicationCase


class TestWrittenReply(PublicationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "赵先生", "email": "zhao@example.com"}
        )

    def ticket(self, **overrides):
        return self.Ticket.create(
            self.phone_vals(partner_id=self.customer.id, **overrides)
        )

    def draft_reply(self, ticket):
        action = ticket.with_user(self.agent).action_draft_written_reply()
        return self.Publication.with_user(self.agent).browse(action["res_id"])

    def test_the_button_drafts_a_reply_prefilled_from_the_ticket(self):
        ticket = self.ticket()
        reply = self.draft_reply(ticket)
        self.assertEqual(reply.kind, "written_reply")
        self.assertEqual(reply.state, "draft")
        self.assertEqual(reply.ticket_id, ticket)
        self.assertEqual(reply.ticket_ids, ticket)
        self.assertEqual(reply.partner_id, self.customer)
        self.assertEqual(reply.author_id, self.agent)
        self.assertIn(ticket.number, reply.name)
        self.assertIn("赵先生", reply.content)
        self.assertIn(ticket.name, reply.content)
        self.assertEqual(ticket.publication_count, 1)

    def test_a_reply_is_sent_only_after_approval_and_sets_the_reply_time(self):
        ticket = self.ticket()
        reply = self.draft_reply(ticket)
        with self.assertRaisesRegex(UserError, "is not approved"):
            reply.action_send()
        reply.action_submit()
        with self.assertRaisesRegex(UserError, "is not approved"):
            reply.action_send()
        self.assertFalse(ticket.replied_date)
        self.approve(reply)
        reply.action_send()
        self.assertEqual(reply.state, "published")
        message = reply.reply_message_id
        self.assertEqual(message.model, "helpdesk.ticket")
        self.assertEqual(message.res_id, ticket.id)
        self.assertEqual(message.body, reply.approved_content)
        self.assertIn(self.customer, message.partner_ids)
        self.assertEqual(message.author_id, self.agent.partner_id)
        self.assertTrue(ticket.replied_date)
        self.assertEqual(ticket.reply_method, "written")
        self.assertEqual(ticket.reply_state, "on_time")

    def test_mark_published_is_not_a_way_to_send_a_reply(self):
        reply = self.draft_reply(self.ticket())
        reply.action_submit()
        self.approve(reply)
        with self.assertRaisesRegex(UserError, "Send button"):
            reply.action_publish()

    def test_the_tickets_own_gate_still_holds(self):
        ticket = self.ticket(level_id=self.level_major.id)
        reply = self.draft_reply(ticket)
        reply.action_submit()
        self.approve(reply)
        with self.assertRaisesRegex(UserError, "major problem"):
            reply.action_send()
        self.assertFalse(ticket.replied_date)
        ticket.with_user(self.leader).action_record_leader_opinion(
            "Apologise and repair."
        )
        reply.action_send()
        self.assertEqual(ticket.reply_method, "written")

    def test_a_customer_without_email_is_refused_clearly(self):
        self.customer.email = False
        reply = self.draft_reply(self.ticket())
        reply.action_submit()
        self.approve(reply)
        with self.assertRaisesRegex(UserError, "no email address"):
            reply.action_send()
        self.assertEqual(reply.state, "approved")

    def test_written_reply_button_in_the_form(self):
        ticket = self.ticket()
        form = Form(ticket.with_user(self.agent))
        self.assertEqual(form.publication_count, 0)
        self.assertTrue(
            ticket.with_user(self.agent)
            .get_view(view_type="form")["arch"]
            .count("action_draft_written_reply")
        )
