import io
import re
import unicodedata
from contextlib import contextmanager

from odoo.tests import TransactionCase, freeze_time, new_test_user
from odoo.tools.pdf import PdfReader


def load_chinese(env, modules=("helpdesk_property_info",)):
    """Simplified Chinese active, with the terms of ``modules`` loaded."""
    env["res.lang"]._activate_lang("zh_CN")
    env["ir.module.module"].search(
        [("name", "in", list(modules))]
    )._update_translations("zh_CN")


class PropertyInfoCase(TransactionCase):
    """Users per role, the Customer Service Department and a counterpart
    department, in a company located in China."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.company = cls.env.company
        cls.company.country_id = cls.env.ref("base.cn")
        # Demo data turns helpdesk_mgmt's auto-assignment on; tests opt in.
        cls.company.helpdesk_mgmt_ticket_auto_assign = False
        cls.Ticket = cls.env["helpdesk.ticket"]
        cls.cs_team = cls.env.ref("helpdesk_property_info.team_customer_service")
        cls.phone_channel = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        cls.visit_channel = cls.env.ref("helpdesk_property_info.channel_visit")
        cls.letter_channel = cls.env.ref("helpdesk_property_info.channel_letter")
        cls.writing_channel = cls.env.ref("helpdesk_property_info.channel_in_writing")
        cls.legal_channel = cls.env.ref("helpdesk_property_info.channel_legal_letter")
        cls.online_channel = cls.env.ref("helpdesk_property_info.channel_online")
        cls.box_channel = cls.env.ref("helpdesk_property_info.channel_suggestion_box")
        cls.cat_engineering = cls.env.ref("helpdesk_property_info.category_engineering")
        cls.cat_civil = cls.env.ref("helpdesk_property_info.category_engineering_civil")
        cls.source_community = cls.env.ref(
            "helpdesk_property_info.info_source_community"
        )
        cls.party_individual = cls.env.ref(
            "helpdesk_property_info.info_party_individual_customer"
        )

        def user(login, group):
            return new_test_user(
                cls.env,
                login=login,
                groups=f"helpdesk_property_info.{group}",
                company_id=cls.company.id,
            )

        cls.agent = user("hpi_agent", "group_cs_agent")
        cls.manager = user("hpi_manager", "group_cs_manager")
        cls.handler = user("hpi_handler", "group_department_handler")
        cls.leader = user("hpi_leader", "group_company_leader")
        cls.counsel = user("hpi_counsel", "group_legal_counsel")
        cls.keeper = user("hpi_keeper", "group_archive_keeper")
        cls.cs_team.user_ids = [(4, cls.agent.id), (4, cls.manager.id)]
        cls.department = cls.env["helpdesk.ticket.team"].create(
            {"name": "After-sales Service Dept", "user_ids": [(6, 0, cls.handler.ids)]}
        )
        cls.calendar = cls.company.resource_calendar_id
        cls.calendar.tz = "Asia/Shanghai"
        cls.cs_team.resource_calendar_id = cls.calendar
        cls.level_general = cls.env.ref("helpdesk_property_info.level_general")
        cls.level_complex = cls.env.ref("helpdesk_property_info.level_complex")
        cls.level_major = cls.env.ref("helpdesk_property_info.level_major")

    def company_in_chinese(self):
        """The demo company, writing in Simplified Chinese with the addon's
        translations loaded."""
        load_chinese(self.env)
        self.company.partner_id.lang = "zh_CN"
        self.company.name = "祥和物业服务有限公司"

    def render_pdf_text(self, report, records):
        """The text of the PDF ``report`` prints for ``records``, without blanks."""
        content, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, records.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(content.startswith(b"%PDF"))
        text = "".join(
            page.extract_text() for page in PdfReader(io.BytesIO(content)).pages
        )
        # Some CJK glyphs map back to their Kangxi radical twins (⽉ for 月):
        # compatibility normalisation folds them into the ideographs.
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))

    @classmethod
    def phone_vals(cls, **overrides):
        """A complete telephone intake record."""
        vals = {
            "name": "Water leaking from the roof",
            "description": "<p>Ceiling wet after rain.</p>",
            "channel_id": cls.phone_channel.id,
            "contact_name": "赵先生",
            "room_number": "3-2-1801",
            "contact_phone": "13812345678",
            "matter": "Roof leaks in the bedroom; asks for repair.",
        }
        vals.update(overrides)
        return vals

    @classmethod
    def approve_results(cls, tickets):
        """Complaints close once a Customer Service manager approved their
        handling result: written and submitted by the agent here."""
        for ticket in tickets.filtered("result_approval_required"):
            result = (
                cls.env["helpdesk.ticket.result"]
                .with_user(cls.agent)
                .create({"ticket_id": ticket.id, "result": "Handled."})
            )
            result.action_submit()
            result.with_user(cls.manager).validate_tier()

    @contextmanager
    def recorded_queries(self):
        """The SQL queries run in the block (pending writes and the
        tracking deferred to the next query flushed first)."""
        queries = []
        yield from self._patchExecute(queries)


class WatcherCase(PropertyInfoCase):
    """Runs the deadline watcher as the scheduler does, at a given time, and
    reads the activities it gave."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("helpdesk_property_info.ir_cron_watch_deadlines")
        cls.cs_team.user_id = cls.manager

    def run_watcher(self, at):
        with freeze_time(at), self.enter_registry_test_mode():
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def activities(self, ticket, xmlid):
        kind = self.env.ref(f"helpdesk_property_info.{xmlid}")
        return ticket.activity_ids.filtered(lambda a: a.activity_type_id == kind)


class DutyRosterMixin:
    """Communities with a unit, and people put on their duty roster as a
    Customer Service manager plans it; counts the queries that ask it."""

    @classmethod
    def community_with_unit(cls, name, code):
        community = cls.env["helpdesk.info.community"].create(
            {"name": name, "code": code}
        )
        building = cls.env["helpdesk.info.building"].create(
            {"community_id": community.id, "code": "3"}
        )
        unit = cls.env["helpdesk.info.unit"].create(
            {"building_id": building.id, "room": "501"}
        )
        return community, unit

    @classmethod
    def put_on_duty(cls, community, start, stop, **users_by_role):
        """Shifts of ``community`` from ``start`` to ``stop``, one per role:
        ``put_on_duty(community, start, stop, cs_desk=user, ...)``."""
        return (
            cls.env["helpdesk.info.duty.shift"]
            .with_user(cls.manager)
            .create(
                [
                    {
                        "community_id": community.id,
                        "role": role,
                        "user_id": user.id,
                        "start": start,
                        "stop": stop,
                    }
                    for role, user in users_by_role.items()
                ]
            )
        )

    @staticmethod
    def asking_the_roster(queries):
        return [q for q in queries if "helpdesk_info_duty_shift" in str(q)]


class JsonRpcMixin:
    """For HttpCase: calls to the test server over JSON-RPC, as a client
    program makes them. Test users' passwords are their logins."""

    def jsonrpc(self, login, model, method, *args, **kwargs):
        """(result, error) of ``model.method(*args, **kwargs)`` run by ``login``."""
        db = self.env.cr.dbname
        uid = self.xmlrpc_common.authenticate(db, login, login, {})
        response = self.url_open(
            "/jsonrpc",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "service": "object",
                    "method": "execute_kw",
                    "args": [db, uid, login, model, method, list(args), kwargs],
                },
            },
        ).json()
        return response.get("result"), response.get("error")
