from odoo.exceptions import ValidationError

from .common import PropertyInfoCase


class TestIntakeRules(PropertyInfoCase):
    def assertRefused(self, vals, *fragments):
        count = self.Ticket.search_count([])
        with self.assertRaises(ValidationError) as caught:
            self.Ticket.create(vals)
        for fragment in fragments:
            self.assertIn(fragment, str(caught.exception))
        self.assertEqual(self.Ticket.search_count([]), count)

    def test_telephone_requires_name_phone_and_matter(self):
        for field, label in (
            ("contact_name", "Caller Name"),
            ("contact_phone", "Contact Phone"),
            ("matter", "Matter"),
        ):
            with self.subTest(field=field):
                self.assertRefused(self.phone_vals(**{field: False}), "Phone", label)
        self.assertTrue(self.Ticket.create(self.phone_vals()))

    def test_visit_requires_name_phone_and_matter(self):
        vals = self.phone_vals(channel_id=self.visit_channel.id, contact_phone=False)
        self.assertRefused(vals, "Visit", "Contact Phone")
        self.assertRefused(
            dict(vals, contact_phone="13812345678", matter="  "), "Visit", "Matter"
        )

    def test_written_letter_requires_name_and_matter_but_no_phone(self):
        for channel in (self.letter_channel, self.writing_channel):
            with self.subTest(channel=channel.name):
                vals = self.phone_vals(channel_id=channel.id, contact_phone=False)
                self.assertTrue(self.Ticket.create(vals))
                self.assertRefused(dict(vals, contact_name=False), "Caller Name")
                self.assertRefused(dict(vals, matter=False), "Matter")

    def test_lawyer_or_court_letter_requires_name_and_matter(self):
        vals = self.phone_vals(
            channel_id=self.legal_channel.id,
            contact_phone=False,
            contact_unit="某律师事务所",
        )
        self.assertTrue(self.Ticket.create(vals))
        self.assertRefused(
            dict(vals, matter=False), "Lawyer's or Court Letter", "Matter"
        )

    def test_suggestion_box_and_online_items_may_be_anonymous(self):
        for channel in (self.box_channel, self.online_channel):
            with self.subTest(channel=channel.name):
                ticket = self.Ticket.create(
                    {
                        "name": "Add a parcel locker",
                        "description": "<p>Anonymous note</p>",
                        "channel_id": channel.id,
                    }
                )
                self.assertFalse(ticket.contact_name)
                self.assertEqual(ticket.info_origin, "customer")

    def test_customer_information_without_customer_is_refused_unless_anonymous(self):
        channel = self.env["helpdesk.ticket.channel"].create({"name": "Patrol"})
        vals = {
            "name": "Broken gate",
            "description": "<p>x</p>",
            "channel_id": channel.id,
        }
        self.assertRefused(vals, "Patrol", "cannot be anonymous")
        channel.intake_allow_anonymous = True
        self.assertTrue(self.Ticket.create(vals))

    def test_a_partner_identifies_the_customer(self):
        channel = self.env["helpdesk.ticket.channel"].create({"name": "Patrol"})
        owner = self.env["res.partner"].create({"name": "业主 赵"})
        ticket = self.Ticket.create(
            {
                "name": "Broken gate",
                "description": "<p>x</p>",
                "channel_id": channel.id,
                "partner_id": owner.id,
            }
        )
        self.assertEqual(ticket.partner_id, owner)

    def test_company_information_needs_no_customer(self):
        channel = self.env["helpdesk.ticket.channel"].create({"name": "Patrol"})
        ticket = self.Ticket.create(
            {
                "name": "Lift inspection due",
                "description": "<p>x</p>",
                "channel_id": channel.id,
                "info_origin": "company",
            }
        )
        self.assertEqual(ticket.info_origin, "company")

    def test_requirements_follow_the_channel_configuration(self):
        vals = self.phone_vals(contact_phone=False)
        self.assertRefused(vals, "Contact Phone")
        self.phone_channel.intake_require_phone = False
        self.assertTrue(self.Ticket.create(vals))

    def test_clearing_a_required_field_is_refused_and_keeps_the_value(self):
        ticket = self.Ticket.create(self.phone_vals())
        with self.assertRaises(ValidationError):
            ticket.write({"contact_name": False})
        self.assertEqual(ticket.contact_name, "赵先生")

    def test_switching_to_a_stricter_channel_is_checked(self):
        ticket = self.Ticket.create(
            {
                "name": "Note",
                "description": "<p>x</p>",
                "channel_id": self.box_channel.id,
            }
        )
        with self.assertRaises(ValidationError):
            ticket.channel_id = self.phone_channel

    def test_email_records_the_sender_as_caller_on_the_email_channel(self):
        ticket = self.Ticket.message_new(
            {
                "subject": "Noise at night",
                "from": '"孙女士" <sun@example.com>',
                "to": "help@example.com",
                "body": "<p>Noise from the site after 22:00.</p>",
            }
        )
        self.assertEqual(ticket.contact_name, "孙女士")
        self.assertEqual(
            ticket.channel_id,
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email"),
        )
        self.assertEqual(ticket.team_id, self.cs_team)

    def test_ticket_without_channel_needs_no_intake_record(self):
        ticket = self.Ticket.create(
            {"name": "Internal note", "description": "<p>x</p>"}
        )
        self.assertFalse(ticket.channel_id)
        self.assertEqual(ticket.team_id, self.cs_team)
