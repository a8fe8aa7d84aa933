from odoo.tests import Form

from .common import PropertyInfoCase


class TestCallerName(PropertyInfoCase):
    """One caller name: helpdesk_mgmt's contact name follows the addon's
    caller name and the other way round, on create and write."""

    def test_the_caller_name_fills_the_contact_name(self):
        ticket = self.Ticket.create(self.phone_vals(contact_name="钱女士"))
        self.assertEqual(ticket.partner_name, "钱女士")
        ticket.contact_name = "孙先生"
        self.assertEqual(ticket.partner_name, "孙先生")

    def test_the_contact_name_fills_the_caller_name(self):
        # As helpdesk_mgmt's portal form and other programs send it.
        vals = self.phone_vals(partner_name="李先生")
        del vals["contact_name"]
        ticket = self.Ticket.create(vals)
        self.assertEqual(ticket.contact_name, "李先生")
        ticket.write({"partner_name": "周女士"})
        self.assertEqual(ticket.contact_name, "周女士")

    def test_the_caller_name_wins_when_both_are_given(self):
        ticket = self.Ticket.create(
            self.phone_vals(contact_name="钱女士", partner_name="Other")
        )
        self.assertEqual(ticket.partner_name, "钱女士")

    def test_the_form_asks_once_and_keeps_a_typed_name_on_choosing_the_customer(self):
        customer = self.env["res.partner"].create({"name": "王业主"})
        with Form(self.Ticket.with_user(self.agent)) as form:
            form.name = "Noise at night"
            form.description = "<p>Loud music.</p>"
            form.channel_id = self.phone_channel
            form.contact_name = "王太太"
            form.contact_phone = "13812345678"
            form.matter = "Neighbour's music after midnight."
            form.partner_id = customer
            self.assertEqual(form.contact_name, "王太太")
        self.assertRecordValues(
            form.record, [{"contact_name": "王太太", "partner_name": "王太太"}]
        )
        view = self.Ticket.with_user(self.agent).get_view(
            self.env.ref("helpdesk_mgmt.ticket_view_form").id, "form"
        )
        self.assertRegex(view["arch"], r'<field name="partner_name"[^>]*invisible="1"')

    def test_choosing_the_customer_fills_an_empty_caller_name(self):
        customer = self.env["res.partner"].create({"name": "王业主"})
        with Form(self.Ticket.with_user(self.agent)) as form:
            form.name = "Suggestion"
            form.description = "<p>More benches.</p>"
            form.channel_id = self.box_channel
            form.partner_id = customer
            self.assertEqual(form.contact_name, "王业主")
        self.assertEqual(form.record.partner_name, "王业主")

    def test_existing_tickets_get_one_name(self):
        first, second = self.Ticket.create([self.phone_vals(), self.phone_vals()])
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET contact_name = NULL, partner_name = 'A' "
            "WHERE id = %s",
            [first.id],
        )
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET contact_name = 'B', partner_name = 'C' WHERE "
            "id = %s",
            [second.id],
        )
        self.Ticket._init_caller_names()
        self.assertRecordValues(
            first | second,
            [
                {"contact_name": "A", "partner_name": "A"},
                {"contact_name": "B", "partner_name": "B"},
            ],
        )
