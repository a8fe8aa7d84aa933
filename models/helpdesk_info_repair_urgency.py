from odoo import fields, models


class HelpdeskInfoRepairUrgency(models.Model):
    """How fast a repair must reach the owner's door: 特急 (emergency) within
    10 minutes, 急 (urgent) within 15, 一般 (ordinary) the same day or at the
    time agreed with the owner."""

    _name = "helpdesk.info.repair.urgency"
    _description = "Repair Urgency"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, help="Short stable identifier, used by integrations."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    arrival_minutes = fields.Integer(
        string="On Site Within (minutes)",
        help="Minutes, in calendar time around the clock, from the report to the "
        "worker's arrival on site. Zero: the appointment agreed with the owner, "
        "or else the end of the day the repair was reported.",
    )
    color = fields.Integer()

    _code_uniq = models.Constraint("UNIQUE(code)", "Each urgency has its own code.")
    _arrival_minutes_positive = models.Constraint(
        "CHECK(arrival_minutes >= 0)",
        "The minutes to arrive on site cannot be negative.",
    )
