from odoo import api, fields, models


class HelpdeskInfoUnitOccupancy(models.Model):
    """Occupants' phones and e-mails: in full for Customer Service only;
    every read of the register by someone else is logged."""

    _name = "helpdesk.info.unit.occupancy"
    _inherit = ["helpdesk.info.unit.occupancy", "helpdesk.info.personal.data.mixin"]

    email = fields.Char(related="partner_id.email")

    @api.model
    def _personal_data_fields(self):
        return {"phone": "phone", "email": "email"}

    @api.model
    def _personal_data_register_fields(self):
        return ("partner_id", "phone", "email")
