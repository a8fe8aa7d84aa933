from odoo import fields, models

from ..models.helpdesk_ticket.return_visit import SATISFACTION


class HelpdeskTicketRecordWizard(models.TransientModel):
    """Records what happens to a ticket outside the chatter: a reply by phone
    or in person, a leader's opinion, legal advice, a return visit. The rules
    live in the ticket's ``action_record_*`` methods."""

    _name = "helpdesk.ticket.record.wizard"
    _description = "Record on a Ticket"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", required=True, ondelete="cascade", index=True
    )
    kind = fields.Selection(
        [
            ("reply", "Reply"),
            ("leader_opinion", "Leader's Opinion"),
            ("counsel_advice", "Legal Advice"),
            ("return_visit", "Return Visit"),
        ],
        required=True,
    )
    reply_method = fields.Selection(
        [("phone", "Phone"), ("in_person", "In Person")], default="phone"
    )
    text = fields.Text()
    return_visit_solved = fields.Selection(
        [("yes", "Solved"), ("no", "Not Solved")], default="yes"
    )
    return_visit_satisfaction = fields.Selection(SATISFACTION, default="4")

    def action_record(self):
        self.ensure_one()
        ticket = self.ticket_id
        if self.kind == "reply":
            ticket.action_record_reply(self.reply_method, self.text)
        elif self.kind == "leader_opinion":
            ticket.action_record_leader_opinion(self.text)
        elif self.kind == "counsel_advice":
            ticket.action_record_counsel_advice(self.text)
        else:
            ticket.action_record_return_visit(
                self.return_visit_solved, self.return_visit_satisfaction, self.text
            )
        return {"type": "ir.actions.act_window_close"}
