from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRepairScreens(HttpCase):
    def test_repairs_open_in_every_view(self):
        for view_type in ("list", "kanban", "pivot", "graph"):
            with self.subTest(view_type=view_type):
                self.browser_js(
                    f"/odoo/helpdesk-repairs?view_type={view_type}",
                    "setTimeout(() => console.log('test successful'), 1000)",
                    ready="odoo.isReady",
                    login="admin",
                )


@tagged("post_install", "-at_install")
class TestRepairOnPhone(HttpCase):
    browser_size = "375x667"
    touch_enabled = True

    def test_worker_arrives_on_time_from_a_phone(self):
        env = self.env
        env.company.country_id = env.ref("base.cn")
        # The tour reads English labels, whatever languages the database has.
        env["res.lang"]._activate_lang("en_US")
        worker = new_test_user(
            env,
            login="hpi_tour_worker",
            password="hpi_tour_worker",
            groups="helpdesk_property_info.group_maintenance_worker",
            lang="en_US",
        )
        community = env["helpdesk.info.community"].create({"name": "Tour Garden"})
        building = env["helpdesk.info.building"].create(
            {"community_id": community.id, "code": "5"}
        )
        unit = env["helpdesk.info.unit"].create(
            {"building_id": building.id, "entrance": "1", "room": "302"}
        )
        vals = {
            "description": "<p>Water everywhere</p>",
            "type_id": env.ref("helpdesk_property_info.ticket_type_repair").id,
            "repair_urgency_id": env.ref(
                "helpdesk_property_info.repair_urgency_emergency"
            ).id,
            "channel_id": env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone").id,
            "contact_name": "钱女士",
            "contact_phone": "13912345678",
            "repair_worker_id": worker.id,
        }
        ticket = env["helpdesk.ticket"].create(
            dict(
                vals,
                name="Burst pipe",
                unit_id=unit.id,
                matter="Burst pipe in the kitchen",
            )
        )
        late = env["helpdesk.ticket"].create(
            dict(
                vals,
                name="Leaking roof",
                room_number="2-1-1801",
                matter="Leaking roof",
                intake_date=fields.Datetime.now() - timedelta(hours=2),
            )
        )
        (ticket | late).action_repair_dispatch()
        self.start_tour(
            "/odoo/my-repairs",
            "helpdesk_property_info_repair_arrive",
            login=worker.login,
        )
        self.assertEqual(ticket.room_number, "5-1-302")
        self.assertEqual(ticket.repair_state, "done")
        self.assertTrue(ticket.repair_on_time)
        self.assertLessEqual(ticket.repair_arrival_minutes, 10)
