"""Run inside `odoo-bin shell` on a throwaway database: the figures of the
weekly and monthly reports over BENCH_STAT_TICKETS tickets (1,000,000 by
default), printed as a JSON line.

The tickets are inserted in SQL (INSERT … SELECT generate_series) with every
column the reports read: classification, team, level, intake spread evenly
over BENCH_STAT_MONTHS months (12 by default) ending with the month measured,
reply deadline and reply (on time, late or none), closing and return visit.
Then the figures of the last month and of its last full week are computed,
for the company and for one team, cold (caches emptied) and best of three.
"""

import json
import os
import time
from datetime import datetime

from dateutil.relativedelta import relativedelta

N = int(os.environ.get("BENCH_STAT_TICKETS", "1000000"))
MONTHS = int(os.environ.get("BENCH_STAT_MONTHS", "12"))
# The month measured: the last one holding tickets.
YEAR, MONTH = 2026, 6

ref = env.ref  # noqa: F821 (odoo shell)
cr = env.cr  # noqa: F821
company = env.company  # noqa: F821
company.resource_calendar_id.tz = "Asia/Shanghai"


def ids(model, domain=()):
    return env[model].search(list(domain)).ids  # noqa: F821


def sql_array(values):
    return "ARRAY[%s]::int[]" % ",".join("NULL" if v is None else str(int(v)) for v in values)


teams = ids("helpdesk.ticket.team", [("company_id", "in", [company.id, False])])
categories = ids("helpdesk.ticket.category") + [None]
channels = ids("helpdesk.ticket.channel") + [None]
sources = ids("helpdesk.info.source") + [None]
parties = ids("helpdesk.info.party") + [None]
levels = ids("helpdesk.info.level")
template = env["helpdesk.ticket"].create({  # noqa: F821
    "name": "Template", "description": "<p>x</p>", "team_id": teams[0],
})
env.flush_all()  # noqa: F821

first = datetime(YEAR, MONTH, 1)
start = first - relativedelta(months=MONTHS - 1)
span_days = (first + relativedelta(months=1) - start).days

started = time.perf_counter()
# Coprime moduli spread the dimensions independently of one another.
cr.execute(f"""
    INSERT INTO helpdesk_ticket (
        number, name, description, company_id, team_id, stage_id, active, priority,
        info_origin, info_nature, importance, category_id, channel_id,
        info_source_id, involved_party_id, level_id,
        intake_date, reply_deadline, replied_date, reply_state, reply_on_time_rate,
        closed_date, visit_date, visit_satisfaction, visit_score, return_visit_rate,
        create_date, write_date, create_uid, write_uid)
    SELECT 'S' || g, t.name, t.description, t.company_id,
        ({sql_array(teams)})[1 + g %% {len(teams)}], t.stage_id, true, t.priority,
        CASE WHEN g %% 7 = 0 THEN 'company' ELSE 'customer' END,
        (ARRAY['negative', 'positive', NULL])[1 + g %% 3],
        CASE WHEN g %% 5 = 0 THEN 'important' ELSE 'general' END,
        ({sql_array(categories)})[1 + g %% {len(categories)}],
        ({sql_array(channels)})[1 + g %% {len(channels)}],
        ({sql_array(sources)})[1 + g %% {len(sources)}],
        ({sql_array(parties)})[1 + g %% {len(parties)}],
        ({sql_array(levels)})[1 + g %% {len(levels)}],
        d.intake, d.intake + interval '1 day',
        CASE g %% 10 WHEN 0 THEN NULL WHEN 1 THEN d.intake + interval '2 days'
             ELSE d.intake + interval '3 hours' END,
        CASE g %% 10 WHEN 0 THEN 'overdue' WHEN 1 THEN 'late' ELSE 'on_time' END,
        CASE WHEN g %% 10 > 1 THEN 100 ELSE 0 END,
        CASE WHEN g %% 5 < 3 THEN d.intake + interval '2 days' END,
        CASE WHEN g %% 5 < 2 THEN d.intake + interval '3 days' END,
        CASE WHEN g %% 5 < 2 THEN (1 + g %% 5 * 2)::varchar END,
        CASE WHEN g %% 5 < 2 THEN 1 + g %% 5 * 2 ELSE 0 END,
        CASE WHEN g %% 5 < 2 THEN 100 ELSE 0 END,
        d.intake, d.intake, t.create_uid, t.write_uid
    FROM helpdesk_ticket t,
         generate_series(1, %s) g,
         LATERAL (SELECT %s::timestamp + (g::float / %s * %s) * interval '1 day' AS intake) d
    WHERE t.id = %s
""", [N, start, N, span_days, template.id])
cr.execute("ANALYZE helpdesk_ticket")
cr.commit()
inserted = time.perf_counter() - started

Report = env["helpdesk.info.report"]  # noqa: F821
reports = {
    "monthly, company": Report.create({"kind": "monthly", "date_from": first}),
    "weekly, company": Report.create({"kind": "weekly", "date_from": datetime(YEAR, MONTH, 22)}),
    "monthly, one team": Report.create(
        {"kind": "monthly", "date_from": first, "team_id": teams[1 % len(teams)]}
    ),
}
env.flush_all()  # noqa: F821


def measure(report):
    env.invalidate_all()  # noqa: F821
    env.registry.clear_cache()  # noqa: F821
    queries = cr.sql_log_count
    begin = time.perf_counter()
    figures = report._get_report_figures()
    return time.perf_counter() - begin, cr.sql_log_count - queries, figures


results = {}
for label, report in reports.items():
    runs = [measure(report) for _ in range(3)]
    figures = runs[0][2]
    results[label] = {
        "cold": runs[0][0],
        "best": min(run[0] for run in runs),
        "queries": runs[0][1],
        "tickets": figures["total"],
    }
cr.execute("SELECT count(*) FROM helpdesk_ticket")
total = cr.fetchone()[0]
print("BENCH " + json.dumps({
    "scenario": "statistics", "table": total, "months": MONTHS,
    "insert_seconds": inserted, "reports": results,
}))
