from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..helpdesk_info_personal_data_mixin import PERSONAL_DATA_GROUPS

# Voluntary data a caller may give at intake (seed 004 第十条).
TICKET_VOLUNTARY_FIELDS = ("contact_wechat",)


class HelpdeskTicket(models.Model):
    """At intake, the purpose told to the caller and their consent for
    voluntary data: without a current consent (recorded at this ticket, or
    the customer's), the voluntary fields refuse a value."""

    _inherit = "helpdesk.ticket"

    contact_wechat = fields.Char(
        string="Caller WeChat ID",
        tracking=True,
        groups=PERSONAL_DATA_GROUPS,
        help="Voluntary: kept only with the caller's consent, recorded at this "
        "ticket or on the customer.",
    )
    consent_ids = fields.One2many(
        "helpdesk.info.consent",
        "ticket_id",
        string="Consents Given at Intake",
        readonly=True,
    )
    has_consent = fields.Boolean(
        string="Caller Consented",
        compute="_compute_has_consent",
        help="The caller has a current consent for voluntary data: at this ticket or "
        "as the customer.",
    )

    @api.depends("consent_ids.state", "partner_id")
    def _compute_has_consent(self):
        for ticket in self:
            ticket.has_consent = ticket._has_current_consent()

    def _voluntary_fields(self):
        return TICKET_VOLUNTARY_FIELDS

    def _has_current_consent(self):
        self.ensure_one()
        Consent = self.env["helpdesk.info.consent"].sudo()
        domain = (
            [("state", "=", "given"), ("ticket_id", "=", self.id)] if self.id else []
        )
        if domain and Consent.search_count(domain, limit=1):
            return True
        return bool(self.partner_id) and self.partner_id.sudo()._has_current_consent()

    @api.constrains(*TICKET_VOLUNTARY_FIELDS)
    def _check_voluntary_consent(self):
        for ticket in self.sudo():
            filled = [name for name in TICKET_VOLUNTARY_FIELDS if ticket[name]]
            if filled and not ticket._has_current_consent():
                raise ValidationError(
                    self.env._(
                        "The caller of %(ticket)s has not consented to keeping "
                        "%(fields)s: record their consent (the purpose told and how "
                        "they agreed) first.",
                        ticket=ticket.number or ticket.name,
                        fields=", ".join(
                            ticket._fields[name]._description_string(self.env)
                            for name in filled
                        ),
                    )
                )

    def action_record_consent(self):
        """Record the caller's consent at this ticket."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record Consent"),
            "res_model": "helpdesk.info.consent",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_ticket_id": self.id,
                "default_partner_id": self.partner_id.id,
                "default_company_id": self.company_id.id,
                "default_channel": "phone",
            },
        }
