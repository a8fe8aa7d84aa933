from odoo import fields, models
from odoo.fields import Domain

from ..helpdesk_ticket.complaint import COMPLAINT_TYPE


class HelpdeskTicketTeam(models.Model):
    """The team's open complaints on its dashboard card, apart from its other
    tickets: one grouped query for all the cards shown."""

    _inherit = "helpdesk.ticket.team"

    open_complaint_count = fields.Integer(
        string="Open Complaints",
        compute="_compute_open_complaint_count",
        help="Complaints of the team not closed yet.",
    )

    def _compute_open_complaint_count(self):
        complaint = self.env["ir.model.data"]._xmlid_to_res_id(
            COMPLAINT_TYPE, raise_if_not_found=False
        )
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                Domain("team_id", "in", self._origin.ids)
                & Domain("type_id", "=", complaint)
                & Domain("closed", "=", False),
                ["team_id"],
                ["__count"],
            )
        )
        for team in self:
            team.open_complaint_count = counts.get(team._origin, 0)
