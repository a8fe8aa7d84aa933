"""Run inside `odoo-bin shell` on a throwaway database: the server time of the
ticket screens over BENCH_STAT_TICKETS tickets (1,000,000 by default), as a
customer-service agent, printed as a JSON line. The ticket list is also
measured as a department handler, member of every team and assigned to none
of the tickets, who sees every caller's personal data masked, against the
same list as the agent.

The tickets are those bench/million.py inserts; when the database holds fewer
(the bench run alone), they are inserted first. Each screen makes the calls the
web client makes, with the fields of its views: the ticket list (Tickets menu),
the ticket kanban grouped by stage, the Information Analysis pivot, the team
dashboard, one ticket's form; the ORM caches are emptied before each run;
cold (first run) and best of three, with the queries of the cold run. The two
users' lists are measured in alternation, eleven rounds each, with their
medians; the specification of each is derived from the views as that user
gets them (post-processed for the user's groups). Then
10,000 tickets are deleted (rolled back), and BENCH_DELETE_BARE of them again
without any index on the ticket columns pointing at tickets, for comparison.
"""

import json
import os
import statistics
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

# The agent: a customer-service agent, member of every team; the handler: a
# department handler, member of every team (handlers see their teams'
# tickets), assigned to none of the tickets, so every caller is masked.
Users = env["res.users"].with_context(no_reset_password=True)
Teams = env["helpdesk.ticket.team"].with_context(active_test=False)


def bench_user(login, name, group):
    user = Users.search([("login", "=", login)]) or Users.create(
        {"name": name, "login": login, "group_ids": [(4, env.ref(group).id)]}
    )
    Teams.search([]).write({"user_ids": [(4, user.id)]})
    return user


agent = bench_user(
    "bench_cs_agent", "Bench CS Agent", "helpdesk_property_info.group_cs_agent"
)
handler = bench_user(
    "bench_handler",
    "Bench Department Handler",
    "helpdesk_property_info.group_department_handler",
)
cr.commit()


def user_env(user):
    return env(
        user=user.id, context={**env.context, "tz": "Asia/Shanghai", "lang": "en_US"}
    )


uenv = user_env(agent)
henv = user_env(handler)


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


def measure_run(fn):
    env.invalidate_all()
    env.registry.clear_cache()
    queries = cr.sql_log_count
    begin = time.perf_counter()
    fn()
    return time.perf_counter() - begin, cr.sql_log_count - queries


def summary(runs):
    times = [r[0] for r in runs]
    return {
        "cold": times[0],
        "best": min(times),
        "median": statistics.median(times),
        "runs": len(runs),
        "queries": runs[0][1],
    }


def measure(fn):
    return summary([measure_run(fn) for _ in range(3)])


def measure_alternately(fns, rounds):
    """``rounds`` rounds of each of ``fns`` in turn, so that the load of the
    machine weighs on each alike."""
    runs = [[] for _ in fns]
    for _ in range(rounds):
        for fn, fn_runs in zip(fns, runs, strict=True):
            fn_runs.append(measure_run(fn))
    return [summary(fn_runs) for fn_runs in runs]


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


# The same list as the handler: the action's domain from the handler's search
# view, the specification from the handler's list view.
HTicket = henv["helpdesk.ticket"]
handler_archs = views(HTicket, tickets_action, ["list", "search"])
handler_domain, handler_context = action_domain(
    HTicket, tickets_action, handler_archs["search"]
)
HTicket = HTicket.with_context(
    **{k: v for k, v in handler_context.items() if not k.startswith("search_default_")}
)
handler_list_spec = specification(HTicket, handler_archs["list"])


def masked_list():
    HTicket.web_search_read(
        handler_domain, handler_list_spec, limit=80, count_limit=10001
    )


# The callers' personal fields, and their companions (…_display).
PERSONAL = (
    "contact_phone",
    "room_number",
    "contact_name",
    "partner_name",
    "partner_email",
    "contact_wechat",
)


def masked_check():
    """The tickets each user sees, and the handler's first page: its personal
    columns as the handler gets them against the stored values, the rows
    where one shows in full and those where one is masked."""
    page = HTicket.web_search_read(
        handler_domain, handler_list_spec, limit=80, count_limit=10001
    )["records"]
    personal = sorted(
        name for name in handler_list_spec if any(name.startswith(p) for p in PERSONAL)
    )
    full = masked = 0
    for row in page:
        ticket = env["helpdesk.ticket"].browse(row["id"])
        shown = {
            name: (row[name], ticket[name.removesuffix("_display")])
            for name in personal
            if ticket[name.removesuffix("_display")]
        }
        full += any(value == stored for value, stored in shown.values())
        masked += any(value != stored for value, stored in shown.values())
    return {
        "visible": HTicket.search_count(handler_domain),
        "cs_visible": Ticket.search_count(domain),
        "rows": len(page),
        "masked_rows": masked,
        "full_rows": full,
        "personal_fields": personal,
        "sample": {name: page[0][name] for name in personal} if page else {},
    }


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


# Lists of about 0.05 s move with the machine's load by more than the gap
# measured: eleven alternated rounds, compared by their best and median.
cs_list, handler_list = measure_alternately([ticket_list, masked_list], rounds=11)
screens = {
    "ticket list": cs_list,
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


masked = masked_check()
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
            "masked_list": {
                **handler_list,
                "user": handler.login,
                "group": "helpdesk_property_info.group_department_handler",
                "same_domain": handler_domain == domain,
                "fields": sorted(handler_list_spec),
                **masked,
            },
            "masked_ratio": {
                "best": handler_list["best"] / cs_list["best"],
                "cold": handler_list["cold"] / cs_list["cold"],
                "median": handler_list["median"] / cs_list["median"],
            },
        }
    )
)
