from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPatrolScreens(HttpCase):
    def test_patrols_open_in_every_view(self):
        screens = [
            ("my-patrols", view_type) for view_type in ("kanban", "list", "calendar")
        ]
        screens += [
            ("patrol-problems", view_type) for view_type in ("list", "pivot", "graph")
        ]
        for path, view_type in screens:
            with self.subTest(path=path, view_type=view_type):
                self.browser_js(
                    f"/odoo/{path}?view_type={view_type}",
                    "setTimeout(() => console.log('test successful'), 1000)",
                    ready="odoo.isReady",
                    login="admin",
                )


@tagged("post_install", "-at_install")
class TestPatrolOnPhone(HttpCase):
    browser_size = "375x667"
    touch_enabled = True

    def test_assistant_records_a_problem_and_its_ticket_from_a_phone(self):
        env = self.env
        env.company.country_id = env.ref("base.cn")
        # The tour reads English labels, whatever languages the database has.
        env["res.lang"]._activate_lang("en_US")
        agent = new_test_user(
            env,
            login="hpi_tour_patroller",
            password="hpi_tour_patroller",
            groups="helpdesk_property_info.group_cs_agent",
            lang="en_US",
        )
        community = env["helpdesk.info.community"].create({"name": "Tour Garden"})
        env["helpdesk.info.building"].create(
            {"community_id": community.id, "code": "T1", "floor_count": 8}
        )
        patrol = env["helpdesk.info.patrol"].create(
            {"community_id": community.id, "user_id": agent.id}
        )
        patrol._propose_floors()
        self.start_tour(
            "/odoo/my-patrols", "helpdesk_property_info_patrol_walk", login=agent.login
        )
        self.assertEqual(patrol.state, "in_progress")
        finding = patrol.finding_ids
        self.assertEqual(
            finding.item_id, env.ref("helpdesk_property_info.patrol_item_lighting")
        )
        self.assertEqual(finding.note, "Corridor light out")
        self.assertTrue(finding.found_at)
        self.assertTrue(finding.ticket_id)
        self.assertFalse(finding.ticket_late)
