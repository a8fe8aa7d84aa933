"""What the web client asks of the server to show a screen.

Given a window action, :class:`ScreenCalls` loads its views as the web
client does, builds the field specifications the client builds from each
arch (sub-views, widgets' related fields and x2many default sub-views
included) and makes the calls a person's clicks make: the list and kanban
reads, grouped reads, pivot and graph aggregates, calendar reads, opening
the first record and pressing New.
"""

import datetime as std_datetime
from types import SimpleNamespace

import pytz
from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.fields import Domain
from odoo.service.model import call_kw
from odoo.tools.safe_eval import safe_eval
from odoo.tools.safe_eval import time as safe_time

# Widgets whose value the client reads as tags: the record's name only.
TAG_WIDGETS = {
    "many2many_tags",
    "many2many_tags_avatar",
    "many2many_avatar_user",
    "many2many_avatar_employee",
    "many2many_checkboxes",
    "many2many_binary",
    "one2many_tags",
}
SUB_VIEW_TAGS = ("list", "kanban", "form")
LIMIT = 80


def client_datetime(tz_name):
    """The web client's ``datetime`` module: its datetimes are in the user's
    time zone and know ``to_utc()``."""
    tz = pytz.timezone(tz_name or "UTC")

    class ClientDatetime(std_datetime.datetime):
        def to_utc(self):
            local = tz.localize(self.replace(tzinfo=None))
            return ClientDatetime.fromtimestamp(
                local.timestamp(), std_datetime.timezone.utc
            ).replace(tzinfo=None)

    return SimpleNamespace(
        datetime=ClientDatetime,
        date=std_datetime.date,
        time=std_datetime.time,
        timedelta=std_datetime.timedelta,
    )


def eval_context(env):
    """The names the web client offers to an action's domain and context."""
    today = fields.Date.context_today(env.user)
    return {
        "uid": env.uid,
        "allowed_company_ids": env.companies.ids,
        "active_id": False,
        "active_ids": [],
        "context_today": lambda: today,
        "current_date": today.isoformat(),
        "time": safe_time,
        "datetime": client_datetime(env.user.tz),
        "relativedelta": relativedelta,
        "context": dict(env.context),
    }


def evaluate(expression, env, default):
    if not expression:
        return default
    if not isinstance(expression, str):
        return expression
    return safe_eval(expression, eval_context(env))


class ScreenCalls:
    """The calls behind one window action (the dictionary the client
    receives from ``/web/action/load``), as its user."""

    def __init__(self, env, action):
        self.action = action
        context = evaluate(action.get("context"), env, {})
        context = {
            **env.context,
            **{key: value for key, value in context.items() if key != "lang"},
        }
        self.env = env(context=context)
        self.model = self.env[action["res_model"]]
        self.domain = Domain(evaluate(action.get("domain"), env, []))
        self.calls = []

    # Views and specifications ------------------------------------------

    def load_views(self):
        action = self.action
        views = [list(view) for view in action.get("views") or [[False, "list"]]]
        search_view = action.get("search_view_id")
        if isinstance(search_view, (list, tuple)):
            search_view = search_view[0]
        views.append([search_view or False, "search"])
        options = {"action_id": action.get("id"), "load_filters": True, "toolbar": True}
        result = self.rpc("get_views", views, options)
        self.models = result["models"]
        return {
            view_type: etree.fromstring(view["arch"])
            for view_type, view in result["views"].items()
        }

    def rpc(self, method, *args, ids=None, model=None, **kwargs):
        """Call ``method`` as an RPC does: through ``call_kw``, so that a
        method that lost its ``@api.model`` fails here as in the browser."""
        records = self.env[model or self.model._name]
        args = [list(arg) if isinstance(arg, Domain) else arg for arg in args]
        if ids is not None:
            args = [ids, *args]
        return call_kw(records, method, args, kwargs)

    def fields_of(self, model_name):
        return self.models[model_name]["fields"]

    def spec(self, node, model_name, sub_views=False):
        """The specification the client reads for the fields of ``node``,
        not descending into the sub-views of its x2many fields. A form
        (``sub_views``) loads the comodel's list for an x2many without one."""
        fields_info = self.fields_of(model_name)
        spec = {}
        for field_node in self._field_nodes(node):
            name = field_node.get("name")
            field = fields_info.get(name)
            if field is None:
                continue
            spec[name] = self._field_spec(field_node, field, sub_views)
        return spec

    def _field_nodes(self, node):
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "field":
                yield child
            elif child.tag not in SUB_VIEW_TAGS or child is node:
                yield from self._field_nodes(child)

    def _field_spec(self, node, field, sub_views):
        kind = field["type"]
        if kind == "many2one" or kind == "reference":
            return {"fields": {"display_name": {}}}
        if kind not in ("one2many", "many2many"):
            return {}
        comodel = field["relation"]
        sub_views = [child for child in node if child.tag in SUB_VIEW_TAGS]
        if sub_views:
            related = {}
            for sub_view in sub_views:
                related.update(self.spec(sub_view, comodel))
        elif node.get("widget") in TAG_WIDGETS:
            related = {"display_name": {}}
        elif sub_views and node.get("invisible") not in ("1", "True"):
            related = self._default_sub_view_spec(comodel)
        else:
            return {}
        return {"fields": related, "limit": 40}

    def _default_sub_view_spec(self, comodel):
        result = self.rpc("get_views", [[False, "list"]], model=comodel)
        self.models.update(result["models"])
        arch = etree.fromstring(result["views"]["list"]["arch"])
        return self.spec(arch, comodel)

    # Calls ----------------------------------------------------------------

    def _search_domain(self, search_arch):
        """The action's domain and its search defaults' filters."""
        if search_arch is None:
            return self.domain, []
        domain, group_by = self.domain, []
        context = self.env.context
        for node in search_arch.iter("filter"):
            if not context.get(f"search_default_{node.get('name')}"):
                continue
            if node.get("domain"):
                domain &= Domain(evaluate(node.get("domain"), self.env, []))
            filter_context = evaluate(node.get("context"), self.env, {})
            if filter_context.get("group_by"):
                group_by.append(filter_context["group_by"])
        for node in search_arch.iter("field"):
            value = context.get(f"search_default_{node.get('name')}")
            if not value:
                continue
            if node.get("filter_domain"):
                names = dict(eval_context(self.env), self=value)
                domain &= Domain(safe_eval(node.get("filter_domain"), names))
            else:
                domain &= Domain(node.get("name"), "=", value)
        group_by = context.get("group_by") or group_by
        if isinstance(group_by, str):
            group_by = [group_by]
        return domain, list(group_by)

    def run(self):
        """Make every call and return the failures as (call, exception)."""
        archs = self.load_views()
        domain, group_by = self._search_domain(archs.get("search"))
        failures = []
        first_id = None
        for view_type, arch in archs.items():
            method = getattr(self, f"_call_{view_type}", None)
            if method is not None:
                found = self._try(
                    failures, view_type, lambda m=method, a=arch: m(a, domain, group_by)
                )
                first_id = first_id or found
        if "search" in archs:
            self._search_filters(failures, archs["search"], domain)
            self._search_panel(failures, archs["search"], domain)
        if "form" in archs:
            form = archs["form"]
            spec = self.spec(form, self.model._name, sub_views=True)
            if first_id:
                self._try(
                    failures,
                    "form: open the first record",
                    lambda: self.rpc("web_read", spec, ids=[first_id]),
                )
            if self._can_create(form):
                self._try(
                    failures,
                    "form: new",
                    lambda: self.rpc("onchange", {}, [], spec, ids=[]),
                )
        return failures

    def _search_filters(self, failures, search_arch, domain):
        """Each filter and group-by of the search view, clicked alone."""
        for node in search_arch.iter("filter"):
            name = node.get("name") or node.get("string")
            if node.get("domain"):
                self._try(
                    failures,
                    f"filter: {name}",
                    lambda n=node: self.rpc(
                        "search_count",
                        domain & Domain(evaluate(n.get("domain"), self.env, [])),
                    ),
                )
            group_by = self._client_group_by(
                evaluate(node.get("context"), self.env, {}).get("group_by")
            )
            if group_by:
                self._try(
                    failures,
                    f"group by: {name}",
                    lambda g=group_by: self.rpc(
                        "formatted_read_group", domain, [g], ["__count"]
                    ),
                )

    def _client_group_by(self, group_by):
        """A group-by as the client sends it: dates by month; properties are
        picked in a menu of their own, not grouped by the filter itself."""
        if isinstance(group_by, (list, tuple)):
            group_by = group_by[0] if group_by else None
        if not group_by:
            return None
        field = self.fields_of(self.model._name).get(group_by.split(":")[0], {})
        if field.get("type") == "properties":
            return None
        if field.get("type") in ("date", "datetime") and ":" not in group_by:
            return f"{group_by}:month"
        return group_by

    def _search_panel(self, failures, search_arch, domain):
        for panel in search_arch.iter("searchpanel"):
            for node in panel.iter("field"):
                name = node.get("name")
                method = "search_panel_select_range"
                if node.get("select") == "multi":
                    method = "search_panel_select_multi_range"
                self._try(
                    failures,
                    f"search panel: {name}",
                    lambda m=method, n=name: self.rpc(
                        m, n, search_domain=list(domain), enable_counters=True
                    ),
                )

    def _try(self, failures, call, function):
        """``function()``'s result, or None when it failed, in ``failures``."""
        self.calls.append(call)
        try:
            with self.env.cr.savepoint():
                return function()
        except Exception as error:  # noqa: BLE001 - every failure is reported
            failures.append((call, error))
        return None

    def _can_create(self, form):
        if form.get("create") in ("0", "false", "False"):
            return False
        return self.model.has_access("create")

    def _call_list(self, arch, domain, group_by):
        return self._read_records(arch, domain, group_by, auto_unfold=False)

    def _call_kanban(self, arch, domain, group_by):
        default = arch.get("default_group_by")
        group_by = group_by or ([default] if default else [])
        return self._read_records(arch, domain, group_by, auto_unfold=True)

    def _read_records(self, arch, domain, group_by, auto_unfold):
        """The grouped read of a grouped list or kanban, then the records;
        returns the first record's id."""
        spec = self.spec(arch, self.model._name)
        if group_by:
            self.rpc(
                "web_read_group",
                domain,
                group_by[:1],
                ["__count"],
                limit=LIMIT,
                auto_unfold=auto_unfold,
                unfold_read_specification=spec,
            )
            for bar in arch.iter("progressbar"):
                self.rpc(
                    "read_progress_bar",
                    domain,
                    group_by[0],
                    {
                        "field": bar.get("field"),
                        "colors": evaluate(bar.get("colors"), self.env, {}),
                    },
                )
        result = self.rpc(
            "web_search_read",
            domain,
            spec,
            limit=LIMIT,
            order=arch.get("default_order") or None,
            count_limit=10001,
        )
        return result["records"][0]["id"] if result["records"] else None

    def _aggregates(self, arch):
        fields_info = self.fields_of(self.model._name)
        aggregates = ["__count"]
        for node in arch.iter("field"):
            name = node.get("name")
            if node.get("type") == "measure" and name in fields_info:
                aggregator = fields_info[name].get("aggregator") or "sum"
                aggregates.append(f"{name}:{aggregator}")
        return aggregates

    def _groupbys(self, arch, kinds):
        return [
            node.get("name")
            + (f":{node.get('interval')}" if node.get("interval") else "")
            for node in arch.iter("field")
            if node.get("type") in kinds
        ]

    def _call_pivot(self, arch, domain, group_by):
        rows = group_by or self._groupbys(arch, ("row",))
        cols = self._groupbys(arch, ("col",))
        grouping_sets = []
        for grouping in ([], rows[:1], cols[:1], rows[:1] + cols[:1]):
            if grouping not in grouping_sets:
                grouping_sets.append(grouping)
        aggregates = self._aggregates(arch)
        self.rpc("formatted_read_grouping_sets", domain, grouping_sets, aggregates)

    def _call_graph(self, arch, domain, group_by):
        groupby = group_by or self._groupbys(arch, ("row", None, "col"))
        self.rpc("formatted_read_group", domain, groupby[:2], self._aggregates(arch))

    def _call_calendar(self, arch, domain, group_by):
        spec = self.spec(arch, self.model._name)
        for attribute in ("date_start", "date_stop", "date_delay", "color"):
            if arch.get(attribute):
                spec.setdefault(arch.get(attribute), {})
        self.rpc("web_search_read", domain, spec, limit=LIMIT)

    def _call_activity(self, arch, domain, group_by):
        self.rpc(
            "get_activity_data",
            self.model._name,
            domain,
            limit=LIMIT,
            offset=0,
            fetch_done=True,
            model="mail.activity",
        )
