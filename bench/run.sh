#!/usr/bin/env bash
# make bench: ticket creation against plain helpdesk_mgmt in the same run (in
# batches of 100 and one by one), the deadline watcher over 100,000 open
# tickets, and the figures of the weekly and monthly reports over 1,000,000
# tickets. Results: BENCHMARKS.md. `bash bench/run.sh statistics` runs the
# last one alone.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/harness.sh" lib
only=${1:-all}
case $only in all|statistics) ;; *) die "usage: $0 [statistics]" ;; esac
prepare

plain=${ADDON}_bench_plain addon=${ADDON}_bench_addon stats=${ADDON}_bench_stats
dropdb --if-exists "$plain"; dropdb --if-exists "$addon"; dropdb --if-exists "$stats"
create_db "$addon" --without-demo

measure() {  # database script [scenario]
    BENCH_SCENARIO=${3:-} "$PY" "$ODOO_PATH/odoo-bin" shell --addons-path="$(addons_path)" \
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
# A million tickets: in a throwaway copy of the addon's database.
say "statistics over a million tickets in '$stats'"
createdb -T "$addon" "$stats"
results+=("$(measure "$stats" statistics_bench.py)")
dropdb "$stats"; dropdb "$addon"
printf '%s\n' "${results[@]}" > "$BUILD/bench.jsonl"
"$PY" "$ROOT/bench/report.py" "$BUILD/bench.jsonl"
