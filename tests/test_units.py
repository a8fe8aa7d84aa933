from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form
from odoo.tools import file_open, mute_logger

from .common import PropertyInfoCase

TEMPLATE = "helpdesk_property_info/static/xls/helpdesk_info_unit_import_template.csv"


class UnitsCase(PropertyInfoCase):
    """A community with building 3 and its unit 3-2-501."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Unit = cls.env["helpdesk.info.unit"]
        cls.community = cls.env["helpdesk.info.community"].create(
            {"name": "Sunny Garden"}
        )
        cls.building = cls.env["helpdesk.info.building"].create(
            {"community_id": cls.community.id, "code": "3"}
        )
        cls.unit = cls.Unit.create(
            {
                "building_id": cls.building.id,
                "entrance": "2",
                "room": "501",
            }
        )
        cls.owner = cls.env["res.partner"].create({"name": "Owner Zhao"})
        cls.tenant = cls.env["res.partner"].create({"name": "Tenant Qian"})


class TestUnitsRegister(UnitsCase):
    def test_unit_code_is_building_entrance_room(self):
        self.assertEqual(self.unit.community_id, self.community)
        self.assertEqual(self.unit.company_id, self.company)
        self.assertEqual(self.unit.full_code, "3-2-501")
        self.assertEqual(self.unit.display_name, "Sunny Garden 3-2-501")
        without_entrance = self.Unit.create(
            {"building_id": self.building.id, "room": "101"}
        )
        self.assertEqual(without_entrance.full_code, "3-101")

    def test_the_floor_is_read_from_the_room_number(self):
        self.assertEqual(self.unit.floor, 5)
        high = self.Unit.create(
            {"building_id": self.building.id, "entrance": "1", "room": "1801"}
        )
        self.assertEqual(high.floor, 18)
        shop = self.Unit.create({"building_id": self.building.id, "room": "A12"})
        self.assertEqual(shop.floor, 0, "a room number too short to hold a floor")
        shop.floor = 1
        self.assertEqual(shop.floor, 1, "a floor corrected by hand is kept")

    def test_a_building_floors_are_its_count_or_its_units(self):
        self.assertEqual(self.building._floors(), [5])
        self.building.floor_count = 6
        self.assertEqual(self.building._floors(), [1, 2, 3, 4, 5, 6])
        with self.assertRaises(ValidationError):
            self.building.floor_count = -1

    def test_typing_the_code_finds_the_unit(self):
        for typed in ("3-2-501", "Sunny Garden 3-2-501", "sunny garden"):
            with self.subTest(typed=typed):
                found = [id_ for id_, _name in self.Unit.name_search(typed)]
                self.assertIn(self.unit.id, found)
        other = self.Unit.create(
            {"building_id": self.building.id, "entrance": "1", "room": "101"}
        )
        found = [id_ for id_, _name in self.Unit.name_search("3-2-501")]
        self.assertNotIn(other.id, found)

    def test_a_unit_is_registered_once_per_community(self):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.Unit.create(
                {"building_id": self.building.id, "entrance": "2", "room": "501"}
            )
        # The same code in another community is another unit.
        elsewhere = self.env["helpdesk.info.community"].create({"name": "Moon Bay"})
        building = self.env["helpdesk.info.building"].create(
            {"community_id": elsewhere.id, "code": "3"}
        )
        twin = self.Unit.create(
            {"building_id": building.id, "entrance": "2", "room": "501"}
        )
        self.assertEqual(twin.full_code, self.unit.full_code)

    def test_a_building_code_is_used_once_per_community(self):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.env["helpdesk.info.building"].create(
                {"community_id": self.community.id, "code": "3"}
            )

    def test_the_building_belongs_to_the_unit_community(self):
        elsewhere = self.env["helpdesk.info.community"].create({"name": "Moon Bay"})
        with self.assertRaises(ValidationError):
            self.unit.community_id = elsewhere

    def test_status_follows_the_occupancies_and_is_tracked(self):
        unit = self.Unit.create({"building_id": self.building.id, "room": "601"})
        self.assertEqual(unit.status, "not_delivered")
        self.env.cr.flush()
        Occupancy = self.env["helpdesk.info.unit.occupancy"]
        owner = Occupancy.create(
            {"unit_id": unit.id, "partner_id": self.owner.id, "relation": "owner"}
        )
        self.assertEqual(unit.status, "occupied")
        self.env.cr.flush()
        tracked = unit.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "status"
        )
        self.assertEqual(tracked.old_value_char, "Not Handed Over")
        self.assertEqual(tracked.new_value_char, "Owner-occupied")
        tenant = Occupancy.create(
            {"unit_id": unit.id, "partner_id": self.tenant.id, "relation": "tenant"}
        )
        self.assertEqual(unit.status, "rented")
        tenant.date_end = fields.Date.today() - timedelta(days=1)
        self.assertEqual(unit.status, "occupied")
        owner.date_end = fields.Date.today() - timedelta(days=1)
        self.assertEqual(unit.status, "vacant")

    def test_community_counts_its_units_and_buildings(self):
        self.assertEqual(self.community.building_ids, self.building)
        self.assertEqual(self.community.unit_count, 1)
        self.assertEqual(self.building.unit_count, 1)
        action = self.community.action_open_units()
        self.assertEqual(self.Unit.search(action["domain"]), self.unit)


class TestUnitOccupancy(UnitsCase):
    def occupy(self, partner, relation, start=None, end=None):
        return self.env["helpdesk.info.unit.occupancy"].create(
            {
                "unit_id": self.unit.id,
                "partner_id": partner.id,
                "relation": relation,
                "date_start": start,
                "date_end": end,
            }
        )

    def test_an_occupancy_cannot_end_before_it_starts(self):
        today = fields.Date.today()
        with self.assertRaises(ValidationError):
            self.occupy(self.owner, "owner", today, today - timedelta(days=1))
        self.occupy(self.owner, "owner", today, today)

    def test_current_occupants(self):
        today = fields.Date.today()
        owner = self.occupy(self.owner, "owner", today - timedelta(days=400))
        former = self.occupy(
            self.tenant,
            "tenant",
            today - timedelta(days=400),
            today - timedelta(days=30),
        )
        self.env["helpdesk.info.consent"].create(
            {
                "partner_id": self.owner.id,
                "purpose": "Recognise the family when they call.",
            }
        )
        future = self.occupy(self.tenant, "family", today + timedelta(days=10))
        self.assertTrue(owner.current)
        self.assertFalse(former.current)
        self.assertFalse(future.current)
        self.assertEqual(self.unit.current_partner_ids, self.owner)
        Occupancy = self.env["helpdesk.info.unit.occupancy"]
        mine = [("unit_id", "=", self.unit.id)]
        self.assertEqual(Occupancy.search(mine + [("current", "=", True)]), owner)
        self.assertEqual(
            Occupancy.search(mine + [("current", "=", False)]), former + future
        )
        self.assertEqual(
            Occupancy.search(mine + [("current", "!=", True)]), former + future
        )

    def test_partner_opens_their_units(self):
        self.occupy(self.owner, "owner")
        self.assertEqual(self.owner.unit_count, 1)
        action = self.owner.action_open_units()
        self.assertEqual(self.Unit.search(action["domain"]), self.unit)
        self.assertEqual(self.tenant.unit_count, 0)


class TestTicketUnit(UnitsCase):
    def test_choosing_a_unit_fills_an_empty_room_number(self):
        ticket = self.Ticket.create(
            self.phone_vals(room_number=False, unit_id=self.unit.id)
        )
        self.assertEqual(ticket.room_number, "3-2-501")
        self.assertEqual(self.unit.ticket_count, 1)

    def test_a_room_number_given_is_kept(self):
        ticket = self.Ticket.create(self.phone_vals(room_number="3-2-501 (back door)"))
        ticket.unit_id = self.unit
        self.assertEqual(ticket.room_number, "3-2-501 (back door)")
        blank = self.Ticket.create(self.phone_vals(room_number=False))
        blank.unit_id = self.unit
        self.assertEqual(blank.room_number, "3-2-501")

    def test_the_form_fills_the_room_number(self):
        with Form(self.Ticket.with_user(self.agent)) as form:
            form.name = "Tap dripping"
            form.description = "<p>Kitchen tap</p>"
            form.channel_id = self.phone_channel
            form.contact_name = "赵先生"
            form.contact_phone = "13812345678"
            form.matter = "Kitchen tap dripping"
            form.unit_id = self.unit
            self.assertEqual(form.room_number, "3-2-501")
        self.assertEqual(form.record.unit_id, self.unit)

    def test_a_unit_of_another_company_is_refused(self):
        other = self.env["res.company"].create({"name": "Second Property Co."})
        community = self.env["helpdesk.info.community"].create(
            {"name": "Far Away", "company_id": other.id}
        )
        unit = self.Unit.create(
            {
                "building_id": self.env["helpdesk.info.building"]
                .create({"community_id": community.id, "code": "1"})
                .id,
                "room": "101",
            }
        )
        with self.assertRaises(UserError):
            self.Ticket.create(self.phone_vals(unit_id=unit.id))


class TestUnitsAccess(UnitsCase):
    def test_every_helpdesk_role_reads_the_register(self):
        for user in (self.agent, self.handler, self.leader, self.counsel, self.manager):
            with self.subTest(user=user.login):
                self.assertEqual(
                    self.Unit.with_user(user).search([("id", "=", self.unit.id)]),
                    self.unit,
                )
                if user.has_group("helpdesk_property_info.group_cs_agent"):
                    self.assertEqual(self.unit.with_user(user).full_code, "3-2-501")
                    continue
                # The code is Customer Service's: the others read it masked.
                with self.assertRaises(AccessError):
                    self.unit.with_user(user).full_code  # noqa: B018
                self.assertEqual(
                    self.unit.with_user(user).display_name, "Sunny Garden 3-2-5**"
                )

    def test_only_cs_managers_change_the_register(self):
        for user in (self.agent, self.handler, self.leader):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.Unit.with_user(user).create(
                        {"building_id": self.building.id, "room": "601"}
                    )
                with self.assertRaises(AccessError):
                    self.unit.with_user(user).area = 100
                with self.assertRaises(AccessError):
                    self.env["helpdesk.info.building"].with_user(user).create(
                        {"community_id": self.community.id, "code": "9"}
                    )
        unit = self.Unit.with_user(self.manager).create(
            {
                "building_id": self.building.id,
                "room": "601",
                "occupancy_ids": [
                    (0, 0, {"partner_id": self.owner.id, "relation": "owner"})
                ],
            }
        )
        unit.area = 100
        self.assertEqual(unit.occupancy_ids.partner_id, self.owner)
        self.assertEqual(unit.status, "occupied")

    def test_another_company_units_are_invisible(self):
        other = self.env["res.company"].create({"name": "Second Property Co."})
        community = self.env["helpdesk.info.community"].create(
            {"name": "Far Away", "company_id": other.id}
        )
        building = self.env["helpdesk.info.building"].create(
            {"community_id": community.id, "code": "1"}
        )
        unit = self.Unit.create({"building_id": building.id, "room": "101"})
        self.env["helpdesk.info.unit.occupancy"].create(
            {"unit_id": unit.id, "partner_id": self.owner.id, "relation": "owner"}
        )
        for user in (self.agent, self.manager):
            with self.subTest(user=user.login):
                self.assertFalse(
                    self.Unit.with_user(user).search([("id", "=", unit.id)])
                )
                self.assertFalse(
                    self.env["helpdesk.info.building"]
                    .with_user(user)
                    .search([("id", "=", building.id)])
                )
                self.assertFalse(
                    self.env["helpdesk.info.unit.occupancy"]
                    .with_user(user)
                    .search([("unit_id", "=", unit.id)])
                )
                with self.assertRaises(AccessError):
                    unit.with_user(user).read(["full_code"])

    def test_portal_users_have_no_access(self):
        portal = self.env["res.users"].create(
            {
                "name": "Owner",
                "login": "hpi_units_portal",
                "group_ids": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        for model in (
            "helpdesk.info.building",
            "helpdesk.info.unit",
            "helpdesk.info.unit.occupancy",
        ):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(portal).search([])


class TestUnitsImport(PropertyInfoCase):
    def test_the_import_template_imports(self):
        Unit = self.env["helpdesk.info.unit"]
        templates = Unit.get_import_templates()
        self.assertEqual(len(templates), 1)
        self.assertTrue(
            templates[0]["template"].endswith("helpdesk_info_unit_import_template.csv")
        )
        community = self.env["helpdesk.info.community"].create({"name": "阳光花园"})
        for name in ("张三", "李四", "王五", "赵六"):
            partner = self.env["res.partner"].create({"name": name})
            # Family members are recorded with a consent only.
            self.env["helpdesk.info.consent"].create(
                {
                    "partner_id": partner.id,
                    "purpose": "Recognise the family when they call.",
                }
            )
        with file_open(TEMPLATE, "rb") as template:
            content = template.read()
        importer = (
            self.env["base_import.import"]
            .with_user(self.manager)
            .create(
                {
                    "res_model": "helpdesk.info.unit",
                    "file": content,
                    "file_type": "text/csv",
                }
            )
        )
        options = {
            "has_headers": True,
            "quoting": '"',
            "separator": ",",
            "encoding": "utf-8",
            "date_format": "%Y-%m-%d",
            "float_decimal_separator": ".",
            "float_thousand_separator": ",",
        }
        preview = importer.parse_preview(options)
        self.assertFalse(preview.get("error"), preview.get("error"))
        columns = preview["headers"]
        mapped = [preview["matches"].get(index) for index in range(len(columns))]
        # Every column of the template maps to its field by itself.
        self.assertTrue(all(mapped), dict(zip(columns, mapped, strict=True)))
        fields_ = ["/".join(path) for path in mapped]
        result = importer.execute_import(fields_, columns, options)
        self.assertFalse(result["messages"], result["messages"])
        units = Unit.browse(result["ids"])
        self.assertEqual(
            sorted(units.mapped("full_code")), ["3-2-501", "3-2-502", "5-1-101"]
        )
        self.assertEqual(units.community_id, community)
        self.assertEqual(sorted(units.building_id.mapped("code")), ["3", "5"])
        by_code = {unit.full_code: unit for unit in units}
        self.assertEqual(by_code["3-2-501"].status, "occupied")
        self.assertEqual(by_code["3-2-501"].area, 89.5)
        self.assertEqual(
            sorted(by_code["3-2-501"].occupancy_ids.mapped("relation")),
            ["family", "owner"],
        )
        self.assertEqual(by_code["3-2-502"].status, "rented")
        tenant = by_code["3-2-502"].occupancy_ids.filtered(
            lambda o: o.relation == "tenant"
        )
        self.assertEqual(tenant.partner_id.name, "赵六")
        self.assertEqual(str(tenant.date_end), "2029-02-28")
        self.assertEqual(by_code["5-1-101"].status, "not_delivered")
        self.assertFalse(by_code["5-1-101"].occupancy_ids)
