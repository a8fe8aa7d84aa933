#!/usr/bin/env bash
# make bench: ticket creation against plain helpdesk_mgmt in the same run (in
# batches of 100 and one by one), and the deadline watcher over 100,000 open
# tickets. Results: BENCHMARKS.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/harness.sh" lib
prepare

plain=${ADDON}_bench_plain addon=${ADDON}_bench_addon
dropdb --if-exists "$plain"; dropdb --if-exists "$addon"
say "installing plain helpdesk_mgmt into '$plain'"
odoo -d "$plain" -i helpdesk_mgmt --stop-after-init --log-level=warn
create_db "$addon" --without-demo

measure() {  # database scenario
    BENCH_SCENARIO=$2 "$PY" "$ODOO_PATH/odoo-bin" shell --addons-path="$(addons_path)" \
        -d "$1" --log-level=warn --no-http < "$ROOT/bench/ticket_bench.py" 2>/dev/null \
        | sed -n 's/^BENCH //p'
}

results=()
for batch in ${BENCH_BATCHES:-100 1}; do
    for round in 1 2 3; do
        results+=("$(BENCH_BATCH=$batch measure "$plain" create_plain)")
        results+=("$(BENCH_BATCH=$batch measure "$addon" create_classified)")
    done
done
results+=("$(measure "$addon" watcher)")
printf '%s\n' "${results[@]}" > "$BUILD/bench.jsonl"
"$PY" "$ROOT/bench/report.py" "$BUILD/bench.jsonl"
dropdb "$plain"; dropdb "$addon"
