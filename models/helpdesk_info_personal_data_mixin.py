import re

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

CS_GROUP = "helpdesk_property_info.group_cs_agent"
# The ``groups`` of every personal field a model holds itself: the ORM refuses
# the full value to anyone else, whatever the entry point.
PERSONAL_DATA_GROUPS = CS_GROUP
REVEAL_GROUP = "helpdesk_property_info.group_personal_data_reveal"
EXPORT_GROUP = "helpdesk_property_info.group_personal_data_export"


def mask_phone(value):
    """+8613812345678 → 138****5678: the first three and last four digits."""
    digits = re.sub(r"\D", "", value or "")
    if digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if len(digits) >= 8:
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    return "*" * max(len(digits) - 2, 2) + digits[-2:]


def mask_room(value):
    """3-2-501 → 3-2-5**: the last two characters of the room."""
    value = value or ""
    return value[:-2] + "**" if len(value) > 2 else "**"


def mask_email(value):
    """zhang@example.com → z***@example.com."""
    local, sep, domain = (value or "").partition("@")
    return f"{local[:1]}***{sep}{domain}"


def mask_wechat(value):
    """zhao_wx123 → zh******23: the first two and last two characters."""
    value = value or ""
    return (
        value[:2] + "*" * max(len(value) - 4, 2) + value[-2:]
        if len(value) > 4
        else "****"
    )


def mask_name(value):
    """张伟 → 张*, Zhang Wei → Z*******: the first character."""
    value = (value or "").strip()
    return value[:1] + "*" * max(len(value) - 1, 1)


def mask_unit(value):
    """祥和花园一期 3-2-501 → 祥和花园一期 3-2-5**."""
    return mask_room(value)


MASKS = {
    "phone": mask_phone,
    "room": mask_room,
    "email": mask_email,
    "unit": mask_unit,
    "wechat": mask_wechat,
    "name": mask_name,
}


# What a masked value of each kind holds and a real one never does.
MASK_MARKS = {"phone": "*", "email": "***", "wechat": "*"}


def mask_value(kind, value):
    if not value:
        return value
    return MASKS[kind](value)


def shown_field(string, help_text):
    """The ``<field>_display`` companion of a personal field: its value as
    the reader may see it (HelpdeskInfoPersonalDataMixin)."""
    return fields.Char(
        string=string, compute="_compute_personal_data_display", help=help_text
    )


def _domain_fields(model, domain, dotted=False):
    """(model, field name, reached through a relation) of each personal-data
    model's field a domain's conditions read, dotted paths and ``any``
    sub-domains included."""
    for condition in Domain(domain).iter_conditions():
        current, path = model, condition.field_expr.split(".")
        through = dotted
        for position, name in enumerate(path):
            field = current._fields.get(name)
            if field is None:
                break
            if hasattr(current, "_personal_data_masked_in_place"):
                yield current, name, through
            if not field.relational:
                break
            current, through = current.env[field.comodel_name], True
            if position == len(path) - 1 and condition.operator in ("any", "not any"):
                yield from _domain_fields(current, condition.value, True)


class HelpdeskInfoPersonalDataMixin(models.AbstractModel):
    """Personal fields in full for Customer Service and for the people a record
    is assigned to, masked (138****5678, 3-2-5**, z***@example.com) for
    every other user.

    A model lists its personal fields in ``_personal_data_fields()`` (name:
    kind among phone, room, email, unit, wechat, name) and the records a user
    may see in full beyond Customer Service in ``_personal_data_assigned()``.

    A personal field the model holds itself carries
    ``groups=PERSONAL_DATA_GROUPS``: the ORM refuses it to everyone else on
    every entry point (reads and related paths, domains and dotted paths,
    grouped reads and aggregates, exports, onchange, tracking values). Those
    users read its companion ``<field>_display``, computed per record and
    user: the full value where the record is assigned to them, masked
    otherwise; being computed and not stored, it is neither searchable nor
    groupable. A personal field without ``groups`` (a contact's phone and
    e-mail, which every module reads) is masked in place when it leaves the
    server. Masked values sent back by a form are never written over the
    real ones.
    """

    _name = "helpdesk.info.personal.data.mixin"
    _description = "Personal Data Masking"

    # Whether searching by a personal field masked in place is for Customer
    # Service only (kinds that stay searchable: ``_personal_data_search_open_kinds``).
    _personal_data_search_restricted = True

    @api.model
    def _personal_data_fields(self):
        return {}

    @api.model
    def _personal_data_masked_in_place(self):
        """{field: kind} of the personal fields the ORM does not refuse (no
        ``groups``): masked in what leaves the server. A unit masks its own
        name."""
        return {
            name: kind
            for name, kind in self._personal_data_fields().items()
            if not self._fields[name].groups and kind != "unit"
        }

    @api.model
    def _personal_data_search_open_kinds(self):
        return ("unit",)

    @api.model
    def _personal_data_team_access(self):
        """Whether the user sees every record's personal fields in full."""
        return self.env.su or self.env.user.has_group(CS_GROUP)

    def _personal_data_assigned(self):
        """The records of ``self`` assigned to the user (handler, worker)."""
        return self.browse()

    def _personal_data_full_records(self):
        if self._personal_data_team_access():
            return self
        return self._personal_data_assigned()

    def _personal_data_masked_records(self):
        return self - self._personal_data_full_records()

    def _personal_data_shown_records(self):
        """The records whose personal data the user (not the superuser mode
        some code reads in) sees in full."""
        records = self.sudo(False)
        if self.env.uid == SUPERUSER_ID:
            return records
        return records._personal_data_full_records()

    def _personal_data_display_depends(self):
        """What the ``*_display`` companions follow: the fields, and whom the
        record is assigned to."""
        return [
            name
            for name in self._personal_data_fields()
            if f"{name}_display" in self._fields
        ]

    @api.depends(lambda self: self._personal_data_display_depends())
    @api.depends_context("uid")
    def _compute_personal_data_display(self):
        """The ``<field>_display`` companions: full or masked, record by record."""
        fields_kinds = {
            name: kind
            for name, kind in self._personal_data_fields().items()
            if f"{name}_display" in self._fields
        }
        shown = set(self._personal_data_shown_records().ids)
        for record, as_su in zip(self, self.sudo(), strict=True):
            for name, kind in fields_kinds.items():
                value = as_su[name]
                record[f"{name}_display"] = (
                    value if record.id in shown else mask_value(kind, value)
                )

    # ------------------------------------------------------------------
    # Reading: the fields masked in place
    # ------------------------------------------------------------------

    def _mask_read_values(self, values_list, many2one_only=False):
        """Mask the personal fields of ``values_list`` (``read`` results of
        ``self``) for the records the user may not see in full."""
        fields_kinds = self._personal_data_masked_in_place()
        if not values_list or not fields_kinds:
            return values_list
        read_fields = {name for values in values_list for name in values} & set(
            fields_kinds
        )
        if not read_fields:
            return values_list
        masked_ids = set(
            self.browse([v["id"] for v in values_list])
            ._personal_data_masked_records()
            .ids
        )
        if not masked_ids:
            return values_list
        for values in values_list:
            if values["id"] not in masked_ids:
                continue
            for name in read_fields:
                if many2one_only and not isinstance(values[name], dict):
                    continue
                values[name] = self._mask_read_value(fields_kinds[name], values[name])
        return values_list

    @api.model
    def _mask_read_value(self, kind, value):
        if isinstance(value, tuple) and len(value) == 2:  # many2one, classic read
            return (value[0], mask_value(kind, value[1]))
        if isinstance(value, dict) and "display_name" in value:  # many2one, web_read
            return dict(value, display_name=mask_value(kind, value["display_name"]))
        if isinstance(value, str):
            return mask_value(kind, value)
        return value

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        self._log_register_read(fnames, result)
        return self._mask_read_values(result)

    def web_read(self, specification):
        # web_read reads a many2one's display name as the superuser after
        # ``read``: mask it again.
        return self._mask_read_values(
            super().web_read(specification), many2one_only=True
        )

    def _log_register_read(self, fnames, values_list):
        """Reads of the owners' register by a user outside Customer Service
        are logged (models that hold it say which fields it is)."""
        register_fields = set(fnames) & set(self._personal_data_register_fields())
        if not register_fields or not values_list or self._personal_data_team_access():
            return
        self.env["helpdesk.info.personal.data.log"]._log(
            "register_read",
            self.browse([v["id"] for v in values_list]),
            register_fields,
        )

    @api.model
    def _personal_data_register_fields(self):
        """Fields whose reading by a user outside Customer Service is logged."""
        return ()

    def _personal_data_export_controlled(self, parent):
        """Whether exporting the personal fields of ``self`` (reached from a
        record of ``parent``, or exported directly when it is None) needs
        the Export Personal Data group."""
        return True

    @api.model
    def _read_group(self, domain, groupby=(), aggregates=(), *args, **kwargs):
        """Grouping by, or aggregating, a personal field masked in place would
        show its values: for Customer Service only. A field with ``groups`` is
        refused by the ORM, but for a related one (the occupant's phone),
        whose SQL the ORM builds from the field it follows: checked here."""
        used = {spec.split(":")[0].split(".")[0] for spec in groupby} | {
            spec.split(":")[0] for spec in aggregates
        }
        for name in used & set(self._personal_data_fields()):
            self._check_field_access(self._fields[name], "read")
        if not self._personal_data_team_access():
            if used & set(self._personal_data_masked_in_place()):
                raise AccessError(
                    self.env._(
                        "Only Customer Service can group records by phone, room or "
                        "e-mail."
                    )
                )
            register_fields = used & set(self._personal_data_register_fields())
            if register_fields:
                self.env["helpdesk.info.personal.data.log"]._log(
                    "register_read", self.browse(), register_fields
                )
        return super()._read_group(domain, groupby, aggregates, *args, **kwargs)

    @api.model
    def _search(self, domain, *args, **kwargs):
        """Searching by a phone, room, e-mail or WeChat ID would tell whether
        a masked record holds it: outside Customer Service it is refused, on
        this model (but for ``_personal_data_search_open_kinds``) and through
        a relation (``partner_id.email``)."""
        if not self.env.su and not self._personal_data_team_access():
            for model, field_name, dotted in _domain_fields(self, domain):
                kind = model._personal_data_masked_in_place().get(field_name)
                if not kind or (
                    not dotted
                    and (
                        not model._personal_data_search_restricted
                        or kind in model._personal_data_search_open_kinds()
                    )
                ):
                    continue
                raise AccessError(
                    self.env._(
                        "Only Customer Service searches records by phone, room, "
                        "e-mail or WeChat ID."
                    )
                )
        return super()._search(domain, *args, **kwargs)

    def _message_get_suggested_recipients_batch(self, *args, **kwargs):
        """The composer's suggestions show the customer's name and e-mail:
        masked on the records the user does not see in full (the customer is
        still addressed, by the contact), and a bare address not suggested."""
        suggested = super()._message_get_suggested_recipients_batch(*args, **kwargs)
        for record in self - self._personal_data_shown_records():
            suggested[record.id] = [
                dict(
                    recipient,
                    email=mask_value("email", recipient.get("email")),
                    name=mask_value("name", recipient.get("name")),
                )
                for recipient in suggested.get(record.id, [])
                if recipient.get("partner_id")
            ]
        return suggested

    # ------------------------------------------------------------------
    # Writing
    # ------------------------------------------------------------------

    def _strip_masked_values(self, vals):
        """Drop from ``vals`` the masked values a form sends back on save: a
        masked value never overwrites the real one."""
        fields_kinds = self._personal_data_fields()
        stripped = None
        for name, kind in fields_kinds.items():
            value = vals.get(name)
            if kind == "unit" or not isinstance(value, str) or "*" not in value:
                continue
            masks = {mask_value(kind, rec.sudo()[name]) for rec in self}
            if masks == {value}:
                stripped = dict(stripped or vals)
                stripped.pop(name)
        return vals if stripped is None else stripped

    def _personal_data_masked_kinds(self):
        """{field: kind} of the personal fields whose masked form is never a
        real value (phones, e-mails, WeChat IDs)."""
        return {
            name: kind
            for name, kind in self._personal_data_fields().items()
            if kind in MASK_MARKS
        }

    def _personal_data_masked_written(self):
        """The masked kinds' fields written on this model itself (a related
        phone is checked on the partner that holds it)."""
        return tuple(
            name
            for name in self._personal_data_masked_kinds()
            if self._fields[name].store
            or self._fields[name].inverse
            or self._fields[name].inherited
        )

    @api.constrains(lambda self: self._personal_data_masked_written())
    def _check_not_masked(self):
        """A masked value typed over another one (the form showed 138****5678
        and the user changed a digit) is not a phone, e-mail or WeChat ID."""
        for record in self:
            for name, kind in record._personal_data_masked_kinds().items():
                value = record.sudo()[name]
                if isinstance(value, str) and MASK_MARKS[kind] in value:
                    raise ValidationError(
                        self.env._(
                            "“%(value)s” is a masked value: type the full %(field)s "
                            "or leave it as it is.",
                            value=value,
                            field=self._fields[name].get_description(self.env)[
                                "string"
                            ],
                        )
                    )

    def write(self, vals):
        return super().write(self._strip_masked_values(vals))

    # ------------------------------------------------------------------
    # Reveal
    # ------------------------------------------------------------------

    def _personal_data_can_reveal(self):
        self.ensure_one()
        return bool(self._personal_data_full_records()) or self.env.user.has_group(
            REVEAL_GROUP
        )

    def _personal_data_full_values(self):
        self.ensure_one()
        values = {}
        for name, kind in self._personal_data_fields().items():
            value = self.sudo()[name]
            # A unit's name as Customer Service reads it.
            values[name] = (
                value.with_user(SUPERUSER_ID).display_name if kind == "unit" else value
            )
        return values

    def action_reveal_personal_data(self):
        """The full personal fields of one record, for Customer Service, the
        people it is assigned to and the Personal Data Reveal group; logged."""
        self.ensure_one()
        self.check_access("read")
        if not self._personal_data_can_reveal():
            raise AccessError(
                self.env._(
                    "You may not see the personal data of %(record)s: ask Customer "
                    "Service or a member of the Personal Data Reveal group.",
                    record=self.display_name,
                )
            )
        values = self._personal_data_full_values()
        self.env["helpdesk.info.personal.data.log"]._log("reveal", self, set(values))
        lines = [
            f"{self._fields[name].get_description(self.env)['string']}: {value}"
            for name, value in values.items()
            if value
        ]
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Personal data of %s", self.display_name),
                "message": "\n".join(lines) or self.env._("No personal data recorded."),
                "sticky": True,
                "type": "warning",
                "values": values,
            },
        }


class Base(models.AbstractModel):
    """Exporting personal fields (list export, ``export_data`` over RPC)
    needs the Export Personal Data group, and is logged."""

    _inherit = "base"

    def _personal_export_paths(self, fields_to_export):
        """(model, field) of ``fields_to_export`` that are personal."""
        found = []
        for path in fields_to_export:
            model, parent = self, None
            for part in path.replace(".id", "id").split("/"):
                field = model._fields.get(part)
                if field is None:
                    break
                if (
                    hasattr(model, "_personal_data_fields")
                    and (
                        part in model._personal_data_fields()
                        or part in model._personal_data_register_fields()
                    )
                    and model._personal_data_export_controlled(parent)
                ):
                    found.append((model, part))
                    break
                if not field.relational:
                    break
                model, parent = self.env[field.comodel_name], model
        return found

    def export_data(self, fields_to_export):
        personal = self._personal_export_paths(fields_to_export)
        if personal and not self.env.su:
            if not self.env.user.has_group(EXPORT_GROUP):
                raise UserError(
                    self.env._(
                        "Exporting personal data (%(fields)s) needs the Export "
                        "Personal "
                        "Data group: leave these columns out or ask your "
                        "administrator.",
                        fields=", ".join(
                            model._fields[name].get_description(self.env)["string"]
                            for model, name in personal
                        ),
                    )
                )
            self.env["helpdesk.info.personal.data.log"]._log(
                "export", self, {f"{model._name}.{name}" for model, name in personal}
            )
        return super().export_data(fields_to_export)
