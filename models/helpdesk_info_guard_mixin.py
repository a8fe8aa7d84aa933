from odoo import api, models
from odoo.exceptions import AccessError, UserError

GUARD_CONTEXT_KEY = "helpdesk_info_action_scope"


class ActionScope:
    """The models whose guarded fields the current call may write.

    Only server code can put one in a context: a client sends JSON or XML-RPC
    values, never an instance of this class, so whatever context key an RPC
    caller sends, it never opens a scope.
    """

    __slots__ = ("model_names",)

    def __init__(self, model_names):
        self.model_names = frozenset(model_names)

    def __repr__(self):
        return f"ActionScope({', '.join(sorted(self.model_names))})"


# What an action always keeps of its caller's context: the user's language
# and time zone (the messages it posts read in them) and the companies the
# user works in at the call (the current company, the record rules, the
# company of what the action creates).
SCOPE_KEPT_CONTEXT_KEYS = ("lang", "tz", "allowed_company_ids")

# The state every saved record is in: its fields declared frozen in it are
# set at creation and never change afterwards.
RECORDED = "recorded"


def in_action_scope(records, *model_names, keep=()):
    """``records`` in an action scope that covers ``model_names`` (by default
    their own model) besides any scope already open.

    The action's context is rebuilt from its caller's: it keeps the language,
    the time zone and the companies (``SCOPE_KEPT_CONTEXT_KEYS``), and the
    keys named in ``keep`` that this action needs (``active_test`` …), stated
    at the call. Nothing else carries over, because an action writes past
    the guard: a ``default_*`` key a client sent would set the fields of the
    records the action creates, and a key that relaxes a check of the modules
    below (``_guard_relaxing_context_keys``) or silences tracking would lift
    it for the action. So ``keep`` never names a ``default_*`` or a relaxing
    key; what the action's own code needs, it sets after the scope
    (``in_action_scope(records).with_context(skip_validation_check=True)``),
    and a client's context never opens a scope (see ``ActionScope``).
    """
    names = set(model_names or (records._name,))
    env = records.env
    scope = env.context.get(GUARD_CONTEXT_KEY)
    if isinstance(scope, ActionScope):
        names |= scope.model_names
    if keep:
        _check_kept_keys(env, names, keep)
    context = {
        key: env.context[key]
        for key in (*SCOPE_KEPT_CONTEXT_KEYS, *keep)
        if key in env.context
    }
    if "allowed_company_ids" in context:
        # Only companies the user works in (Environment.companies refuses
        # the others outside sudo).
        context["allowed_company_ids"] = env.companies.ids
    context[GUARD_CONTEXT_KEY] = ActionScope(names)
    # pylint: disable-next=context-overridden  # the scope replaces the context
    return records.with_context(context)


def _check_kept_keys(env, model_names, keep):
    relaxing = {
        key
        for name in model_names
        for key in getattr(env[name], "_guard_relaxing_context_keys", ())
    }
    refused = [
        key
        for key in keep
        if key.startswith("default_") or key in relaxing or key == GUARD_CONTEXT_KEY
    ]
    if refused:
        raise ValueError(f"An action scope does not keep {', '.join(refused)}")


def is_action(records):
    """Whether the current call is one of the model's own actions (or the
    superuser)."""
    if records.env.su:
        return True
    scope = records.env.context.get(GUARD_CONTEXT_KEY)
    return isinstance(scope, ActionScope) and records._name in scope.model_names


class HelpdeskInfoGuardMixin(models.AbstractModel):
    """Fields that only the model's own actions write, and fields frozen by
    state.

    A model lists them in ``_guarded_fields()``, each with the groups that may
    also write it directly (``None``: nobody). The guard holds for ``create``
    (whatever ``default_*`` context key or user default is set), ``write``,
    one2many commands sent through a parent (they reach this model's
    ``create`` and ``write``) and ``copy``. Actions write through
    ``_write_by_action``. Context keys that relax a check of a module below
    (``_guard_relaxing_context_keys``) are dropped outside an action.

    ``_frozen_fields()`` declares, per state, the fields a record in that state
    no longer changes outside its actions, each with the groups that may still
    change it. A record's states are the value of ``_guard_state_field``, or
    what ``_guard_states()`` returns for models whose freeze depends on more
    (the ticket's agreed fee, an important complaint). Every saved record is
    also in the state ``recorded`` (``RECORDED``): the fields frozen in it
    are set at creation and never change afterwards (a line never moves to
    another document). Writes, one2many commands and records created under
    a frozen parent are refused alike; rewriting a field to its current
    value is not a change.
    """

    _name = "helpdesk.info.guard.mixin"
    _description = "Fields Written by Actions Only"

    _guard_relaxing_context_keys = ()
    _guard_state_field = "state"
    # The refusal of a frozen change: AccessError for records written by the
    # server or by a workflow only (logs, reviews).
    _guard_frozen_error = UserError

    def _guarded_fields(self):
        """{field name: groups allowed to write it directly, or None}."""
        return {}

    def _frozen_fields(self):
        """{state: {field name: who may still change it}}: ``None`` (nobody
        outside the actions), groups (comma-separated xmlids), or a method of
        the model that says, for one record, whether the current user may (a
        rule on people rather than groups: the owner, the department)."""
        return {}

    def _guard_states(self):
        """The states of this record whose frozen fields hold."""
        self.ensure_one()
        state_field = self._guard_state_field
        if state_field in self._fields and self[state_field]:
            return (self[state_field],)
        return ()

    def _guard_created_states(self):
        """The states whose frozen fields hold for a record just created: by
        default its states (a line created under an approved budget). A
        record whose states come from its own values returns none: it is
        recorded with them."""
        return self._guard_states()

    def _guard_state_label(self, state):
        if state == RECORDED:
            return self.env._("recorded")
        field = self._fields.get(self._guard_state_field)
        if field is not None and field.type == "selection":
            return dict(field._description_selection(self.env)).get(state, state)
        return state

    def _guard_frozen_hint(self, state):
        """A sentence telling the user how the record changes in ``state``
        (revise it, ask for the approval again …), or an empty string."""
        return ""

    def _guard_changes(self, name, value):
        """Whether writing ``value`` to ``name`` changes this record."""
        field = self._fields[name]
        if field.type in ("one2many", "many2many"):
            return bool(value)
        new = field.convert_to_cache(value, self, validate=False)
        return new != field.convert_to_cache(self[name], self, validate=False)

    def _frozen_names(self):
        return set().union(*self._frozen_fields().values())

    def _check_frozen(self, names, compare=True, created=False):
        frozen = self._frozen_fields()
        if not any(name in fields for fields in frozen.values() for name in names):
            return
        user = self.env.user
        for record in self:
            if created:
                states = record._guard_created_states()
            else:
                states = (*record._guard_states(), RECORDED)
            for state in states:
                fields = frozen.get(state)
                if not fields:
                    continue
                blocked = [
                    name
                    for name in names
                    if name in fields
                    and not record._guard_allows(fields[name], user)
                    and (not compare or record._guard_changes(name, names[name]))
                ]
                if blocked:
                    record._guard_raise_frozen(state, blocked)

    def _guard_document_label(self):
        """The model's name in the user's language (``_description`` is the
        untranslated one)."""
        return self.env["ir.model"].sudo()._get(self._name).name or self._description

    def _guard_allows(self, who, user):
        if who is None:
            return False
        if callable(who):
            return who(self)
        return user.has_groups(who)

    def _guard_raise_frozen(self, state, names):
        labels = ", ".join(
            self._fields[name]._description_string(self.env) for name in sorted(names)
        )
        message = self.env._(
            "%(document)s %(name)s is %(state)s: %(fields)s no longer change.",
            document=self._guard_document_label(),
            name=self.display_name,
            state=self._guard_state_label(state),
            fields=labels,
        )
        hint = self._guard_frozen_hint(state)
        raise self._guard_frozen_error(f"{message} {hint}" if hint else message)

    def _write_by_action(self, vals):
        return in_action_scope(self).write(vals)

    def _guard_blocked(self, names):
        guarded = self._guarded_fields()
        user = self.env.user
        return sorted(
            name
            for name in names
            if name in guarded
            and not (guarded[name] and user.has_groups(guarded[name]))
        )

    def _guard_raise(self, names):
        labels = ", ".join(
            self._fields[name]._description_string(self.env) for name in names
        )
        raise AccessError(
            self.env._(
                "%(document)s: %(fields)s change through its buttons only, "
                "never written directly.",
                document=self._guard_document_label(),
                fields=labels,
            )
        )

    def _guard_context(self):
        """The context without the keys that would set guarded fields or lift
        checks of the modules below."""
        guarded = self._guarded_fields()
        relaxing = set(self._guard_relaxing_context_keys)
        context = self.env.context
        dropped = [
            key
            for key in context
            if key in relaxing or (key.startswith("default_") and key[8:] in guarded)
        ]
        if not dropped:
            return self
        # pylint: disable-next=context-overridden  # keys dropped, not overridden
        return self.with_context(
            {key: value for key, value in context.items() if key not in dropped}
        )

    def _guard_is_default(self, name, value):
        if not value:
            return True
        field = self._fields[name]
        if not field.default or field.type in ("one2many", "many2many"):
            return False
        default = field.default(self)
        return field.convert_to_cache(
            value, self, validate=False
        ) == field.convert_to_cache(default, self, validate=False)

    @api.model
    def default_get(self, fields):
        # Context defaults and user defaults (ir.default) never set a guarded
        # field: only its own default does.
        defaults = super().default_get(fields)
        if not is_action(self):
            for name in set(fields) & set(self._guarded_fields()):
                field = self._fields[name]
                if field.default:
                    value = field.convert_to_cache(
                        field.default(self), self, validate=False
                    )
                    defaults[name] = field.convert_to_write(
                        field.convert_to_record(value, self), self
                    )
                else:
                    defaults.pop(name, None)
        return defaults

    @api.model_create_multi
    def create(self, vals_list):
        if is_action(self):
            return super().create(vals_list)
        guarded = self._guarded_fields()
        forged_defaults = {
            key[8:]
            for key, value in self.env.context.items()
            if key.startswith("default_")
            and key[8:] in guarded
            and not self._guard_is_default(key[8:], value)
        }
        for vals in vals_list:
            blocked = self._guard_blocked(
                forged_defaults
                | {
                    name
                    for name in vals
                    if name in guarded and not self._guard_is_default(name, vals[name])
                }
            )
            if blocked:
                self._guard_raise(blocked)
        records = super(HelpdeskInfoGuardMixin, self._guard_context()).create(vals_list)
        frozen_names = self._frozen_names()
        if frozen_names:
            # A record created under a frozen parent (a line of an approved
            # budget) is a change of the parent.
            for record, vals in zip(records, vals_list, strict=True):
                record._check_frozen(
                    {
                        name: value
                        for name, value in vals.items()
                        if name in frozen_names
                        and not record._guard_is_default(name, value)
                    },
                    compare=False,
                    created=True,
                )
        return records

    def write(self, vals):
        if is_action(self):
            return super().write(vals)
        blocked = self._guard_blocked(vals)
        if blocked:
            self._guard_raise(blocked)
        self._check_frozen(vals)
        return super(HelpdeskInfoGuardMixin, self._guard_context()).write(vals)

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        if not is_action(self):
            blocked = set(self._guard_blocked(self._guarded_fields()))
            for vals in vals_list:
                for name in blocked & set(vals):
                    del vals[name]
        return vals_list
