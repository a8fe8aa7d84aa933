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
        worker = new_test_user(
            env, login="hpi_tour_worker", password="hpi_tour_worker",
            groups="helpdesk_property_info.group_maintenance_worker",
        )
        ticket = env["helpdesk.ticket"].create({
            "name": "Burst pipe",
            "description": "<p>Water everywhere</p>",
            "type_id": env.ref("helpdesk_property_info.ticket_type_repair").id,
            "repair_urgency_id": env.ref("helpdesk_property_info.repair_urgency_emergency").id,
            "channel_id": env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone").id,
            "contact_name": "钱女士",
            "room_number": "5-1-302",
            "contact_phone": "13912345678",
            "matter": "Burst pipe in the kitchen",
            "repair_worker_id": worker.id,
        })
        ticket.action_repair_dispatch()
        self.start_tour("/odoo/my-repairs", "helpdesk_property_info_repair_arrive", login=worker.login)
        self.assertEqual(ticket.repair_state, "on_site")
        self.assertTrue(ticket.repair_on_time)
        self.assertLessEqual(ticket.repair_arrival_minutes, 10)
