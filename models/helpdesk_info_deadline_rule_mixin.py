from odoo import fields, models

ALLOWANCE_UNITS = [("hours", "Hours"), ("days", "Days")]
TIME_BASES = [
    ("staffed", "Service Centre Hours"),
    ("working", "Working Time"),
    ("calendar", "Calendar Time"),
]
BASIS_HELP = (
    "Service centre hours: the hours the company's service centre is staffed "
    "(Settings), holidays included, as its duty roster staffs them. Working "
    "time: the team's working hours, without the company's holidays and with "
    "China's make-up workdays, in the team's time zone. Calendar time: every "
    "hour. A day counts the hours per day of the calendar used; a team may "
    "impose its own basis."
)


class HelpdeskInfoDeadlineRuleMixin(models.AbstractModel):
    """What sets a ticket's deadlines: the time allowed to reply and to
    resolve, in service centre hours, working time or calendar time (a
    team may impose its own basis), the warning before them, the
    leader's opinion and who approves extensions. Problem levels and
    complaint grades are such rules; the levels' planner
    (``helpdesk.info.level._compute_deadlines``) computes the deadlines of
    any of them."""

    _name = "helpdesk.info.deadline.rule.mixin"
    _description = "Deadline Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, help="Short stable identifier, used by integrations."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    reply_allowance = fields.Float(
        required=True,
        default=1,
        help="Time allowed, from the intake, to give the customer a reply.",
    )
    reply_unit = fields.Selection(ALLOWANCE_UNITS, required=True, default="days")
    reply_basis = fields.Selection(
        TIME_BASES,
        required=True,
        default="staffed",
        help=BASIS_HELP,
    )
    resolve_unit = fields.Selection(ALLOWANCE_UNITS, required=True, default="days")
    due_soon_hours = fields.Float(
        string="Due-Soon Warning (hours)",
        default=4,
        help="How many hours before the reply or the resolution deadline the "
        "assignee is warned.",
    )
    leader_opinion_required = fields.Boolean(
        string="Leader's Opinion Required",
        help="A company leader records an opinion before the ticket is answered "
        "in writing or closed; the leaders get an activity for it.",
    )
    extension_group_id = fields.Many2one(
        comodel_name="res.groups",
        string="Extension Approved By",
        required=True,
        default=lambda self: self.env.ref(
            "helpdesk_property_info.group_cs_manager", raise_if_not_found=False
        ),
        help="Members of this group approve a request to extend a deadline.",
    )

    def _allowance_hours(self, kind, calendar):
        """Allowance of ``kind`` ('reply' or 'resolve') in hours: a day counts
        the hours per day of ``calendar``, the calendar its hours are counted
        in (none: calendar time, 24 hours)."""
        self.ensure_one()
        amount = self[f"{kind}_allowance"]
        if self[f"{kind}_unit"] == "hours":
            return amount
        if calendar:
            return amount * (calendar.hours_per_day or 8)
        return amount * 24
