from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import PropertyInfoCase, load_chinese


def notice_mails(env, ticket):
    return (
        env["mail.mail"]
        .sudo()
        .search([("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)])
    )


class TestIntakeNotice(PropertyInfoCase):
    """Seed 004 第五条.3: the customer is told the number, the promised reply
    time and how the answer will come, on the way they can be reached."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_chinese(cls.env)
        cls.owner = cls.env["res.partner"].create(
            {
                "name": "赵先生",
                "email": "zhao.notice@example.com",
                "phone": "+8613812345678",
                "lang": "zh_CN",
            }
        )
        cls.company.intake_notice_owner = True

    def test_the_desk_tells_the_owner_by_email_in_his_language(self):
        ticket = self.Ticket.with_user(self.agent).create(
            self.phone_vals(partner_id=self.owner.id)
        )
        self.assertTrue(ticket.reply_deadline)
        mail = notice_mails(self.env, ticket)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.owner)
        self.assertIn(ticket.number, mail.subject)
        self.assertIn("已登记", mail.subject)
        body = str(mail.body_html)
        self.assertIn(ticket.number, body)
        self.assertIn(ticket.reply_deadline_text, body)
        self.assertIn("电子邮件", body)
        self.assertEqual(ticket.intake_notice_channel, "email")
        # Telling the customer is no reply: the reply deadline still runs.
        self.assertFalse(ticket.replied_date)

    def test_an_owner_without_email_gets_a_text_message(self):
        self.owner.email = False
        ticket = self.Ticket.with_user(self.agent).create(
            self.phone_vals(partner_id=self.owner.id)
        )
        self.assertFalse(notice_mails(self.env, ticket))
        self.assertEqual(ticket.intake_notice_channel, "sms")
        self.assertIn(ticket.number, ticket.intake_notice_sms)
        self.assertIn(ticket.reply_deadline_text, ticket.intake_notice_sms)
        self.assertIn("回电", ticket.intake_notice_sms)

    def test_the_note_of_the_notice_keeps_the_contact_details_out(self):
        """The chatter is read by department handlers, who do not see the
        customer's e-mail or phone: the note names the channel only."""
        ticket = self.Ticket.with_user(self.agent).create(
            self.phone_vals(partner_id=self.owner.id)
        )
        self.assertEqual(ticket.intake_notice_channel, "email")
        self.assertTrue(ticket.message_ids)
        for body in ticket.message_ids.mapped("body"):
            self.assertNotIn("zhao.notice@example.com", str(body))
            self.assertNotIn("13812345678", str(body))

    def test_a_ticket_without_a_customer_tells_nobody(self):
        ticket = self.Ticket.with_user(self.agent).create(self.phone_vals())
        self.assertFalse(notice_mails(self.env, ticket))
        self.assertFalse(ticket.intake_notice_channel)
        self.assertFalse(ticket.intake_notice_sms)

    def test_the_setting_off_tells_nobody(self):
        self.company.intake_notice_owner = False
        ticket = self.Ticket.with_user(self.agent).create(
            self.phone_vals(partner_id=self.owner.id)
        )
        self.assertFalse(notice_mails(self.env, ticket))
        self.assertFalse(ticket.intake_notice_channel)

    def test_the_settings_screen_turns_it_off(self):
        settings = self.env["res.config.settings"].create(
            {"intake_notice_owner": False}
        )
        settings.execute()
        self.assertFalse(self.company.intake_notice_owner)

    def test_nobody_writes_the_notice_markers(self):
        ticket = self.Ticket.with_user(self.agent).create(self.phone_vals())
        with self.assertRaises(AccessError):
            ticket.with_user(self.agent).write({"intake_notice_sms": "forged"})
        self.assertFalse(ticket.intake_notice_sms)


@tagged("post_install", "-at_install")
class TestIntakeNoticeOverHttp(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_chinese(cls.env)
        cls.env.company.intake_notice_owner = True
        cls.agent = new_test_user(
            cls.env,
            login="notice_agent",
            groups="helpdesk_property_info.group_cs_agent",
        )
        cls.portal = new_test_user(
            cls.env,
            login="notice_portal",
            groups="base.group_portal",
            email="portal.notice@example.com",
            lang="zh_CN",
        )

    def test_a_ticket_created_over_rpc_tells_the_owner(self):
        self.authenticate("notice_agent", "notice_agent")
        uid = self.xmlrpc_common.login(
            self.env.cr.dbname, "notice_agent", "notice_agent"
        )
        phone = self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        ticket_id = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            uid,
            "notice_agent",
            "helpdesk.ticket",
            "create",
            [
                {
                    "name": "Lift stuck",
                    "description": "<p>The lift stops between floors.</p>",
                    "channel_id": phone.id,
                    "contact_name": "赵先生",
                    "contact_phone": "13812345678",
                    "matter": "Lift stuck; asks for repair.",
                    "partner_id": self.portal.partner_id.id,
                }
            ],
        )
        ticket = self.env["helpdesk.ticket"].browse(ticket_id)
        mail = notice_mails(self.env, ticket)
        self.assertEqual(len(mail), 1)
        self.assertIn(ticket.number, mail.subject)
        self.assertIn("已登记", mail.subject)
        self.assertIn(ticket.reply_deadline_text, str(mail.body_html))

    def test_the_portal_page_shows_the_reply_deadline(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Leaking roof",
                "description": "<p>Water through the ceiling</p>",
                "partner_id": self.portal.partner_id.id,
            }
        )
        self.assertTrue(ticket.reply_deadline_text)
        self.authenticate("notice_portal", "notice_portal")
        response = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_hpi_reply_deadline", response.text)
        self.assertIn(ticket.reply_deadline_text, response.text)
