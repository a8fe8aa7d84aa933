from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestTicketScreens(HttpCase):
    def test_filters_and_group_bys_of_the_ticket_list(self):
        self.start_tour(
            "/odoo/helpdesk-tickets?view_type=list",
            "helpdesk_property_info_ticket_filters",
            login="admin",
        )

    def test_recording_a_reply_by_phone_from_the_form(self):
        self.env.company.country_id = self.env.ref("base.cn")
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Noise at night",
                "description": "<p>x</p>",
                "channel_id": self.env.ref(
                    "helpdesk_mgmt.helpdesk_ticket_channel_phone"
                ).id,
                "contact_name": "孙女士",
                "contact_phone": "13812345678",
                "matter": "Noise after 22:00",
            }
        )
        self.start_tour(
            f"/odoo/helpdesk-tickets/{ticket.id}",
            "helpdesk_property_info_record_reply",
            login="admin",
        )
        self.assertEqual(ticket.reply_method, "phone")
        self.assertIn("Called back", " ".join(ticket.message_ids.mapped("body")))
