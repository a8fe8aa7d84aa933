from lxml import etree

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user

from .common import PropertyInfoCase

APP = "//app[@name='helpdesk_property_info']"
FIGURES = {
    "visit_department_quota": 12,
    "visit_person_quota": 25,
    "personal_data_retention_years": 5,
    "reception_tz": "Asia/Urumqi",
    "patrol_floor_count": 6,
    "patrol_ticket_minutes": 20,
}


class TestSettings(PropertyInfoCase):
    """Settings has the addon's block: the company's figures of the standard
    and the lists it configures, for settings managers only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env,
            login="hpi_settings_admin",
            groups="base.group_system",
            company_id=cls.company.id,
        )
        cls.Settings = cls.env["res.config.settings"]

    def settings_arch(self, user):
        views = self.Settings.with_user(user).get_views([(False, "form")])
        return etree.fromstring(views["views"]["form"]["arch"])

    def test_settings_show_the_addons_block_with_the_companys_figures(self):
        [app] = self.settings_arch(self.admin).xpath(APP)
        self.assertLessEqual(set(FIGURES), set(app.xpath(".//field/@name")))

    def test_each_button_opens_an_existing_action(self):
        buttons = self.settings_arch(self.admin).xpath(f"{APP}//button[@type='action']")
        self.assertGreaterEqual(len(buttons), 12)
        for button in buttons:
            with self.subTest(button=button.get("string")):
                Actions = self.env["ir.actions.actions"]
                action = Actions.browse(int(button.get("name"))).exists()
                self.assertTrue(action)
                action = self.env[action.type].browse(action.id)
                if action._name == "ir.actions.act_window":
                    self.assertIn(action.res_model, self.env)
                else:
                    self.assertIn(action.model_id.model, self.env)

    def test_the_figures_are_saved_on_the_company(self):
        self.Settings.with_user(self.admin).create(FIGURES).execute()
        company = self.company
        for name, value in FIGURES.items():
            self.assertEqual(company[name], value, name)
        # The company's rules hold through Settings.
        with self.assertRaises(ValidationError):
            no_floor = self.Settings.with_user(self.admin).create(
                {"patrol_floor_count": 0}
            )
            no_floor.execute()
        # Only settings managers reach them.
        with self.assertRaises(AccessError):
            self.Settings.with_user(self.manager).create({"visit_person_quota": 1})
        self.assertEqual(company.visit_person_quota, 25)
