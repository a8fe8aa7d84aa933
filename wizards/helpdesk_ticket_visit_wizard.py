from odoo import api, fields, models


class HelpdeskTicketVisitWizard(models.TransientModel):
    """Schedules a return visit by hand (after rescue work, a large community
    event) on a day, for a colleague. The rules live in the ticket's
    ``action_schedule_return_visit``."""

    _name = "helpdesk.ticket.visit.wizard"
    _description = "Schedule Return Visit"

    ticket_ids = fields.Many2many("helpdesk.ticket", string="Tickets", required=True)
    date = fields.Date(
        string="Visit On",
        required=True,
        default=lambda self: fields.Date.context_today(self),
    )
    user_id = fields.Many2one(
        "res.users",
        string="Return Visit By",
        required=True,
        domain="[('share', '=', False)]",
        default=lambda self: self._default_user(),
    )
    note = fields.Char(
        string="Occasion",
        help="Why the customer is visited, e.g. after the pipe burst rescue.",
    )

    @api.model
    def _default_user(self):
        team = (
            self.env["helpdesk.ticket.team"].sudo()._get_intake_team(self.env.company)
        )
        return team.user_id or self.env.user

    def action_schedule(self):
        self.ensure_one()
        self.ticket_ids.action_schedule_return_visit(
            self.date, self.user_id, self.note or ""
        )
        return {"type": "ir.actions.act_window_close"}
