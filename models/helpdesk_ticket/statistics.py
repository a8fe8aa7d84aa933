from odoo import api, fields, models


class HelpdeskTicket(models.Model):
    """What the weekly and monthly statistics (§6, §9) read from tickets: the
    period is the intake date (or the closing date for return visits), so both
    are indexed with the company and the team the reports are made for."""

    _inherit = "helpdesk.ticket"

    reply_on_time_rate = fields.Integer(
        string="On-Time Reply Rate (%)",
        compute="_compute_reply_on_time_rate",
        store=True,
        aggregator="avg",
        help="100 for a ticket replied on time, 0 for one replied late or "
        "overdue; its average over tickets whose reply was due or given (filter "
        "Reply Due or Given) is the on-time reply rate.",
    )

    _company_intake_idx = models.Index("(company_id, intake_date)")
    _team_intake_idx = models.Index("(team_id, intake_date) WHERE team_id IS NOT NULL")
    _company_closed_idx = models.Index(
        "(company_id, closed_date) WHERE closed_date IS NOT NULL"
    )

    @api.depends("reply_state")
    def _compute_reply_on_time_rate(self):
        for ticket in self:
            ticket.reply_on_time_rate = 100 if ticket.reply_state == "on_time" else 0
