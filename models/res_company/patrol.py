from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    patrol_floor_count = fields.Integer(
        string="Floors per Daily Patrol",
        default=5,
        help="How many floors a daily patrol checks at least (seed 001 §10: 5), "
        "proposed at random among the community's buildings.",
    )
    patrol_ticket_minutes = fields.Integer(
        string="Minutes to Turn a Finding into a Ticket",
        default=30,
        help="A problem found on patrol is passed to the responsible department "
        "within this time (seed 001 §10: 30 minutes); past it the inspector "
        "and the Customer Service managers are alerted.",
    )

    @api.constrains("patrol_floor_count", "patrol_ticket_minutes")
    def _check_patrol_figures(self):
        for company in self:
            if company.patrol_floor_count < 1 or company.patrol_ticket_minutes < 1:
                raise ValidationError(
                    self.env._(
                        "A daily patrol checks at least one floor, and findings get "
                        "at least one minute."
                    )
                )
