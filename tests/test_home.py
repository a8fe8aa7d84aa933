from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

ROLE_HOMES = {
    "cs_agent": "helpdesk_mgmt.helpdesk_ticket_action",
    "cs_agent2": "helpdesk_mgmt.helpdesk_ticket_action",
    "cs_manager": "helpdesk_mgmt.helpdesk_ticket_action",
    "handler": "helpdesk_mgmt.helpdesk_ticket_action",
    "leader": "helpdesk_property_info.helpdesk_ticket_action_awaiting_opinion",
    "counsel": "helpdesk_property_info.helpdesk_ticket_action_awaiting_advice",
    "worker": "helpdesk_property_info.helpdesk_ticket_action_my_repairs",
    "archive_keeper": "helpdesk_property_info.helpdesk_info_archive_dossier_action",
}


class TestRoleHome(TransactionCase):
    """Each role lands on its work at log on (the user's Home Action), not
    in Discuss under OdooBot's onboarding chat."""

    def _assert_home_readable(self, user, xmlid):
        action = self.env.ref(xmlid)
        self.assertEqual(user.action_id.id, action.id, user.login)
        # What the web client loads: the action's groups and its model.
        self.assertFalse(action.group_ids - user.all_group_ids, user.login)
        self.assertTrue(
            self.env[action.res_model].with_user(user).has_access("read"), user.login
        )
        if "odoobot_state" in user._fields:
            self.assertNotIn(user.odoobot_state, (False, "not_initialized"))

    def test_demo_roles_land_on_their_work(self):
        # The suite runs on the demo database: its role users are there.
        users = self.env["res.users"].search([("login", "in", list(ROLE_HOMES))])
        self.assertEqual(len(users), len(ROLE_HOMES))
        for user in users:
            with self.subTest(login=user.login):
                self._assert_home_readable(user, ROLE_HOMES[user.login])

    def test_worker_created_later_lands_on_my_repairs(self):
        worker = new_test_user(
            self.env,
            login="hpi_home_worker",
            groups="helpdesk_property_info.group_maintenance_worker",
        )
        self._assert_home_readable(
            worker, "helpdesk_property_info.helpdesk_ticket_action_my_repairs"
        )

    def test_role_given_later_sets_home_once(self):
        user = new_test_user(self.env, login="hpi_home_later", groups="base.group_user")
        self.assertFalse(user.action_id)
        user.group_ids += self.env.ref("helpdesk_property_info.group_legal_counsel")
        self._assert_home_readable(
            user, "helpdesk_property_info.helpdesk_ticket_action_awaiting_advice"
        )
        # A home action of the user's own is kept when their roles change.
        user.group_ids += self.env.ref("helpdesk_property_info.group_company_leader")
        advice = "helpdesk_property_info.helpdesk_ticket_action_awaiting_advice"
        self.assertEqual(user.action_id.id, self.env.ref(advice).id)

    def test_role_given_from_the_group(self):
        user = new_test_user(self.env, login="hpi_home_group", groups="base.group_user")
        self.env.ref("helpdesk_property_info.group_company_leader").user_ids += user
        self._assert_home_readable(
            user, "helpdesk_property_info.helpdesk_ticket_action_awaiting_opinion"
        )


@tagged("post_install", "-at_install")
class TestHomeOnPhone(HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_worker_lands_on_repair_cards(self):
        env = self.env
        env.company.country_id = env.ref("base.cn")
        worker = new_test_user(
            env,
            login="hpi_home_tour_worker",
            password="hpi_home_tour_worker",
            groups="helpdesk_property_info.group_maintenance_worker",
        )
        ticket = env["helpdesk.ticket"].create(
            {
                "name": "Blocked drain",
                "type_id": env.ref("helpdesk_property_info.ticket_type_repair").id,
                "repair_urgency_id": env.ref(
                    "helpdesk_property_info.repair_urgency_emergency"
                ).id,
                "channel_id": env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone").id,
                "contact_name": "钱女士",
                "room_number": "5-1-302",
                "contact_phone": "13912345678",
                "matter": "Blocked drain in the bathroom",
                "repair_worker_id": worker.id,
            }
        )
        ticket.action_repair_dispatch()
        self.start_tour(
            "/odoo", "helpdesk_property_info_home_worker", login=worker.login
        )
