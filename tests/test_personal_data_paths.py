"""Every personal field of every model, found from the declarations
(``_personal_data_fields()`` of the models that mix in the personal-data
mixin), tried on every entry point the ORM offers, as each role: the full
value never comes back to a user outside Customer Service who is not
assigned the record."""

import re

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .test_guard_declarations import report_line
from .test_personal_data import PersonalDataCase

REFUSED = (AccessError, UserError, ValidationError, ValueError)
ROLES = {
    "handler": "helpdesk_property_info.group_department_handler",
    "leader": "helpdesk_property_info.group_company_leader",
    "counsel": "helpdesk_property_info.group_legal_counsel",
    "worker": "helpdesk_property_info.group_maintenance_worker",
    "management": "helpdesk_property_info.group_management_manager",
    "reveal": "helpdesk_property_info.group_personal_data_reveal,"
    "helpdesk_property_info.group_personal_data_export,"
    "helpdesk_property_info.group_department_handler",
}


def personal_models(env):
    """{model: {field: kind}} of every model declaring personal fields."""
    return {
        name: env[name]._personal_data_fields()
        for name in sorted(env.registry)
        if not env[name]._abstract
        and "helpdesk.info.personal.data.mixin" in env[name]._inherit_module
        and env[name]._personal_data_fields()
    }


@tagged("post_install", "-at_install")
class TestPersonalDataEveryPath(PersonalDataCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["helpdesk.info.consent"].create(
            {"ticket_id": cls.ticket.id, "purpose": "Call back", "channel": "phone"}
        )
        cls.ticket.write(
            {
                "contact_wechat": "zhao_wx123",
                "contact_name": "赵建国",
                "partner_id": cls.owner.id,
            }
        )
        # A tracked change: the chatter keeps the old and new phones.
        cls.ticket.contact_phone = "13955556666"
        cls.ticket.contact_phone = "+8613812345678"
        cls.roles = {
            role: new_test_user(
                cls.env,
                login=f"hpi_paths_{role}",
                groups=groups,
                company_id=cls.company.id,
            )
            for role, groups in ROLES.items()
        }
        cls.department.user_ids = [(4, user.id) for user in cls.roles.values()]
        cls.visit = cls.env["helpdesk.info.visit"].create(
            {
                "unit_id": cls.unit.id,
                "partner_id": cls.owner.id,
                "user_id": cls.agent.id,
            }
        )
        cls.parcel = cls.env["helpdesk.info.parcel"].create(
            {
                "community_id": cls.unit.community_id.id,
                "unit_id": cls.unit.id,
                "partner_id": cls.owner.id,
            }
        )
        cls.records = {
            "helpdesk.info.parcel": cls.parcel,
            "helpdesk.info.visit": cls.visit,
            "helpdesk.ticket": cls.ticket,
            "helpdesk.info.unit": cls.unit,
            "helpdesk.info.unit.occupancy": cls.occupancy,
            "res.partner": cls.owner,
        }

    def full_values(self, record, field_name):
        """The identifying strings the full value holds."""
        value = record.sudo()[field_name]
        if hasattr(value, "_name"):
            value = value.display_name
        values = {value} if value else set()
        digits = re.sub(r"\D", "", value or "")
        if len(digits) >= 8:
            values.add(digits[-11:])
        return values

    def trackings(self, record):
        return record.sudo().message_ids.tracking_value_ids

    def paths(self, model, record, name):
        """(path, call) of the entry points reaching ``name`` of ``record``."""
        Model = self.env[model]
        domain_value = record.sudo()[name]
        if hasattr(domain_value, "_name"):
            domain_value = domain_value.id
        paths = [
            ("read", lambda M: M.browse(record.id).read([name])),
            ("search_read", lambda M: M.search_read([("id", "=", record.id)], [name])),
            ("web_read", lambda M: M.browse(record.id).web_read({name: {}})),
            (
                "web_search_read",
                lambda M: M.web_search_read([("id", "=", record.id)], {name: {}}),
            ),
            ("search", lambda M: M.search_count([(name, "=", domain_value)])),
            (
                "formatted_read_group",
                lambda M: M.formatted_read_group([], [name], ["__count"]),
            ),
            (
                "aggregate",
                lambda M: M.formatted_read_group([], [], [f"{name}:array_agg"]),
            ),
            (
                "web_read_group",
                lambda M: M.web_read_group([], [name], aggregates=["__count"]),
            ),
            ("export", lambda M: M.browse(record.id).export_data([name])),
            ("fields_get", lambda M: M.fields_get([name])),
            (
                "onchange",
                lambda M: M.browse(record.id).onchange({}, [], {name: {}}),
            ),
            ("display_name", lambda M: M.browse(record.id).display_name),
            ("name_search", lambda M: M.name_search(str(domain_value))),
        ]
        if hasattr(Model, "message_ids"):
            paths += [
                (
                    "suggested recipients",
                    lambda M: M.browse(record.id)._message_get_suggested_recipients(),
                ),
                (
                    "default recipients",
                    lambda M: M.browse(record.id)._message_get_default_recipients(),
                ),
                (
                    "messages",
                    lambda M: M.env["mail.message"].search_read(
                        [("model", "=", model), ("res_id", "=", record.id)],
                        ["subject", "body", "email_from"],
                    ),
                ),
                (
                    "tracking values",
                    lambda M: [
                        (t.sudo().old_value_char, t.sudo().new_value_char)
                        for t in self.trackings(record)._filter_has_field_access(M.env)
                    ],
                ),
            ]
        for report in self.env["ir.actions.report"].search([("model", "=", model)]):
            paths.append(
                (
                    f"report {report.report_name}",
                    lambda M, r=report: M.env["ir.actions.report"]._render_qweb_html(
                        r.report_name, [record.id]
                    )[0],
                )
            )
        # Related paths and dotted domains: from every relation of every
        # personal-data model pointing at this one.
        for source in personal_models(self.env):
            for field in self.env[source]._fields.values():
                if field.type != "many2one" or field.comodel_name != model:
                    continue
                holders = self.records.get(source)
                if not holders or holders.sudo()[field.name] != record:
                    continue
                paths += [
                    (
                        f"{source}.{field.name}.{name} (spec)",
                        lambda M, s=source, f=field.name, h=holders: (
                            M.env[s].browse(h.id).web_read({f: {"fields": {name: {}}}})
                        ),
                    ),
                    (
                        f"{source}.{field.name}.{name} (domain)",
                        lambda M, s=source, f=field.name: M.env[s].search_count(
                            [(f"{f}.{name}", "=", domain_value)]
                        ),
                    ),
                ]
        return Model, paths

    def test_no_full_value_outside_the_allowed_roles(self):
        tried = refused = 0
        for model, fields_kinds in personal_models(self.env).items():
            record = self.records.get(model)
            self.assertTrue(record, f"no fixture record of {model}")
            for name in fields_kinds:
                full = self.full_values(record, name)
                self.assertTrue(full, f"{model}.{name} holds nothing to look for")
                Model, paths = self.paths(model, record, name)
                for role, user in self.roles.items():
                    for path, call in paths:
                        tried += 1
                        with self.subTest(
                            model=model, field=name, role=role, path=path
                        ):
                            try:
                                with self.env.cr.savepoint():
                                    result = str(call(Model.with_user(user)))
                            except REFUSED:
                                refused += 1
                                continue
                            for value in full:
                                self.assertNotIn(value, result)
        report_line(
            f"personal data: {tried} field x path x role combinations tried "
            f"({refused} refused, {tried - refused} answered masked or without "
            "the value): no full value outside the allowed roles"
        )
        self.assertGreater(tried, 500)

    def test_customer_service_reads_every_field_in_full(self):
        """The check above can fail: the same calls give Customer Service
        the full values."""
        for model, fields_kinds in personal_models(self.env).items():
            record = self.records[model].with_user(self.agent)
            for name in fields_kinds:
                with self.subTest(model=model, field=name):
                    result = str(record.read([name]))
                    self.assertTrue(
                        any(value in result for value in self.full_values(record, name))
                    )

    def test_every_field_the_model_holds_is_refused_by_the_orm(self):
        """A personal field is Customer Service's through its ``groups``, but
        a contact's phone and e-mail (core fields every module reads), and
        the relations to records that mask their own names, which are masked
        in place."""
        in_place = set()
        for model, fields_kinds in personal_models(self.env).items():
            for name, kind in fields_kinds.items():
                field = self.env[model]._fields[name]
                if kind == "unit":
                    # The unit masks its own name, and its code has groups.
                    self.assertEqual(field.comodel_name, "helpdesk.info.unit")
                    continue
                if not field.groups:
                    in_place.add(f"{model}.{name}")
                    continue
                self.assertEqual(
                    field.groups, "helpdesk_property_info.group_cs_agent", name
                )
        self.assertEqual(
            in_place,
            {
                "res.partner.phone",
                "res.partner.email",
                "helpdesk.info.visit.partner_id",
            },
        )
