from odoo import api, fields, models


class HelpdeskInfoVisitDrawLine(models.TransientModel):
    """A unit or floor of a draw's proposal."""

    _name = "helpdesk.info.visit.draw.line"
    _description = "Drawn Customer Visit"

    draw_id = fields.Many2one(
        "helpdesk.info.visit.draw", required=True, ondelete="cascade"
    )
    unit_id = fields.Many2one("helpdesk.info.unit", readonly=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Occupant",
        compute="_compute_partner_id",
        help="A current occupant of the unit.",
    )
    building_id = fields.Many2one("helpdesk.info.building", readonly=True)
    floor = fields.Integer(readonly=True)

    @api.depends("unit_id")
    def _compute_partner_id(self):
        for line in self:
            line.partner_id = line.unit_id.current_partner_ids[:1]
