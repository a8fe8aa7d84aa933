"""Every screen opens for every role.

Nothing here lists a screen: the roles are the addon's groups (with the plain
helpdesk user and the accountant beside them), the screens are the menus
each role's user sees, and the calls are those the web client makes for
each view of each menu's action (see ``web_client``). A screen added later
is tried without anyone listing it.
"""

import logging
import os
import re

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.web.controllers.utils import clean_action

from .web_client import ScreenCalls

_logger = logging.getLogger(__name__)

EXTRA_ROLES = ("helpdesk_mgmt.group_helpdesk_user", "account.group_account_invoice")
PORTAL_ROUTE = re.compile(r"^/(my|new|ticket)\b")
PORTAL_HOME = ("/my", "/my/home")


def report_count(line):
    """Say a count in the test log, and in the harness's summary file."""
    _logger.info(line)
    summary = os.environ.get("HPI_TEST_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as stream:
            stream.write(line + "\n")


@tagged("post_install", "-at_install")
class TestEveryScreenForEveryRole(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        # A group of property companies runs several: a company the users
        # are not in must not break their screens.
        if cls.env["res.company"].search_count([]) < 2:
            cls.env["res.company"].create({"name": "Sister Property Company"})
        lang = "zh_CN" if cls.env["res.lang"]._lang_get("zh_CN") else "en_US"
        cls.role_users = {}
        for xmlid in cls._role_xmlids():
            login = "screens_" + xmlid.replace(".", "_")
            cls.role_users[xmlid] = new_test_user(
                cls.env,
                login=login,
                groups=f"base.group_user,{xmlid}",
                company_id=cls.company.id,
                company_ids=[(6, 0, cls.company.ids)],
                lang=lang,
                tz="Asia/Shanghai",
            )

    @classmethod
    def _role_xmlids(cls):
        groups = cls.env["ir.model.data"].search(
            [("module", "=", "helpdesk_property_info"), ("model", "=", "res.groups")]
        )
        return [f"{data.module}.{data.name}" for data in groups] + list(EXTRA_ROLES)

    def _menus(self, user):
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
        names = {}
        for key, menu in menus.items():
            if key == "root" or not menu.get("action_id"):
                continue
            names[menu["id"]] = menu
        return names

    def _menu_path(self, menu):
        return self.env["ir.ui.menu"].browse(menu["id"]).complete_name

    def _action_dict(self, user, model, action_id):
        env = self.env(user=user, context={"allowed_company_ids": user.company_ids.ids})
        if model == "ir.actions.act_window":
            action = env[model].sudo().browse(action_id)._get_action_dict()
            return clean_action(action, env=env)
        if model == "ir.actions.server":
            with self.env.cr.savepoint(flush=False) as savepoint:
                result = env[model].browse(action_id).run()
                savepoint.rollback()
            self.env.invalidate_all()
            return clean_action(result, env=env) if result else None
        return None

    def test_every_menu_of_every_role_opens(self):
        failures, screens, calls = [], 0, 0
        for xmlid, user in self.role_users.items():
            env = self.env(
                user=user,
                context={
                    "lang": user.lang,
                    "tz": user.tz,
                    "allowed_company_ids": user.company_ids.ids,
                },
            )
            seen = set()
            for menu in self._menus(user).values():
                action_ref = (menu["action_model"], menu["action_id"])
                if action_ref in seen:
                    continue
                seen.add(action_ref)
                where = f"{xmlid} ▸ {self._menu_path(menu)} ({menu['xmlid']})"
                try:
                    action = self._action_dict(user, *action_ref)
                except Exception as error:  # noqa: BLE001 - reported below
                    failures.append(f"{where}: loading the action: {error!r}")
                    continue
                if not action or action.get("type") != "ir.actions.act_window":
                    continue
                screen = ScreenCalls(env, action)
                try:
                    problems = screen.run()
                except Exception as error:  # noqa: BLE001 - reported below
                    problems = [("get_views", error)]
                screens += 1
                calls += len(screen.calls)
                failures += [f"{where}: {call}: {error!r}" for call, error in problems]
        report_count(
            f"Screens by role: {len(self.role_users)} roles, {screens} role × screen "
            f"combinations, {calls} web client calls"
        )
        self.assertGreater(screens, 50)
        self.assertFalse(failures, "\n".join(failures))

    def _apps_of_the_addon(self, user):
        """The apps (root menus) the user sees that hold a menu of the addon,
        each with the menus the user sees in it."""
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
        apps = {}
        for key, menu in menus.items():
            if key != "root":
                apps.setdefault(menus[menu["app_id"]]["xmlid"], set()).add(menu["id"])
        return {
            app: frozenset(ids)
            for app, ids in apps.items()
            if any(
                menus[menu_id]["xmlid"].startswith("helpdesk_property_info.")
                for menu_id in ids
            )
        }

    def test_clickbot_as_every_role(self):
        """Odoo's own click-everywhere bot, through the addon's apps, as each
        role: what only the web client does (widgets, filters, views). Roles
        that see the same menus of an app click the same: one of them runs."""
        runs = {}
        for xmlid, user in self.role_users.items():
            for app, menu_ids in self._apps_of_the_addon(user).items():
                runs.setdefault((app, menu_ids), []).append((xmlid, user))
        for (app, __), roles in runs.items():
            xmlid, user = roles[0]
            with self.subTest(roles=[role for role, __ in roles], app=app):
                self.browser_js(
                    "/odoo",
                    "odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader')"
                    f".startClickEverywhere('{app}');",
                    "odoo.isReady === true",
                    login=user.login,
                    timeout=900,
                    success_signal="clickbot test succeeded",
                )
        roles = {xmlid for group in runs.values() for xmlid, __ in group}
        report_count(f"Clickbot: {len(runs)} runs for {len(roles)} roles")
        self.assertGreater(len(runs), 4)

    def _portal_routes(self):
        """The portal's home and the helpdesk's pages (GET) under /my, /new
        and /ticket."""
        Http = self.env["ir.http"]
        rules = Http._generate_routing_rules(
            sorted(self.env.registry._init_modules), converters=Http._get_converters()
        )
        routes = set()
        for url, endpoint in rules:
            routing = endpoint.routing
            methods = routing.get("methods") or ["GET"]
            helpdesk = ".helpdesk_" in endpoint.__module__
            if (
                routing.get("type") == "http"
                and "GET" in methods
                and (url in PORTAL_HOME or helpdesk and PORTAL_ROUTE.match(url))
            ):
                routes.add(url)
        return routes

    def test_every_portal_page_of_the_helpdesk_opens(self):
        portal = new_test_user(
            self.env,
            login="screens_portal",
            groups="base.group_portal",
            company_id=self.company.id,
        )
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Leaking roof",
                "description": "<p>Water through the ceiling</p>",
                "partner_id": portal.partner_id.id,
            }
        )
        self.authenticate("screens_portal", "screens_portal")
        values = {
            "ticket_id": ticket.id,
            "page": 1,
            "access_token": ticket._portal_ensure_token(),
        }
        opened = []
        for route in sorted(self._portal_routes()):
            url = re.sub(
                r"<(?:\w+:)?(\w+)>", lambda m: str(values.get(m.group(1), 1)), route
            )
            if route.startswith("/ticket/"):
                continue  # actions (close, …), not pages
            response = self.url_open(url, allow_redirects=True)
            with self.subTest(url=url):
                self.assertEqual(response.status_code, 200, url)
                self.assertNotIn("Traceback", response.text)
            opened.append(url)
        report_count(f"Portal pages opened as a portal user: {len(opened)}")
        self.assertIn(f"/my/ticket/{ticket.id}", opened)
