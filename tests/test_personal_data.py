from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user

from ..models.helpdesk_info_personal_data_mixin import (
    mask_email,
    mask_phone,
    mask_room,
)
from .test_units import UnitsCase

PERSONAL = ["contact_phone", "room_number", "unit_id", "partner_email"]
SHOWN = [
    "contact_phone_display",
    "room_number_display",
    "unit_id",
    "partner_email_display",
]


class PersonalDataCase(UnitsCase):
    """Unit 3-2-501 of Sunny Garden with its owner, and a ticket about it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Log = cls.env["helpdesk.info.personal.data.log"]
        cls.owner.write({"phone": "+8613900001111", "email": "zhao@example.com"})
        cls.occupancy = cls.env["helpdesk.info.unit.occupancy"].create(
            {"unit_id": cls.unit.id, "partner_id": cls.owner.id, "relation": "owner"}
        )
        cls.community.owner_ids = cls.owner
        cls.worker = new_test_user(
            cls.env,
            login="hpi_pd_worker",
            groups="helpdesk_property_info.group_maintenance_worker",
            company_id=cls.company.id,
        )
        cls.outsider = new_test_user(
            cls.env,
            login="hpi_pd_other",
            groups="helpdesk_property_info.group_department_handler",
            company_id=cls.company.id,
        )
        cls.department.user_ids = [(4, cls.outsider.id)]
        cls.ticket = cls.Ticket.with_user(cls.agent).create(
            cls.phone_vals(
                team_id=cls.department.id,
                unit_id=cls.unit.id,
                room_number="3-2-501",
                partner_email="zhang@example.com",
            )
        )

    def read_as(self, user, fields=None):
        return self.ticket.with_user(user).read(fields or PERSONAL)[0]

    def shown_to(self, user, fields=None):
        """What a user outside Customer Service reads: the ``*_display``
        companions, full or masked."""
        values = self.ticket.with_user(user).read(fields or SHOWN)[0]
        return {name.removesuffix("_display"): value for name, value in values.items()}


class TestMasking(PersonalDataCase):
    def test_masks(self):
        self.assertEqual(mask_phone("+8613812345678"), "138****5678")
        self.assertEqual(mask_room("3-2-501"), "3-2-5**")
        self.assertEqual(mask_email("zhang@example.com"), "z***@example.com")

    def test_the_callers_wechat_is_masked_like_the_phone(self):
        self.env["helpdesk.info.consent"].with_user(self.agent).create(
            {
                "ticket_id": self.ticket.id,
                "purpose": "Call back about the repair",
                "channel": "phone",
            }
        )
        self.ticket.with_user(self.agent).contact_wechat = "zhao_wx123"
        self.assertEqual(
            self.read_as(self.agent, ["contact_wechat"])["contact_wechat"], "zhao_wx123"
        )
        self.assertEqual(
            self.shown_to(self.leader, ["contact_wechat_display"])["contact_wechat"],
            "zh******23",
        )
        with self.assertRaises(AccessError):
            self.read_as(self.leader, ["contact_wechat"])

    def test_customer_service_reads_in_full(self):
        for user in (self.agent, self.manager):
            values = self.read_as(user)
            self.assertEqual(values["contact_phone"], "+8613812345678")
            self.assertEqual(values["room_number"], "3-2-501")
            self.assertEqual(values["unit_id"][1], "Sunny Garden 3-2-501")
            self.assertEqual(values["partner_email"], "zhang@example.com")

    def test_other_internal_users_read_masked(self):
        for user in (self.leader, self.counsel, self.outsider):
            self.department.user_ids = [(4, user.id)]
            with self.assertRaises(AccessError):
                self.read_as(user, ["contact_phone"])
            values = self.shown_to(user)
            self.assertEqual(values["contact_phone"], "138****5678", user.login)
            self.assertEqual(values["room_number"], "3-2-5**")
            self.assertEqual(values["unit_id"][1], "Sunny Garden 3-2-5**")
            self.assertEqual(values["partner_email"], "z***@example.com")

    def test_the_handler_and_the_worker_read_in_full(self):
        self.ticket.user_id = self.handler
        values = self.shown_to(self.handler)
        self.assertEqual(values["contact_phone"], "+8613812345678")
        self.assertEqual(values["unit_id"][1], "Sunny Garden 3-2-501")
        self.assertEqual(self.shown_to(self.outsider)["contact_phone"], "138****5678")
        self.ticket.with_user(self.agent).repair_worker_id = self.worker
        values = self.shown_to(self.worker)
        self.assertEqual(values["contact_phone"], "+8613812345678")
        self.assertEqual(values["room_number"], "3-2-501")

    def test_taking_a_ticket_is_logged(self):
        """A leader who assigns himself sees the caller in full, and the log
        says so: no silent reveal."""
        self.department.user_ids = [(4, self.leader.id)]
        self.assertEqual(self.shown_to(self.leader)["contact_phone"], "138****5678")
        self.ticket.with_user(self.leader).user_id = self.leader
        self.assertEqual(self.shown_to(self.leader)["contact_phone"], "+8613812345678")
        log = self.Log.search(
            [("user_id", "=", self.leader.id), ("action", "=", "assignment")]
        )
        self.assertEqual(log.res_ids, str(self.ticket.id))
        self.assertIn("contact_phone", log.field_names)
        # Customer Service sees everything anyway: nothing to log.
        self.ticket.user_id = self.agent
        self.assertFalse(self.Log.search([("user_id", "=", self.agent.id)]))

    def test_portal_users_never_read_other_peoples_data(self):
        customer = new_test_user(
            self.env, login="hpi_pd_portal", groups="base.group_portal"
        )
        other = new_test_user(
            self.env, login="hpi_pd_portal2", groups="base.group_portal"
        )
        self.ticket.partner_id = customer.partner_id
        with self.assertRaises(AccessError):
            self.ticket.with_user(customer).read(["contact_phone"])
        values = self.ticket.with_user(customer).read(["contact_phone_display"])[0]
        self.assertEqual(values["contact_phone_display"], "138****5678")
        with self.assertRaises(AccessError):
            self.ticket.with_user(other).read(["contact_phone"])
        with self.assertRaises(AccessError):
            self.occupancy.with_user(customer).read(["phone"])

    def test_rpc_reads_are_masked(self):
        """search_read, web_read and web_search_read (lists, forms, kanban
        cards) refuse the fields and give their companions masked."""
        Ticket = self.Ticket.with_user(self.leader)
        domain = [("id", "=", self.ticket.id)]
        with self.assertRaises(AccessError):
            Ticket.search_read(domain, ["contact_phone"])
        with self.assertRaises(AccessError):
            Ticket.web_search_read(domain, {"unit_id": {"fields": {"full_code": {}}}})
        self.assertEqual(
            Ticket.search_read(domain, ["contact_phone_display"])[0][
                "contact_phone_display"
            ],
            "138****5678",
        )
        spec = {
            "contact_phone_display": {},
            "room_number_display": {},
            "unit_id": {"fields": {"display_name": {}}},
        }
        record = self.ticket.with_user(self.leader).web_read(spec)[0]
        self.assertEqual(record["contact_phone_display"], "138****5678")
        self.assertEqual(record["unit_id"]["display_name"], "Sunny Garden 3-2-5**")
        found = Ticket.web_search_read(domain, spec)["records"][0]
        self.assertEqual(found["room_number_display"], "3-2-5**")
        self.assertEqual(found["unit_id"]["display_name"], "Sunny Garden 3-2-5**")

    def test_grouping_by_a_personal_field_is_for_customer_service(self):
        with self.assertRaises(AccessError):
            self.Ticket.with_user(self.leader).formatted_read_group(
                [], ["contact_phone"], ["__count"]
            )
        groups = self.Ticket.with_user(self.agent).formatted_read_group(
            [("id", "=", self.ticket.id)], ["contact_phone"], ["__count"]
        )
        self.assertEqual(groups[0]["contact_phone"], "+8613812345678")
        groups = self.Ticket.with_user(self.leader).formatted_read_group(
            [("id", "=", self.ticket.id)], ["unit_id"], ["__count"]
        )
        self.assertEqual(groups[0]["unit_id"], (self.unit.id, "Sunny Garden 3-2-5**"))

    def test_searching_by_phone_still_works(self):
        found = self.Ticket.with_user(self.agent).search(
            [("contact_phone", "ilike", "13812345678")]
        )
        self.assertIn(self.ticket, found)

    def test_searching_by_a_personal_field_is_for_customer_service(self):
        """A match would tell which masked ticket holds the number."""
        self.ticket.user_id = self.outsider
        for user in (self.leader, self.outsider):
            for domain in (
                [("contact_phone", "ilike", "13812345678")],
                ["|", ("name", "=", "x"), ("room_number", "=", "3-2-501")],
                [("partner_email", "=ilike", "zhang@example.com")],
            ):
                with (
                    self.subTest(user=user.login, domain=domain),
                    self.assertRaises(AccessError),
                ):
                    self.Ticket.with_user(user).search_count(domain)
        self.assertIn(
            self.ticket,
            self.Ticket.with_user(self.leader).search([("unit_id", "=", self.unit.id)]),
        )
        self.assertIn(
            self.ticket,
            self.Ticket.with_user(self.outsider).search(
                [("name", "=", self.ticket.name)]
            ),
        )
        self.assertIn(
            self.ticket,
            self.Ticket.sudo().search([("contact_phone", "ilike", "13812345678")]),
        )

    def test_a_masked_value_sent_back_is_not_written(self):
        # Outside Customer Service the fields are not writable at all.
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.leader).write({"contact_phone": "13900000000"})
        self.ticket.with_user(self.agent).write(
            {"contact_phone": "138****5678", "matter": "Still leaking."}
        )
        self.assertEqual(self.ticket.contact_phone, "+8613812345678")
        self.assertEqual(self.ticket.matter, "Still leaking.")
        # A masked value typed over (a digit changed) is refused: for a phone
        # by its validation, for an e-mail as a masked value.
        with self.assertRaises(ValidationError):
            self.ticket.with_user(self.agent).write({"contact_phone": "139****0000"})
        self.assertEqual(self.ticket.contact_phone, "+8613812345678")
        with self.assertRaisesRegex(ValidationError, "masked value"):
            self.ticket.with_user(self.agent).write(
                {"partner_email": "w***@example.com"}
            )
        with self.assertRaisesRegex(ValidationError, "masked value"):
            self.owner.write({"phone": "139****0000"})

    def test_the_form_saves_without_overwriting(self):
        self.department.user_ids = [(4, self.leader.id)]
        with Form(self.ticket.with_user(self.leader)) as form:
            self.assertEqual(form.contact_phone_display, "138****5678")
            self.assertNotIn("contact_phone", form._view["fields"])
            form.matter = "Leak again after the repair."
        self.assertEqual(self.ticket.contact_phone, "+8613812345678")
        self.assertEqual(self.ticket.room_number, "3-2-501")

    def test_printed_reply_form_masks_for_others(self):
        self.department.user_ids = [(4, self.leader.id)]
        self.assertEqual(
            self.ticket.with_user(self.leader)._report_contact_phone(), "138****5678"
        )
        self.assertEqual(
            self.ticket.with_user(self.agent)._report_contact_phone(), "+8613812345678"
        )
        self.assertEqual(self.ticket.with_user(self.leader)._report_room(), "3-2-5**")


class TestReveal(PersonalDataCase):
    def test_reveal_returns_full_values_and_is_logged(self):
        self.counsel.group_ids += self.env.ref(
            "helpdesk_property_info.group_personal_data_reveal"
        )
        self.department.user_ids = [(4, self.counsel.id)]
        self.assertEqual(self.shown_to(self.counsel)["contact_phone"], "138****5678")
        action = self.ticket.with_user(self.counsel).action_reveal_personal_data()
        values = action["params"]["values"]
        self.assertEqual(values["contact_phone"], "+8613812345678")
        self.assertEqual(values["unit_id"], "Sunny Garden 3-2-501")
        log = self.Log.search(
            [("user_id", "=", self.counsel.id), ("action", "=", "reveal")]
        )
        self.assertEqual(len(log), 1)
        self.assertEqual(log.res_model, "helpdesk.ticket")
        self.assertEqual(log.res_ids, str(self.ticket.id))
        self.assertIn("contact_phone", log.field_names)

    def test_reveal_is_refused_to_others(self):
        self.department.user_ids = [(4, self.leader.id)]
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.leader).action_reveal_personal_data()
        self.assertFalse(self.Log.search([("user_id", "=", self.leader.id)]))


class TestAccessLog(PersonalDataCase):
    def test_log_is_append_only(self):
        self.ticket.with_user(self.agent).action_reveal_personal_data()
        log = self.Log.search([("user_id", "=", self.agent.id)])
        self.assertTrue(log)
        for user in (self.manager, self.counsel):
            with self.assertRaises(AccessError):
                log.with_user(user).write({"user_id": self.leader.id})
            with self.assertRaises(AccessError):
                log.with_user(user).unlink()
            with self.assertRaises(AccessError):
                self.Log.with_user(user).create(
                    {
                        "user_id": self.leader.id,
                        "action": "reveal",
                        "res_model": "helpdesk.ticket",
                    }
                )
        self.assertEqual(
            log.with_user(self.manager).read(["user_id"])[0]["user_id"][0],
            self.agent.id,
        )
        self.assertEqual(
            log.with_user(self.counsel).search_count([("id", "=", log.id)]), 1
        )

    def test_log_is_readable_by_the_cs_manager_and_counsel_only(self):
        self.ticket.with_user(self.agent).action_reveal_personal_data()
        for user in (self.agent, self.leader, self.handler):
            with self.assertRaises(AccessError):
                self.Log.with_user(user).search([])

    def test_log_of_another_company_is_hidden(self):
        other = self.env["res.company"].create({"name": "Other Property Co."})
        entry = self.Log.with_company(other)._log(
            "reveal", self.ticket, {"contact_phone"}
        )
        self.assertEqual(entry.company_id, other)
        self.assertNotIn(entry, self.Log.with_user(self.manager).search([]))

    def test_register_read_outside_customer_service_is_logged(self):
        for name in ("partner_id", "phone", "email"):
            with self.assertRaises(AccessError):
                self.occupancy.with_user(self.leader).read([name])
        occupancy = self.occupancy.with_user(self.leader).read(["display_name"])[0]
        self.assertEqual(
            occupancy["display_name"], "Sunny Garden 3-2-5**: O********* (Owner)"
        )
        self.occupancy.with_user(self.leader).formatted_read_group(
            [], ["unit_id"], ["__count"]
        )
        self.community.with_user(self.leader).read(["owner_ids"])
        logs = self.Log.search(
            [("user_id", "=", self.leader.id), ("action", "=", "register_read")]
        )
        self.assertEqual(
            set(logs.mapped("res_model")),
            {"helpdesk.info.community"},
        )
        self.assertEqual(
            self.occupancy.with_user(self.agent).read(["phone"])[0]["phone"],
            "+8613900001111",
        )
        self.assertFalse(self.Log.search([("user_id", "=", self.agent.id)]))

    def test_reading_visits_outside_customer_service_is_logged(self):
        visit = self.env["helpdesk.info.visit"].create(
            {"unit_id": self.unit.id, "partner_id": self.owner.id}
        )
        values = visit.with_user(self.leader).read(["partner_id", "unit_id"])[0]
        self.assertEqual(values["partner_id"][1], "O*********")
        self.assertEqual(values["unit_id"][1], "Sunny Garden 3-2-5**")
        Visit = self.env["helpdesk.info.visit"].with_user(self.leader)
        Visit.formatted_read_group([], ["unit_id"], ["__count"])
        logs = self.Log.search(
            [
                ("user_id", "=", self.leader.id),
                ("res_model", "=", "helpdesk.info.visit"),
            ]
        )
        self.assertEqual(len(logs), 2)
        self.assertEqual(logs.mapped("action"), ["register_read"] * 2)
        with self.assertRaises(AccessError):
            Visit.formatted_read_group([], ["partner_id"], ["__count"])
        # The visitor reads the visit he makes, in full and unlogged.
        visitor = new_test_user(
            self.env,
            login="hpi_pd_visitor",
            groups="helpdesk_property_info.group_company_leader",
            company_id=self.company.id,
        )
        visit.user_id = visitor
        values = visit.with_user(visitor).read(["partner_id", "unit_id"])[0]
        self.assertEqual(values["partner_id"][1], "Owner Zhao")
        self.assertEqual(values["unit_id"][1], "Sunny Garden 3-2-501")
        self.assertFalse(self.Log.search([("user_id", "=", visitor.id)]))

    def test_unit_form_masks_occupants_phones(self):
        spec = {"occupancy_ids": {"fields": {"phone": {}}}}
        with self.assertRaises(AccessError):
            self.unit.with_user(self.handler).web_read(spec)
        spec = {"occupancy_ids": {"fields": {"display_name": {}}}}
        values = self.unit.with_user(self.handler).web_read(spec)[0]
        self.assertEqual(
            values["occupancy_ids"][0]["display_name"],
            "Sunny Garden 3-2-5**: O********* (Owner)",
        )
        self.assertTrue(
            self.Log.search(
                [
                    ("user_id", "=", self.handler.id),
                    ("res_model", "=", "helpdesk.info.unit"),
                ]
            )
        )


class TestResidentContacts(PersonalDataCase):
    """The owners of the register are masked in Contacts too; other contacts
    are not."""

    def test_residents_are_masked_outside_customer_service(self):
        supplier = self.env["res.partner"].create(
            {"name": "Pipe Supplier", "phone": "+8602187654321"}
        )
        partners = self.owner | supplier
        for user in (self.leader, self.outsider):
            values = {
                v["id"]: v for v in partners.with_user(user).read(["phone", "email"])
            }
            self.assertEqual(values[self.owner.id]["phone"], "139****1111", user.login)
            self.assertEqual(values[self.owner.id]["email"], "z***@example.com")
            self.assertEqual(values[supplier.id]["phone"], "+8602187654321")
        values = self.owner.with_user(self.agent).read(["phone", "email"])[0]
        self.assertEqual(
            (values["phone"], values["email"]), ("+8613900001111", "zhao@example.com")
        )

    def test_a_resident_user_reads_their_own_contact(self):
        portal = new_test_user(
            self.env, login="hpi_pd_portal", groups="base.group_portal"
        )
        self.env["helpdesk.info.unit.occupancy"].create(
            {
                "unit_id": self.unit.id,
                "partner_id": portal.partner_id.id,
                "relation": "tenant",
            }
        )
        portal.partner_id.phone = "+8613700002222"
        self.assertEqual(
            portal.partner_id.with_user(portal).read(["phone"])[0]["phone"],
            "+8613700002222",
        )

    def test_a_masked_phone_sent_back_is_not_written(self):
        self.leader.group_ids += self.env.ref("base.group_partner_manager")
        self.owner.with_user(self.leader).write(
            {"phone": "139****1111", "name": "Owner Zhao Wei"}
        )
        self.assertEqual(self.owner.phone, "+8613900001111")
        with self.assertRaises(UserError):
            self.owner.with_user(self.leader).write({"phone": "139****0000"})

    def test_searching_contacts_by_e_mail_stays_open(self):
        found = (
            self.env["res.partner"]
            .with_user(self.outsider)
            .search([("email", "=", "zhao@example.com")])
        )
        self.assertEqual(found, self.owner)


class TestExportControl(PersonalDataCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        allow = cls.env.ref("base.group_allow_export")
        cls.agent.group_ids += allow
        cls.manager.group_ids += allow
        cls.export_group = cls.env.ref(
            "helpdesk_property_info.group_personal_data_export"
        )

    def test_export_of_personal_fields_needs_the_group(self):
        with self.assertRaisesRegex(UserError, "Export Personal Data"):
            self.ticket.with_user(self.agent).export_data(["number", "contact_phone"])
        with self.assertRaisesRegex(UserError, "Export Personal Data"):
            self.department.with_user(self.manager).export_data(
                ["name", "ticket_ids/room_number"]
            )
        with self.assertRaisesRegex(UserError, "Export Personal Data"):
            self.unit.with_user(self.manager).export_data(
                ["full_code", "occupancy_ids/phone"]
            )
        self.assertFalse(self.Log.search([("action", "=", "export")]))

    def test_exporting_residents_phones_needs_the_group(self):
        with self.assertRaisesRegex(UserError, "Export Personal Data"):
            self.owner.with_user(self.agent).export_data(["name", "phone"])
        with self.assertRaisesRegex(UserError, "Export Personal Data"):
            self.ticket.with_user(self.agent).export_data(
                ["number", "partner_id/email"]
            )
        supplier = self.env["res.partner"].create(
            {"name": "Pipe Supplier", "phone": "+8602187654321"}
        )
        rows = supplier.with_user(self.agent).export_data(["name", "phone"])["datas"]
        self.assertEqual(rows, [["Pipe Supplier", "+8602187654321"]])

    def test_export_without_personal_fields_is_not_logged(self):
        rows = self.ticket.with_user(self.agent).export_data(["number", "name"])[
            "datas"
        ]
        self.assertEqual(rows[0][1], "Water leaking from the roof")
        self.assertFalse(self.Log.search([("action", "=", "export")]))

    def test_export_with_the_group_is_logged(self):
        self.agent.group_ids += self.export_group
        rows = self.ticket.with_user(self.agent).export_data(
            ["number", "contact_phone"]
        )["datas"]
        self.assertEqual(rows[0][1], "+8613812345678")
        log = self.Log.search([("action", "=", "export")])
        self.assertEqual(log.user_id, self.agent)
        self.assertEqual(log.res_ids, str(self.ticket.id))
        self.assertEqual(log.field_names, "helpdesk.ticket.contact_phone")


class TestTrackingValues(PersonalDataCase):
    def test_tracked_phone_changes_are_shown_to_who_sees_the_phone(self):
        self.env.cr.flush()
        self.ticket.with_user(self.agent).contact_phone = "13900002222"
        self.env.cr.flush()
        trackings = self.ticket.message_ids.sudo().tracking_value_ids.filtered(
            lambda t: t.field_id.name == "contact_phone"
        )
        self.assertTrue(trackings)
        self.assertEqual(
            trackings._filter_has_field_access(self.env(user=self.agent)), trackings
        )
        self.assertFalse(trackings._filter_has_field_access(self.env(user=self.leader)))
        # The handler reads the current phone of his ticket, not its history.
        self.ticket.user_id = self.handler
        self.assertFalse(
            trackings._filter_has_field_access(self.env(user=self.handler))
        )
