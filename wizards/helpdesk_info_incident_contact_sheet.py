from odoo import api, fields, models
from odoo.exceptions import AccessError


class HelpdeskInfoIncidentContactSheet(models.TransientModel):
    """The owners' emergency contacts as the security supervisor opened them
    from an open incident: written by the incident's action only (its
    opening is logged in the personal data access log), read by whoever
    opened it, and cleared by the transient vacuum."""

    _name = "helpdesk.info.incident.contact.sheet"
    _description = "Owners' Emergency Contacts"

    incident_id = fields.Many2one(
        "helpdesk.info.incident", required=True, readonly=True, ondelete="cascade"
    )
    contacts_html = fields.Html(
        string="Emergency Contacts", readonly=True, sanitize=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "The owners' emergency contacts are opened from an open "
                    "incident only."
                )
            )
        return super().create(vals_list)
