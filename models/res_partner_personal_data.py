from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain

# Voluntary data: kept only with the person's consent (seed 004 第十条).
PARTNER_VOLUNTARY_FIELDS = (
    "wechat_id", "emergency_contact_name", "emergency_contact_phone", "vehicle_plates"
)
# Contact fields erased when the person asks for it.
PARTNER_CONTACT_FIELDS = (
    "phone", "email", "street", "street2", "zip", "city", "website", "comment", "vat", "ref",
)


class ResPartner(models.Model):
    """Voluntary data of owners and residents, and their consents."""

    _inherit = "res.partner"

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
        help="The person has given a consent to keep voluntary data and not withdrawn it.",
    )
    personal_data_erased_date = fields.Datetime(
        string="Personal Data Erased On",
        readonly=True,
        copy=False,
        groups="helpdesk_mgmt.group_helpdesk_user_own",
        help="Set when an approved erasure request anonymised this person; nothing restores the data.",
    )

    def _compute_has_consent(self):
        consenting = self.sudo().search([("id", "in", self.ids), ("consent_ids.state", "=", "given")])
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
            self.env["helpdesk.info.consent"].sudo().search_count(
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
                        "%(person)s has not consented to keeping %(fields)s: record their consent "
                        "(the purpose told and how they agreed) first.",
                        person=partner.display_name,
                        fields=", ".join(
                            partner._fields[name]._description_string(self.env) for name in filled
                        ),
                    )
                )

    def write(self, vals):
        # Set by an approved erasure request only (under sudo).
        if "personal_data_erased_date" in vals and not self.env.su:
            raise AccessError(self.env._("Only an approved erasure request marks a person's data erased."))
        return super().write(vals)

    def _erase_voluntary_data(self):
        self.write(dict.fromkeys(PARTNER_VOLUNTARY_FIELDS, False))
