import logging
import re

import pytz
from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.convert import convert_file

from .common import load_chinese

_logger = logging.getLogger(__name__)

MODULE = "helpdesk_property_info"
# The apps whose menus the addon's users work in.
MODULES = (MODULE, "helpdesk_mgmt", "helpdesk_type", "base_tier_validation")
WORD = re.compile(r"[A-Za-z]{2,}")
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")
# Written the same in Chinese screens.
SAME_IN_CHINESE = {"Email", "SMS", "PDF", "CSV", "URL", "ID", "UTC", "km", "WeChat"}
# Attributes whose text reaches the user; text nodes count too.
TEXT_ATTRIBUTES = ("string", "help", "placeholder", "confirm", "sum", "title")
# Not text: code, and the attributes the client evaluates.
SKIPPED_TAGS = {"script", "style", "code", "pre"}
# The client shows no title of a view's root (Odoo's default views take the
# model's English description for it).
ROOT_TAGS = {
    "form",
    "list",
    "kanban",
    "search",
    "pivot",
    "graph",
    "calendar",
    "sheet",
    "activity",
}


def english(text):
    """Whether ``text`` reads in English: words of Latin letters, no Chinese."""
    text = (text or "").strip()
    if not text or CJK.search(text):
        return False
    words = [w for w in WORD.findall(text) if w not in SAME_IN_CHINESE]
    # A placeholder such as "e.g. 3" or a format is not a sentence.
    return bool(words) and not text.startswith(("%", "{", "/", "http", "e.g."))


@tagged("post_install", "-at_install")
class TestChineseScreens(TransactionCase):
    """A user working in Chinese reads no English on the screens of the
    helpdesk app: menus, window actions, views and their fields, whether the
    term is the addon's or helpdesk_mgmt's, helpdesk_type's or
    base_tier_validation's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_chinese(cls.env, MODULES)
        cls.env = cls.env(context=dict(cls.env.context, lang="zh_CN"))

    def menus(self):
        """The menus of the apps the addon's users work in, found in the
        database: the app menus (roots) these modules declare, and all the
        menus under them."""
        data = (
            self.env["ir.model.data"]
            .sudo()
            .search([("module", "in", MODULES), ("model", "=", "ir.ui.menu")])
        )
        menus = self.env["ir.ui.menu"].browse(data.mapped("res_id")).exists()
        roots = menus.filtered(lambda menu: not menu.parent_id)
        self.assertTrue(roots)
        return self.env["ir.ui.menu"].search([("id", "child_of", roots.ids)])

    def texts_of_arch(self, arch):
        root = etree.fromstring(arch.encode() if isinstance(arch, str) else arch)
        for node in root.iter():
            if not isinstance(node.tag, str) or node.tag in SKIPPED_TAGS:
                continue
            for attribute in TEXT_ATTRIBUTES:
                if node.tag in ROOT_TAGS and attribute == "string":
                    continue
                if node.get(attribute):
                    yield f"<{node.tag} {attribute}>", node.get(attribute)
            for text in (node.text, node.tail):
                if text and text.strip():
                    yield f"<{node.tag}> text", text.strip()

    def ours(self, model, name=None):
        """Whether a model, or a field, comes from the addon or what it
        installs beside it: Odoo's own screens (settings, partners, users)
        are Odoo's to translate."""
        if self.env[model]._original_module in MODULES:
            return True
        if name is None:
            return False
        field = self.env["ir.model.fields"]._get(model, name)
        return bool(set((field.modules or "").split(", ")) & set(MODULES))

    def test_no_english_on_the_screens(self):
        found = {}

        def check(where, text):
            if english(text):
                found.setdefault(text.strip(), where)

        menus = self.menus()
        self.assertGreater(len(menus), 20)
        actions = self.env["ir.actions.act_window"]
        for menu in menus:
            check(f"menu {menu.complete_name}", menu.name)
            if menu.action and menu.action._name == "ir.actions.act_window":
                actions |= menu.action
        screens = 0
        for action in actions:
            check(f"action {action.id}", action.name)
            if action.res_model not in self.env:
                continue
            views = [(view_id, kind) for view_id, kind in action.views]
            views.append((action.search_view_id.id, "search"))
            Model = self.env[action.res_model]
            result = Model.get_views(views)
            for kind, view in result["views"].items():
                if not self.ours(action.res_model):
                    continue
                screens += 1
                where = f"{action.res_model} {kind} (action {action.name})"
                for what, text in self.texts_of_arch(view["arch"]):
                    check(f"{where} {what}", text)
            for model, description in result["models"].items():
                for name, field in description["fields"].items():
                    if not self.ours(model, name):
                        continue
                    check(f"field {model}.{name}", field.get("string"))
                    for value, label in field.get("selection") or ():
                        if value not in pytz.all_timezones_set:  # proper nouns
                            check(f"selection {model}.{name}", label)
        _logger.info(
            f"{screens} screens of {len(actions)} actions and {len(menus)} menus "
            "checked"
        )
        self.assertGreater(screens, 100)
        report = "\n".join(
            f"{text!r}  ({where})" for text, where in sorted(found.items())
        )
        self.assertFalse(found, f"{len(found)} English terms in zh_CN:\n{report}")

    def test_the_addon_is_found_in_apps_in_chinese(self):
        # The search of the Apps screen, as its search view builds it.
        found = self.env["ir.module.module"].search(
            [
                "|",
                "|",
                ("summary", "ilike", "物业"),
                ("shortdesc", "ilike", "物业"),
                ("name", "ilike", "物业"),
            ]
        )
        self.assertIn(MODULE, found.mapped("name"))
        module = found.filtered(lambda m: m.name == MODULE)
        self.assertEqual(module.shortdesc, "物业客户信息管理")
        self.assertIn("回访", module.summary)

    def test_the_helpdesk_dashboard_reads_in_chinese(self):
        tiles = self.env["helpdesk.ticket.team"].retrieve_dashboard()
        names = [tile["name"] for tile in tiles]
        self.assertIn("未结工单", names)
        self.assertFalse([name for name in names if english(name)], names)

    def test_customer_visits_and_patrols_have_their_own_words(self):
        Visit = self.env["helpdesk.info.visit"]
        visit = Visit.fields_get(["planned_date", "visited_on"])
        self.assertEqual(visit["planned_date"]["string"], "拜访日期")
        self.assertEqual(visit["visited_on"]["string"], "拜访完成时间")
        publication = self.env["helpdesk.info.publication"].fields_get(["planned_date"])
        self.assertEqual(publication["planned_date"]["string"], "计划发布日期")
        patrol = self.env["helpdesk.info.patrol"].fields_get(["floor_ids"])
        # The title of the dialog of a floor's sheet: "打开：楼层巡检表".
        self.assertEqual(patrol["floor_ids"]["string"], "楼层巡检表")
        building = self.env["helpdesk.info.building"].fields_get(["floor_count"])
        self.assertEqual(building["floor_count"]["string"], "楼层数")

    def test_the_record_dialog_has_a_chinese_title(self):
        ticket = self.env["helpdesk.ticket"].search([], limit=1)
        ticket = ticket.with_context(record_kind="return_visit")
        action = ticket.action_open_record_wizard()
        self.assertTrue(action["name"].startswith("记录"), action["name"])
        self.assertFalse(english(action["name"]), action["name"])

    def test_a_frozen_field_is_refused_in_chinese(self):
        ticket = self.env["helpdesk.ticket"].search([], limit=1)
        ticket.intake_date = "2026-03-02 09:00:00"
        agent = new_test_user(
            self.env,
            "frozen_zh",
            groups="helpdesk_property_info.group_cs_agent",
            lang="zh_CN",
        )
        with self.assertRaises(UserError) as refusal:
            ticket.with_user(agent).intake_date = "2026-03-01 09:00:00"
        message = str(refusal.exception)
        self.assertTrue(message.startswith("服务台工单"), message)
        self.assertIn("受理时间", message)
        self.assertFalse(english(message.replace(ticket.number, "")), message)

    def test_the_demo_of_helpdesk_mgmt_reads_chinese(self):
        """helpdesk_mgmt's and helpdesk_type's English demo records get
        Chinese names when the addon's demo installs."""
        demo = "demo/helpdesk_mgmt_demo_zh.xml"
        convert_file(self.env, MODULE, demo, {}, mode="init")
        for xmlid in (
            "helpdesk_type.helpdesk_type_1",
            "helpdesk_mgmt.helpdesk_team_1",
            "helpdesk_mgmt.helpdesk_category_1",
            "helpdesk_mgmt.helpdesk_tag_1",
            "helpdesk_mgmt.helpdesk_ticket_3",
        ):
            name = self.env.ref(xmlid).name
            self.assertFalse(english(name), f"{xmlid}: {name}")
