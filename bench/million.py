"""Shared by the benches over a million tickets (run in `odoo-bin shell`):
the tickets inserted in SQL (INSERT … SELECT generate_series) with every
column the reports and the ticket screens read.

Classification and kind (three in eight repairs), team, level, intake spread
evenly over `months` months ending with the month measured, reply deadline
and reply (on time, late or none), closing and return visit; the repairs'
urgency, arrival deadline, arrival (3 to 19 minutes after the report for an
emergency or urgent one, so some late; two hours for an ordinary one; one in
thirteen never reached, alerted late and still dispatched if its ticket is
open; the others done, or confirmed if closed); then what the screens show:
stage (60% in a closed stage, as many as are closed, the rest spread over the
open stages), assigned agent (one in six unassigned), contact and commercial
partner, the caller's personal data (name, phone, room and e-mail, a WeChat ID
on one ticket in three), priority, resolution deadline, and one ticket in fifty
archived. The table is then vacuumed and analysed, as autovacuum leaves a
table in use.
"""

import time
from datetime import datetime

from dateutil.relativedelta import relativedelta

YEAR, MONTH = 2026, 6
AGENTS = 5
PARTNERS = 200


def _sql_array(values):
    return "ARRAY[{}]::int[]".format(
        ",".join("NULL" if v is None else str(int(v)) for v in values)
    )


def _ids(env, model, domain=()):
    return env[model].with_context(active_test=False).search(list(domain)).ids


def bench_agents(env):
    """The agents tickets are assigned to, members of every team."""
    Users = env["res.users"].with_context(no_reset_password=True)
    group = env.ref("helpdesk_mgmt.group_helpdesk_user")
    agents = Users.search([("login", "=like", "bench_agent_%")])
    for i in range(len(agents), AGENTS):
        agents |= Users.create(
            {
                "name": f"Bench Agent {i}",
                "login": f"bench_agent_{i}",
                "group_ids": [(4, group.id)],
            }
        )
    teams = env["helpdesk.ticket.team"].search([])
    teams.write({"user_ids": [(4, uid) for uid in agents.ids]})
    return agents


def insert_tickets(env, count, months=12):
    """Inserts `count` tickets; returns the seconds the insert took."""
    cr = env.cr
    company = env.company
    company.resource_calendar_id.tz = "Asia/Shanghai"
    teams = _ids(
        env, "helpdesk.ticket.team", [("company_id", "in", [company.id, False])]
    )
    categories = _ids(env, "helpdesk.ticket.category") + [None]
    channels = _ids(env, "helpdesk.ticket.channel") + [None]
    sources = _ids(env, "helpdesk.info.source") + [None]
    parties = _ids(env, "helpdesk.info.party") + [None]
    levels = _ids(env, "helpdesk.info.level")
    ref = env.ref
    repair = ref("helpdesk_property_info.ticket_type_repair").id
    complaint = ref("helpdesk_property_info.ticket_type_complaint").id
    grades = [
        ref(f"helpdesk_property_info.complaint_grade_{g}").id
        for g in ("minor", "important", "major")
    ]
    kinds = [
        ref(f"helpdesk_property_info.ticket_type_{kind}").id
        for kind in (
            "complaint",
            "repair",
            "inquiry",
            "repair",
            "suggestion",
            "repair",
            "praise",
            "other",
        )
    ]
    urgencies = env["helpdesk.info.repair.urgency"].browse(
        [
            ref(f"helpdesk_property_info.repair_urgency_{u}").id
            for u in ("emergency", "urgent", "ordinary")
        ]
    )
    stages = env["helpdesk.ticket.stage"].search([("team_ids", "=", False)])
    closed = stages.filtered("closed").ids
    open_ = stages.filtered(lambda s: not s.closed).ids
    unattended = stages.filtered("unattended").ids
    agents = bench_agents(env).ids + [None]
    partners = env["res.partner"].search([("name", "=like", "Bench Customer %")]).ids
    if len(partners) < PARTNERS:
        partners += (
            env["res.partner"]
            .create(
                [
                    {"name": f"Bench Customer {i}", "phone": f"1381234{i:04d}"}
                    for i in range(len(partners), PARTNERS)
                ]
            )
            .ids
        )
    partners.append(None)
    template = env["helpdesk.ticket"].create(
        {
            "name": "Template",
            "description": "<p>x</p>",
            "team_id": teams[0],
        }
    )
    env.flush_all()

    first = datetime(YEAR, MONTH, 1)
    start = first - relativedelta(months=months - 1)
    span_days = (first + relativedelta(months=1) - start).days

    started = time.perf_counter()
    # Coprime moduli spread the dimensions independently of one another.
    cr.execute(
        f"""
        INSERT INTO helpdesk_ticket (
            number, name, description, company_id, team_id, stage_id, unattended,
            active, priority, user_id, partner_id, commercial_partner_id,
            contact_name, partner_name, contact_phone, room_number, partner_email,
            contact_wechat,
            info_origin, info_nature, importance, category_id, channel_id,
            info_source_id, involved_party_id, level_id,
            type_id, is_repair, repair_urgency_id, arrival_deadline,
            repair_arrival_date, repair_arrival_minutes, repair_on_time,
            repair_late_alerted, repair_state,
            intake_date, reply_deadline, resolve_deadline, replied_date,
            reply_state, reply_on_time_rate, resolve_state, complaint_grade_id,
            closed_date, return_visit_date, return_visit_satisfaction,
            return_visit_score, return_visit_rate,
            last_stage_update, create_date, write_date, create_uid, write_uid)
        SELECT 'S' || g, t.name, t.description, t.company_id,
            ({_sql_array(teams)})[1 + g %% {len(teams)}], s.stage,
            s.stage = ANY({_sql_array(unattended or [0])}),
            g %% 50 <> 0, ((g / 7) %% 4)::varchar,
            ({_sql_array(agents)})[1 + g %% {len(agents)}],
            ({_sql_array(partners)})[1 + g %% {len(partners)}],
            ({_sql_array(partners)})[1 + g %% {len(partners)}],
            c.name, c.name, '+86139' || lpad((g %% 100000000)::text, 8, '0'),
            (1 + g %% 20) || '-' || (1 + g %% 4) || '-' || (101 + g %% 3000),
            'caller' || g || '@example.com',
            CASE WHEN g %% 3 = 0 THEN 'wx_caller' || g END,
            CASE WHEN g %% 7 = 0 THEN 'company' ELSE 'customer' END,
            (ARRAY['negative', 'positive', NULL])[1 + g %% 3],
            CASE WHEN g %% 5 = 0 THEN 'important' ELSE 'general' END,
            ({_sql_array(categories)})[1 + g %% {len(categories)}],
            ({_sql_array(channels)})[1 + g %% {len(channels)}],
            ({_sql_array(sources)})[1 + g %% {len(sources)}],
            ({_sql_array(parties)})[1 + g %% {len(parties)}],
            ({_sql_array(levels)})[1 + g %% {len(levels)}],
            k.type_id, k.type_id = {repair},
            CASE WHEN k.type_id = {repair} THEN r.urgency END,
            CASE WHEN k.type_id = {repair} THEN r.deadline END,
            CASE WHEN k.type_id = {repair} THEN r.arrival END,
            CASE WHEN k.type_id = {repair} THEN
                 COALESCE(EXTRACT(EPOCH FROM r.arrival - d.intake)::int / 60, 0) END,
            k.type_id = {repair} AND COALESCE(r.arrival <= r.deadline, false),
            k.type_id = {repair} AND (r.arrival IS NULL OR r.arrival > r.deadline),
            CASE WHEN k.type_id <> {repair} THEN NULL
                 WHEN s.stage = ANY({_sql_array(closed)}) THEN 'confirmed'
                 WHEN r.arrival IS NOT NULL THEN 'done' ELSE 'dispatched' END,
            d.intake, d.intake + interval '1 day', d.intake + interval '5 days',
            CASE g %% 10 WHEN 0 THEN NULL WHEN 1 THEN d.intake + interval '2 days'
                 ELSE d.intake + interval '3 hours' END,
            CASE g %% 10 WHEN 0 THEN 'overdue' WHEN 1 THEN 'late' ELSE 'on_time' END,
            CASE WHEN g %% 10 > 1 THEN 100 ELSE 0 END,
            CASE WHEN g %% 5 < 3 THEN 'on_time' ELSE 'overdue' END,
            CASE WHEN k.type_id = {complaint}
                 THEN ({_sql_array(grades)})[1 + g %% {len(grades)}] END,
            CASE WHEN g %% 5 < 3 THEN d.intake + interval '2 days' END,
            CASE WHEN g %% 5 < 2 THEN d.intake + interval '3 days' END,
            CASE WHEN g %% 5 < 2 THEN (1 + g %% 5 * 2)::varchar END,
            CASE WHEN g %% 5 < 2 THEN 1 + g %% 5 * 2 ELSE 0 END,
            CASE WHEN g %% 5 < 2 THEN 100 ELSE 0 END,
            d.intake, d.intake, d.intake, t.create_uid, t.write_uid
        FROM helpdesk_ticket t,
             generate_series(1, %s) g,
             LATERAL (SELECT %s::timestamp + (g::float / %s * %s) * interval '1 day'
                      AS intake) d,
             LATERAL (SELECT CASE WHEN g %% 5 < 3
                 THEN ({_sql_array(closed)})[1 + g %% {len(closed)}]
                 ELSE ({_sql_array(open_)})[1 + g %% {len(open_)}] END AS stage) s,
             LATERAL (SELECT ({_sql_array(kinds)})[1 + (g / 11) %% {len(kinds)}]
                      AS type_id) k,
             LATERAL (SELECT (ARRAY['赵先生', '钱女士', '孙先生', '李女士'])
                      [1 + g %% 4] AS name) c,
             LATERAL (SELECT u.urgency,
                 d.intake + CASE WHEN u.minutes > 0 THEN u.minutes * interval '1 minute'
                                 ELSE interval '8 hours' END AS deadline,
                 CASE WHEN g %% 13 = 0 THEN NULL
                      WHEN u.minutes > 0
                      THEN d.intake + (3 + g %% 17) * interval '1 minute'
                      ELSE d.intake + interval '2 hours' END AS arrival
                 FROM (SELECT ({_sql_array(urgencies.ids)})[1 + (g / 3) %% 3]
                              AS urgency,
                              ({_sql_array(urgencies.mapped("arrival_minutes"))})
                              [1 + (g / 3) %% 3] AS minutes) u) r
        WHERE t.id = %s
    """,
        [count, start, count, span_days, template.id],
    )
    cr.commit()
    seconds = time.perf_counter() - started
    # As autovacuum leaves a table in use: statistics and visibility map.
    with env.registry.cursor() as vacuum:
        vacuum._cnx.autocommit = True
        try:
            vacuum.execute("VACUUM ANALYZE helpdesk_ticket")
        finally:
            vacuum._cnx.autocommit = False
    return seconds
