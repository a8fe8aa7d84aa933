"""Harness of the attack suite: hostile calls made over real HTTP, as a
client program makes them, and the checks that each one is refused and
leaves the database as it was.

An attack is a row (:class:`Attack`): a class of attack, the model it
targets, the roles that try it, the fixture that builds its target record,
the calls to make and what must stay as it was. :func:`attack_tests` turns a
table of rows into one test method per class and model; each row runs once
per role and protocol, on a fresh target, in a subtest of its own.
"""

import logging
import re
import xmlrpc.client
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from odoo import http
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user
from odoo.tools import mute_logger

CLEAR_ERRORS = {
    "odoo.exceptions.AccessError",
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.MissingError",
}
# /xmlrpc/2 fault codes: 2 for UserError and its subclasses (ValidationError,
# MissingError), 4 for AccessError; 1 is an internal error with a traceback.
CLEAR_FAULT_CODES = {2, 4}

_logger = logging.getLogger(__name__)

JSON2 = "json2"
XMLRPC = "xmlrpc"
RPC_PROTOCOLS = (JSON2, XMLRPC)
PORTAL_HTTP = "portal_http"

# Roles: login and groups of the users the suite creates.
ROLES = {
    "agent": "helpdesk_property_info.group_cs_agent",
    "manager": "helpdesk_property_info.group_cs_manager",
    "handler": "helpdesk_property_info.group_department_handler",
    "leader": "helpdesk_property_info.group_company_leader",
    "leader2": "helpdesk_property_info.group_company_leader",
    "counsel": "helpdesk_property_info.group_legal_counsel",
    "accountant": "account.group_account_invoice",
    "worker": "helpdesk_property_info.group_maintenance_worker",
    "security": "helpdesk_property_info.group_security_supervisor",
    "keeper": "helpdesk_property_info.group_archive_keeper",
    "portal": "base.group_portal",
    "portal2": "base.group_portal",
}


@dataclass(frozen=True)
class Call:
    """One call of an attack. ``kwargs`` are the method's named arguments,
    or a function ``(case, target) -> kwargs``; ``on_target`` calls the
    method on the target record (``ids``), else on the model. ``model``
    defaults to the attack's."""

    method: str
    kwargs: object = field(default_factory=dict)
    context: dict = field(default_factory=dict)
    on_target: bool = True
    model: str = None

    def resolve(self, case, target):
        kwargs = (
            self.kwargs(case, target) if callable(self.kwargs) else dict(self.kwargs)
        )
        ids = target.ids if self.on_target else None
        return ids, kwargs


@dataclass(frozen=True)
class Attack:
    """A row of the table.

    - ``kind``: the class of attack (one test method per kind and model);
    - ``model``: the model called (and checked);
    - ``name``: what the row tries, in a few words;
    - ``roles``: who tries it (keys of :data:`ROLES`);
    - ``target``: name of a fixture method of the case, ``(case) -> record``,
      building a fresh target (``None``: no target, e.g. a bare creation);
    - ``calls``: made in order, stopping at the first refused one;
    - ``unchanged``: fields of the target that must keep their values (and
      the target must still exist);
    - ``no_new``: models ``(model, domain or (case, target) -> domain)``
      that must not get a new record;
    - ``protocols``: the protocols it is tried over;
    - ``http``: for :data:`PORTAL_HTTP` rows, ``(case, target) -> (url, data)``.
    """

    kind: str
    model: str
    name: str
    roles: tuple
    target: str = None
    calls: tuple = ()
    unchanged: tuple = ()
    no_new: tuple = ()
    protocols: tuple = RPC_PROTOCOLS
    http: object = None


class Refused(Exception):
    """A call was refused with a clear error."""

    def __init__(self, name, message):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


class AttackCase(HttpCase):
    """Users of every role, an API key each, and the machinery to call the
    server over JSON-2, XML-RPC and portal routes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.users = {}
        cls.api_keys = {}
        expiration = datetime.now() + timedelta(days=1)
        for role, groups in ROLES.items():
            login = f"hpi_attack_{role}"
            user = new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=cls.company.id,
                context={"lang": "en_US"},
            )
            cls.users[role] = user
            # sudo: a portal user gets a key too (his session could make one
            # through any internal loophole; the suite assumes the worst).
            cls.api_keys[role] = (
                cls.env["res.users.apikeys"]
                .with_user(user)
                .sudo()
                ._generate("rpc", "attack", expiration)
            )

    # ------------------------------------------------------------------
    # Protocols
    # ------------------------------------------------------------------

    def call_json2(self, role, model, method, ids, kwargs, context):
        body = dict(kwargs)
        if ids is not None:
            body["ids"] = ids
        if context:
            body["context"] = context
        response = self.url_open(
            f"/json/2/{model}/{method}",
            json=body,
            headers={"Authorization": f"bearer {self.api_keys[role]}"},
            method="POST",  # also when the body is empty
        )
        if response.status_code == 200:
            return response.json()
        try:
            error = response.json()
        except ValueError:
            raise AssertionError(
                f"JSON-2 answered {response.status_code} without a JSON error"
            ) from None
        if error.get("name") not in CLEAR_ERRORS or not error.get("message"):
            raise AssertionError(
                f"JSON-2 answered {response.status_code} with an unclear error: "
                f"{error.get('name')}: {error.get('message')}"
            )
        raise Refused(error["name"], error["message"])

    def call_xmlrpc(self, role, model, method, ids, kwargs, context):
        user = self.users[role]
        args = [ids] if ids is not None else []
        kwargs = dict(kwargs)
        if method == "create":
            # execute_kw reads create's values positionally
            args.append(kwargs.pop("vals_list"))
        if context:
            kwargs["context"] = context
        try:
            return self.xmlrpc_object.execute_kw(
                self.env.cr.dbname, user.id, user.login, model, method, args, kwargs
            )
        except xmlrpc.client.Fault as fault:
            if (
                fault.faultCode not in CLEAR_FAULT_CODES
                or not fault.faultString.strip()
            ):
                raise AssertionError(
                    f"XML-RPC fault {fault.faultCode} is not a clear error: "
                    f"{fault.faultString[-500:]}"
                ) from None
            raise Refused(f"fault {fault.faultCode}", fault.faultString) from None

    def call_portal_http(self, role, url, data):
        user = self.users[role]
        self.authenticate(user.login, user.login)
        data = dict(data, csrf_token=http.Request.csrf_token(self))
        response = self.url_open(url, data=data, allow_redirects=False)
        if response.status_code < 400:
            return response
        raise Refused(
            f"HTTP {response.status_code}",
            re.sub(r"<[^>]+>", " ", response.text)[:200] or "-",
        )

    # ------------------------------------------------------------------
    # Running a row
    # ------------------------------------------------------------------

    def _snapshot(self, target, attack):
        self.env.flush_all()
        self.env.invalidate_all()
        values = None
        if target is not None and attack.unchanged:
            values = target.sudo().exists().read(list(attack.unchanged))
        counts = {}
        for model, domain in attack.no_new:
            if callable(domain):
                domain = domain(self, target)
            records = (
                self.env[model].sudo().with_context(active_test=False).search(domain)
            )
            counts[model] = set(records.ids)
        return values, counts

    def run_attack(self, attack, role, protocol):
        """Make the row's calls as ``role`` over ``protocol`` on a fresh
        target; fail unless they are refused with a clear error and nothing
        changed."""
        target = getattr(self, attack.target)() if attack.target else None
        before_values, before_counts = self._snapshot(target, attack)
        refused = None
        with mute_logger(
            "odoo.http", "odoo.addons.rpc.controllers.xmlrpc", "odoo.service.model"
        ):
            try:
                if protocol == PORTAL_HTTP:
                    url, data = attack.http(self, target)
                    self.call_portal_http(role, url, data)
                else:
                    caller = self.call_json2 if protocol == JSON2 else self.call_xmlrpc
                    for call in attack.calls:
                        ids, kwargs = call.resolve(self, target)
                        caller(
                            role,
                            call.model or attack.model,
                            call.method,
                            ids,
                            kwargs,
                            call.context,
                        )
            except Refused as exc:
                refused = exc
        after_values, after_counts = self._snapshot(target, attack)
        if refused is not None:
            _logger.info(
                "%s [%s, %s] refused: %s", attack.name, role, protocol, refused
            )
        problems = []
        if before_values is not None and after_values != before_values:
            problems.append(f"changed: {before_values} -> {after_values}")
        created = {
            model: after_counts[model] - ids for model, ids in before_counts.items()
        }
        created = {model: ids for model, ids in created.items() if ids}
        if created:
            problems.append(f"new records: {created}")
        if refused is None:
            problems.insert(0, "accepted (no error)")
        return problems


# Every row of every table, whichever test module declared it: the check that
# each gated model is attacked reads them all.
ALL_ATTACKS = []


class PropertyAttackCase(AttackCase):
    """The company and teams every table of the suite attacks in: Customer
    Service with the agent and the manager, a department with the handler
    and the counsel, the portal user as customer. Each test module of the
    suite subclasses it with its own fixtures and table."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company.country_id = env.ref("base.cn")
        cls.company.reception_tz = "Asia/Shanghai"
        cls.company.helpdesk_mgmt_ticket_auto_assign = False
        cls.cs_team = env.ref("helpdesk_property_info.team_customer_service")
        cls.cs_team.user_ids = [
            Command.link(cls.users[r].id) for r in ("agent", "manager")
        ]
        cls.department = env["helpdesk.ticket.team"].create(
            {
                "name": "Attack Suite Department",
                "user_ids": [
                    Command.set((cls.users["handler"] | cls.users["counsel"]).ids)
                ],
            }
        )
        cls.customer = cls.users["portal"].partner_id
        cls.event_day = cls.company._reception_local_date() + timedelta(days=20)


def attack_tests(cls, attacks):
    """Add to ``cls`` one test method per kind and model of ``attacks``:
    ``test_<kind>__<model>``, a subtest per row, role and protocol; each
    row that does not hold fails its own subtest."""
    ALL_ATTACKS.extend(attacks)
    groups = defaultdict(list)
    for attack in attacks:
        groups[(attack.kind, attack.model)].append(attack)

    def make(rows):
        def test(self):
            for attack in rows:
                for role in attack.roles:
                    for protocol in attack.protocols:
                        with self.subTest(
                            attack=attack.name, role=role, protocol=protocol
                        ):
                            problems = self.run_attack(attack, role, protocol)
                            if problems:
                                self.fail(
                                    f"{attack.name} [{role}, {protocol}]: "
                                    f"{'; '.join(problems)}"
                                )

        return test

    for (kind, model), rows in groups.items():
        name = f"test_{kind}__{model.replace('.', '_')}"
        assert not hasattr(cls, name), name
        test = make(rows)
        test.__name__ = name
        test.__doc__ = f"{kind} against {model}: " + "; ".join(a.name for a in rows)
        setattr(cls, name, test)
    return cls


def forged_review_call(definition_xmlid, reviewer_role):
    """A call creating, on the target, a review of ``definition_xmlid``
    already approved by ``reviewer_role``: a review nobody requested."""
    return Call(
        "create",
        lambda case, t: {
            "vals_list": [
                {
                    "model": t._name,
                    "res_id": t.id,
                    "definition_id": case.env.ref(definition_xmlid).id,
                    "status": "approved",
                    "done_by": case.users[reviewer_role].id,
                }
            ]
        },
        on_target=False,
    )
