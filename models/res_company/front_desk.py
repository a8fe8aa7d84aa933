from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    """The front desk's figures: whether owners are told at intake
    (seed 004 第五条.3) and how long a parcel waits before the front desk on
    duty is told (seed 002)."""

    _inherit = "res.company"

    intake_notice_owner = fields.Boolean(
        string="Tell Owners at Intake",
        default=True,
        help="When a ticket is recorded for a customer, the customer is told "
        "its number, the promised reply time and how the answer will come: by "
        "e-mail when they have an e-mail address, else by a text message "
        "prepared for the SMS provider.",
    )
    parcel_wait_days = fields.Integer(
        string="Days a Parcel Waits",
        default=7,
        help="A parcel or letter not collected within these days of its "
        "receipt is reported, once, to the front desk on duty.",
    )

    @api.constrains("parcel_wait_days")
    def _check_parcel_wait_days(self):
        for company in self:
            if company.parcel_wait_days < 1:
                raise ValidationError(
                    self.env._("A parcel waits at least one day before it is reported.")
                )
