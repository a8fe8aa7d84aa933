from datetime import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, new_test_user

from .common import PropertyInfoCase

# 10:00 in Shanghai on Monday 5 January 2026.
REPORTED = datetime(2026, 1, 5, 2, 0)


class RepairCase(PropertyInfoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.repair_kind = cls.env.ref("helpdesk_property_info.ticket_type_repair")
        cls.emergency = cls.env.ref("helpdesk_property_info.repair_urgency_emergency")
        cls.urgent = cls.env.ref("helpdesk_property_info.repair_urgency_urgent")
        cls.ordinary = cls.env.ref("helpdesk_property_info.repair_urgency_ordinary")
        cls.worker = new_test_user(
            cls.env,
            login="hpi_worker",
            groups="helpdesk_property_info.group_maintenance_worker",
            company_id=cls.company.id,
        )
        cls.other_worker = new_test_user(
            cls.env,
            login="hpi_worker2",
            groups="helpdesk_property_info.group_maintenance_worker",
            company_id=cls.company.id,
        )
        cls.department.user_id = cls.handler

    @classmethod
    def community_with_unit(cls, name, code):
        community = cls.env["helpdesk.info.community"].create(
            {"name": name, "code": code}
        )
        building = cls.env["helpdesk.info.building"].create(
            {"community_id": community.id, "code": "3"}
        )
        unit = cls.env["helpdesk.info.unit"].create(
            {"building_id": building.id, "room": "501"}
        )
        return community, unit

    def repair(self, urgency=None, **overrides):
        vals = self.phone_vals(
            type_id=self.repair_kind.id,
            intake_date=REPORTED,
            team_id=self.department.id,
            **({"repair_urgency_id": urgency.id} if urgency else {}),
        )
        vals.update(overrides)
        return self.Ticket.with_user(self.agent).create(vals)

    def dispatched(self, urgency=None, **overrides):
        ticket = self.repair(urgency or self.emergency, **overrides)
        ticket.with_user(self.agent).repair_worker_id = self.worker
        ticket.with_user(self.agent).action_repair_dispatch()
        return ticket


class TestRepairOrder(RepairCase):
    def test_urgency_sets_the_minutes_on_site(self):
        self.assertEqual(
            self.repair(self.emergency).arrival_deadline, datetime(2026, 1, 5, 2, 10)
        )
        self.assertEqual(
            self.repair(self.urgent).arrival_deadline, datetime(2026, 1, 5, 2, 15)
        )

    def test_ordinary_repair_by_appointment_or_the_same_day(self):
        appointment = datetime(2026, 1, 6, 6, 30)
        self.assertEqual(
            self.repair(self.ordinary, appointment_date=appointment).arrival_deadline,
            appointment,
        )
        # 23:59 in Shanghai, the day reported.
        self.assertEqual(
            self.repair(self.ordinary).arrival_deadline, datetime(2026, 1, 5, 15, 59)
        )

    def test_a_repair_without_urgency_is_ordinary_and_other_kinds_have_none(self):
        repair = self.repair()
        self.assertEqual(repair.repair_urgency_id, self.ordinary)
        self.assertEqual(repair.repair_state, "new")
        complaint = self.Ticket.create(self.phone_vals())
        self.assertFalse(complaint.is_repair)
        self.assertFalse(complaint.repair_state)
        self.assertFalse(complaint.arrival_deadline)

    def test_appointment_before_the_report_is_refused(self):
        with self.assertRaises(ValidationError):
            self.repair(self.ordinary, appointment_date=datetime(2026, 1, 4, 2, 0))

    def test_the_worker_goes_from_dispatch_to_confirmation(self):
        ticket = self.dispatched()
        self.assertIn(self.worker.partner_id, ticket.message_partner_ids)
        order = ticket.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("helpdesk_property_info.mail_activity_repair_order")
            )
        )
        self.assertEqual(order.user_id, self.worker)
        as_worker = ticket.with_user(self.worker)
        self.assertIn(
            ticket,
            self.Ticket.with_user(self.worker).search(
                [("repair_worker_id", "=", self.worker.id)]
            ),
        )
        with freeze_time("2026-01-05 02:01:00"):
            as_worker.action_repair_accept()
        with freeze_time("2026-01-05 02:08:00"):
            as_worker.action_repair_arrive()
        self.assertEqual(ticket.repair_state, "on_site")
        self.assertEqual(ticket.repair_arrival_minutes, 8)
        self.assertTrue(ticket.repair_on_time)
        self.assertFalse(ticket.repair_next_check)
        as_worker.repair_materials = "1 tap washer"
        with freeze_time("2026-01-05 02:40:00"):
            as_worker.action_repair_done()
        self.assertEqual(ticket.repair_done_date, datetime(2026, 1, 5, 2, 40))
        self.assertFalse(
            ticket.activity_ids.filtered(lambda a: a.user_id == self.worker)
        )
        ticket.with_user(self.agent).action_repair_confirm()
        self.assertEqual(ticket.repair_state, "confirmed")

    def test_late_arrival_is_not_on_time(self):
        ticket = self.dispatched(self.urgent)
        with freeze_time("2026-01-05 02:20:00"):
            ticket.with_user(self.worker).action_repair_arrive()
        self.assertEqual(ticket.repair_arrival_minutes, 20)
        self.assertFalse(ticket.repair_on_time)

    def test_buttons_in_the_wrong_order_are_refused(self):
        ticket = self.repair(self.emergency)
        with self.assertRaisesRegex(UserError, "choose the maintenance worker"):
            ticket.with_user(self.agent).action_repair_dispatch()
        ticket.with_user(self.agent).repair_worker_id = self.worker
        with self.assertRaises(UserError):
            ticket.with_user(self.manager).action_repair_done()
        complaint = self.Ticket.create(self.phone_vals())
        with self.assertRaisesRegex(UserError, "not a repair"):
            complaint.with_user(self.manager).action_repair_arrive()

    def test_only_the_dispatched_worker_records_the_work(self):
        ticket = self.dispatched()
        with self.assertRaises(AccessError):
            ticket.with_user(self.other_worker).action_repair_arrive()
        with self.assertRaises(AccessError):
            ticket.with_user(self.agent).action_repair_arrive()
        with self.assertRaises(AccessError):
            ticket.with_user(self.worker).action_repair_dispatch()
        # A Customer Service manager records it on the worker's behalf.
        ticket.with_user(self.manager).action_repair_arrive()
        self.assertEqual(ticket.repair_state, "on_site")

    def test_a_worker_sees_only_their_repairs(self):
        mine = self.dispatched()
        other = self.repair(self.emergency, repair_worker_id=self.other_worker.id)
        visible = self.Ticket.with_user(self.worker).search([])
        self.assertIn(mine, visible)
        self.assertNotIn(other, visible)

    def test_times_and_state_are_written_by_the_buttons_only(self):
        ticket = self.dispatched()
        for vals in (
            {"repair_state": "done"},
            {"repair_arrival_date": "2026-01-05 02:05:00"},
            {"arrival_deadline": "2026-01-05 09:00:00"},
            {"repair_late_alerted": True},
        ):
            with self.assertRaises(AccessError, msg=vals):
                ticket.with_user(self.manager).write(vals)
        with self.assertRaises(AccessError):
            ticket.with_user(self.worker).write(
                {"repair_worker_id": self.other_worker.id}
            )
        with self.assertRaises(AccessError):
            self.Ticket.with_user(self.agent).create(
                self.phone_vals(
                    type_id=self.repair_kind.id,
                    repair_arrival_date="2026-01-05 02:05:00",
                )
            )
        with self.assertRaises(AccessError):
            self.Ticket.with_user(self.agent).with_context(
                default_repair_state="done"
            ).create(self.phone_vals(type_id=self.repair_kind.id))

    def test_urgency_and_appointment_stay_once_on_site(self):
        ticket = self.dispatched()
        ticket.with_user(self.worker).action_repair_arrive()
        with self.assertRaises(UserError):
            ticket.with_user(self.agent).repair_urgency_id = self.ordinary

    def test_a_worker_must_be_a_maintenance_worker(self):
        with self.assertRaises(ValidationError):
            self.repair(self.emergency, repair_worker_id=self.agent.id)

    def test_dissatisfied_owner_sends_the_repair_back_to_the_worker(self):
        ticket = self.dispatched()
        ticket.with_user(self.worker).action_repair_arrive()
        ticket.with_user(self.worker).action_repair_done()
        ticket.with_user(self.agent).action_repair_confirm()
        closed = self.env["helpdesk.ticket.stage"].search(
            [("closed", "=", True)], limit=1
        )
        ticket.with_user(self.manager).stage_id = closed
        ticket.with_user(self.agent).action_record_return_visit(
            "no", "2", "Still dripping"
        )
        self.assertEqual(ticket.repair_state, "dispatched")
        self.assertFalse(ticket.closed)
        self.assertIn(
            ticket,
            self.Ticket.with_user(self.worker).search(
                [
                    ("repair_state", "=", "dispatched"),
                    ("repair_worker_id", "=", self.worker.id),
                ]
            ),
        )
        self.assertIn(
            "Still dripping",
            ticket.activity_ids.filtered(lambda a: a.user_id == self.worker).summary,
        )

    def test_form_shows_the_repair_group_for_repairs(self):
        with Form(self.Ticket.with_user(self.agent)) as form:
            form.type_id = self.repair_kind
            form.name = "Burst pipe"
            form.description = "<p>Water everywhere</p>"
            form.channel_id = self.phone_channel
            form.contact_name = "钱女士"
            form.room_number = "5-1-302"
            form.contact_phone = "13912345678"
            form.matter = "Burst pipe in the kitchen"
            form.repair_urgency_id = self.emergency
        self.assertEqual(form.record.repair_urgency_id, self.emergency)
        self.assertTrue(form.record.arrival_deadline)


class TestRepairCard(RepairCase):
    """The worker's card names the community and shows a passed arrival
    deadline: the building numbers repeat from one community to the next."""

    def test_the_card_names_the_community_of_the_unit_or_of_the_team(self):
        Community = self.env["helpdesk.info.community"]
        north = Community.create(
            {"name": "North Garden", "team_id": self.department.id}
        )
        south = Community.create({"name": "South Garden"})
        building = self.env["helpdesk.info.building"].create(
            {"community_id": south.id, "code": "3"}
        )
        unit = self.env["helpdesk.info.unit"].create(
            {"building_id": building.id, "room": "501"}
        )
        in_unit = self.dispatched(unit_id=unit.id)
        by_team = self.dispatched(room_number="3-2-501")
        self.assertEqual(in_unit.with_user(self.worker).repair_community_id, south)
        self.assertEqual(by_team.with_user(self.worker).repair_community_id, north)
        # A team serving two communities names none: the unit tells.
        Community.create({"name": "East Garden", "team_id": self.department.id})
        by_team.invalidate_recordset(["repair_community_id"])
        self.assertFalse(by_team.repair_community_id)

    def test_a_passed_arrival_deadline_is_overdue_until_the_worker_is_on_site(self):
        ticket = self.dispatched(self.emergency)  # on site by 02:10
        with freeze_time("2026-01-05 02:09:00"):
            self.assertFalse(ticket.with_user(self.worker).repair_arrival_overdue)
        with freeze_time("2026-01-05 02:11:00"):
            ticket.invalidate_recordset(["repair_arrival_overdue"])
            self.assertTrue(ticket.with_user(self.worker).repair_arrival_overdue)
            ticket.with_user(self.worker).action_repair_arrive()
            self.assertFalse(ticket.repair_arrival_overdue)
