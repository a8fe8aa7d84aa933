from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form

from .common import PropertyInfoCase

REGISTRATION = "helpdesk.info.unit.registration"
DECORATION = "helpdesk.info.unit.decoration"
INSPECTION = "helpdesk.info.unit.decoration.inspection"


class FrontDeskCase(PropertyInfoCase):
    """A community with an empty unit 3-2-501 (not handed over) and another,
    3-2-502, whose owner lives in it; the engineering department is the
    common After-sales department with its handler."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        community = cls.env["helpdesk.info.community"].create(
            {"name": "Sunny Garden", "code": "TFD1"}
        )
        building = cls.env["helpdesk.info.building"].create(
            {"community_id": community.id, "code": "3"}
        )
        Unit = cls.env["helpdesk.info.unit"]
        cls.unit = Unit.create(
            {"building_id": building.id, "entrance": "2", "room": "501"}
        )
        cls.owner = cls.env["res.partner"].create({"name": "Owner Zhao"})
        cls.tenant = cls.env["res.partner"].create({"name": "Tenant Qian"})
        cls.owner2 = cls.env["res.partner"].create({"name": "Owner Sun"})
        cls.lived_in = Unit.create(
            {
                "building_id": building.id,
                "entrance": "2",
                "room": "502",
                "occupancy_ids": [
                    (
                        0,
                        0,
                        {
                            "partner_id": cls.owner2.id,
                            "relation": "owner",
                            "date_start": "2020-01-01",
                        },
                    )
                ],
            }
        )
        cls.today = fields.Date.today()

    def move_in(self, user=None, **vals):
        return (
            self.env[REGISTRATION]
            .with_user(user or self.agent)
            .create(
                dict(
                    {
                        "kind": "move_in",
                        "unit_id": self.unit.id,
                        "partner_id": self.owner.id,
                        "date": self.today,
                        "keys_count": 4,
                        "water_reading": 1.5,
                        "electricity_reading": 12.0,
                        "gas_reading": 0.5,
                        "documents_signed": True,
                    },
                    **vals,
                )
            )
        )

    def decoration(self, user=None, **vals):
        return (
            self.env[DECORATION]
            .with_user(user or self.agent)
            .create(
                dict(
                    {
                        "unit_id": self.lived_in.id,
                        "owner_id": self.owner2.id,
                        "contractor": "Anju Decoration, foreman Zhang",
                        "workers": "Zhang Wei, Li Jun",
                        "workers_count": 2,
                        "date_start": self.today,
                        "date_end": self.today + timedelta(days=60),
                        "deposit_amount": 3000,
                        "rules_acknowledged": True,
                        "engineering_team_id": self.department.id,
                    },
                    **vals,
                )
            )
        )

    def approved_decoration(self):
        decoration = self.decoration()
        decoration.action_submit()
        decoration.with_user(self.handler).validate_tier()
        return decoration


class TestMoveInAndRental(FrontDeskCase):
    def test_the_agent_confirms_a_move_in_and_the_owner_enters_the_register(self):
        self.assertEqual(self.unit.status, "not_delivered")
        with Form(self.env[REGISTRATION].with_user(self.agent)) as form:
            form.unit_id = self.unit
            form.partner_id = self.owner
            form.keys_count = 4
            form.electricity_reading = 12.0
            form.documents_signed = True
        registration = form.record
        registration.action_confirm()
        self.assertEqual(registration.state, "confirmed")
        self.assertEqual(registration.confirmed_by_id, self.agent)
        occupancy = registration.occupancy_id
        self.assertEqual(occupancy.partner_id, self.owner)
        self.assertEqual(occupancy.relation, "owner")
        self.assertEqual(occupancy.date_start, self.today)
        self.assertFalse(occupancy.date_end)
        self.assertEqual(self.unit.status, "occupied")
        self.assertIn("Confirmed", registration.message_ids[0].body)
        self.assertEqual(self.unit.registration_count, 1)
        action = self.unit.action_open_registrations()
        self.assertEqual(self.env[REGISTRATION].search(action["domain"]), registration)

    def test_a_move_in_waits_for_the_documents_signed(self):
        registration = self.move_in(documents_signed=False)
        with self.assertRaisesRegex(UserError, "handover documents"):
            registration.action_confirm()
        self.assertEqual(registration.state, "draft")
        self.assertFalse(self.unit.occupancy_ids)

    def test_a_rental_starts_a_tenant_occupancy_for_its_period(self):
        end = self.today + timedelta(days=365)
        registration = self.move_in(
            kind="rental", partner_id=self.tenant.id, date_end=end
        )
        registration.action_confirm()
        occupancy = registration.occupancy_id
        self.assertEqual(occupancy.relation, "tenant")
        self.assertEqual(occupancy.date_end, end)
        self.assertEqual(self.unit.status, "rented")

    def test_a_rental_states_its_end_after_its_start(self):
        with self.assertRaises(ValidationError):
            self.move_in(kind="rental", partner_id=self.tenant.id)
        with self.assertRaises(ValidationError):
            self.move_in(
                kind="rental",
                partner_id=self.tenant.id,
                date_end=self.today - timedelta(days=1),
            )

    def test_a_confirmed_registration_is_frozen_and_its_state_never_written(self):
        registration = self.move_in()
        for vals in (
            {"state": "confirmed"},
            {"confirmed_by_id": self.manager.id},
            {"occupancy_id": False},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                registration.write(vals)
        registration.action_confirm()
        with self.assertRaisesRegex(UserError, "no longer change"):
            registration.keys_count = 2
        with self.assertRaises(UserError):
            registration.action_confirm()
        with self.assertRaises(UserError):
            registration.unlink()
        # Notes still change.
        registration.note = "Keys to the mailbox handed over later."
        self.assertEqual(len(self.unit.occupancy_ids), 1)

    def test_a_forged_default_state_is_refused(self):
        with self.assertRaises(AccessError):
            self.env[REGISTRATION].with_user(self.agent).with_context(
                default_state="confirmed"
            ).create(
                {
                    "unit_id": self.unit.id,
                    "partner_id": self.owner.id,
                    "documents_signed": True,
                }
            )

    def test_only_customer_service_registers(self):
        for user in (self.handler, self.leader):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.move_in(user=user)

    def test_the_agent_still_does_not_edit_the_register_itself(self):
        with self.assertRaises(AccessError):
            self.env["helpdesk.info.unit.occupancy"].with_user(self.agent).create(
                {"unit_id": self.unit.id, "partner_id": self.owner.id}
            )


class TestDecoration(FrontDeskCase):
    def test_engineering_approves_then_the_works_start_and_close(self):
        decoration = self.decoration()
        self.assertEqual(decoration.engineering_reviewer_ids, self.handler)
        decoration.action_submit()
        self.assertEqual(decoration.state, "pending")
        decoration.with_user(self.handler).validate_tier()
        self.assertEqual(decoration.state, "approved")
        self.assertEqual(decoration.approved_by_id, self.handler)
        self.assertEqual(self.lived_in.status, "occupied")
        decoration.action_start()
        self.assertEqual(decoration.state, "in_progress")
        self.assertEqual(self.lived_in.status, "decorating")
        Inspection = self.env[INSPECTION]
        Inspection.with_user(self.handler).create(
            {"decoration_id": decoration.id, "result": "rectify", "note": "Leak"}
        )
        with self.assertRaisesRegex(UserError, "final inspection"):
            decoration.action_close()
        Inspection.with_user(self.handler).create(
            {"decoration_id": decoration.id, "kind": "final", "result": "pass"}
        )
        decoration.deposit_outcome = "returned"
        decoration.action_close()
        self.assertEqual(decoration.state, "closed")
        self.assertEqual(decoration.closed_date, self.today)
        self.assertEqual(self.lived_in.status, "occupied")
        self.assertEqual(self.lived_in.decoration_count, 1)

    def test_an_unapproved_decoration_does_not_start(self):
        decoration = self.decoration()
        with self.assertRaisesRegex(UserError, "not approved"):
            decoration.action_start()
        decoration.action_submit()
        with self.assertRaisesRegex(UserError, "not approved"):
            decoration.action_start()
        self.assertEqual(decoration.state, "pending")
        # Nor is it inspected before it starts.
        with self.assertRaises(UserError):
            self.env[INSPECTION].with_user(self.handler).create(
                {"decoration_id": decoration.id}
            )

    def test_the_rules_are_acknowledged_before_submitting(self):
        decoration = self.decoration(rules_acknowledged=False)
        with self.assertRaisesRegex(UserError, "decoration rules"):
            decoration.action_submit()
        self.assertEqual(decoration.state, "draft")

    def test_a_withheld_deposit_needs_a_reason(self):
        decoration = self.approved_decoration()
        decoration.action_start()
        self.env[INSPECTION].with_user(self.handler).create(
            {"decoration_id": decoration.id, "kind": "final", "result": "fail"}
        )
        decoration.deposit_outcome = "withheld"
        with self.assertRaisesRegex(UserError, "reason"):
            decoration.action_close()
        decoration.deposit_withheld_reason = "Load-bearing wall opened."
        decoration.action_close()
        self.assertEqual(decoration.state, "closed")
        with self.assertRaises(UserError):
            decoration.deposit_outcome = "returned"
        with self.assertRaises(UserError):
            self.env[INSPECTION].create(
                {"decoration_id": decoration.id, "kind": "final"}
            )

    def test_the_agent_does_not_approve_his_own_registration(self):
        decoration = self.decoration()
        decoration.action_submit()
        with self.assertRaisesRegex(UserError, "another reviewer"):
            decoration.validate_tier()
        with self.assertRaisesRegex(AccessError, "not among them"):
            decoration.with_user(self.manager).validate_tier()
        self.assertEqual(decoration.state, "pending")

    def test_a_handler_of_another_department_neither_sees_nor_approves_it(self):
        other = self.env["helpdesk.ticket.team"].create({"name": "Security"})
        stranger = self.env["res.users"].create(
            {
                "name": "Handler Wu",
                "login": "hpi_handler_wu",
                "group_ids": [
                    (
                        4,
                        self.env.ref(
                            "helpdesk_property_info.group_department_handler"
                        ).id,
                    )
                ],
            }
        )
        other.user_ids = stranger
        decoration = self.decoration()
        decoration.action_submit()
        self.assertFalse(
            self.env[DECORATION]
            .with_user(stranger)
            .search([("id", "=", decoration.id)])
        )
        with self.assertRaises(AccessError):
            decoration.with_user(stranger).validate_tier()

    def test_hostile_writes_to_the_state_and_the_approval_are_refused(self):
        decoration = self.decoration()
        for user in (self.agent, self.handler):
            for vals in (
                {"state": "in_progress"},
                {"state": "approved"},
                {"approved_by_id": self.handler.id},
                {"started_date": self.today},
            ):
                with self.subTest(user=user.login, vals=vals):
                    with self.assertRaises(AccessError):
                        decoration.with_user(user).write(vals)
        with self.assertRaises(AccessError):
            self.env[DECORATION].with_user(self.agent).with_context(
                default_state="approved"
            ).create(
                {
                    "unit_id": self.lived_in.id,
                    "owner_id": self.owner2.id,
                    "contractor": "X",
                    "date_start": self.today,
                    "date_end": self.today,
                    "engineering_team_id": self.department.id,
                }
            )
        self.assertEqual(decoration.state, "draft")

    def test_the_handler_approves_but_does_not_rewrite_the_registration(self):
        decoration = self.decoration()
        with self.assertRaises(UserError):
            decoration.with_user(self.handler).deposit_amount = 0
        decoration.action_submit()
        with self.assertRaises(UserError):
            decoration.deposit_amount = 0
        self.assertEqual(decoration.deposit_amount, 3000)

    def test_neighbours_tickets_are_linked(self):
        ticket = self.Ticket.create(self.phone_vals(name="Drilling at night"))
        decoration = self.decoration()
        decoration.ticket_ids = ticket
        self.assertEqual(decoration.ticket_ids, ticket)


class TestTransfer(FrontDeskCase):
    def transfer(self, **vals):
        return (
            self.env["helpdesk.info.unit.transfer"]
            .with_user(self.agent)
            .create(
                dict(
                    {
                        "unit_id": self.lived_in.id,
                        "old_owner_id": self.owner2.id,
                        "new_owner_id": self.owner.id,
                        "date": self.today,
                    },
                    **vals,
                )
            )
        )

    def test_a_manager_approves_and_the_owners_change_on_the_date(self):
        transfer = self.transfer()
        transfer.action_submit()
        with self.assertRaisesRegex(UserError, "not approved"):
            transfer.action_done()
        transfer.with_user(self.manager).validate_tier()
        self.assertEqual(transfer.state, "approved")
        transfer.action_done()
        self.assertEqual(transfer.state, "done")
        occupancies = self.lived_in.occupancy_ids
        old = occupancies.filtered(lambda o: o.partner_id == self.owner2)
        new = occupancies.filtered(lambda o: o.partner_id == self.owner)
        self.assertEqual(old.date_end, self.today - timedelta(days=1))
        self.assertEqual(new.date_start, self.today)
        self.assertEqual(new.relation, "owner")
        self.assertEqual(self.lived_in.current_partner_ids, self.owner)
        self.assertEqual(self.lived_in.status, "occupied")
        with self.assertRaises(UserError):
            transfer.date = self.today + timedelta(days=1)

    def test_the_front_desk_records_the_new_owner_as_a_contact(self):
        buyer = (
            self.env["res.partner"]
            .with_user(self.agent)
            .create({"name": "Buyer Qian", "phone": "+8613800000001"})
        )
        transfer = (
            self.env["helpdesk.info.unit.transfer"]
            .with_user(self.agent)
            .create(
                {
                    "unit_id": self.lived_in.id,
                    "new_owner_id": buyer.id,
                    "date": self.today,
                }
            )
        )
        self.assertEqual(transfer.new_owner_id, buyer)
        # The seller is the unit's current owner unless the agent names another.
        self.assertEqual(transfer.old_owner_id, self.owner2)

    def test_the_agent_does_not_approve_his_own_transfer(self):
        transfer = self.transfer()
        transfer.action_submit()
        with self.assertRaises(UserError):
            transfer.validate_tier()
        with self.assertRaises(AccessError):
            transfer.with_user(self.handler).validate_tier()
        for vals in ({"state": "approved"}, {"state": "done"}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                transfer.write(vals)
        self.assertEqual(transfer.state, "pending")

    def test_the_old_owner_owns_the_unit_before_the_transfer(self):
        transfer = self.transfer(old_owner_id=self.tenant.id)
        with self.assertRaisesRegex(UserError, "does not own"):
            transfer.action_submit()
        self.assertEqual(transfer.state, "draft")
