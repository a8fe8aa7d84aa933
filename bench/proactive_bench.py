"""Run by bench/run.sh in `odoo shell`: proactive service over a large
register. Sets up BENCH_COMMUNITIES (50) communities of 4 buildings of 20
floors, BENCH_UNITS (20,000) occupied units in the first one and
BENCH_VISITS (10,000) visits done there in the last two months, 20 customer
assistants, then measures:

- drawing 20 random visits for an assistant in that community, and
  confirming them (the wizard's two buttons);
- the Visit Quotas screen, counted for the month;
- the daily patrol job creating every community's patrol with its floors,
  then its idle hourly run;
- an idle run of the patrol-finding, corrective-action and notice-expiry
  watchers (queries).

Prints one BENCH line. Everything it creates is rolled back.
"""

import json
import os
import sys
import time

from odoo import fields
from odoo.tests import new_test_user

sys.path.insert(0, os.environ["BENCH_DIR"])
import timing  # noqa: E402 (from bench/, put on the path above)

COMMUNITIES = int(os.environ.get("BENCH_COMMUNITIES", "50"))
UNITS = int(os.environ.get("BENCH_UNITS", "20000"))
VISITS = int(os.environ.get("BENCH_VISITS", "10000"))

env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True))  # noqa: F821
cr = env.cr
company = env.company
company.country_id = env.ref("base.cn")
company.reception_tz = "Asia/Shanghai"
cs_team = env.ref("helpdesk_property_info.team_customer_service")
assistants = [
    new_test_user(
        env,
        login=f"bench_assistant_{n}",
        groups="helpdesk_property_info.group_cs_agent",
        company_id=company.id,
    )
    for n in range(20)
]
manager = new_test_user(
    env,
    login="bench_cs_manager",
    groups="helpdesk_property_info.group_cs_manager",
    company_id=company.id,
)
cs_team.user_id = manager

communities = env["helpdesk.info.community"].create(
    [{"name": f"Bench Garden {n}", "team_id": cs_team.id} for n in range(COMMUNITIES)]
)
env["helpdesk.info.building"].create(
    [
        {"community_id": community.id, "code": str(b), "floor_count": 20}
        for community in communities
        for b in range(1, 5)
    ]
)
first = communities[0]
owner = env["res.partner"].create({"name": "Bench Owner"})
# The first community's units and occupants, in SQL: 4 buildings, 5 entrances,
# 20 floors.
start = time.perf_counter()
cr.execute(
    """
    INSERT INTO helpdesk_info_unit (community_id, building_id, entrance, room, floor,
                                    full_code, status, company_id, active,
                                    create_uid, write_uid, create_date, write_date)
    SELECT b.community_id, b.id, e::text, (f * 100 + r)::text, f,
           b.code || '-' || e || '-' || (f * 100 + r),
           'occupied', b.company_id, true, 1, 1, now(), now()
      FROM helpdesk_info_building b, generate_series(1, 5) e,
           generate_series(1, 20) f, generate_series(1, 100) r
     WHERE b.community_id = %s
     LIMIT %s
""",
    [first.id, UNITS],
)
cr.execute(
    """
    INSERT INTO helpdesk_info_unit_occupancy (unit_id, partner_id, relation,
                                              company_id, create_uid, write_uid,
                                              create_date, write_date)
    SELECT id, %s, 'owner', company_id, 1, 1, now(), now()
      FROM helpdesk_info_unit WHERE community_id = %s
""",
    [owner.id, first.id],
)
cr.execute(
    """
    INSERT INTO helpdesk_info_visit (user_id, community_id, unit_id, company_id, kind,
                                     method, state, satisfaction, planned_date,
                                     visited_on, opinions,
                                     create_uid, write_uid, create_date, write_date)
    SELECT (%s::int[])[1 + mod(u.id, 20)], u.community_id, u.id, u.company_id,
           'random', 'home', 'done', '4',
           (now() - mod(u.id, 60) * interval '1 day')::date,
           now() - mod(u.id, 60) * interval '1 day',
           'Lift noisy at night', 1, 1, now(), now()
      FROM helpdesk_info_unit u WHERE u.community_id = %s ORDER BY u.id LIMIT %s
""",
    [[a.id for a in assistants], first.id, VISITS],
)
cr.execute(
    "ANALYZE helpdesk_info_unit; ANALYZE helpdesk_info_unit_occupancy; "
    "ANALYZE helpdesk_info_visit"
)
env.invalidate_all()
setup_seconds = time.perf_counter() - start


results = {
    "units": UNITS,
    "visits": VISITS,
    "communities": COMMUNITIES,
    "setup_s": round(setup_seconds, 2),
}
assistant = assistants[0]
draw = (
    env["helpdesk.info.visit.draw"]
    .with_user(assistant)
    .create({"community_id": first.id, "user_id": assistant.id, "number": 20})
)
_, results["draw_s"], results["draw_queries"] = timing.measure(env, draw.action_draw)
results["drawn"] = len(draw.line_ids)
_, results["confirm_s"], results["confirm_queries"] = timing.measure(
    env, draw.action_confirm
)
Quota = env["helpdesk.info.visit.quota"].with_user(manager)
_, results["quota_screen_s"], results["quota_screen_queries"] = timing.measure(
    env, Quota.action_open_this_month
)

Patrol = env["helpdesk.info.patrol"]
_, results["patrols_first_run_s"], queries = timing.measure(
    env, Patrol._cron_daily_patrols
)
results["patrols_created"] = Patrol.search_count(
    [("community_id", "in", communities.ids)]
)
results["patrol_queries_per_community"] = round(queries / COMMUNITIES, 1)
_, results["patrols_idle_run_s"], queries = timing.measure(
    env, Patrol._cron_daily_patrols
)
results["patrol_idle_queries_per_community"] = round(queries / COMMUNITIES, 1)

for name, model, method in (
    ("finding_watcher", "helpdesk.info.patrol.check", "_cron_watch_patrol_findings"),
    (
        "corrective_watcher",
        "helpdesk.info.survey.corrective.action",
        "_cron_watch_deadlines",
    ),
    ("notice_expiry", "helpdesk.info.publication", "_cron_withdraw_expired_notices"),
):
    _, _seconds, results[f"{name}_idle_queries"] = timing.measure(
        env, getattr(env[model], method)
    )

cr.rollback()
results["date"] = fields.Date.to_string(fields.Date.today())
print("BENCH " + json.dumps({"scenario": "proactive", **results}))
