"""Run by bench/run.sh in `odoo shell`: the duty roster under load. Sets up
BENCH_COMMUNITIES (50) communities with a unit each, a roster of
BENCH_ROSTER_DAYS (31) days for every community (three Customer Service
desk shifts a day, a 24-hour worker on call and a 24-hour manager on call,
inserted in SQL, 30 people in turn), and twice BENCH_ALERTS (1,000)
tickets received ten days ago, unanswered, half in the first half of the
communities, which keep the roster, half in the others, whose roster is
removed. Then measures:

- who is on duty now in every community, for every role (queries);
- the deadline watcher escalating every overdue reply and resolution: the
  tickets of the communities with a roster (the desk on duty and the
  manager on call are alerted) against those without (the Customer Service
  managers are), in the same run, each twice in turn (the second round is
  reported), with the queries that ask the roster;
- an idle run of each watcher that alerts through the roster (queries).

Prints one BENCH line. Runs in the bench's throwaway database: the
watcher commits its batches, as the scheduler's does.
"""

import json
import os
import sys
import time
from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user

sys.path.insert(0, os.environ["BENCH_DIR"])
import timing  # noqa: E402 (from bench/, put on the path above)

COMMUNITIES = int(os.environ.get("BENCH_COMMUNITIES", "50"))
ROSTER_DAYS = int(os.environ.get("BENCH_ROSTER_DAYS", "31"))
ALERTS = int(os.environ.get("BENCH_ALERTS", "1000"))

env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True))  # noqa: F821
cr = env.cr
company = env.company
company.country_id = env.ref("base.cn")
cs_team = env.ref("helpdesk_property_info.team_customer_service")
manager = new_test_user(
    env,
    login="bench_duty_cs_manager",
    groups="helpdesk_property_info.group_cs_manager",
    company_id=company.id,
)
cs_team.user_id = manager
people = [
    new_test_user(
        env,
        login=f"bench_duty_{n}",
        groups="helpdesk_property_info.group_cs_agent",
        company_id=company.id,
    )
    for n in range(30)
]
start = time.perf_counter()
communities = env["helpdesk.info.community"].create(
    [{"name": f"Duty Garden {n}", "code": f"DG{n}"} for n in range(COMMUNITIES)]
)
buildings = env["helpdesk.info.building"].create(
    [{"community_id": community.id, "code": "1"} for community in communities]
)
units = env["helpdesk.info.unit"].create(
    [{"building_id": building.id, "room": "101"} for building in buildings]
)
now = fields.Datetime.now()
first_day = now.replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(
    days=ROSTER_DAYS // 2
)
# A month of shifts for every community: three desk shifts of 8 hours, a
# worker and a manager on call for 24 hours, every day.
cr.execute(
    """
    INSERT INTO helpdesk_info_duty_shift (
        community_id, company_id, role, role_color, user_id, start, stop,
        create_uid, write_uid, create_date, write_date)
    SELECT c.id, c.company_id, s.role, 0,
           (%(people)s::int[])[1 + mod(c.id * 7 + d + s.n, 30)],
           %(first_day)s + d * interval '1 day' + s.offset_hours * interval '1 hour',
           %(first_day)s + d * interval '1 day'
               + (s.offset_hours + s.hours) * interval '1 hour',
           1, 1, now(), now()
      FROM helpdesk_info_community c, generate_series(0, %(days)s - 1) d,
           (VALUES (0, 'cs_desk', 0, 8), (1, 'cs_desk', 8, 8),
                   (2, 'cs_desk', 16, 8), (3, 'worker_on_call', 0, 24),
                   (4, 'manager_on_call', 0, 24)) s(n, role, offset_hours, hours)
     WHERE c.id = ANY(%(communities)s)
    """,
    {
        "people": [p.id for p in people],
        "first_day": first_day,
        "days": ROSTER_DAYS,
        "communities": communities.ids,
    },
)
cr.execute("ANALYZE helpdesk_info_duty_shift")
shifts = env["helpdesk.info.duty.shift"].search_count(
    [("community_id", "in", communities.ids)]
)
setup_seconds = time.perf_counter() - start


class RosterQueries:
    """Counts the queries that read the roster while it is open."""

    def __enter__(self):
        self.count = 0
        self.execute = cr.execute

        def execute(query, params=None, log_exceptions=True):
            if "helpdesk_info_duty_shift" in str(query):
                self.count += 1
            return self.execute(query, params, log_exceptions)

        cr.execute = execute
        return self

    def __exit__(self, *exc):
        cr.execute = self.execute


results = {
    "communities": COMMUNITIES,
    "roster_days": ROSTER_DAYS,
    "shifts": shifts,
    "alerts": ALERTS,
    "setup_s": round(setup_seconds, 2),
}
Shift = env["helpdesk.info.duty.shift"]
roles = ["cs_desk", "worker_on_call", "security_supervisor", "manager_on_call"]
on_duty, results["on_duty_s"], results["on_duty_queries"] = timing.measure(
    env, lambda: Shift._on_duty(communities, roles)
)
results["on_duty_found"] = sum(1 for users in on_duty.values() if users)

# The overdue tickets: half in the staffed communities, half in the others.
staffed = communities[: COMMUNITIES // 2]
unstaffed = communities - staffed
cr.execute(
    "DELETE FROM helpdesk_info_duty_shift WHERE community_id = ANY(%s)",
    [unstaffed.ids],
)
channel = env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
unit_of = {unit.community_id: unit for unit in units}
Ticket = env["helpdesk.ticket"]
overdue_types = env.ref("helpdesk_property_info.mail_activity_reply_overdue") | env.ref(
    "helpdesk_property_info.mail_activity_resolve_overdue"
)
# Each half is created, then escalated, in turn: a run sees its own half due.
# Two rounds; the second is reported, the first warms the caches up.
for label, group in (("staffed", staffed), ("unstaffed", unstaffed)) * 2:
    tickets = Ticket.create(
        [
            {
                "name": f"Overdue reply {n}",
                "description": "<p>No answer yet.</p>",
                "channel_id": channel.id,
                "contact_name": "赵先生",
                "contact_phone": "13812345678",
                "matter": "Asks when the lift is repaired.",
                "unit_id": unit_of[group[n % len(group)]].id,
                "intake_date": now - timedelta(days=10),
            }
            for n in range(ALERTS // 2)
        ]
    )
    results[f"{label}_due"] = Ticket.search_count(
        [("id", "in", tickets.ids), ("deadline_next_check", "<=", now)]
    )
    with RosterQueries() as roster:
        _, seconds, queries = timing.measure(env, Ticket._cron_watch_deadlines)
    results[f"{label}_watcher_s"] = seconds
    results[f"{label}_watcher_queries"] = queries
    results[f"{label}_roster_queries"] = roster.count
    results[f"{label}_activities"] = env["mail.activity"].search_count(
        [
            ("res_model", "=", "helpdesk.ticket"),
            ("res_id", "in", tickets.ids),
            ("activity_type_id", "in", overdue_types.ids),
        ]
    )

for name, model, method in (
    ("deadlines", "helpdesk.ticket", "_cron_watch_deadlines"),
    ("arrivals", "helpdesk.ticket", "_cron_watch_repair_arrivals"),
    ("return_visits", "helpdesk.ticket", "_cron_watch_return_visits"),
    ("results", "helpdesk.ticket.result", "_watch_result_replies"),
    ("findings", "helpdesk.info.patrol.check", "_cron_watch_patrol_findings"),
    ("handovers", "helpdesk.info.duty.handover", "_cron_watch_duty_handovers"),
):
    _, _seconds, results[f"{name}_idle_queries"] = timing.measure(
        env, getattr(env[model], method)
    )

results["date"] = fields.Date.to_string(fields.Date.today())
print("BENCH " + json.dumps({"scenario": "duty", **results}))
