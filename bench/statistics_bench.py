"""Run inside `odoo-bin shell` on a throwaway database: the figures of the
weekly and monthly reports over BENCH_STAT_TICKETS tickets (1,000,000 by
default), printed as a JSON line.

The tickets are inserted in SQL by bench/million.py with every column the
reports read (and those the ticket screens read), intake spread evenly over
BENCH_STAT_MONTHS months (12 by default) ending with the month measured.
Then the figures of the last month and of its last full week are computed,
for the company and for one team, cold (caches emptied) and best of three.
"""

import json
import os
import sys
import time
from datetime import datetime

N = int(os.environ.get("BENCH_STAT_TICKETS", "1000000"))
MONTHS = int(os.environ.get("BENCH_STAT_MONTHS", "12"))
# The month measured: the last one holding tickets.
YEAR, MONTH = 2026, 6  # as in million.py

cr = env.cr  # noqa: F821 (odoo shell)
sys.path.insert(0, os.environ["BENCH_DIR"])
import million  # noqa: E402 (from bench/, put on the path above)

first = datetime(YEAR, MONTH, 1)
inserted = million.insert_tickets(env, N, MONTHS)  # noqa: F821
teams = million._ids(
    env,  # noqa: F821
    "helpdesk.ticket.team",
    [("company_id", "in", [env.company.id, False])],  # noqa: F821
)

Report = env["helpdesk.info.report"]  # noqa: F821
reports = {
    "monthly, company": Report.create({"kind": "monthly", "date_from": first}),
    "weekly, company": Report.create(
        {"kind": "weekly", "date_from": datetime(YEAR, MONTH, 22)}
    ),
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
print(
    "BENCH "
    + json.dumps(
        {
            "scenario": "statistics",
            "table": total,
            "months": MONTHS,
            "insert_seconds": inserted,
            "reports": results,
        }
    )
)
