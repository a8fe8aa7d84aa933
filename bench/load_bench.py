"""The load test's clients: a plain Python client (standard library only) of a
multi-process Odoo on 127.0.0.1, through the JSON-2 API
(`POST /json/2/<model>/<method>`, `Authorization: bearer <API key>`).

    python load_bench.py SETUP_JSON SERVER_URL DATABASE SERVER_LOG

Several servers on the same database (`bash bench/run.sh cluster`): SERVER_URL
and SERVER_LOG are comma-separated lists, one per server; client N works
against server N modulo their number (round robin), and the invariants add
what several servers must keep (see `across_servers`).

BENCH_LOAD_CLIENTS clients (default 20) work for BENCH_LOAD_SECONDS (default
120), each as its own CS agent, looping over a weighted mix of operations:

- create: a fully classified phone ticket (routing and deadlines run);
- reply: a comment to the customer on one of its own tickets (the first one
  records the reply: `replied_date`);
- expense: a reception expense created and confirmed against the monthly cap
  that every client spends from; once the cap is reached the refusal
  (a UserError naming the monthly limit) is a business refusal, counted apart;
- list: the first page of the ticket list (`web_search_read` with the list
  view's fields and default order, 80 records, the count).
- pivot and dashboard (several servers only): the tickets counted by team
  and stage (`formatted_read_group`), the teams' dashboard counts
  (`search_read`), the screens a read-only replica serves;
- report (several servers only, the first client): this week's information
  report as a PDF (`GET /report/pdf/...`, a read-only route) in the
  client's web session, opened with its login and password.

Meanwhile the deadline watcher is made due every BENCH_LOAD_TRIGGER seconds
(default 20, or a quarter of a shorter run; the server runs with
ODOO_NOTIFY_CRON_CHANGES so that the cron worker wakes up at once), so that it
runs while the clients work.

Every request has a timeout and no client starts an operation after the
deadline. Afterwards, the invariants are checked as admin, the serialization
retries are counted in the server log, and one line is printed:
`BENCH {json}` for bench/report.py.
"""

import functools
import json
import os
import random
import re
import sys
import threading
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections import defaultdict
from datetime import datetime, timezone

SETUP, URL, DB, LOG = sys.argv[1:5]
URLS, LOGS = URL.split(","), LOG.split(",")
URL = URLS[0]
CLIENTS = int(os.environ.get("BENCH_LOAD_CLIENTS", "20"))
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "120"))
TRIGGER_EVERY = float(os.environ.get("BENCH_LOAD_TRIGGER", min(20.0, SECONDS / 4)))
TIMEOUT = float(os.environ.get("BENCH_LOAD_TIMEOUT", "60"))
# Weighted mix of one CS agent's work.
MIX = {"create": 3, "reply": 2, "expense": 1, "list": 4}
if len(sys.argv[2].split(",")) > 1:
    # Several servers: also the screens a replica serves, the pivot (tickets
    # by team and stage), the team dashboard's counts and a PDF report.
    MIX.update(pivot=1, dashboard=1, report=1)
REPORT = "helpdesk_property_info.report_info_statistics"
DASHBOARD = [
    "name",
    "todo_ticket_count",
    "todo_ticket_count_unassigned",
    "todo_ticket_count_unattended",
    "todo_ticket_count_high_priority",
]
# What Odoo logs when it retries a transaction after a serialization failure
# or a concurrent update (odoo/service/model.py, retrying()).
RETRY_LOG = re.compile(
    r"odoo\.service\.model: .*, \d+ tries left, try again in [\d.]+ sec"
)
GAVE_UP_LOG = re.compile(r"odoo\.service\.model: .*, maximum number of tries reached")
WATCHER_LOG = re.compile(
    r"Job 'Helpdesk: watch reply deadlines' \(\d+\) .*\(#loop \d+; done (\d+);"
)
# A request as the server logs it with --db_replica_host (werkzeug at INFO):
# ... "POST /json/2/... HTTP/1.1" 200 - <queries> <query time> <other time>
# <cursor mode>: ro (served by the replica), rw (the primary), ro->rw (a
# read-only request that had to write, retried on the primary).
REQUEST_LOG = re.compile(
    r'werkzeug: .*"[A-Z]+ (\S+) HTTP/[\d.]+" (\d{3}) .* (ro|rw|ro->rw)\s*$'
)
MONTHLY_LIMIT = re.compile(r"a month|this month", re.IGNORECASE)

setup = json.loads(open(SETUP).read())


class RPCError(Exception):
    def __init__(self, status, body):
        super().__init__(f"{status}: {body.get('name')}: {body.get('message')}")
        self.status, self.name, self.message = (
            status,
            body.get("name"),
            body.get("message") or "",
        )


def call(api_key, model, method, url=None, **params):
    url = url or URL
    request = urllib.request.Request(
        f"{url}/json/2/{model}/{method}",
        data=json.dumps(params).encode(),
        method="POST",
        headers={
            "Authorization": f"bearer {api_key}",
            "Content-Type": "application/json; charset=utf-8",
            "X-Odoo-Database": DB,
            # As a reverse proxy would: the server runs with --proxy-mode.
            "X-Forwarded-For": "127.0.0.1",
            "X-Forwarded-Proto": "http",
            "X-Forwarded-Host": url.split("//", 1)[1],
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return json.loads(response.read() or "null")
    except urllib.error.HTTPError as exc:
        raw = exc.read()
        try:
            body = json.loads(raw)
        except ValueError:
            body = {"name": "HTTP", "message": raw[:200].decode(errors="replace")}
        raise RPCError(exc.code, body) from None


def web_session(url, login):
    """The session cookie of ``login`` (password: login + "-pass")."""
    request = urllib.request.Request(
        f"{url}/web/session/authenticate",
        data=json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"db": DB, "login": login, "password": f"{login}-pass"},
            }
        ).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        body = json.loads(response.read())
        if body.get("error"):
            raise RPCError(200, body["error"])
        cookie = response.headers.get("Set-Cookie", "")
    return cookie.split(";", 1)[0]


def print_report(url, cookie):
    """This week's information report as a PDF, in the session ``cookie``."""
    request = urllib.request.Request(
        f"{url}/report/pdf/{REPORT}/{setup['report_id']}",
        headers={"Cookie": cookie},
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        content = response.read()
        if not content.startswith(b"%PDF"):
            raise RPCError(response.status, {"name": "report", "message": "no PDF"})


def list_request(key):
    """The ticket list's first page, as the web client asks for it: the list
    view's fields (names of the related records), its default order."""
    views = call(key, "helpdesk.ticket", "get_views", views=[[False, "list"]])
    arch = ET.fromstring(views["views"]["list"]["arch"])
    fields = views["models"]["helpdesk.ticket"]["fields"]
    spec = {}
    for node in arch.iter("field"):
        name = node.get("name")
        if name not in fields or name in spec:
            continue
        relational = fields[name]["type"] in ("many2one", "many2many", "one2many")
        spec[name] = {"fields": {"display_name": {}}} if relational else {}
    params = {
        "domain": [],
        "specification": spec,
        "offset": 0,
        "limit": 80,
        "count_limit": 10001,
    }
    if arch.get("default_order"):
        params["order"] = arch.get("default_order")
    return params


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency = defaultdict(list)  # operation -> seconds
        self.requests = defaultdict(int)  # operation -> HTTP requests
        self.refusals = 0
        self.errors = defaultdict(int)  # "operation: name" -> count
        self.samples = []  # a few error messages, to tell what went wrong
        self.tickets = []
        self.replied = []

    def done(self, operation, seconds, requests):
        with self.lock:
            self.latency[operation].append(seconds)
            self.requests[operation] += requests

    def error(self, operation, exc, requests):
        with self.lock:
            self.requests[operation] += requests
            self.errors[
                f"{operation}: {getattr(exc, 'name', None) or type(exc).__name__}"
            ] += 1
            if len(self.samples) < 5:
                self.samples.append(f"{operation}: {exc}"[:300])


stats = Stats()


def client(number, key, list_params, deadline):
    rng = random.Random(number)
    url = URLS[number % len(URLS)]
    rpc = functools.partial(call, url=url)

    own = []
    cookie = None
    mix = dict(MIX)
    if number > 1:
        # One client prints: a report holds its server worker while
        # wkhtmltopdf fetches its styles from a worker of the first server,
        # so that every worker rendering a report would leave none to serve
        # them.
        mix.pop("report", None)
    operations, weights = zip(*mix.items(), strict=True)
    while time.monotonic() < deadline:
        operation = rng.choices(operations, weights)[0]
        if operation == "reply" and not own:
            operation = "create"
        start, requests = time.perf_counter(), 1
        try:
            if operation == "create":
                vals = dict(setup["ticket"])
                vals.update(
                    {
                        "name": f"Roof leaks {number}-{len(own) + 1}",
                        "description": "<p>Ceiling wet after rain</p>",
                        "category_id": rng.choice(setup["categories"]),
                        "contact_name": "赵先生",
                        "room_number": f"{number}-2-{1800 + len(own)}",
                        "contact_phone": f"138{rng.randrange(10**8):08d}",
                        "matter": "Roof leaks in the bedroom",
                    }
                )
                ids = rpc(key, "helpdesk.ticket", "create", vals_list=[vals])
                own += ids
                with stats.lock:
                    stats.tickets += ids
            elif operation == "reply":
                ticket = rng.choice(own)
                rpc(
                    key,
                    "helpdesk.ticket",
                    "message_post",
                    ids=[ticket],
                    body="We have sent a plumber; he will call you today.",
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                )
                with stats.lock:
                    stats.replied.append(ticket)
            elif operation == "expense":
                ids = rpc(
                    key,
                    "helpdesk.reception.expense",
                    "create",
                    vals_list=[
                        {
                            "policy_id": setup["policy_id"],
                            "amount": rng.randrange(10, 91),
                            "attendees": 2,
                            "purpose": "Tea for the owners' visit",
                        }
                    ],
                )
                requests += 1
                try:
                    rpc(key, "helpdesk.reception.expense", "action_confirm", ids=ids)
                except RPCError as exc:
                    if exc.name == "odoo.exceptions.UserError" and MONTHLY_LIMIT.search(
                        exc.message
                    ):
                        with stats.lock:
                            stats.refusals += 1
                            stats.requests[operation] += requests
                        continue
                    raise
            elif operation == "pivot":
                rpc(
                    key,
                    "helpdesk.ticket",
                    "formatted_read_group",
                    domain=[],
                    groupby=["team_id", "stage_id"],
                    aggregates=["__count"],
                )
            elif operation == "report":
                if cookie is None:
                    cookie = web_session(url, setup["agent_logins"][number - 1])
                    requests += 1
                print_report(url, cookie)
            elif operation == "dashboard":
                rpc(
                    key,
                    "helpdesk.ticket.team",
                    "search_read",
                    domain=[],
                    fields=DASHBOARD,
                )
            else:
                rpc(key, "helpdesk.ticket", "web_search_read", **list_params)
        except Exception as exc:  # noqa: BLE001 - counted, the client goes on
            stats.error(operation, exc, requests)
            continue
        stats.done(operation, time.perf_counter() - start, requests)


def trigger_watcher(deadline, stop):
    """Make the deadline watcher due now and then while the clients work."""
    triggers, wait = 0, TRIGGER_EVERY / 2  # the first tickets are due soon by then
    while not stop.wait(wait) and time.monotonic() < deadline:
        wait = TRIGGER_EVERY
        now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
        try:
            call(
                setup["admin_key"],
                "ir.cron",
                "write",
                ids=[setup["watcher_id"]],
                vals={"nextcall": now},
            )
            triggers += 1
        except RPCError:
            pass  # the watcher is running: it may not be modified meanwhile
    return triggers


def percentile(values, p):
    values = sorted(values)
    if not values:
        return None
    k = (len(values) - 1) * p / 100
    low = int(k)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (k - low)


def invariants():
    """Checked as admin once the clients have stopped."""
    admin = setup["admin_key"]
    expenses = call(
        admin,
        "helpdesk.reception.expense",
        "search_read",
        domain=[
            ("policy_id", "=", setup["policy_id"]),
            ("state", "in", ["waiting", "approved", "exported"]),
        ],
        fields=["date", "amount"],
    )
    months = defaultdict(lambda: [0.0, 0])
    for expense in expenses:
        month = months[expense["date"][:7]]
        month[0] += expense["amount"]
        month[1] += 1
    within_cap = all(
        amount <= setup["amount_cap"] + 0.005 and count <= setup["count_cap"]
        for amount, count in months.values()
    )
    without_deadline = call(
        admin,
        "helpdesk.ticket",
        "search_count",
        domain=[("id", "in", stats.tickets), ("reply_deadline", "=", False)],
    )
    replied = call(
        admin,
        "helpdesk.ticket",
        "search_read",
        domain=[("replied_date", "!=", False), ("reply_method", "=", "message")],
        fields=["id"],
    )
    replied_ids = {t["id"] for t in replied}
    messages = call(
        admin,
        "mail.message",
        "search_read",
        domain=[
            ("model", "=", "helpdesk.ticket"),
            ("res_id", "in", sorted(replied_ids)),
            ("message_type", "=", "comment"),
        ],
        fields=["res_id"],
    )
    reply_without_message = len(replied_ids - {m["res_id"] for m in messages})
    message_without_reply = len(set(stats.replied) - replied_ids)
    alerts = defaultdict(int)
    for ticket in call(
        admin,
        "helpdesk.ticket",
        "search_read",
        domain=[("id", "in", stats.tickets)],
        fields=["reply_alert"],
    ):
        alerts[str(ticket["reply_alert"] or "none")] += 1
    return {
        "expense_months": {
            m: {"amount": a, "count": c} for m, (a, c) in sorted(months.items())
        },
        "amount_cap": setup["amount_cap"],
        "count_cap": setup["count_cap"],
        "expenses_within_cap": within_cap,
        "tickets_created": len(stats.tickets),
        "tickets_without_deadline": without_deadline,
        "replies_without_message": reply_without_message,
        "messages_without_reply": message_without_reply,
        "reply_alerts": dict(sorted(alerts.items())),
    }


def log_lines(path=None):
    for name in [path] if path else LOGS:
        with open(name, errors="replace") as log:
            yield from log


def count_log(pattern):
    return sum(1 for line in log_lines() if pattern.search(line))


def watcher_runs(path=None):
    """The deadline watcher's runs in the server log(s), and the tickets they
    handled."""
    runs = handled = 0
    for line in log_lines(path):
        if m := WATCHER_LOG.search(line):
            runs += 1
            handled += int(m.group(1))
    return runs, handled


def cursor_modes():
    """The requests of the servers' logs by cursor mode (only logged with a
    replica), overall and of the PDF reports: which were served by the
    replica."""
    modes, reports = defaultdict(int), defaultdict(int)
    retried = defaultdict(int)
    for line in log_lines():
        if m := REQUEST_LOG.search(line):
            modes[m.group(3)] += 1
            if m.group(1).startswith("/report/"):
                reports[m.group(3)] += 1
            if m.group(3) == "ro->rw":
                retried[m.group(1).split("?")[0]] += 1
    return dict(modes), dict(retried), dict(reports)


def seen_after(read, expected, timeout=10.0):
    """Seconds until ``read()`` returns ``expected`` (polled every 50 ms), or
    None if it does not within ``timeout``."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if read() == expected:
            return time.monotonic() - start
        time.sleep(0.05)
    return None


def across_servers():
    """What one server does, the other sees: a setting changed through the
    first (ORM caches of the other server's workers invalidated through
    the registry's signaling, which a server reads on the replica when
    there is one), and a ticket renamed through the first, read through the
    second (from the replica when there is one). Each is polled: how long
    until the second server answers the new value (None: not within 10 s).
    Several reads before the change fill the caches of the other server's
    workers."""
    admin = setup["admin_key"]
    first, other = URLS[0], URLS[-1]
    key = "helpdesk_property_info.bench_cluster_probe"
    settings = []
    for step in range(2):
        for _ in range(6):
            call(admin, "ir.config_parameter", "get_param", url=other, key=key)
        value = f"set on {first} #{step}"
        call(admin, "ir.config_parameter", "set_param", url=first, key=key, value=value)
        settings.append(
            seen_after(
                lambda: call(
                    admin, "ir.config_parameter", "get_param", url=other, key=key
                ),
                value,
            )
        )
    lag = None
    if stats.tickets:
        ticket = stats.tickets[0]
        name = f"Renamed on the first server {time.time():.3f}"
        call(
            admin,
            "helpdesk.ticket",
            "write",
            url=first,
            ids=[ticket],
            vals={"name": name},
        )
        lag = seen_after(
            lambda: call(
                admin,
                "helpdesk.ticket",
                "read",
                url=other,
                ids=[ticket],
                fields=["name"],
            )[0]["name"],
            name,
        )
    seen = all(after is not None for after in settings)
    return {
        "setting_seen": seen,
        "setting_seen_after": max(settings) if seen else None,
        "ticket_seen": lag is not None,
        "ticket_seen_after": lag,
    }


def duplicate_alerts():
    """Activities the watcher gave twice: the same kind to the same person on
    the same ticket (a watcher run twice for the same due ticket)."""
    if not stats.tickets:
        return 0
    seen = defaultdict(int)
    for activity in call(
        setup["admin_key"],
        "mail.activity",
        "search_read",
        domain=[("res_model", "=", "helpdesk.ticket"), ("res_id", "in", stats.tickets)],
        fields=["res_id", "activity_type_id", "user_id"],
    ):
        seen[
            (
                activity["res_id"],
                activity["activity_type_id"][0],
                activity["user_id"][0],
            )
        ] += 1
    return sum(1 for count in seen.values() if count > 1)


def main():
    keys = setup["agent_keys"][:CLIENTS]
    if len(keys) < CLIENTS:
        sys.exit(f"the setup made {len(keys)} agents for {CLIENTS} clients")
    list_params = list_request(keys[0])
    start = time.monotonic()
    deadline = start + SECONDS
    threads = [
        threading.Thread(
            target=client, args=(i, key, list_params, deadline), daemon=True
        )
        for i, key in enumerate(keys, 1)
    ]
    stop = threading.Event()
    triggers = []
    trigger = threading.Thread(
        target=lambda: triggers.append(trigger_watcher(deadline, stop)), daemon=True
    )
    for thread in threads:
        thread.start()
    trigger.start()
    for thread in threads:
        # A client ends its last operation within its requests' timeouts.
        thread.join(max(0.0, deadline - time.monotonic()) + 3 * TIMEOUT)
    elapsed = time.monotonic() - start
    stop.set()
    trigger.join(TIMEOUT + 1)
    hung = sum(thread.is_alive() for thread in threads)
    operations = {}
    for operation in MIX:
        latency = stats.latency.get(operation, [])
        operations[operation] = {
            "done": len(latency),
            "requests": stats.requests.get(operation, 0),
            "per_second": len(latency) / elapsed,
            "p50": percentile(latency, 50),
            "p95": percentile(latency, 95),
            "p99": percentile(latency, 99),
        }
    # The watcher may still be at work on the last tickets: wait for its run.
    time.sleep(2)
    runs, handled = watcher_runs()
    result = {
        "scenario": "load",
        "clients": CLIENTS,
        "seconds": SECONDS,
        "elapsed": elapsed,
        "operations": operations,
        "requests": sum(stats.requests.values()),
        "requests_per_second": sum(stats.requests.values()) / elapsed,
        "refusals": stats.refusals,
        "errors": sum(stats.errors.values()) + hung,
        "error_kinds": dict(stats.errors, **({"client hung": hung} if hung else {})),
        "error_samples": stats.samples,
        "watcher_triggers": triggers[0] if triggers else 0,
        "watcher_runs": runs,
        "watcher_tickets": handled,
        "serialization_retries": count_log(RETRY_LOG),
        "retries_given_up": count_log(GAVE_UP_LOG),
        "invariants": invariants(),
    }
    if len(URLS) > 1:
        modes, retried, reports = cursor_modes()
        result.update(
            scenario="cluster",
            servers=len(URLS),
            watcher_runs_per_server=[watcher_runs(path)[0] for path in LOGS],
            cursor_modes=modes,
            read_only_retried=retried,
            report_cursor_modes=reports,
            across_servers=across_servers(),
            duplicate_alerts=duplicate_alerts(),
        )
    print("BENCH " + json.dumps(result))


if __name__ == "__main__":
    main()
