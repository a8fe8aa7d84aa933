from odoo import api, fields, models

from ..helpdesk_info_personal_data_mixin import PERSONAL_DATA_GROUPS


class HelpdeskInfoUnitOccupancy(models.Model):
    """Who owns, rents or lives in a unit, and their phone and e-mail, are
    Customer Service's (``groups``): the ORM refuses them to everyone else on
    every path, and an occupancy's name masks the person for them."""

    _name = "helpdesk.info.unit.occupancy"
    _inherit = ["helpdesk.info.unit.occupancy", "helpdesk.info.personal.data.mixin"]

    partner_id = fields.Many2one(groups=PERSONAL_DATA_GROUPS)
    phone = fields.Char(groups=PERSONAL_DATA_GROUPS)
    email = fields.Char(related="partner_id.email", groups=PERSONAL_DATA_GROUPS)

    @api.model
    def _personal_data_fields(self):
        return {"partner_id": "name", "phone": "phone", "email": "email"}

    @api.model
    def _personal_data_register_fields(self):
        return ("partner_id", "phone", "email")
