from lxml import etree

from odoo.tests import Form
from odoo.tools.safe_eval import safe_eval

from .common import PropertyInfoCase
from .statistics_common import StatisticsCase, shanghai

KINDS = ["complaint", "repair", "inquiry", "suggestion", "praise", "other"]


def kind(env, code):
    return env.ref(f"helpdesk_property_info.ticket_type_{code}")


class TestTicketKind(PropertyInfoCase):
    def test_six_kinds_open_to_every_team(self):
        kinds = [kind(self.env, code) for code in KINDS]
        self.assertEqual(
            [k.name for k in kinds],
            ["Complaint", "Repair", "Inquiry", "Suggestion", "Praise", "Other"],
        )
        self.assertFalse(any(k.team_ids for k in kinds))

    def test_every_role_reads_the_kinds(self):
        # helpdesk_type lets helpdesk users read them; department handlers
        # (team users) open the same form.
        for user in (self.agent, self.handler, self.leader, self.counsel):
            kinds = self.env["helpdesk.ticket.type"].with_user(user).search([])
            self.assertIn(kind(self.env, "repair"), kinds, user.login)

    def test_ticket_keeps_its_kind_and_defaults_to_other(self):
        repair = self.Ticket.create(
            self.phone_vals(type_id=kind(self.env, "repair").id)
        )
        self.assertEqual(repair.type_id, kind(self.env, "repair"))
        # From the mail gateway, the portal or another module: no kind given.
        plain = self.Ticket.create(
            {"name": "From elsewhere", "description": "<p>x</p>"}
        )
        self.assertEqual(plain.type_id, kind(self.env, "other"))

    def test_the_default_kind_costs_no_query(self):
        self.Ticket.create({"name": "Warm-up", "description": "<p>x</p>"})
        self.env.invalidate_all()
        queries = []
        for _ in self._patchExecute(queries):
            ticket = self.Ticket.create({"name": "No kind", "description": "<p>x</p>"})
        self.assertFalse([q for q in queries if "helpdesk_ticket_type" in q])
        self.assertEqual(ticket.type_id, kind(self.env, "other"))

    def test_tickets_without_a_kind_become_other(self):
        ticket = self.Ticket.create(self.phone_vals())
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET type_id = NULL WHERE id = %s", [ticket.id]
        )
        ticket.invalidate_recordset(["type_id"])
        self.assertFalse(ticket.type_id)
        self.Ticket._init_ticket_kinds()
        self.assertEqual(ticket.type_id, kind(self.env, "other"))

    def test_intake_form_asks_for_the_kind_first_in_classification(self):
        arch = etree.fromstring(
            self.Ticket.with_user(self.agent).get_views([(False, "form")])["views"][
                "form"
            ]["arch"]
        )
        [group] = arch.xpath("//group[@name='classification']")
        first = group.xpath("./field")[0]
        self.assertEqual(first.get("name"), "type_id")
        self.assertEqual(first.get("widget"), "radio")
        self.assertEqual(arch.xpath("//field[@name='type_id']"), [first])
        with Form(self.Ticket.with_user(self.agent)) as form:
            self.assertEqual(form.type_id, kind(self.env, "other"))
            form.type_id = kind(self.env, "complaint")
            form.channel_id = self.phone_channel
            for name, value in self.phone_vals().items():
                if name != "channel_id":
                    setattr(form, name, value)
        self.assertEqual(form.record.type_id, kind(self.env, "complaint"))

    def test_a_team_listing_no_kind_takes_every_kind(self):
        ticket = self.Ticket.create(self.phone_vals(team_id=self.department.id))
        with Form(ticket) as form:
            form.type_id = kind(self.env, "repair")
        self.assertEqual(ticket.team_id, self.department)
        # A team that lists its kinds still loses the others, as in helpdesk_type.
        self.department.type_ids = kind(self.env, "complaint")
        with Form(ticket) as form:
            form.type_id = kind(self.env, "inquiry")
        self.assertFalse(ticket.team_id)

    def test_search_filters_and_group_by_kind(self):
        counts = {"complaint": 3, "repair": 2, "praise": 1}
        tickets = self.Ticket
        for code, count in counts.items():
            for _ in range(count):
                tickets |= self.Ticket.create(
                    self.phone_vals(type_id=kind(self.env, code).id)
                )
        arch = etree.fromstring(
            self.Ticket.get_views([(False, "search")])["views"]["search"]["arch"]
        )
        mine = [("id", "in", tickets.ids)]
        for code in KINDS:
            [node] = arch.xpath(f"//filter[@name='kind_{code}']")
            domain = safe_eval(node.get("domain"))
            self.assertEqual(
                self.Ticket.search_count(mine + domain), counts.get(code, 0), code
            )
        [group_by] = arch.xpath("//filter[@name='group_type']")
        self.assertEqual(group_by.get("string"), "Kind")
        field = safe_eval(group_by.get("context"))["group_by"]
        grouped = {
            kind_.name: count
            for kind_, count in self.Ticket._read_group(mine, [field], ["__count"])
        }
        self.assertEqual(grouped, {"Complaint": 3, "Repair": 2, "Praise": 1})

    def test_information_analysis_is_by_kind(self):
        for view in ("pivot_classification", "graph_classification"):
            arch = etree.fromstring(
                self.env.ref(f"helpdesk_property_info.helpdesk_ticket_view_{view}").arch
            )
            self.assertTrue(arch.xpath("//field[@name='type_id']"), view)

    def test_kinds_read_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "in", ["helpdesk_property_info", "helpdesk_type"])]
        )._update_translations("zh_CN")
        names = [kind(self.env, code).with_context(lang="zh_CN").name for code in KINDS]
        self.assertEqual(names, ["投诉", "报修", "咨询", "建议", "表扬", "其他"])
        field = self.Ticket.with_context(lang="zh_CN").fields_get(
            ["type_id"], ["string"]
        )
        self.assertEqual(field["type_id"]["string"], "类型")
        kinds = (
            self.env["helpdesk.ticket.type"]
            .with_context(lang="zh_CN")
            .fields_get(["show_in_portal", "team_ids"], ["string"])
        )
        self.assertEqual(kinds["team_ids"]["string"], "团队")


class TestReportByKind(StatisticsCase):
    def test_report_counts_tickets_by_kind(self):
        day = shanghai(2024, 3, 5)
        self.ticket(day, type_id=kind(self.env, "complaint").id, **self.negative)
        self.ticket(day, type_id=kind(self.env, "complaint").id)
        self.ticket(day, type_id=kind(self.env, "repair").id)
        self.ticket(day)
        self.ticket(shanghai(2024, 3, 12), type_id=kind(self.env, "praise").id)
        figures = self.report()._get_report_figures()
        self.assertEqual(figures["dimensions"][0]["field"], "type_id")
        self.assertEqual(figures["dimensions"][0]["label"], "Kind")
        self.assertEqual(
            self.rows(figures, "type_id"), {"Complaint": 2, "Repair": 1, "Other": 1}
        )
        shares = {
            row["label"]: row["share"] for row in figures["dimensions"][0]["rows"]
        }
        self.assertEqual(shares["Complaint"], 50.0)

    def test_the_printed_report_has_a_kind_table(self):
        self.ticket(shanghai(2024, 3, 5), type_id=kind(self.env, "repair").id)
        report = self.report()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "helpdesk_property_info.action_report_info_statistics", report.ids
            )[0]
            .decode()
        )
        section = html[html.index("o_hpi_section_classification") :]
        self.assertIn("Kind", section[: section.index("</table>")])
        self.assertIn("Repair", section[: section.index("</table>")])
