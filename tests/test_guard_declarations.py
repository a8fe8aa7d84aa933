"""What freezes in which state, read from the declarations, and the rule that
no ``write()`` refuses a change by hand.

Every model of the guard (``helpdesk.info.guard.mixin``) declares its
frozen fields per state in ``_frozen_fields()``. The listing below is built
from those declarations, not written by hand: each declared field exists,
each state is one of the model's states (a value of its state field, a
state the model names, or ``recorded``: every saved record), and the
listing holds the freezes the standard asks for, so that a declaration that
disappears fails here.
"""

import ast
import logging
import os
from pathlib import Path

from odoo.tests import TransactionCase, tagged

from ..models.helpdesk_info_guard_mixin import RECORDED

_logger = logging.getLogger(__name__)

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"

# model: {state: fields that must stay frozen in it}
EXPECTED = {
    "account.move": {"repair_cancelled": {"state"}},
    "calendar.event": {
        "seminar": {"start", "stop", "start_date", "stop_date", "allday", "location"}
    },
    "helpdesk.info.consent": {
        "recorded": {"partner_id", "ticket_id", "date", "channel", "purpose"}
    },
    "helpdesk.info.patrol": {
        "in_progress": {"community_id"},
        "done": {"community_id", "date", "user_id"},
    },
    "helpdesk.info.patrol.check": {
        "draft": {"result", "note", "unit_id"},
        "done": {"result", "note", "unit_id"},
        "ticketed": {"result"},
    },
    "helpdesk.info.patrol.floor": {
        "recorded": {"patrol_id"},
        "done": {"patrol_id", "building_id", "floor"},
        "checked": {"building_id", "floor"},
    },
    "helpdesk.info.patrol.verification": {
        "draft": {"result", "note"},
        "done": {"result", "note"},
    },
    "helpdesk.info.personal.data.log": {
        "recorded": {"date", "user_id", "action", "res_model", "res_ids"}
    },
    "helpdesk.info.fee.statement": {
        state: {
            "community_id",
            "date_from",
            "date_to",
            "line_ids",
            "income_total",
            "expense_total",
        }
        for state in ("pending", "approved", "posted")
    },
    "helpdesk.info.report": {"sent": {"company_id", "team_id", "kind", "date_from"}},
    "helpdesk.info.seminar": {
        "recorded": {"plan_id"},
        "submitted": {"topic", "date_start", "duration", "place", "partner_ids"},
    },
    "helpdesk.info.duty.shift": {
        "recorded": {"user_id", "start", "stop", "community_id", "role"}
    },
    "helpdesk.info.duty.handover": {
        "recorded": {"note", "item_line_ids", "signature"},
        "accepted": {"note", "item_line_ids", "signature"},
    },
    "helpdesk.info.duty.handover.item": {
        "recorded": {"handover_id"},
        "handed_over": {"name", "quantity", "note", "handover_id"},
        "accepted": {"name", "quantity", "note", "handover_id"},
    },
    "helpdesk.info.duty.swap": {
        "recorded": {"shift_id", "colleague_id", "reason"},
        "pending": {"shift_id", "colleague_id", "reason"},
    },
    "helpdesk.info.unit.registration": {
        "recorded": {"kind"},
        "confirmed": {"unit_id", "partner_id", "date", "keys_count", "water_reading"},
    },
    "helpdesk.info.unit.decoration": {
        "recorded": {"unit_id", "owner_id", "deposit_amount", "rules_acknowledged"},
        "approved": {"unit_id", "contractor", "date_start", "deposit_amount"},
        "closed": {"deposit_outcome", "deposit_withheld_reason"},
    },
    "helpdesk.info.unit.decoration.inspection": {
        "recorded": {"decoration_id"},
        "works_closed": {"date", "inspector_id", "kind", "result", "note"},
    },
    "helpdesk.info.unit.transfer": {
        "pending": {"unit_id", "old_owner_id", "new_owner_id", "date"},
        "done": {"unit_id", "old_owner_id", "new_owner_id", "date"},
    },
    "helpdesk.info.visit": {
        "done": {"user_id", "kind", "unit_id", "partner_id", "satisfaction"}
    },
    "helpdesk.reception.expense": {
        "waiting": {"company_id", "policy_id", "date", "amount", "attendees"},
        "approved": {"amount", "oral_approver_id", "oral_approved_on", "budget_id"},
        "exported": {"amount", "budget_id", "supplier_id", "receipt", "purpose"},
        "cancelled": {"amount", "budget_id", "supplier_id", "receipt", "purpose"},
    },
    "helpdesk.ticket.deadline.extension": {
        "recorded": {"ticket_id", "deadline_type"},
        "approved": {"new_deadline", "reason"},
        "refused": {"new_deadline", "reason"},
    },
    "helpdesk.ticket.repair.fee.line": {
        "recorded": {"ticket_id"},
        "fee_agreed": {"product_id", "name", "quantity", "price_unit"},
    },
    "tier.review": {
        "recorded": {"model", "res_id"},
        "helpdesk_document": {"status", "done_by", "reviewed_date", "comment"},
    },
}


def report_line(line):
    """Say a line in the test log, and in the harness's summary file."""
    _logger.info(line)
    summary = os.environ.get("HPI_TEST_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as stream:
            stream.write(line + "\n")


@tagged("post_install", "-at_install")
class TestGuardDeclarations(TransactionCase):
    def guarded_models(self):
        mixin = self.env.registry["helpdesk.info.guard.mixin"]
        return sorted(
            name
            for name, model in self.env.registry.items()
            if not model._abstract and issubclass(model, mixin)
        )

    def listing(self):
        """{model: {state: {field: groups or None}}} of every guarded model
        that freezes fields, from its declarations."""
        listing = {}
        for name in self.guarded_models():
            frozen = self.env[name]._frozen_fields()
            if frozen:
                listing[name] = frozen
        return listing

    def test_declared_fields_and_states_exist(self):
        for name, frozen in self.listing().items():
            model = self.env[name]
            field = model._fields.get(model._guard_state_field)
            states = (
                dict(field._description_selection(self.env))
                if field is not None and field.type == "selection"
                else {}
            )
            for state, fields in frozen.items():
                with self.subTest(model=name, state=state):
                    self.assertTrue(
                        state in states
                        or state == RECORDED
                        or model._guard_state_label(state) != state,
                        f"{name}: {state!r} is neither a value of "
                        f"{model._guard_state_field!r} nor a state the model names",
                    )
                    self.assertTrue(fields, f"{name}: nothing frozen in {state!r}")
                    self.assertFalse(set(fields) - set(model._fields))
                    for who in filter(None, fields.values()):
                        if callable(who):
                            self.assertIn(who.__name__, dir(model), who)
                            continue
                        for xmlid in who.split(","):
                            self.assertTrue(
                                self.env.ref(xmlid.lstrip("!"), False), xmlid
                            )

    def test_listing_holds_the_expected_freezes(self):
        listing = self.listing()
        for name in sorted(listing):
            model = self.env[name]
            for state, fields in sorted(listing[name].items()):
                report_line(
                    f"Frozen: {name} [{state}: {model._guard_state_label(state)}]: "
                    + ", ".join(
                        field + (f" (but {describe(who)})" if who else "")
                        for field, who in sorted(fields.items())
                    )
                )
        for name, states in EXPECTED.items():
            for state, fields in states.items():
                with self.subTest(model=name, state=state):
                    self.assertIn(state, listing.get(name, {}))
                    self.assertLessEqual(fields, set(listing[name][state]))


# The guard itself: the one write() that refuses, from the declarations.
GUARD = "helpdesk_info_guard_mixin.py"
REFUSALS = {"UserError", "ValidationError", "AccessError"}


def raised_names(node):
    """Names of the exceptions ``node`` raises by name."""
    for child in ast.walk(node):
        if isinstance(child, ast.Raise) and child.exc is not None:
            exc = child.exc.func if isinstance(child.exc, ast.Call) else child.exc
            if isinstance(exc, ast.Name):
                yield exc.id


def describe(who):
    """Groups as declared; a rule on people by its method's name."""
    return f"{who.__name__}()" if callable(who) else who


def hand_refusals(source):
    """(line, why) of each write() of a model file's ``source`` that raises,
    or calls a method of the same file that raises UserError,
    ValidationError or AccessError."""
    tree = ast.parse(source)
    methods = {}
    for cls in tree.body:
        if isinstance(cls, ast.ClassDef):
            for node in cls.body:
                if isinstance(node, ast.FunctionDef):
                    methods.setdefault(node.name, []).append(node)
    refusing = {
        name
        for name, nodes in methods.items()
        if any(REFUSALS & set(raised_names(node)) for node in nodes)
    }
    found = []
    for write in methods.get("write", []):
        if any(isinstance(node, ast.Raise) for node in ast.walk(write)):
            found.append((write.lineno, "raises"))
        for node in ast.walk(write):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in refusing - {"write"}
            ):
                found.append((write.lineno, f"calls {node.func.attr}()"))
    return found


@tagged("post_install", "-at_install")
class TestNoWriteRefusesByHand(TransactionCase):
    def test_no_write_override_refuses_a_change(self):
        offending = {}
        for path in sorted(MODELS_DIR.rglob("*.py")):
            if path.name == GUARD:
                continue
            found = hand_refusals(path.read_text(encoding="utf-8"))
            if found:
                offending[path.name] = found
        self.assertFalse(
            offending,
            "Declare the freeze in _frozen_fields() (or _guarded_fields()) "
            "instead of refusing in write().",
        )

    def test_the_rule_finds_a_refusal(self):
        # The scan itself: a raise in write(), and a helper of the same file.
        source = (
            "class A:\n"
            "    def write(self, vals):\n"
            "        self._check(vals)\n"
            "        return super().write(vals)\n"
            "    def _check(self, vals):\n"
            "        raise UserError('no')\n"
            "class B:\n"
            "    def write(self, vals):\n"
            "        if vals:\n"
            "            raise AccessError('no')\n"
        )
        self.assertEqual(hand_refusals(source), [(2, "calls _check()"), (8, "raises")])
