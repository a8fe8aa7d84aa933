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
# `proactive` or `duty` runs one part alone. `bash bench/run.sh cluster`
# (not part of `all`) runs the load test against two Odoo servers on the
# same database and filestore, one of them running the scheduled actions,
# first on the primary alone, then with a streaming replica of PostgreSQL
# (pg_basebackup, a throwaway cluster) serving the read-only requests.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/harness.sh" lib
only=${1:-all}
case $only in all|create|statistics|screens|load|anonymise|proactive|duty|cluster) ;; *) die "usage: $0 [create|statistics|screens|load|anonymise|proactive|duty|cluster]" ;; esac
prepare

db=${BENCH_DB:-${ADDON}_bench}  # prefix of the throwaway databases
plain=${db}_plain addon=${db}_addon stats=${db}_stats load=${db}_load
server_pid=
server_pids=()  # the cluster's servers
replica_dir=    # the cluster's replica: its data, socket and log
replica_slot=   # its replication slot on the primary (keeps the WAL it needs)
stop_server() {  # pid
    if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
        say "stopping the load test's server (pid $1)"
        kill -TERM "$1" 2>/dev/null || true
        for _ in $(seq 30); do kill -0 "$1" 2>/dev/null || break; sleep 1; done
        kill -KILL "$1" 2>/dev/null || true
    fi
}
stop_servers() {
    local pid
    stop_server "$server_pid"
    server_pid=
    for pid in "${server_pids[@]}"; do stop_server "$pid"; done
    server_pids=()
}
stop_replica() {
    if [ -n "$replica_dir" ] && [ -d "$replica_dir" ]; then
        if [ -f "$replica_dir/data/postmaster.pid" ]; then
            say "stopping the replica"
            as_postgres "$PG_BIN/pg_ctl" -D "$replica_dir/data" -m fast -w -t 60 stop \
                >/dev/null 2>&1 || true
        fi
        rm -rf "$replica_dir"
    fi
    replica_dir=
    if [ -n "$replica_slot" ]; then  # free once the replica's sender has gone
        for _ in $(seq 10); do
            [ "$(psql -d postgres -Atqc "select count(*) from pg_replication_slots
                where slot_name = '$replica_slot'" 2>/dev/null)" = 0 ] && break
            psql -d postgres -Atqc "select pg_drop_replication_slot('$replica_slot')" \
                >/dev/null 2>&1 || sleep 1
        done
    fi
    replica_slot=
}
cleanup() {
    stop_servers
    stop_replica
    rm -f "$BUILD/load_setup.json"  # API keys
    rm -rf "$BUILD/cluster_data"
    if [ "${BENCH_KEEP:-0}" != 1 ]; then
        dropdb --if-exists "$load" 2>/dev/null || true
        dropdb --if-exists "${load}_replica" 2>/dev/null || true
    fi
}
trap cleanup EXIT
# The replica runs as the primary's owner, with its server programs.
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}
as_postgres() {  # command...
    if [ "$(id -un)" = postgres ]; then "$@"
    elif [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"
    else sudo -n -u postgres -- "$@"
    fi
}

measure() {  # database script [scenario]
    BENCH_DIR="$ROOT/bench" BENCH_SCENARIO=${3:-} "$PY" "$ODOO_PATH/odoo-bin" shell --addons-path="$(addons_path)" \
        -d "$1" --log-level=warn --no-http < "$ROOT/bench/$2" 2>/dev/null \
        | sed -n 's/^BENCH //p'
}

results=()
dropdb --if-exists "$plain"; dropdb --if-exists "$stats"
[ "$only" = load ] || [ "$only" = cluster ] || create_db "$addon" --without-demo
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
elif [ "$only" != load ] && [ "$only" != cluster ]; then
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
load_setup() {  # seconds clients
    create_db "$load" --without-demo
    say "setting up $2 users, a reception policy and a quick problem level in '$load'"
    BENCH_LOAD_SECONDS=$1 BENCH_LOAD_CLIENTS=$2 \
        "$PY" "$ODOO_PATH/odoo-bin" shell --addons-path="$(addons_path)" -d "$load" \
        --log-level=warn --no-http < "$ROOT/bench/load_setup.py" 2>"$BUILD/load_setup.log" \
        | sed -n 's/^BENCH_SETUP //p' > "$BUILD/load_setup.json"
    [ -s "$BUILD/load_setup.json" ] || die "the load test's setup printed nothing; see $BUILD/load_setup.log"
}
wait_health() {  # pid port log
    local health=
    for _ in $(seq 120); do
        kill -0 "$1" 2>/dev/null || die "the load test's server stopped; see $3"
        if health=$("$PY" -c 'import sys, urllib.request
print(urllib.request.urlopen(sys.argv[1], timeout=2).read().decode())' \
            "http://127.0.0.1:$2/web/health" 2>/dev/null) && [ -n "$health" ]; then return; fi
        sleep 1
    done
    die "the load test's server did not answer /web/health in 120 s; see $3"
}
load_test() {
    local seconds=${BENCH_LOAD_SECONDS:-120} clients=${BENCH_LOAD_CLIENTS:-20}
    local setup=$BUILD/load_setup.json log=$BUILD/load_server.log port gevent_port
    load_setup "$seconds" "$clients"
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
    wait_health "$server_pid" "$port" "$log"
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

# Several servers and a replica (README, "Production"): two Odoo servers on
# the same database and data directory (filestore), on ports of their own,
# 2 workers each; only the first runs the scheduled actions
# (BENCH_CLUSTER_CRON_SERVERS=2: both do). The clients are spread over both
# (round robin). Run once on the primary alone, then again on a copy of the
# same database with a streaming replica serving the read-only requests
# (--db_replica_host); the primary's activity is measured in both
# (pg_stat_database), the replica's share in the servers' request logs.
start_replica() {  # makes $replica_dir; the replica's port in $replica_port
    local socket port
    socket=$(psql -d postgres -Atqc "show unix_socket_directories" | cut -d, -f1)
    port=$(psql -d postgres -Atqc "show port")
    [ "$(psql -d postgres -Atqc "show wal_level")" != minimal ] \
        || die "the primary runs with wal_level=minimal: a replica needs 'replica'"
    replica_dir=$(mktemp -d "${TMPDIR:-/tmp}/${ADDON}_replica.XXXXXX")
    chown postgres: "$replica_dir" 2>/dev/null || true
    chmod 700 "$replica_dir"
    replica_port=$(free_port)
    # A replication slot keeps on the primary the WAL the replica has not
    # received yet (dropped on exit, with the replica).
    replica_slot=${ADDON}_bench_replica_$$
    say "copying the primary ($socket, port $port) into a streaming replica in $replica_dir"
    as_postgres "$PG_BIN/pg_basebackup" -D "$replica_dir/data" -R -X stream \
        -C -S "$replica_slot" -h "$socket" -p "$port" -U postgres -c fast >&2 \
        || die "pg_basebackup failed (the primary needs a replication entry in pg_hba.conf)"
    # The copy is of the data directory: its own settings and access rules.
    printf '%s\n' "port = $replica_port" "listen_addresses = ''" \
        "unix_socket_directories = '$replica_dir'" "hot_standby = on" \
        "max_connections = 100" "shared_buffers = 128MB" \
        | as_postgres tee "$replica_dir/data/postgresql.conf" >/dev/null
    echo "local all all peer" | as_postgres tee "$replica_dir/data/pg_hba.conf" >/dev/null
    as_postgres touch "$replica_dir/data/pg_ident.conf"
    as_postgres "$PG_BIN/pg_ctl" -D "$replica_dir/data" -l "$replica_dir/replica.log" \
        -w -t 120 start >&2 || die "the replica did not start; see $replica_dir/replica.log"
    [ "$(psql -h "$replica_dir" -p "$replica_port" -d postgres -Atqc "select pg_is_in_recovery()")" = t ] \
        || die "the replica is not in recovery"
}
start_cluster_server() {  # database port log cron_threads [odoo args...]
    local db=$1 port=$2 log=$3 crons=$4
    shift 4
    : > "$log"
    ODOO_NOTIFY_CRON_CHANGES=1 "$PY" "$ODOO_PATH/odoo-bin" --addons-path="$(addons_path)" \
        -d "$db" --db-filter="^$db\$" --no-database-list --data-dir="$BUILD/cluster_data" \
        --http-interface=127.0.0.1 --http-port="$port" --gevent-port="$(free_port)" \
        --workers=2 --max-cron-threads="$crons" --proxy-mode \
        --limit-time-real=120 --limit-time-cpu=60 --limit-request=8192 \
        --limit-memory-soft=2147483648 --limit-memory-hard=2684354560 \
        --log-level=info --log-handler=werkzeug:INFO --logfile="$log" "$@" &
    server_pids+=($!)
}
pg_activity() {  # database [psql args...]: the database's counters, as JSON
    local db=$1
    shift
    psql "$@" -d postgres -Atqc "select json_build_object(
        'xact_commit', xact_commit, 'xact_rollback', xact_rollback,
        'tup_returned', tup_returned, 'tup_fetched', tup_fetched,
        'blks_hit', blks_hit, 'blks_read', blks_read)
        from pg_stat_database where datname = '$db'"
}
cluster_run() {  # database label [replica port]
    local db=$1 label=$2 rport=${3:-} seconds=${BENCH_LOAD_SECONDS:-120}
    local clients=${BENCH_LOAD_CLIENTS:-20} urls=() logs=() replica_args=() i port log crons
    [ -z "$rport" ] || replica_args=(--db_replica_host="$replica_dir" --db_replica_port="$rport")
    for i in 1 2; do
        port=$(free_port) log=$BUILD/cluster_server_$i.log crons=0
        if [ "$i" = 1 ]; then  # wkhtmltopdf fetches a report's styles from it
            psql -d "$db" -qc "DELETE FROM ir_config_parameter WHERE key = 'report.url';
                INSERT INTO ir_config_parameter (key, value)
                VALUES ('report.url', 'http://127.0.0.1:$port')"
        fi
        if [ "$i" = 1 ] || [ "${BENCH_CLUSTER_CRON_SERVERS:-1}" = 2 ]; then crons=1; fi
        say "starting Odoo server $i ($label): 2 workers, $crons cron thread(s), 127.0.0.1:$port (log: $log)"
        start_cluster_server "$db" "$port" "$log" "$crons" "${replica_args[@]}"
        wait_health "${server_pids[-1]}" "$port" "$log"
        urls+=("http://127.0.0.1:$port") logs+=("$log")
    done
    local before after replica_before=null replica_after=null line
    before=$(pg_activity "$db")
    [ -z "$rport" ] || replica_before=$(pg_activity "$db" -h "$replica_dir" -p "$rport")
    say "$clients clients for $seconds s over both servers ($label)"
    line=$(BENCH_LOAD_SECONDS=$seconds BENCH_LOAD_CLIENTS=$clients \
        "$PY" "$ROOT/bench/load_bench.py" "$BUILD/load_setup.json" "$(IFS=,; echo "${urls[*]}")" \
        "$db" "$(IFS=,; echo "${logs[*]}")" | sed -n 's/^BENCH //p')
    [ -n "$line" ] || die "the cluster's load test printed no result; see ${logs[*]}"
    after=$(pg_activity "$db")
    [ -z "$rport" ] || replica_after=$(pg_activity "$db" -h "$replica_dir" -p "$rport")
    local load_average
    load_average=$(cut -d' ' -f1-3 /proc/loadavg)
    stop_servers
    results+=("$("$PY" -c 'import json, sys
result = json.loads(sys.argv[1])
result["label"], result["load_average"] = sys.argv[2], sys.argv[3]
for side, before, after in (("primary", *sys.argv[4:6]), ("replica", *sys.argv[6:8])):
    if after != "null":
        before, after = json.loads(before), json.loads(after)
        result[side] = {key: after[key] - before[key] for key in after}
print(json.dumps(result))' "$line" "$label" "$load_average" "$before" "$after" \
        "$replica_before" "$replica_after")")
}
if [ "$only" = cluster ]; then
    load_setup "${BENCH_LOAD_SECONDS:-120}" "${BENCH_LOAD_CLIENTS:-20}"
    # The same start for both runs: a copy made before the first.
    dropdb --if-exists "${load}_replica"
    createdb -T "$load" "${load}_replica"
    rm -rf "$BUILD/cluster_data"
    cluster_run "$load" "primary alone"
    start_replica
    cluster_run "${load}_replica" "with a replica" "$replica_port"
    cleanup
fi
printf '%s\n' "${results[@]}" > "$BUILD/bench.jsonl"
"$PY" "$ROOT/bench/report.py" "$BUILD/bench.jsonl"
