"""Run inside `odoo-bin shell` on a throwaway database: the server time of the
ticket screens over BENCH_STAT_TICKETS tickets (1,000,000 by default), as a
customer-service agent, printed as a JSON line.

The tickets are those bench/million.py inserts; when the database holds fewer
(the bench run alone), they are inserted first. Each screen makes the calls the
web client makes, with the fields of its views: the ticket list (Tickets menu),
the ticket kanban grouped by stage, the Information Analysis pivot, the team
dashboard, one ticket's form; the ORM caches are emptied before each run;
cold (first run) and best of three, with the queries of the cold run. Then
10,000 tickets are deleted (rolled back), and BENCH_DELETE_BARE of them again
without any index on the ticket columns pointing at tickets, for comparison.
"""

import json
import os
import sys
import time

from lxml import etree

from odoo.tools.safe_eval import safe_eval

sys.path.insert(0, os.environ["BENCH_DIR"])
import million

N = int(os.environ.get("BENCH_STAT_TICKETS", "1000000"))
MONTHS = int(os.environ.get("BENCH_STAT_MONTHS", "12"))
DELETE = int(os.environ.get("BENCH_DELETE", "10000"))
DELETE_BARE = int(os.environ.get("BENCH_DELETE_BARE", "200"))

env = env  # noqa: F821 (odoo shell)
cr = env.cr
env.company.country_id = env.ref("base.cn")

cr.execute("SELECT count(*) FROM helpdesk_ticket")
inserted = None
if cr.fetchone()[0] < N:
    inserted = million.insert_tickets(env, N, MONTHS)
cr.execute("SELECT count(*) FROM helpdesk_ticket")
table = cr.fetchone()[0]

# The agent: a customer-service agent, member of every team.
Users = env["res.users"].with_context(no_reset_password=True)
agent = Users.search([("login", "=", "bench_cs_agent")]) or Users.create(
    {
        "name": "Bench CS Agent",
        "login": "bench_cs_agent",
        "group_ids": [(4, env.ref("helpdesk_property_info.group_cs_agent").id)],
    }
)
env["helpdesk.ticket.team"].search([]).write({"user_ids": [(4, agent.id)]})
cr.commit()
uenv = env(
    user=agent.id, context={**env.context, "tz": "Asia/Shanghai", "lang": "en_US"}
)


def specification(model, node):
    """The fields of a view as the web client asks for them."""
    spec = {}
    for field in node.iter("field"):
        # Fields of a subview belong to that subview.
        parent = field.getparent()
        nested = False
        while parent is not None and parent is not node:
            if parent.tag == "field":
                nested = True
                break
            parent = parent.getparent()
        if nested:
            continue
        name = field.get("name")
        f = model._fields[name]
        if f.type in ("many2one", "many2many", "one2many"):
            sub = {"display_name": {}}
            subviews = [c for c in field.iter() if c.tag in ("list", "kanban", "form")]
            if subviews and f.type != "many2one":
                sub.update(specification(model.env[f.comodel_name], subviews[0]))
                sub.pop("id", None)
            if f.type == "many2one":
                spec[name] = {"fields": sub}
            else:
                spec[name] = (
                    {"fields": sub, "limit": 40} if subviews else {"fields": sub}
                )
        else:
            spec[name] = {}
    return spec


def views(model, action, types):
    result = model.get_views([(False, t) for t in types], {"action_id": action.id})
    archs = {t: etree.fromstring(result["views"][t]["arch"]) for t in types}
    return archs


def action_domain(model, action, search_arch):
    """The action's domain and its search_default_* filters."""
    ctx = {"uid": model.env.uid, "context_today": __import__("datetime").date.today}
    domain = list(safe_eval(action.domain or "[]", ctx))
    context = safe_eval(action.context or "{}", ctx)
    for key, value in context.items():
        if key.startswith("search_default_") and value:
            name = key[len("search_default_") :]
            node = search_arch.find(f".//filter[@name='{name}']")
            if node is not None and node.get("domain"):
                domain += list(safe_eval(node.get("domain"), ctx))
    return domain, context


def measure(fn):
    runs = []
    for _ in range(3):
        env.invalidate_all()
        env.registry.clear_cache()
        queries = cr.sql_log_count
        begin = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - begin, cr.sql_log_count - queries))
    return {"cold": runs[0][0], "best": min(r[0] for r in runs), "queries": runs[0][1]}


Ticket = uenv["helpdesk.ticket"]
tickets_action = env.ref("helpdesk_mgmt.helpdesk_ticket_action")
archs = views(Ticket, tickets_action, ["list", "kanban", "form", "search"])
domain, context = action_domain(Ticket, tickets_action, archs["search"])
Ticket = Ticket.with_context(
    **{k: v for k, v in context.items() if not k.startswith("search_default_")}
)
list_spec = specification(Ticket, archs["list"])
kanban_spec = specification(Ticket, archs["kanban"])
form_spec = specification(Ticket, archs["form"])


def ticket_list():
    Ticket.web_search_read(domain, list_spec, limit=80, count_limit=10001)


def ticket_kanban():
    Ticket.with_context(read_group_expand=True).web_read_group(
        domain,
        ["stage_id"],
        aggregates=["__count"],
        auto_unfold=True,
        unfold_read_specification=kanban_spec,
        unfold_read_default_limit=40,
    )


analysis_action = env.ref(
    "helpdesk_property_info.helpdesk_ticket_action_information_analysis"
)
pivot_arch = etree.fromstring(
    Ticket.get_views(
        [
            (
                env.ref(
                    "helpdesk_property_info.helpdesk_ticket_view_pivot_classification"
                ).id,
                "pivot",
            ),
            (False, "search"),
        ],
        {"action_id": analysis_action.id},
    )["views"]["pivot"]["arch"]
)
rows = [f.get("name") for f in pivot_arch.iter("field") if f.get("type") == "row"]
cols = [f.get("name") for f in pivot_arch.iter("field") if f.get("type") == "col"]
measures = [
    f.get("name") for f in pivot_arch.iter("field") if f.get("type") == "measure"
]
aggregates = ["__count"] + [f"{m}:sum" for m in measures]
analysis_domain = list(safe_eval(analysis_action.domain or "[]", {"uid": agent.id}))


def pivot():
    # As the pivot asks: its four groupings (total, rows, columns, rows ×
    # columns) in one call.
    Ticket.formatted_read_grouping_sets(
        analysis_domain, [[], rows, cols, rows + cols], aggregates
    )


Team = uenv["helpdesk.ticket.team"]
dashboard_action = env.ref("helpdesk_mgmt.helpdesk_ticket_dashboard_action")
team_archs = views(Team, dashboard_action, ["kanban", "search"])
team_spec = specification(Team, team_archs["kanban"])
team_domain, team_context = action_domain(Team, dashboard_action, team_archs["search"])


def dashboard():
    Team.retrieve_dashboard()
    Team.web_search_read(team_domain, team_spec, limit=40, count_limit=10001)


ticket_id = Ticket.search(domain, limit=1, offset=N // 2).id


def form():
    Ticket.get_views([(False, "form")], {"action_id": tickets_action.id})
    Ticket.browse(ticket_id).web_read(form_spec)


screens = {
    "ticket list": measure(ticket_list),
    "ticket kanban": measure(ticket_kanban),
    "information analysis pivot": measure(pivot),
    "team dashboard": measure(dashboard),
    "ticket form": measure(form),
}


def delete(count, bare):
    cr.execute(
        "SELECT id FROM helpdesk_ticket WHERE number LIKE 'S%%' ORDER BY id DESC "
        "LIMIT %s",
        [count],
    )
    ids = [r[0] for r in cr.fetchall()]
    dropped = []
    if bare:
        # Without the indexes on the columns pointing at tickets (rolled back).
        cr.execute("""
            SELECT DISTINCT i.indexrelid::regclass::text
              FROM pg_constraint c
              JOIN pg_index i ON i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1]
             WHERE c.contype = 'f' AND c.confrelid = 'helpdesk_ticket'::regclass
               AND c.conrelid = 'helpdesk_ticket'::regclass
        """)
        dropped = [r[0] for r in cr.fetchall()]
        for index in dropped:
            cr.execute(f"DROP INDEX {index}")
    env.invalidate_all()
    queries = cr.sql_log_count
    begin = time.perf_counter()
    env["helpdesk.ticket"].browse(ids).unlink()
    env.flush_all()
    seconds = time.perf_counter() - begin
    result = {
        "tickets": count,
        "seconds": seconds,
        "queries": cr.sql_log_count - queries,
        "dropped": dropped,
    }
    cr.rollback()
    return result


deletes = {"indexed": delete(DELETE, False), "bare": delete(DELETE_BARE, True)}
print(
    "BENCH "
    + json.dumps(
        {
            "scenario": "screens",
            "table": table,
            "insert_seconds": inserted,
            "user": agent.login,
            "screens": screens,
            "delete": deletes,
            "list_fields": sorted(list_spec),
            "kanban_fields": sorted(kanban_spec),
        }
    )
)
