from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

# Voluntary data: kept only with the person's consent (seed 004 第十条).
PARTNER_VOLUNTARY_FIELDS = (
    "wechat_id",
    "emergency_contact_name",
    "emergency_contact_phone",
    "vehicle_plates",
)
# Contact fields erased when the person asks for it.
PARTNER_CONTACT_FIELDS = (
    "phone",
    "email",
    "street",
    "street2",
    "zip",
    "city",
    "website",
    "comment",
    "vat",
    "ref",
)


class ResPartner(models.Model):
    """Voluntary data of owners and residents, and their consents. The phone
    and e-mail of the people in the units register are masked for users
    outside Customer Service, as on the tickets."""

    _name = "res.partner"
    _inherit = [
        "res.partner",
        "helpdesk.info.personal.data.mixin",
        "helpdesk.info.guard.mixin",
    ]

    wechat_id = fields.Char(
        string="WeChat ID",
        groups="helpdesk_mgmt.group_helpdesk_user_own",
        help="Voluntary: kept only while the person has a current consent.",
    )
    emergency_contact_name = fields.Char(
        groups="helpdesk_mgmt.group_helpdesk_user_own",
        help="Voluntary: kept only while the person has a current consent.",
    )
    emergency_contact_phone = fields.Char(
        groups="helpdesk_mgmt.group_helpdesk_user_own",
        help="Voluntary: kept only while the person has a current consent.",
    )
    vehicle_plates = fields.Char(
        groups="helpdesk_mgmt.group_helpdesk_user_own",
        help="Voluntary: the plates of the person's vehicles, comma separated; "
        "kept only while the person has a current consent.",
    )
    consent_ids = fields.One2many(
        "helpdesk.info.consent",
        "partner_id",
        string="Consents",
        groups="helpdesk_mgmt.group_helpdesk_user_own",
    )
    has_consent = fields.Boolean(
        string="Current Consent",
        compute="_compute_has_consent",
        search="_search_has_consent",
        groups="helpdesk_mgmt.group_helpdesk_user_own",
        help="The person has given a consent to keep voluntary data and not "
        "withdrawn it.",
    )
    personal_data_erased_date = fields.Datetime(
        string="Personal Data Erased On",
        readonly=True,
        copy=False,
        groups="helpdesk_mgmt.group_helpdesk_user_own",
        help="Set when an approved erasure request anonymised this person; nothing "
        "restores the data.",
    )

    def _guarded_fields(self):
        # Set by an approved erasure request only.
        return {"personal_data_erased_date": None} | super()._guarded_fields()

    @api.model
    def _personal_data_fields(self):
        return {"phone": "phone", "email": "email"}

    @api.model
    def _personal_data_search_open_kinds(self):
        # Mail looks partners up by e-mail address as whoever sends.
        return (*super()._personal_data_search_open_kinds(), "email")

    def _register_residents(self):
        """The partners of ``self`` who own, rent or live in a unit of the register."""
        groups = (
            self.env["helpdesk.info.unit.occupancy"]
            .sudo()
            ._read_group([("partner_id", "in", self.ids)], ["partner_id"])
        )
        return self.browse(partner.id for (partner,) in groups)

    def _personal_data_full_records(self):
        """Owners, tenants and family members of the register are masked;
        other contacts, and the user's own, are not."""
        if self._personal_data_team_access():
            return self
        return self - (self._register_residents() - self.env.user.partner_id)

    def _personal_data_export_controlled(self, parent):
        # Contacts at large (suppliers, an invoice's customer) export freely;
        # residents, and the people behind tickets and the register, do not.
        if parent is None:
            return bool(self._register_residents())
        return hasattr(parent, "_personal_data_fields")

    def _compute_has_consent(self):
        consenting = self.sudo().search(
            [("id", "in", self.ids), ("consent_ids.state", "=", "given")]
        )
        for partner in self:
            partner.has_consent = partner in consenting

    def _search_has_consent(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        domain = Domain("consent_ids.state", "=", "given")
        return domain if (operator == "in") == (True in value) else ~domain

    def _has_current_consent(self):
        self.ensure_one()
        return bool(
            self.env["helpdesk.info.consent"]
            .sudo()
            .search_count(
                [("partner_id", "=", self.id), ("state", "=", "given")], limit=1
            )
        )

    @api.constrains(*PARTNER_VOLUNTARY_FIELDS)
    def _check_voluntary_consent(self):
        for partner in self.sudo():
            filled = [name for name in PARTNER_VOLUNTARY_FIELDS if partner[name]]
            if filled and not partner._has_current_consent():
                raise ValidationError(
                    self.env._(
                        "%(person)s has not consented to keeping %(fields)s: record "
                        "their consent (the purpose told and how they agreed) first.",
                        person=partner.display_name,
                        fields=", ".join(
                            partner._fields[name]._description_string(self.env)
                            for name in filled
                        ),
                    )
                )

    def _erase_voluntary_data(self):
        self.write(dict.fromkeys(PARTNER_VOLUNTARY_FIELDS, False))
