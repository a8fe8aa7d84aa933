from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    personal_data_retention_years = fields.Integer(
        string="Personal Data Retention (Years)",
        default=3,
        help="How many years after a ticket is closed the caller's personal data is "
        "kept; then the scheduler anonymises it. 0: kept until an erasure "
        "request.",
    )

    @api.constrains("personal_data_retention_years")
    def _check_personal_data_retention_years(self):
        for company in self:
            if company.personal_data_retention_years < 0:
                raise ValidationError(
                    self.env._("The retention period is a number of years, 0 or more.")
                )
