#!/usr/bin/env bash
# make bench: ticket and repair creation against plain helpdesk_mgmt in the
# same run (in batches of 100 and one by one), the deadline and arrival
# watchers over 100,000 open tickets and repairs, the figures of the weekly
# and monthly reports over 1,000,000 tickets, the ticket screens over the same million tickets (list, kanban,
# pivot, team dashboard, form, one ticket's creation against the empty
# database, deleting 10,000 tickets), then the load test: concurrent clients
# of a multi-process Odoo on 127.0.0.1 (bench/load_bench.py), and the
# anonymisation of 100,000 tickets whose retention period is over
# (bench/anonymise_bench.py), and proactive service over 20,000 units
# (bench/proactive_bench.py), and the duty roster: who is on duty, alerts
# routed by it, idle watchers (bench/duty_bench.py). Results: BENCHMARKS.md.
# `bash bench/run.sh create`, `statistics`, `screens`, `load`, `anonymise`,
# `proactive` or `duty` runs one part alone.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/harness.sh" lib
only=${1:-all}
case $only in all|create|statistics|screens|load|anonymise|proactive|duty) ;; *) die "usage: $0 [create|statistics|screens|load|anonymise|proactive|duty]" ;; esac
prepare

db=${BENCH_DB:-${ADDON}_bench}  # prefix of the throwaway databases
plain=${db}_plain addon=${db}_addon stats=${db}_stats load=${db}_load
server_pid=
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        say "stopping the load test's server (pid $server_pid)"
        kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 30); do kill -0 "$server_pid" 2>/dev/null || break; sleep 1; done
        kill -KILL "$server_pid" 2>/dev/null || true
    fi
    server_pid=
    rm -f "$BUILD/load_setup.json"  # API keys
    if [ "${BENCH_KEEP:-0}" != 1 ]; then
        dropdb --if-exists "$load" 2>/dev/null || true
    fi
}
trap cleanup EXIT

measure() {  # database script [scenario]
    BENCH_DIR="$ROOT/bench" BENCH_SCENARIO=${3:-} "$PY" "$ODOO_PATH/odoo-bin" shell --addons-path="$(addons_path)" \
        -d "$1" --log-level=warn --no-http < "$ROOT/bench/$2" 2>/dev/null \
        | sed -n 's/^BENCH //p'
}

results=()
dropdb --if-exists "$plain"; dropdb --if-exists "$stats"
[ "$only" = load ] || create_db "$addon" --without-demo
if [ "$only" = all ] || [ "$only" = create ]; then
    say "installing plain helpdesk_mgmt into '$plain'"
    odoo -d "$plain" -i helpdesk_mgmt --stop-after-init --log-level=warn
    for batch in ${BENCH_BATCHES:-100 1}; do
        for round in 1 2 3; do
            results+=("$(BENCH_BATCH=$batch measure "$plain" ticket_bench.py create_plain)")
            results+=("$(BENCH_BATCH=$batch measure "$addon" ticket_bench.py create_classified)")
            results+=("$(BENCH_BATCH=$batch measure "$addon" ticket_bench.py create_repair)")
        done
    done
    results+=("$(measure "$addon" ticket_bench.py watcher)")
    results+=("$(measure "$addon" ticket_bench.py repair_watcher)")
    dropdb "$plain"
fi
if [ "$only" = all ] || [ "$only" = anonymise ]; then
    say "anonymising ${BENCH_EXPIRED:-100000} expired tickets in '$addon'"
    results+=("$(measure "$addon" anonymise_bench.py anonymise)")
fi
if [ "$only" = all ] || [ "$only" = proactive ]; then
    say "visits, quotas, patrols and watchers over ${BENCH_UNITS:-20000} units in '$addon'"
    results+=("$(measure "$addon" proactive_bench.py)")
fi
if [ "$only" = all ] || [ "$only" = duty ]; then
    say "the duty roster of ${BENCH_COMMUNITIES:-50} communities and ${BENCH_ALERTS:-1000} overdue replies in '$addon'"
    results+=("$(measure "$addon" duty_bench.py)")
fi
# One ticket at a time, classified, in the empty database (compared below
# with the same over a million tickets).
create_one() {  # database label
    for round in 1 2 3; do
        results+=("$(BENCH_TICKETS=${BENCH_CREATE_TICKETS:-100} BENCH_BATCH=1 \
            BENCH_LABEL=$2 measure "$1" ticket_bench.py create_classified)")
    done
}
if [ "$only" = create ] || [ "$only" = anonymise ] || [ "$only" = proactive ] || [ "$only" = duty ]; then
    dropdb "$addon"
elif [ "$only" != load ]; then
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
fi

free_port() {
    "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The load test: BENCH_LOAD_CLIENTS clients (20) for BENCH_LOAD_SECONDS (120)
# against a multi-process server on 127.0.0.1, configured as in production
# (README, "Production"), on a database of its own.
load_test() {
    local seconds=${BENCH_LOAD_SECONDS:-120} clients=${BENCH_LOAD_CLIENTS:-20}
    local setup=$BUILD/load_setup.json log=$BUILD/load_server.log port gevent_port
    create_db "$load" --without-demo
    say "setting up $clients users, a reception policy and a quick problem level in '$load'"
    BENCH_LOAD_SECONDS=$seconds BENCH_LOAD_CLIENTS=$clients \
        "$PY" "$ODOO_PATH/odoo-bin" shell --addons-path="$(addons_path)" -d "$load" \
        --log-level=warn --no-http < "$ROOT/bench/load_setup.py" 2>"$BUILD/load_setup.log" \
        | sed -n 's/^BENCH_SETUP //p' > "$setup"
    [ -s "$setup" ] || die "the load test's setup printed nothing; see $BUILD/load_setup.log"
    port=$(free_port) gevent_port=$(free_port)
    [ "$port" != "$gevent_port" ] || gevent_port=$(free_port)
    : > "$log"
    say "starting Odoo with 4 workers and a cron worker on 127.0.0.1:$port (log: $log)"
    # Memory limits in bytes: 2 GiB soft, 2.5 GiB hard per worker.
    ODOO_NOTIFY_CRON_CHANGES=1 "$PY" "$ODOO_PATH/odoo-bin" --addons-path="$(addons_path)" \
        -d "$load" --db-filter="^$load\$" --no-database-list \
        --http-interface=127.0.0.1 --http-port="$port" --gevent-port="$gevent_port" \
        --workers=4 --max-cron-threads=1 --proxy-mode \
        --limit-time-real=120 --limit-time-cpu=60 --limit-request=8192 \
        --limit-memory-soft=2147483648 --limit-memory-hard=2684354560 \
        --log-level=info --log-handler=werkzeug:WARNING --logfile="$log" &
    server_pid=$!
    local health=
    for _ in $(seq 120); do
        kill -0 "$server_pid" 2>/dev/null || die "the load test's server stopped; see $log"
        if health=$("$PY" -c 'import sys, urllib.request
print(urllib.request.urlopen(sys.argv[1], timeout=2).read().decode())' \
            "http://127.0.0.1:$port/web/health" 2>/dev/null) && [ -n "$health" ]; then break; fi
        health=; sleep 1
    done
    [ -n "$health" ] || die "the load test's server did not answer /web/health in 120 s; see $log"
    say "$clients clients for $seconds s"
    local line
    line=$(BENCH_LOAD_SECONDS=$seconds BENCH_LOAD_CLIENTS=$clients \
        "$PY" "$ROOT/bench/load_bench.py" "$setup" "http://127.0.0.1:$port" "$load" "$log" \
        | sed -n 's/^BENCH //p')
    cleanup
    [ -n "$line" ] || die "the load test printed no result; see $log"
    results+=("$line")
}
if [ "$only" = all ] || [ "$only" = load ]; then
    load_test
fi
printf '%s\n' "${results[@]}" > "$BUILD/bench.jsonl"
"$PY" "$ROOT/bench/report.py" "$BUILD/bench.jsonl"
