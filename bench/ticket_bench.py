"""Run inside `odoo-bin shell`: one measurement, printed as a JSON line.

BENCH_SCENARIO:
- create_plain: N tickets as plain helpdesk_mgmt knows them;
- create_classified: N fully classified tickets (routing and deadlines run);
- create_repair: N emergency repairs, classified as create_classified (the
  arrival deadline and the arrival watcher's trigger run too);
- watcher: the deadline watcher over BENCH_OPEN open tickets, first with none
  due, then with BENCH_DUE due;
- repair_watcher: the arrival watcher over BENCH_OPEN open repairs, first with
  none due, then with BENCH_DUE due.
Creation is rolled back afterwards so that the database can be reused.
"""

import json
import os
import time

# The callers' phone numbers are Chinese: they are read in the company's country.
env.company.country_id = env.ref("base.cn")  # noqa: F821

N = int(os.environ.get("BENCH_TICKETS", "2000"))
BATCH = int(os.environ.get("BENCH_BATCH", "1"))
SCENARIO = os.environ["BENCH_SCENARIO"]


def measure(fn):
    cr = env.cr  # noqa: F821 (odoo shell)
    env.invalidate_all()  # noqa: F821
    queries = cr.sql_log_count
    start = time.perf_counter()
    fn()
    env.flush_all()  # noqa: F821
    return time.perf_counter() - start, cr.sql_log_count - queries


def create(classified, repair=False):
    Ticket = env["helpdesk.ticket"]  # noqa: F821
    vals = {"name": "Roof leaks", "description": "<p>Ceiling wet after rain</p>"}
    if classified:
        ref = env.ref  # noqa: F821
        categories = [
            ref("helpdesk_property_info.category_engineering_civil").id,
            ref("helpdesk_property_info.category_engineering_landscaping").id,
            ref("helpdesk_property_info.category_property_service_quality").id,
            ref("helpdesk_property_info.category_contract").id,
        ]
        vals.update(
            {
                "channel_id": ref("helpdesk_mgmt.helpdesk_ticket_channel_phone").id,
                "info_origin": "customer",
                "info_source_id": ref(
                    "helpdesk_property_info.info_source_community"
                ).id,
                "involved_party_id": ref(
                    "helpdesk_property_info.info_party_individual_customer"
                ).id,
                "info_nature": "negative",
                # Important by default: each ticket also notifies the CS managers.
                "importance": os.environ.get("BENCH_IMPORTANCE", "important"),
                "contact_name": "赵先生",
                "room_number": "3-2-1801",
                "contact_phone": "13812345678",
                "matter": "Roof leaks in the bedroom",
                "level_id": ref("helpdesk_property_info.level_complex").id,
            }
        )
    if repair:
        vals.update(
            {
                "type_id": env.ref("helpdesk_property_info.ticket_type_repair").id,  # noqa: F821
                "repair_urgency_id": env.ref(  # noqa: F821
                    "helpdesk_property_info.repair_urgency_emergency"
                ).id,
            }
        )
    vals_list = []
    for i in range(N):
        item = dict(vals)
        if classified:
            item["category_id"] = categories[i % len(categories)]
        vals_list.append(item)

    def run():
        for start in range(0, N, BATCH):
            Ticket.create(vals_list[start : start + BATCH])

    seconds, queries = measure(run)
    env.cr.rollback()  # noqa: F821
    return {"seconds": seconds, "queries": queries, "tickets": N, "batch": BATCH}


def watcher():
    Ticket = env["helpdesk.ticket"]  # noqa: F821
    cr = env.cr  # noqa: F821
    open_count = int(os.environ.get("BENCH_OPEN", "100000"))
    due = int(os.environ.get("BENCH_DUE", "1000"))
    template = Ticket.create(
        {
            "name": "Template",
            "description": "<p>x</p>",
            "level_id": env.ref("helpdesk_property_info.level_general").id,  # noqa: F821
        }
    )
    env.flush_all()  # noqa: F821
    # Open tickets whose next check lies a month ahead, inserted in SQL.
    cr.execute(
        """
        INSERT INTO helpdesk_ticket (number, name, description, company_id, team_id,
            stage_id, level_id, intake_date, reply_deadline, resolve_deadline,
            reply_state, deadline_next_check, active, info_origin, importance,
            priority, create_date, write_date, create_uid, write_uid)
        SELECT 'B' || g, name, description, company_id, team_id, stage_id, level_id,
            now() at time zone 'utc', now() at time zone 'utc' + interval '30 days',
            now() at time zone 'utc' + interval '40 days', 'pending',
            now() at time zone 'utc' + interval '29 days', true, info_origin,
            importance, priority, create_date, write_date, create_uid, write_uid
        FROM helpdesk_ticket, generate_series(1, %s) g WHERE id = %s
    """,
        [open_count, template.id],
    )
    return measure_watcher(
        Ticket._cron_watch_deadlines,
        "B",
        template,
        due,
        open_count,
        "warned",
        "deadline_next_check = now() at time zone 'utc' - interval '1 minute', "
        "reply_deadline = now() at time zone 'utc' + interval '2 hours'",
        "reply_alert = 'due_soon'",
    )


def measure_watcher(run, prefix, template, due, open_count, done, make_due, done_where):
    """Time ``run`` with none due, then after ``make_due`` on ``due`` of the
    tickets numbered ``prefix``…; count the tickets ``done_where``; clean up."""
    cr = env.cr  # noqa: F821
    cr.execute("ANALYZE helpdesk_ticket")
    cr.commit()
    none_due = measure(run)
    cr.execute(
        f"""
        UPDATE helpdesk_ticket SET {make_due}
        WHERE id IN (SELECT id FROM helpdesk_ticket WHERE number LIKE '{prefix}%%'
                     ORDER BY id LIMIT %s)
    """,
        [due],
    )
    cr.commit()
    some_due = measure(run)
    cr.execute(f"SELECT count(*) FROM helpdesk_ticket WHERE {done_where}")
    count = cr.fetchone()[0]
    cr.execute("DELETE FROM mail_activity WHERE res_model = 'helpdesk.ticket'")
    cr.execute(
        f"DELETE FROM helpdesk_ticket WHERE number LIKE '{prefix}%%' OR id = %s",
        [template.id],
    )
    cr.commit()
    return {
        "open": open_count,
        "none_due": {"seconds": none_due[0], "queries": none_due[1]},
        "due": due,
        "some_due": {"seconds": some_due[0], "queries": some_due[1], done: count},
    }


def repair_watcher():
    """The arrival watcher over open repairs whose deadline lies a month
    ahead, then with some of them past their deadline."""
    Ticket = env["helpdesk.ticket"]  # noqa: F821
    cr = env.cr  # noqa: F821
    open_count = int(os.environ.get("BENCH_OPEN", "100000"))
    due = int(os.environ.get("BENCH_DUE", "1000"))
    template = Ticket.create(
        {
            "name": "Template",
            "description": "<p>x</p>",
            "type_id": env.ref("helpdesk_property_info.ticket_type_repair").id,  # noqa: F821
            "repair_urgency_id": env.ref(  # noqa: F821
                "helpdesk_property_info.repair_urgency_emergency"
            ).id,
        }
    )
    env.flush_all()  # noqa: F821
    cr.execute(
        """
        INSERT INTO helpdesk_ticket (number, name, description, company_id, team_id,
            stage_id, level_id, type_id, is_repair, repair_urgency_id, repair_state,
            intake_date, arrival_deadline, repair_next_check, active, info_origin,
            importance, priority, create_date, write_date, create_uid, write_uid)
        SELECT 'R' || g, name, description, company_id, team_id, stage_id, level_id,
            type_id, true, repair_urgency_id, 'new', now() at time zone 'utc',
            now() at time zone 'utc' + interval '30 days',
            now() at time zone 'utc' + interval '30 days', true, info_origin,
            importance, priority, create_date, write_date, create_uid, write_uid
        FROM helpdesk_ticket, generate_series(1, %s) g WHERE id = %s
    """,
        [open_count, template.id],
    )
    return measure_watcher(
        Ticket._cron_watch_repair_arrivals,
        "R",
        template,
        due,
        open_count,
        "alerted",
        "repair_next_check = now() at time zone 'utc' - interval '1 minute', "
        "arrival_deadline = now() at time zone 'utc' - interval '1 minute'",
        "repair_late_alerted",
    )


if SCENARIO == "create_plain":
    result = create(classified=False)
elif SCENARIO == "create_classified":
    result = create(classified=True)
elif SCENARIO == "create_repair":
    result = create(classified=True, repair=True)
elif SCENARIO == "repair_watcher":
    result = repair_watcher()
else:
    result = watcher()
print(
    "BENCH "
    + json.dumps({"scenario": os.environ.get("BENCH_LABEL") or SCENARIO, **result})
)
