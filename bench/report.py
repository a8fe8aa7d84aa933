"""Summarise bench/run.sh's measurements: best of the rounds for each side."""

import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]


def best(scenario, batch):
    return min(
        (r for r in rows if r["scenario"] == scenario and r["batch"] == batch),
        key=lambda r: r["seconds"],
    )


for batch in sorted({r["batch"] for r in rows if r["scenario"] == "create_plain"}, reverse=True):
    plain, classified = best("create_plain", batch), best("create_classified", batch)
    n = plain["tickets"]
    how = "one create() each" if batch == 1 else f"create() in batches of {batch}"
    print(f"create {n} tickets, {how}, best of 3:")
    for label, r in (("plain helpdesk_mgmt", plain), ("classified + routed", classified)):
        print(f"  {label:22}{r['seconds']:6.2f} s  {n / r['seconds']:5.0f} tickets/s  "
              f"{r['queries'] / n:5.1f} queries/ticket")
    print(f"  {'ratio':22}{classified['seconds'] / plain['seconds']:6.2f}")
watcher = next((r for r in rows if r["scenario"] == "watcher"), None)
if watcher:
    print(f"deadline watcher over {watcher['open']} open tickets:")
    print(f"  {'none due':22}{watcher['none_due']['seconds']:6.3f} s  "
          f"{watcher['none_due']['queries']} queries")
    print(f"  {str(watcher['due']) + ' due':22}{watcher['some_due']['seconds']:6.2f} s  "
          f"{watcher['some_due']['queries']} queries ({watcher['some_due']['warned']} warned)")
for stats in (r for r in rows if r["scenario"] == "statistics"):
    print(f"report figures over {stats['table']} tickets ({stats['months']} months, "
          f"inserted in {stats['insert_seconds']:.0f} s), cold / best of 3:")
    for label, r in stats["reports"].items():
        print(f"  {label:22}{r['cold']:6.2f} s {r['best']:6.2f} s  {r['queries']} queries  "
              f"({r['tickets']} tickets in the period)")
for screens in (r for r in rows if r["scenario"] == "screens"):
    inserted = (f", inserted in {screens['insert_seconds']:.0f} s"
                if screens.get("insert_seconds") else "")
    print(f"ticket screens over {screens['table']} tickets{inserted}, as {screens['user']}, "
          "cold / best of 3:")
    for label, r in screens["screens"].items():
        print(f"  {label:28}{r['cold']:6.3f} s {r['best']:6.3f} s  {r['queries']} queries")
    for label, r in screens["delete"].items():
        how = f" without {', '.join(r['dropped'])}" if r["dropped"] else ""
        print(f"  delete {r['tickets']} tickets{how}: {r['seconds']:.2f} s, "
              f"{r['seconds'] / r['tickets'] * 1000:.2f} ms/ticket, {r['queries']} queries")
created = {
    label: min((r for r in rows if r["scenario"] == label), key=lambda r: r["seconds"], default=None)
    for label in ("create_empty", "create_million")
}
if all(created.values()):
    empty, full = created["create_empty"], created["create_million"]
    print(f"create {empty['tickets']} classified tickets one by one, best of 3:")
    for label, r in (("empty database", empty), ("over a million", full)):
        print(f"  {label:22}{r['seconds'] / r['tickets'] * 1000:6.1f} ms/ticket  "
              f"{r['queries'] / r['tickets']:5.1f} queries/ticket")
    print(f"  {'ratio':22}{full['seconds'] / empty['seconds']:6.2f}")
