import ast
import inspect
import os

from odoo.tests import TransactionCase

from odoo.addons.helpdesk_property_info import models as addon_models

ADDON_MODULE = "odoo.addons.helpdesk_property_info.models."
# The ticket's package: its core, then one file per concern.
PACKAGE = "helpdesk_ticket."
CORE = PACKAGE + "helpdesk_ticket"
GUARD = "helpdesk_info_guard_mixin"
CRUD_METHODS = ("create", "write", "message_post")


def _module(cls):
    """The addon's module (relative to models) defining ``cls``, or None."""
    if cls.__module__.startswith(ADDON_MODULE):
        return cls.__module__[len(ADDON_MODULE) :]
    return None


def _source(name):
    path = os.path.join(os.path.dirname(addon_models.__file__), *name.split("."))
    path += ".py"
    with open(path, encoding="utf-8") as file:
        return ast.parse(file.read())


def _extends_ticket(node):
    for statement in node.body:
        if (
            isinstance(statement, ast.Assign)
            and getattr(statement.targets[0], "id", None) == "_inherit"
        ):
            inherit = ast.literal_eval(statement.value)
            return "helpdesk.ticket" in (
                [inherit] if isinstance(inherit, str) else inherit
            )
    return False


def _private_calls(node):
    """(line, name) of the private methods called in ``node``, but through
    ``super()``."""
    for call in ast.walk(node):
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr.startswith("_")
            and not call.func.attr.startswith("__")
            and not (
                isinstance(call.func.value, ast.Call)
                and getattr(call.func.value.func, "id", None) == "super"
            )
        ):
            yield call.lineno, call.func.attr


class TestTicketCore(TransactionCase):
    """What the ticket's create and write depend on, whatever order the
    files of the ticket load in (models/helpdesk_ticket/__init__.py): one
    create and one write, in helpdesk_ticket/helpdesk_ticket.py, above
    helpdesk_mgmt's and the guard's; the hooks they call exist; each super()
    call reaches a method; no concern calls another concern's private
    helper."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mro = type(cls.env["helpdesk.ticket"]).__mro__
        cls.addon_classes = [cls_ for cls_ in cls.mro if _module(cls_)]
        cls.concern_files = sorted(
            {
                _module(cls_)
                for cls_ in cls.addon_classes
                if _module(cls_).startswith(PACKAGE) and _module(cls_) != CORE
            }
        )

    def _index(self, module, name=None):
        for index, cls_ in enumerate(self.mro):
            if (_module(cls_) == module or cls_.__module__ == module) and (
                name is None or cls_.__name__ == name
            ):
                return index
        self.fail(f"{module} is not in the ticket's classes")

    def test_one_create_and_one_write_above_helpdesk_mgmt_and_the_guard(self):
        self.assertGreater(len(self.concern_files), 20, self.concern_files)
        core = self._index(CORE)
        helpdesk_mgmt = self._index(
            "odoo.addons.helpdesk_mgmt.models.helpdesk_ticket", "HelpdeskTicket"
        )
        guard = self._index(GUARD)
        # The ticket's hooks run first; the guard checks the values they pass
        # down, after helpdesk_mgmt's, just before the ORM stores them.
        self.assertLess(core, helpdesk_mgmt)
        self.assertLess(helpdesk_mgmt, guard)
        for method in ("create", "write"):
            owners = [
                _module(cls_) for cls_ in self.addon_classes if method in vars(cls_)
            ]
            with self.subTest(method=method):
                self.assertEqual(owners[:2], [CORE, GUARD])
                self.assertFalse(
                    [owner for owner in owners if owner in self.concern_files]
                )
        # Every file of the ticket loads after the core, mixins included.
        self.assertEqual(
            [_module(cls_) for cls_ in self.addon_classes if _module(cls_) == CORE],
            [CORE],
        )
        self.assertTrue(
            all(self._index(name) < core for name in self.concern_files),
            "a concern file of the ticket sits below helpdesk_ticket.py",
        )

    def test_every_hook_the_core_calls_exists(self):
        Ticket = type(self.env["helpdesk.ticket"])
        tree = _source(CORE)
        hooks = {
            name
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef) and node.name in CRUD_METHODS
            for _line, name in _private_calls(node)
        }
        self.assertGreater(len(hooks), 20)
        for name in sorted(hooks):
            with self.subTest(hook=name):
                owner = next((cls_ for cls_ in self.mro if name in vars(cls_)), None)
                self.assertIsNotNone(owner, f"{name} is defined nowhere")
                self.assertTrue(
                    callable(getattr(Ticket, name)), f"{name} is not a method"
                )

    def test_every_super_call_reaches_a_method(self):
        for index, cls_ in enumerate(self.addon_classes):
            for name, method in vars(cls_).items():
                if not inspect.isfunction(method):
                    continue
                if f"super().{name}(" not in inspect.getsource(method):
                    continue
                below = self.mro[self.mro.index(cls_) + 1 :]
                with self.subTest(file=_module(cls_), method=name, index=index):
                    self.assertTrue(
                        any(name in vars(base) for base in below),
                        f"{_module(cls_)}.{name} calls super() with nothing below",
                    )

    def test_no_concern_calls_another_concerns_private_helper(self):
        """A concern (the files helpdesk_ticket/<concern>[_…].py) calls its
        own helpers, the core's and those of the mixins the core inherits;
        it reaches another concern only through a hook the core declares."""

        def concern(name):
            return name[len(PACKAGE) :].split("_")[0]

        trees = {name: _source(name) for name in self.concern_files}
        defined = {}  # file: names defined by any of its classes
        ticket_methods = {}  # name: files whose ticket extension defines it
        for name, tree in trees.items():
            defined[name] = set()
            for node in tree.body:
                if not isinstance(node, ast.ClassDef):
                    continue
                methods = {f.name for f in node.body if isinstance(f, ast.FunctionDef)}
                defined[name] |= methods
                if _extends_ticket(node):
                    for method in methods:
                        ticket_methods.setdefault(method, set()).add(name)
        core = {
            name
            for cls_ in self.mro
            if _module(cls_) in (CORE, GUARD)
            or getattr(cls_, "_name", None)
            in ("helpdesk.info.watcher.mixin", "helpdesk.info.personal.data.mixin")
            for name in vars(cls_)
        }
        crossings = []
        for name, tree in trees.items():
            own = set().union(
                *(defined[other] for other in trees if concern(other) == concern(name))
            )
            for line, called in _private_calls(tree):
                if called in own or called in core:
                    continue
                if ticket_methods.get(called):
                    crossings.append(
                        f"{name}.py:{line} calls {called} of "
                        f"{', '.join(sorted(ticket_methods[called]))}"
                    )
        self.assertEqual(crossings, [])

    def test_the_declarations_name_fields_of_the_ticket(self):
        Ticket = self.env["helpdesk.ticket"]
        for name in Ticket._guarded_fields():
            with self.subTest(guarded=name):
                self.assertIn(name, Ticket._fields)
        for state, fields_ in Ticket._frozen_fields().items():
            for name in fields_:
                with self.subTest(state=state, frozen=name):
                    self.assertIn(name, Ticket._fields)
            with self.subTest(state=state):
                # Each state says what it is and how the ticket still changes.
                self.assertTrue(Ticket._guard_state_label(state))
                self.assertTrue(Ticket._guard_frozen_hint(state))
