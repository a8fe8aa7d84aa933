from lxml import etree

from .common_reception import ReceptionCase


class TestReceptionViews(ReceptionCase):
    """Each role opens the reception views it has menus for, showing what the
    role may use."""

    def arch(self, model, view_type, user):
        views = self.env[model].with_user(user).get_views([(False, view_type)])
        return etree.fromstring(views["views"][view_type]["arch"])

    def test_every_role_opens_its_views(self):
        views = {
            "helpdesk.reception.expense": ("list", "kanban", "form", "search"),
            "helpdesk.reception.budget": ("list", "form", "search"),
            "helpdesk.reception.usage": ("list", "pivot", "graph", "search"),
            "helpdesk.reception.policy": ("list", "form", "search"),
        }
        for user in (self.agent, self.manager, self.leader, self.accountant):
            for model, view_types in views.items():
                for view_type in view_types:
                    with self.subTest(
                        user=user.login, model=model, view_type=view_type
                    ):
                        self.assertIsNotNone(self.arch(model, view_type, user))

    def test_the_expense_form_shows_each_role_its_buttons(self):
        def buttons(user):
            return {
                node.get("name")
                for node in self.arch("helpdesk.reception.expense", "form", user).iter(
                    "button"
                )
            }

        agent = buttons(self.agent)
        self.assertIn("action_confirm", agent)
        self.assertNotIn("action_approve", agent)
        self.assertNotIn("action_refuse", agent)
        self.assertIn("action_approve", buttons(self.leader))
        accountant = buttons(self.accountant)
        self.assertIn("action_open_move", accountant)
        export_action = self.env.ref(
            "helpdesk_property_info.helpdesk_reception_export_action"
        )
        self.assertIn(str(export_action.id), accountant)
        self.assertNotIn(str(export_action.id), agent)
        agent_fields = {
            node.get("name")
            for node in self.arch(
                "helpdesk.reception.expense", "form", self.agent
            ).iter("field")
        }
        self.assertNotIn("move_id", agent_fields)

    def test_the_budget_form_carries_the_tier_validation(self):
        form = self.arch("helpdesk.reception.budget", "form", self.agent)
        names = {node.get("name") for node in form.iter("button")}
        self.assertTrue(
            {"request_validation", "validate_tier", "reject_tier", "restart_validation"}
            <= names
        )
        self.assertTrue(form.xpath("//field[@name='review_ids']"))

    def test_the_export_wizard_opens_from_the_selected_expenses(self):
        action = self.env.ref("helpdesk_property_info.helpdesk_reception_export_action")
        self.assertEqual(action.binding_model_id.model, "helpdesk.reception.expense")
        self.assertEqual(
            action.group_ids, self.env.ref("account.group_account_invoice")
        )
        self.assertIsNotNone(
            self.arch("helpdesk.reception.export", "form", self.accountant)
        )
