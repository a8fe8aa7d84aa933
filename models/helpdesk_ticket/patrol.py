from odoo import fields, models


class HelpdeskTicket(models.Model):
    """The ticket a patrol finding became, and whether it came late
    (seed 001 §10: within 30 minutes)."""

    _inherit = "helpdesk.ticket"

    patrol_check_id = fields.Many2one(
        "helpdesk.info.patrol.check",
        string="Patrol Finding",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The problem found on a daily patrol this ticket was opened for.",
    )
    patrol_ticket_late = fields.Boolean(
        string="Opened Late after Patrol",
        readonly=True,
        copy=False,
        help="The ticket was opened after the time allowed for a patrol finding.",
    )
