from psycopg2 import IntegrityError

from odoo.tests import Form
from odoo.tools import mute_logger

from .common import PropertyInfoCase


class TestClassification(PropertyInfoCase):
    def test_ticket_keeps_every_dimension(self):
        media = self.env.ref("helpdesk_property_info.info_party_media")
        website = self.env.ref("helpdesk_property_info.info_source_website_media")
        ticket = self.Ticket.create(
            self.phone_vals(
                info_origin="customer",
                info_source_id=website.id,
                involved_party_id=media.id,
                info_nature="negative",
                importance="important",
                category_id=self.cat_civil.id,
            )
        )
        self.assertRecordValues(
            ticket,
            [
                {
                    "info_origin": "customer",
                    "info_source_id": website.id,
                    "involved_party_id": media.id,
                    "info_nature": "negative",
                    "importance": "important",
                    "category_id": self.cat_civil.id,
                    "channel_id": self.phone_channel.id,
                }
            ],
        )

    def test_defaults_are_customer_origin_and_general_importance(self):
        ticket = self.Ticket.create(self.phone_vals())
        self.assertEqual(ticket.info_origin, "customer")
        self.assertEqual(ticket.importance, "general")
        self.assertFalse(ticket.info_nature)

    def test_content_type_search_includes_sub_categories(self):
        civil = self.Ticket.create(self.phone_vals(category_id=self.cat_civil.id))
        other = self.Ticket.create(
            self.phone_vals(
                category_id=self.env.ref("helpdesk_property_info.category_contract").id
            )
        )
        found = self.Ticket.search(
            [("category_id", "child_of", self.cat_engineering.id)]
        )
        self.assertIn(civil, found)
        self.assertNotIn(other, found)
        self.assertEqual(self.cat_civil.complete_name, "Engineering / Civil Works")

    def test_classification_changes_are_tracked_in_chatter(self):
        ticket = self.Ticket.create(self.phone_vals())
        self.env.cr.flush()
        ticket.write({"info_nature": "negative", "importance": "important"})
        self.env.cr.flush()
        tracked = ticket.message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("info_nature", tracked)
        self.assertIn("importance", tracked)

    def test_group_by_dimension_counts_tickets(self):
        self.Ticket.create(
            self.phone_vals(info_nature="negative", contact_phone="13700000001")
        )
        self.Ticket.create(
            self.phone_vals(info_nature="negative", contact_phone="13700000001")
        )
        self.Ticket.create(
            self.phone_vals(info_nature="positive", contact_phone="13700000001")
        )
        counts = dict(
            self.Ticket._read_group(
                [("contact_phone", "=", "+8613700000001")], ["info_nature"], ["__count"]
            )
        )
        self.assertEqual(counts, {"negative": 2, "positive": 1})

    def test_form_records_intake_and_classification(self):
        form = Form(self.Ticket.with_user(self.agent))
        form.name = "Parking lights broken"
        form.description = "<p>Garage B2</p>"
        form.channel_id = self.phone_channel
        form.contact_name = "周主任"
        form.contact_phone = "139 0000 1111"
        form.matter = "Lights in garage B2 are out."
        form.category_id = self.cat_civil
        form.info_source_id = self.source_community
        form.involved_party_id = self.party_individual
        form.info_nature = "negative"
        form.importance = "important"
        ticket = form.save()
        self.assertEqual(ticket.contact_phone, "+8613900001111")
        # civil works are routed to their counterpart department
        self.assertEqual(
            ticket.team_id,
            self.env.ref("helpdesk_property_info.team_after_sales_department"),
        )
        self.assertEqual(ticket.importance, "important")

    def test_source_code_is_unique_per_company(self):
        Source = self.env["helpdesk.info.source"]
        other_company = self.env["res.company"].create({"name": "Second Property Co."})
        Source.create(
            {"name": "Clubhouse", "code": "clubhouse", "company_id": self.company.id}
        )
        Source.create(
            {"name": "Clubhouse", "code": "clubhouse", "company_id": other_company.id}
        )
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            Source.create(
                {
                    "name": "Clubhouse 2",
                    "code": "clubhouse",
                    "company_id": self.company.id,
                }
            )

    def test_party_code_is_unique_when_shared(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["helpdesk.info.party"].create(
                {"name": "Media again", "code": "media"}
            )
