from lxml import etree

from odoo.exceptions import ValidationError
from odoo.tests import Form

from .common import PropertyInfoCase


class TestMatterTypedOnce(PropertyInfoCase):
    """The matter (事由) is typed once: helpdesk_mgmt's required description
    (详细说明) left empty is filled from it on the server."""

    def test_create_without_description_takes_the_matter(self):
        ticket = self.Ticket.with_user(self.agent).create(
            {
                "name": "Leak",
                "channel_id": self.phone_channel.id,
                "contact_name": "王先生",
                "contact_phone": "13812345678",
                "matter": "Water leaks from the ceiling\nsince this morning",
            }
        )
        self.assertIn("Water leaks from the ceiling", ticket.description)
        self.assertIn("since this morning", ticket.description)

    def test_description_typed_is_kept(self):
        ticket = self.Ticket.create(
            {
                "name": "Leak",
                "matter": "Leak",
                "description": "<p>Details of the leak</p>",
            }
        )
        self.assertEqual(ticket.description, "<p>Details of the leak</p>")

    def test_form_saves_with_the_matter_only(self):
        with Form(self.Ticket.with_user(self.agent)) as form:
            form.name = "Noise"
            form.channel_id = self.phone_channel
            form.contact_name = "李女士"
            form.contact_phone = "13812345678"
            form.matter = "Noise from the roof at night"
        self.assertIn("Noise from the roof at night", form.record.description)

    def test_emptied_description_takes_the_matter(self):
        ticket = self.Ticket.create({"name": "Leak", "matter": "Leak in 3-2-501"})
        ticket.description = "<p><br></p>"
        self.assertIn("Leak in 3-2-501", ticket.description)

    def test_neither_refused_naming_the_fields_in_chinese(self):
        agent = self.agent.with_context(lang="zh_CN")
        agent.lang = "zh_CN"
        with self.assertRaises(ValidationError) as refusal:
            self.Ticket.with_user(agent).with_context(lang="zh_CN").create(
                {"name": "Leak", "contact_name": "王先生"}
            )
        self.assertIn("事由", str(refusal.exception))
        self.assertIn("详细说明", str(refusal.exception))


class TestNewestFirst(PropertyInfoCase):
    """The ticket list and kanban show today's tickets first."""

    def _first_row(self, action_xmlid, view_type):
        action = self.env.ref(action_xmlid)
        Ticket = self.Ticket.with_user(self.manager)
        views = Ticket.get_views([(False, view_type)], {"action_id": action.id})
        arch = etree.fromstring(views["views"][view_type]["arch"])
        order = arch.get("default_order")
        self.assertTrue(order, view_type)
        result = Ticket.web_search_read([], {"number": {}}, order=order, limit=1)
        return result["records"][0]["id"]

    def test_list_and_kanban_newest_first(self):
        old = self.Ticket.create({"name": "Old", "matter": "Old", "priority": "3"})
        new = self.Ticket.create({"name": "New", "matter": "New", "priority": "0"})
        self.assertGreater(new.id, old.id)
        for action in (
            "helpdesk_mgmt.helpdesk_ticket_action",
            "helpdesk_mgmt.helpdesk_my_tickets_action",
        ):
            for view_type in ("list", "kanban"):
                with self.subTest(action=action, view_type=view_type):
                    self.assertEqual(self._first_row(action, view_type), new.id)


class TestTicketName(PropertyInfoCase):
    def test_a_new_ticket_is_named_by_its_title_only(self):
        ticket = self.Ticket.new({})
        self.assertEqual(ticket.display_name, "")
        ticket.name = "Leak"
        self.assertEqual(ticket.display_name, "Leak")
        saved = self.Ticket.create({"name": "Leak", "matter": "Leak"})
        self.assertEqual(saved.display_name, f"{saved.number} - Leak")


class TestMaskedPhoneNotDialled(PropertyInfoCase):
    """A masked phone is plain text; the full one keeps the phone widget."""

    def test_handler_masked_phone_is_plain_text(self):
        ticket = self.Ticket.create(
            {
                "name": "Leak",
                "matter": "Leak",
                "team_id": self.department.id,
                "contact_phone": "13812345678",
            }
        )
        mine = ticket.copy({"user_id": self.handler.id, "contact_phone": "13812345679"})
        Ticket = self.Ticket.with_user(self.handler)
        for view_type in ("form", "list"):
            arch = etree.fromstring(
                Ticket.get_views([(False, view_type)])["views"][view_type]["arch"]
            )
            self.assertFalse(arch.xpath("//field[@name='contact_phone']"))
            phones = arch.xpath("//field[@name='contact_phone_display']")
            self.assertTrue(phones)
            for node in phones:
                if node.get("widget") == "phone":
                    self.assertEqual(node.get("invisible"), "personal_data_masked")
            if view_type == "form":
                self.assertTrue(
                    arch.xpath(
                        "//field[@name='contact_phone_display'][not(@widget)]"
                        "[@invisible='not personal_data_masked']"
                    )
                )
        values = {
            rec["id"]: rec
            for rec in Ticket.browse((ticket | mine).ids).web_read(
                {"contact_phone_display": {}, "personal_data_masked": {}}
            )
        }
        self.assertTrue(values[ticket.id]["personal_data_masked"])
        self.assertEqual(values[ticket.id]["contact_phone_display"], "138****5678")
        self.assertEqual(values[mine.id]["contact_phone_display"], "+8613812345679")
        self.assertFalse(values[mine.id]["personal_data_masked"])
        manager_view = self.Ticket.with_user(self.manager).browse(ticket.id)
        self.assertFalse(manager_view.personal_data_masked)
