from odoo import fields, models


class HelpdeskInfoDutyRosterPlanLine(models.TransientModel):
    """A person in the rotation of a month's roster, in turn order."""

    _name = "helpdesk.info.duty.roster.plan.line"
    _description = "Person in a Duty Rotation"
    _order = "sequence, id"

    plan_id = fields.Many2one(
        "helpdesk.info.duty.roster.plan", required=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    user_id = fields.Many2one(
        "res.users",
        string="On Duty",
        required=True,
        domain="[('share', '=', False)]",
    )
