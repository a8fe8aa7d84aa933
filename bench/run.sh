#!/usr/bin/env bash
# make bench: ticket creation against plain helpdesk_mgmt in the same run (in
# batches of 100 and one by one), the deadline watcher over 100,000 open
# tickets, and the figures of the weekly and monthly reports over 1,000,000
# tickets, then the ticket screens over the same million tickets (list, kanban,
# pivot, team dashboard, form, one ticket's creation against the empty
# database, deleting 10,000 tickets). Results: BENCHMARKS.md.
# `bash bench/run.sh statistics` or `bash bench/run.sh screens` runs one of
# the last two alone.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/harness.sh" lib
only=${1:-all}
case $only in all|statistics|screens) ;; *) die "usage: $0 [statistics|screens]" ;; esac
prepare

db=${BENCH_DB:-${ADDON}_bench}  # prefix of the throwaway databases
plain=${db}_plain addon=${db}_addon stats=${db}_stats
dropdb --if-exists "$plain"; dropdb --if-exists "$addon"; dropdb --if-exists "$stats"
create_db "$addon" --without-demo

measure() {  # database script [scenario]
    BENCH_DIR="$ROOT/bench" BENCH_SCENARIO=${3:-} "$PY" "$ODOO_PATH/odoo-bin" shell --addons-path="$(addons_path)" \
        -d "$1" --log-level=warn --no-http < "$ROOT/bench/$2" 2>/dev/null \
        | sed -n 's/^BENCH //p'
}

results=()
if [ "$only" = all ]; then
    say "installing plain helpdesk_mgmt into '$plain'"
    odoo -d "$plain" -i helpdesk_mgmt --stop-after-init --log-level=warn
    for batch in ${BENCH_BATCHES:-100 1}; do
        for round in 1 2 3; do
            results+=("$(BENCH_BATCH=$batch measure "$plain" ticket_bench.py create_plain)")
            results+=("$(BENCH_BATCH=$batch measure "$addon" ticket_bench.py create_classified)")
        done
    done
    results+=("$(measure "$addon" ticket_bench.py watcher)")
    dropdb "$plain"
fi
# One ticket at a time, classified, in the empty database (compared below
# with the same over a million tickets).
create_one() {  # database label
    for round in 1 2 3; do
        results+=("$(BENCH_TICKETS=${BENCH_CREATE_TICKETS:-100} BENCH_BATCH=1 \
            BENCH_LABEL=$2 measure "$1" ticket_bench.py create_classified)")
    done
}
[ "$only" = statistics ] || create_one "$addon" create_empty
# A million tickets: in a throwaway copy of the addon's database.
createdb -T "$addon" "$stats"
if [ "$only" != screens ]; then
    say "statistics over a million tickets in '$stats'"
    results+=("$(measure "$stats" statistics_bench.py)")
fi
if [ "$only" != statistics ]; then
    say "ticket screens over a million tickets in '$stats'"
    results+=("$(measure "$stats" screens_bench.py)")
    create_one "$stats" create_million
fi
dropdb "$stats"; dropdb "$addon"
printf '%s\n' "${results[@]}" > "$BUILD/bench.jsonl"
"$PY" "$ROOT/bench/report.py" "$BUILD/bench.jsonl"
