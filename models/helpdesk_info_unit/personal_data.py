from odoo import api, models


class HelpdeskInfoUnit(models.Model):
    _name = "helpdesk.info.unit"
    _inherit = ["helpdesk.info.unit", "helpdesk.info.personal.data.mixin"]

    @api.model
    def _personal_data_register_fields(self):
        return ("occupancy_ids", "current_partner_ids")
