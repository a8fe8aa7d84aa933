from odoo.tests import HttpCase, new_test_user, tagged

PREFIX = "helpdesk_property_info."


@tagged("post_install", "-at_install")
class TestFrontDeskUi(HttpCase):
    """The front desk at desktop size: the Customer Service agent records a
    move-in and a decoration from the menu, as a person would."""

    def test_the_agent_records_a_move_in_and_a_decoration_from_the_menu(self):
        env = self.env
        agent = new_test_user(
            env,
            login="hpi_desk_tour",
            groups=PREFIX + "group_cs_agent",
            company_id=env.company.id,
            tz="Asia/Shanghai",
        )
        handler = new_test_user(
            env,
            login="hpi_desk_tour_handler",
            groups=PREFIX + "group_department_handler",
            company_id=env.company.id,
        )
        department = env.ref(PREFIX + "team_after_sales_department")
        department.user_ids = [(4, handler.id)]
        community = env["helpdesk.info.community"].create(
            {"name": "Tour Desk Garden", "code": "TOURDESK"}
        )
        building = env["helpdesk.info.building"].create(
            {"community_id": community.id, "code": "7"}
        )
        unit = env["helpdesk.info.unit"].create(
            {"building_id": building.id, "entrance": "1", "room": "0801"}
        )
        owner = env["res.partner"].create({"name": "Owner Tour"})

        self.start_tour("/odoo", "helpdesk_info_front_desk", login=agent.login)

        registration = env["helpdesk.info.unit.registration"].search(
            [("unit_id", "=", unit.id)]
        )
        self.assertEqual(registration.state, "confirmed")
        self.assertEqual(registration.keys_count, 4)
        self.assertEqual(unit.occupancy_ids.partner_id, owner)
        self.assertEqual(unit.status, "occupied")
        decoration = env["helpdesk.info.unit.decoration"].search(
            [("unit_id", "=", unit.id)]
        )
        self.assertEqual(decoration.state, "pending")
        self.assertEqual(decoration.requested_by_id, agent)
        self.assertIn(handler, decoration.review_ids.reviewer_ids)
