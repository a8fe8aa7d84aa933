from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestVisitScreens(HttpCase):
    def test_visits_open_in_every_view(self):
        for view_type in ("list", "kanban", "calendar", "pivot", "graph"):
            with self.subTest(view_type=view_type):
                self.browser_js(
                    f"/odoo/helpdesk-customer-visits?view_type={view_type}",
                    "setTimeout(() => console.log('test successful'), 1000)",
                    ready="odoo.isReady",
                    login="admin",
                )

    def test_the_quota_screen_opens(self):
        self.browser_js(
            "/odoo/customer-visit-quotas",
            "setTimeout(() => console.log('test successful'), 1000)",
            ready="odoo.isReady",
            login="admin",
        )


@tagged("post_install", "-at_install")
class TestVisitOnPhone(HttpCase):
    browser_size = "375x667"
    touch_enabled = True

    def test_assistant_draws_records_and_turns_an_opinion_into_a_ticket(self):
        env = self.env
        env.company.country_id = env.ref("base.cn")
        assistant = new_test_user(
            env,
            login="hpi_tour_assistant",
            password="hpi_tour_assistant",
            groups="helpdesk_property_info.group_cs_agent",
        )
        community = env["helpdesk.info.community"].create({"name": "Tour Garden"})
        building = env["helpdesk.info.building"].create(
            {"community_id": community.id, "code": "7"}
        )
        for room in ("101", "201", "301"):
            owner = env["res.partner"].create({"name": f"Tour Owner {room}"})
            env["helpdesk.info.unit"].create(
                {
                    "building_id": building.id,
                    "room": room,
                    "occupancy_ids": [
                        (
                            0,
                            0,
                            {
                                "partner_id": owner.id,
                                "relation": "owner",
                                "date_start": "2019-01-01",
                            },
                        )
                    ],
                }
            )
        self.start_tour(
            "/odoo/draw-customer-visits",
            "helpdesk_info_visit_draw_record_ticket",
            login=assistant.login,
        )
        visits = env["helpdesk.info.visit"].search(
            [("community_id", "=", community.id)]
        )
        self.assertEqual(len(visits), 2)
        done = visits.filtered(lambda v: v.state == "done")
        self.assertEqual(len(done), 1)
        self.assertEqual(done.user_id, assistant)
        self.assertEqual(done.satisfaction, "4")
        self.assertEqual(done.ticket_ids.matter, "The lift is too slow in the morning.")
        self.assertEqual(done.ticket_ids.unit_id, done.unit_id)
