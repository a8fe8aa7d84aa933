"""Summarise bench/run.sh's measurements: best of the rounds for each side."""

import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]


def best(scenario, batch):
    return min(
        (r for r in rows if r["scenario"] == scenario and r["batch"] == batch),
        key=lambda r: r["seconds"],
    )


for batch in sorted(
    {r["batch"] for r in rows if r["scenario"] == "create_plain"}, reverse=True
):
    plain = best("create_plain", batch)
    n = plain["tickets"]
    how = "one create() each" if batch == 1 else f"create() in batches of {batch}"
    print(f"create {n} tickets, {how}, best of 3:")
    print(
        f"  {'plain helpdesk_mgmt':22}{plain['seconds']:6.2f} s  "
        f"{n / plain['seconds']:5.0f} tickets/s  {plain['queries'] / n:5.1f} "
        "queries/ticket"
    )
    for label, scenario in (
        ("classified + routed", "create_classified"),
        ("emergency repairs", "create_repair"),
    ):
        if not any(r["scenario"] == scenario and r["batch"] == batch for r in rows):
            continue
        r = best(scenario, batch)
        print(
            f"  {label:22}{r['seconds']:6.2f} s  {n / r['seconds']:5.0f} tickets/s  "
            f"{r['queries'] / n:5.1f} queries/ticket  ratio "
            f"{r['seconds'] / plain['seconds']:.2f}"
        )
for scenario, what, done in (
    ("watcher", "deadline watcher over {} open tickets", "warned"),
    ("repair_watcher", "arrival watcher over {} open repairs", "alerted"),
):
    watcher = next((r for r in rows if r["scenario"] == scenario), None)
    if watcher:
        print(what.format(watcher["open"]) + ":")
        print(
            f"  {'none due':22}{watcher['none_due']['seconds']:6.3f} s  "
            f"{watcher['none_due']['queries']} queries"
        )
        print(
            f"  {str(watcher['due']) + ' due':22}"
            f"{watcher['some_due']['seconds']:6.2f} s  "
            f"{watcher['some_due']['queries']} queries "
            f"({watcher['some_due'][done]} {done})"
        )
for anonymise in (r for r in rows if r["scenario"] == "anonymise"):
    print(
        f"anonymisation job over {anonymise['expired']} expired tickets (inserted in "
        f"{anonymise['insert_seconds']:.0f} s), batches of {anonymise['batch']}:"
    )
    print(
        f"  {'whole job':22}{anonymise['seconds']:6.1f} s  "
        f"{anonymise['expired'] / anonymise['seconds']:6.0f} tickets/s  "
        f"{anonymise['queries']} queries  {anonymise['batches']} batches committed"
    )
    print(
        f"  {anonymise['anonymised']} anonymised, {anonymise['left_identifiable']} "
        "still identifiable"
    )
for p in (r for r in rows if r["scenario"] == "proactive"):
    print(
        f"proactive service: {p['units']} occupied units and {p['visits']} visits "
        f"done in one community, {p['communities']} communities:"
    )
    print(
        f"  {'draw 20 visits':22}{p['draw_s']:6.2f} s  {p['draw_queries']} queries "
        f"({p['drawn']} drawn)"
    )
    print(
        f"  {'confirm the draw':22}{p['confirm_s']:6.2f} s  {p['confirm_queries']} "
        "queries"
    )
    print(
        f"  {'visit quota screen':22}{p['quota_screen_s']:6.2f} s  "
        f"{p['quota_screen_queries']} queries"
    )
    print(
        f"  {'daily patrols, 1st run':22}{p['patrols_first_run_s']:6.2f} s  "
        f"{p['patrol_queries_per_community']} queries a community "
        f"({p['patrols_created']} patrols)"
    )
    print(
        f"  {'daily patrols, idle':22}{p['patrols_idle_run_s']:6.2f} s  "
        f"{p['patrol_idle_queries_per_community']} queries a community"
    )
    print(
        f"  idle watchers: findings {p['finding_watcher_idle_queries']}, corrective "
        f"actions {p['corrective_watcher_idle_queries']}, notice expiry "
        f"{p['notice_expiry_idle_queries']} queries"
    )
for stats in (r for r in rows if r["scenario"] == "statistics"):
    print(
        f"report figures over {stats['table']} tickets ({stats['months']} months, "
        f"inserted in {stats['insert_seconds']:.0f} s), cold / best of 3:"
    )
    for label, r in stats["reports"].items():
        print(
            f"  {label:22}{r['cold']:6.2f} s {r['best']:6.2f} s  {r['queries']} "
            f"queries  ({r['tickets']} tickets in the period)"
        )
for screens in (r for r in rows if r["scenario"] == "screens"):
    inserted = (
        f", inserted in {screens['insert_seconds']:.0f} s"
        if screens.get("insert_seconds")
        else ""
    )
    print(
        f"ticket screens over {screens['table']} tickets{inserted}, as "
        f"{screens['user']}, cold / best of 3:"
    )
    for label, r in screens["screens"].items():
        print(
            f"  {label:28}{r['cold']:6.3f} s {r['best']:6.3f} s  {r['queries']} queries"
        )
    masked = screens.get("masked_list")
    if masked:
        ratio = screens["masked_ratio"]
        print(
            f"  {'ticket list, masked':28}{masked['cold']:6.3f} s "
            f"{masked['best']:6.3f} s  {masked['queries']} queries  as "
            f"{masked['user']}, {masked['masked_rows']} of {masked['rows']} rows "
            f"masked, {masked['full_rows']} in full"
        )
        if "median" in ratio:
            cs_list = screens["screens"]["ticket list"]
            print(
                f"  the two lists alternated {masked['runs']} times, median "
                f"{cs_list['median']:.3f} s (CS) and {masked['median']:.3f} s (masked)"
            )
        median = f"  median {ratio['median']:.2f}" if "median" in ratio else ""
        print(
            f"  {'ratio masked / CS list':28}{ratio['cold']:6.2f}   "
            f"{ratio['best']:6.2f}{median}    (target 1.10 at most)"
        )
    for r in screens["delete"].values():
        how = f" without {', '.join(r['dropped'])}" if r["dropped"] else ""
        print(
            f"  delete {r['tickets']} tickets{how}: {r['seconds']:.2f} s, "
            f"{r['seconds'] / r['tickets'] * 1000:.2f} ms/ticket, {r['queries']} "
            "queries"
        )
created = {
    label: min(
        (r for r in rows if r["scenario"] == label),
        key=lambda r: r["seconds"],
        default=None,
    )
    for label in ("create_empty", "create_million")
}
if all(created.values()):
    empty, full = created["create_empty"], created["create_million"]
    print(f"create {empty['tickets']} classified tickets one by one, best of 3:")
    for label, r in (("empty database", empty), ("over a million", full)):
        print(
            f"  {label:22}{r['seconds'] / r['tickets'] * 1000:6.1f} ms/ticket  "
            f"{r['queries'] / r['tickets']:5.1f} queries/ticket"
        )
    print(f"  {'ratio':22}{full['seconds'] / empty['seconds']:6.2f}")
for load in (r for r in rows if r["scenario"] in ("load", "cluster")):
    if load["scenario"] == "cluster":
        print(
            f"cluster, {load['label']}: {load['servers']} servers "
            f"(load average {load['load_average']})"
        )
    print(
        f"load: {load['clients']} clients for {load['seconds']:.0f} s "
        f"({load['elapsed']:.0f} s elapsed), {load['requests']} requests, "
        f"{load['requests_per_second']:.1f} requests/s:"
    )
    print(f"  {'operation':22}{'done':>6}{'/s':>7}{'p50':>8}{'p95':>8}{'p99':>8}")
    for label, op in load["operations"].items():
        cells = "".join(
            f"{op[p]:7.2f}s" if op[p] is not None else f"{'-':>8}"
            for p in ("p50", "p95", "p99")
        )
        print(f"  {label:22}{op['done']:6}{op['per_second']:7.2f}{cells}")
    inv = load["invariants"]
    print(
        f"  refusals at the monthly cap {load['refusals']}, errors {load['errors']}"
        + (f" {load['error_kinds']}" if load["errors"] else "")
    )
    print(
        f"  serialization retries {load['serialization_retries']} (given up "
        f"{load['retries_given_up']}); deadline watcher: {load['watcher_runs']} "
        f"runs, {load['watcher_tickets']} tickets, alerts {inv['reply_alerts']}"
    )
    months = ", ".join(
        f"{m} {v['amount']:.0f}/{inv['amount_cap']} in {v['count']}/{inv['count_cap']}"
        for m, v in inv["expense_months"].items()
    )
    ok = (
        inv["expenses_within_cap"]
        and not inv["tickets_without_deadline"]
        and not inv["replies_without_message"]
        and not inv["messages_without_reply"]
    )
    print(
        f"  invariants {'hold' if ok else 'BROKEN'}: confirmed expenses "
        f"{months or 'none'}; {inv['tickets_without_deadline']} of "
        f"{inv['tickets_created']} tickets without a reply deadline; "
        f"{inv['replies_without_message']} replies without a message; "
        f"{inv['messages_without_reply']} replied tickets without a reply"
    )
    if load["scenario"] == "cluster":
        across = load["across_servers"]

        def seen(what, across=across):
            after = across.get(f"{what}_seen_after")
            return (
                f"{what} seen after {after:.2f} s"
                if after is not None
                else (f"{what} NOT seen")
            )

        print(
            f"  watcher runs per server {load['watcher_runs_per_server']}, "
            f"alerts given twice {load['duplicate_alerts']}; across servers: "
            f"{seen('setting')}, {seen('ticket')}"
        )
        modes = load["cursor_modes"]
        served = sum(modes.values())
        if served:
            print(
                f"  requests by cursor: {modes}; the replica served "
                f"{100.0 * modes.get('ro', 0) / served:.0f}%"
                + (
                    f"; retried on the primary {load['read_only_retried']}"
                    if load["read_only_retried"]
                    else ""
                )
            )
            print(f"  PDF reports by cursor: {load.get('report_cursor_modes', {})}")
        for side in ("primary", "replica"):
            if side in load:
                act = load[side]
                print(
                    f"  {side}: {act['xact_commit']} transactions "
                    f"({act['xact_commit'] / load['elapsed']:.0f}/s), "
                    f"{act['tup_returned'] + act['tup_fetched']} rows read, "
                    f"{act['blks_hit'] + act['blks_read']} blocks"
                )
for load in (r for r in rows if r["scenario"] in ("load", "cluster")):
    inv = load["invariants"]
    across = load.get("across_servers", {})
    if (
        load.get("duplicate_alerts")
        or across.get("setting_seen") is False
        or across.get("ticket_seen") is False
        or load["errors"]
        or not inv["expenses_within_cap"]
        or inv["tickets_without_deadline"]
        or inv["replies_without_message"]
        or inv["messages_without_reply"]
    ):
        sys.exit("load test: errors or broken invariants (above)")
for d in (r for r in rows if r["scenario"] == "duty"):
    print(
        f"duty roster: {d['communities']} communities, {d['shifts']} shifts over "
        f"{d['roster_days']} days, {d['alerts']} overdue replies:"
    )
    print(
        f"  {'who is on duty now':22}{d['on_duty_s']:6.3f} s  "
        f"{d['on_duty_queries']} queries ({d['on_duty_found']} community roles)"
    )
    for label, text in (("staffed", "with a roster"), ("unstaffed", "without")):
        activities = d[label + "_activities"]
        print(
            f"  {'watcher, ' + text:22}{d[label + '_watcher_s']:6.2f} s  "
            f"{d[label + '_watcher_queries']} queries, "
            f"{d[label + '_roster_queries']} asking the roster, {activities} "
            f"activities ({1000 * d[label + '_watcher_s'] / activities:.1f} ms, "
            f"{d[label + '_watcher_queries'] / activities:.1f} queries each)"
        )
    print(
        f"  {'ratio with/without':22}"
        f"{d['staffed_watcher_s'] / d['unstaffed_watcher_s']:6.2f}"
    )
    print(
        "  idle watchers: "
        + ", ".join(
            f"{name.replace('_', ' ')} {d[name + '_idle_queries']}"
            for name in (
                "deadlines",
                "arrivals",
                "return_visits",
                "results",
                "findings",
                "handovers",
            )
        )
        + " queries"
    )
