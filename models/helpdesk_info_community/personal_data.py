from odoo import api, models


class HelpdeskInfoCommunity(models.Model):
    _name = "helpdesk.info.community"
    _inherit = ["helpdesk.info.community", "helpdesk.info.personal.data.mixin"]

    @api.model
    def _personal_data_register_fields(self):
        return ("owner_ids",)
