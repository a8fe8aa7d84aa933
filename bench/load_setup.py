"""Run inside `odoo-bin shell` on the load test's database (addon installed
without demo data): sets up every record bench/load_bench.py relies on and
prints what the clients need as one line, `BENCH_SETUP {json}`.

- the company in China, its calendar and its reception months in Shanghai
  time, the Customer Service team on that calendar;
- a problem level whose reply allowance is a third of the run, in calendar
  time, so that the deadline watcher has warnings and escalations to give
  while the clients work;
- a reception policy without approval beforehand whose monthly cap (amount
  and count) all clients spend from;
- one CS agent per client, a CS manager and a company leader (the watcher
  escalates to them), each with a password and an API key, and one for admin;
- the deadline watcher every minute, due at once;
- this week's information report of the company, which the clients print
  (several servers only).

BENCH_LOAD_CLIENTS, BENCH_LOAD_SECONDS and BENCH_LOAD_CAP (expenses a month)
size it.
"""

import json
import os

from odoo import Command, fields

env = env  # noqa: F821 (odoo shell)
ref = env.ref
CLIENTS = int(os.environ.get("BENCH_LOAD_CLIENTS", "20"))
SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "120"))
CAP = int(os.environ.get("BENCH_LOAD_CAP", "100"))
TZ = "Asia/Shanghai"
# Every expense costs 10 to 90 (50 on average): the count or the amount may
# be the limit that refuses first.
AMOUNT_CAP = CAP * 50

company = ref("base.main_company")
company.write({"country_id": ref("base.cn").id, "reception_tz": TZ})
calendar = company.resource_calendar_id
calendar.tz = TZ
team = ref("helpdesk_property_info.team_customer_service")
team.resource_calendar_id = calendar

level = env["helpdesk.info.level"].create(
    {
        "name": "Load Test: Quick Reply",
        "code": "bench_load",
        "sequence": 99,
        "reply_allowance": SECONDS / 3 / 3600,
        "reply_unit": "hours",
        "reply_basis": "calendar",
        "due_soon_hours": SECONDS / 6 / 3600,
        "resolve_allowance": 1,
        "resolve_unit": "days",
        "resolve_basis": "calendar",
    }
)
policy = env["helpdesk.reception.policy"].create(
    {
        "name": "Load Test: Reception",
        "code": "bench_load",
        "sequence": 99,
        "company_id": company.id,
        "monthly_max_amount": AMOUNT_CAP,
        "monthly_max_count": CAP,
        "approval_type": "none",
    }
)

Users = env["res.users"].with_context(no_reset_password=True)


def user(login, group):
    return Users.create(
        {
            "name": login.replace("_", " ").title(),
            "login": login,
            "password": login + "-pass",
            "tz": TZ,
            "notification_type": "inbox",
            "company_id": company.id,
            "company_ids": [Command.set(company.ids)],
            "group_ids": [Command.link(ref(group).id)],
        }
    )


def api_key(user):
    return (
        env["res.users.apikeys"]
        .with_user(user)
        .sudo()
        ._generate(None, "load test", None)
    )


agents = [
    user(f"bench_agent_{i}", "helpdesk_property_info.group_cs_agent")
    for i in range(1, CLIENTS + 1)
]
team.user_ids = [Command.link(agent.id) for agent in agents]
user("bench_manager", "helpdesk_property_info.group_cs_manager")
user("bench_leader", "helpdesk_property_info.group_company_leader")

watcher = ref("helpdesk_property_info.ir_cron_watch_deadlines")
watcher.write(
    {
        "interval_number": 1,
        "interval_type": "minutes",
        "nextcall": fields.Datetime.now(),
        "active": True,
    }
)

categories = [
    ref(f"helpdesk_property_info.{xmlid}").id
    for xmlid in (
        "category_engineering_civil",
        "category_engineering_landscaping",
        "category_property_service_quality",
        "category_contract",
    )
]
report = env["helpdesk.info.report"].create(
    {"kind": "weekly", "company_id": company.id}
)
setup = {
    "admin_key": api_key(ref("base.user_admin")),
    "agent_keys": [api_key(agent) for agent in agents],
    "agent_logins": [agent.login for agent in agents],
    "report_id": report.id,
    "watcher_id": watcher.id,
    "policy_id": policy.id,
    "amount_cap": AMOUNT_CAP,
    "count_cap": CAP,
    "ticket": {
        "channel_id": ref("helpdesk_mgmt.helpdesk_ticket_channel_phone").id,
        "info_origin": "customer",
        "info_source_id": ref("helpdesk_property_info.info_source_community").id,
        "involved_party_id": ref(
            "helpdesk_property_info.info_party_individual_customer"
        ).id,
        "info_nature": "negative",
        "importance": "important",
        "level_id": level.id,
    },
    "categories": categories,
}
env.cr.commit()
print("BENCH_SETUP " + json.dumps(setup))
