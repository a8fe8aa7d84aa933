from .test_personal_data import PersonalDataCase


class TestLeadersDetails(PersonalDataCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader.partner_id.write(
            {"email": "boss@example.com", "phone": "+8613700009999"}
        )
        cls.leader.signature = "<p>Director Wang, 13700009999</p>"
        cls.customer = cls.env["res.partner"].create(
            {"name": "赵先生", "email": "zhao@example.com"}
        )

    def test_a_leaders_message_to_the_customer_goes_in_the_company_name(self):
        self.department.user_ids = [(4, self.leader.id)]
        message = self.ticket.with_user(self.leader).message_post(
            body="We will repair it tomorrow.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.customer.ids,
        )
        self.assertEqual(message.author_id, self.company.partner_id)
        self.assertNotIn("boss@example.com", message.email_from or "")
        mails = (
            self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        )
        for mail in mails:
            self.assertNotIn("13700009999", str(mail.body_html))
            self.assertNotIn("boss@example.com", mail.email_from or "")

    def test_a_leaders_internal_note_keeps_its_author(self):
        self.department.user_ids = [(4, self.leader.id)]
        note = self.ticket.with_user(self.leader).message_post(
            body="Internal remark.",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.assertEqual(note.author_id, self.leader.partner_id)

    def test_the_portal_page_hides_a_leader_assignees_contact(self):
        self.ticket.user_id = self.leader
        self.assertTrue(self.ticket.assignee_contact_private)
        self.ticket.user_id = self.handler
        self.assertFalse(self.ticket.assignee_contact_private)
        # The page needs a request to render: its combined template hides
        # the assignee's e-mail and phone links when they are private.
        arch = self.env.ref(
            "helpdesk_mgmt.portal_helpdesk_ticket_page"
        )._get_combined_arch()
        links = arch.xpath("//a[contains(@t-attf-href, 'ticket.user_id.')]")
        self.assertEqual(len(links), 2)
        for link in links:
            self.assertIn("not ticket.assignee_contact_private", link.get("t-if"))
