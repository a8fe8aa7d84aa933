"""Run by bench/run.sh in `odoo shell`: the anonymisation job over
BENCH_EXPIRED (100,000) closed tickets whose retention period is over,
inserted in SQL with a caller, a phone, a room and a description naming
them. Prints one BENCH line: the job's time and queries, the tickets
anonymised and the batches it committed. The tickets are deleted afterwards
so that the database can be reused.
"""

import json
import os
import time

env.company.country_id = env.ref("base.cn")  # noqa: F821
env.company.personal_data_retention_years = 3  # noqa: F821

EXPIRED = int(os.environ.get("BENCH_EXPIRED", "100000"))
BATCH = int(os.environ.get("BENCH_ANONYMISE_BATCH", "500"))

Ticket = env["helpdesk.ticket"]  # noqa: F821
cr = env.cr  # noqa: F821
template = Ticket.create(
    {
        "name": "Template",
        "description": "<p>x</p>",
        "level_id": env.ref("helpdesk_property_info.level_general").id,  # noqa: F821
    }
)
env.flush_all()  # noqa: F821
done = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")  # noqa: F821
# Closed five years ago, with the caller's details, inserted in SQL.
start = time.perf_counter()
cr.execute(
    """
    INSERT INTO helpdesk_ticket (number, name, description, company_id, team_id,
        stage_id, level_id, intake_date, closed_date, active, info_origin, importance,
        priority, contact_name, partner_name, contact_phone, room_number, matter,
        create_date, write_date, create_uid, write_uid)
    SELECT 'X' || g, name,
        '<p>赵先生 (3-2-' || (1000 + mod(g, 900)) || ') calls from 1381234'
            || lpad(mod(g, 10000)::text, 4, '0') || '</p>',
        company_id, team_id, %s, level_id,
        now() at time zone 'utc' - interval '5 years',
        now() at time zone 'utc' - interval '5 years',
        true, info_origin, importance, priority, '赵先生', '赵先生',
        '+861381234' || lpad(mod(g, 10000)::text, 4, '0'),
        '3-2-' || (1000 + mod(g, 900)),
        'Roof leaks in the bedroom', create_date, write_date, create_uid, write_uid
    FROM helpdesk_ticket, generate_series(1, %s) g WHERE id = %s
""",
    [done.id, EXPIRED, template.id],
)
inserted = time.perf_counter() - start
cr.execute("ANALYZE helpdesk_ticket")
cr.commit()

batches = []
Cron = type(env["ir.cron"])  # noqa: F821
commit_progress = Cron._commit_progress


def counting_commit_progress(self, processed=0, **kwargs):
    batches.append(processed)
    return commit_progress(self, processed, **kwargs)


Cron._commit_progress = counting_commit_progress
env.invalidate_all()  # noqa: F821
queries = cr.sql_log_count
start = time.perf_counter()
Ticket._cron_anonymise_expired_tickets(batch_size=BATCH)
env.flush_all()  # noqa: F821
seconds = time.perf_counter() - start
queries = cr.sql_log_count - queries
Cron._commit_progress = commit_progress

cr.execute("""
    SELECT count(*) FILTER (WHERE anonymised_date IS NOT NULL),
           count(*) FILTER (WHERE contact_phone IS NOT NULL
                                  OR description LIKE '%%138%%')
    FROM helpdesk_ticket WHERE number LIKE 'X%%'
""")
anonymised, left = cr.fetchone()
cr.execute("""
    DELETE FROM mail_message WHERE model = 'helpdesk.ticket'
       AND res_id IN (SELECT id FROM helpdesk_ticket WHERE number LIKE 'X%%')
""")
cr.execute(
    "DELETE FROM helpdesk_ticket WHERE number LIKE 'X%%' OR id = %s", [template.id]
)
cr.commit()
print(
    "BENCH "
    + json.dumps(
        {
            "scenario": "anonymise",
            "expired": EXPIRED,
            "insert_seconds": inserted,
            "seconds": seconds,
            "queries": queries,
            "anonymised": anonymised,
            "left_identifiable": left,
            "batches": len(batches),
            "batch": BATCH,
        }
    )
)
