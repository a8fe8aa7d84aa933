from odoo import api, fields, models
from odoo.fields import Domain

from ..helpdesk_info_personal_data_mixin import PERSONAL_DATA_GROUPS


class HelpdeskInfoUnit(models.Model):
    """A unit's room and code are Customer Service's (``groups``); everyone
    else reads its name, masked (祥和花园一期 3-2-5**) but on the units of
    the tickets and repairs assigned to them."""

    _name = "helpdesk.info.unit"
    _inherit = ["helpdesk.info.unit", "helpdesk.info.personal.data.mixin"]

    room = fields.Char(groups=PERSONAL_DATA_GROUPS)
    full_code = fields.Char(groups=PERSONAL_DATA_GROUPS)

    @api.model
    def _personal_data_fields(self):
        return {"room": "room", "full_code": "room"}

    @api.model
    def _personal_data_register_fields(self):
        return ("occupancy_ids", "current_partner_ids")

    def _personal_data_assigned(self):
        uid = self.env.uid
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search(
                [
                    ("unit_id", "in", self.ids),
                    "|",
                    ("user_id", "=", uid),
                    ("repair_worker_id", "=", uid),
                ]
            )
        )
        visits = (
            self.env["helpdesk.info.visit"]
            .sudo()
            .search([("unit_id", "in", self.ids), ("user_id", "=", uid)])
        )
        return self & (tickets.unit_id | visits.unit_id).sudo(False)

    @api.model
    def _search_display_name(self, operator, value):
        # Finding a unit by its code would confirm a masked one: others find
        # units by their community.
        if self._personal_data_team_access():
            return super()._search_display_name(operator, value)
        return Domain("community_id.name", operator, value)
