from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    duty_handover_accept_minutes = fields.Integer(
        string="Minutes to Accept a Handover",
        default=30,
        help="A shift's handover is accepted by the next shift within these "
        "minutes of its start; past them the community's manager on call (or "
        "else the Customer Service managers) is told.",
    )

    @api.constrains("duty_handover_accept_minutes")
    def _check_duty_handover_accept_minutes(self):
        for company in self:
            if company.duty_handover_accept_minutes < 1:
                raise ValidationError(
                    self.env._("A handover gets at least one minute to be accepted.")
                )
