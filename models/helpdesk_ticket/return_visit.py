from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

SATISFACTION = [
    ("1", "Very Dissatisfied"),
    ("2", "Dissatisfied"),
    ("3", "Neutral"),
    ("4", "Satisfied"),
    ("5", "Very Satisfied"),
]


class HelpdeskTicket(models.Model):
    """Return visit (回访, seed 001 §8): within a day of closing a repair,
    complaint, opinion or suggestion, a customer assistant asks whether the
    problem is solved, how satisfied the customer is and what else they have
    to say. The rate of visited closed tickets is reported (goal 100%)."""

    _inherit = "helpdesk.ticket"

    return_visit_required = fields.Boolean(
        related="type_id.return_visit_required",
        string="Return Visit Due After Closing",
        groups="base.group_user",
    )

    return_visit_date = fields.Datetime(
        string="Return Visit On",
        readonly=True,
        copy=False,
        tracking=True,
        groups="base.group_user",
    )
    return_visit_user_id = fields.Many2one(
        "res.users",
        string="Return Visit By",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )
    return_visit_solved = fields.Selection(
        [("yes", "Solved"), ("no", "Not Solved")],
        string="Problem Solved?",
        readonly=True,
        copy=False,
        tracking=True,
        groups="base.group_user",
    )
    return_visit_satisfaction = fields.Selection(
        SATISFACTION,
        string="Satisfaction",
        readonly=True,
        copy=False,
        tracking=True,
        groups="base.group_user",
    )
    return_visit_opinion = fields.Text(
        string="Further Opinions", readonly=True, copy=False, groups="base.group_user"
    )
    return_visit_score = fields.Integer(
        string="Satisfaction Score",
        compute="_compute_return_visit_report",
        store=True,
        aggregator="avg",
        groups="base.group_user",
        help="Satisfaction from 1 to 5 (0 before the visit); its average over "
        "visited tickets is the average satisfaction.",
    )
    return_visit_rate = fields.Integer(
        string="Return-Visit Rate (%)",
        compute="_compute_return_visit_report",
        store=True,
        aggregator="avg",
        groups="base.group_user",
        help="100 for a visited ticket, 0 for one that was not; its average over "
        "the closed tickets whose kind calls for a return visit is the "
        "return-visit rate (goal 100%).",
    )

    @api.depends("return_visit_date", "return_visit_satisfaction")
    def _compute_return_visit_report(self):
        for ticket in self:
            ticket.return_visit_score = int(ticket.return_visit_satisfaction or 0)
            ticket.return_visit_rate = 100 if ticket.return_visit_date else 0

    def _before_write_return_visit(self, vals):
        """Write: the tickets ``vals`` close."""
        if self._vals_close_ticket(vals):
            return self.filtered(lambda t: not t.closed)
        return self.browse()

    def _after_write_return_visit(self, closed):
        """Write: a return visit is due for the tickets just closed whose kind
        calls for one."""
        closed.filtered("return_visit_required")._schedule_return_visit()

    def _return_visit_assistants(self):
        """{ticket: the customer assistant who visits}: the assistant who
        recorded the ticket, else the community's Customer Service desk on
        duty, else the Customer Service Department's leader (seed 001 §8.3:
        客户助理负责回访)."""
        Users = self.env["res.users"]
        assistants = {
            company: Users._visit_quota_users(company) for company in self.company_id
        }
        on_duty = (
            self.env["helpdesk.info.duty.shift"]
            .sudo()
            ._on_duty(self.repair_community_id, ["cs_desk"], fallback=False)
        )
        Team = self.env["helpdesk.ticket.team"]
        leaders = {}
        chosen = {}
        for ticket in self:
            company = ticket.company_id
            if company not in leaders:
                leaders[company] = Team._get_intake_team(company).user_id
            recorder = ticket.create_uid
            desk = on_duty.get((ticket.repair_community_id, "cs_desk"), Users)
            chosen[ticket] = (
                (recorder if recorder in assistants.get(company, Users) else Users)
                or desk[:1]
                or leaders[company]
                or recorder
            )
        return chosen

    def _schedule_return_visit(self):
        tickets = self.filtered(lambda t: not t.return_visit_date)
        assistants = tickets._return_visit_assistants()
        for ticket in tickets:
            user = assistants[ticket]
            ticket.activity_schedule(
                "helpdesk_property_info.mail_activity_return_visit",
                date_deadline=fields.Date.context_today(ticket) + timedelta(days=1),
                summary=user._helpdesk_info_lang_env()._(
                    "Return visit: solved? satisfied? further opinions?"
                ),
                user_id=user.id,
            )

    def action_record_return_visit(self, solved, satisfaction, opinion=""):
        if solved not in ("yes", "no") or satisfaction not in dict(SATISFACTION):
            raise UserError(
                self.env._(
                    "Record whether the problem is solved and a satisfaction from 1 "
                    "to 5."
                )
            )
        for ticket in self:
            if not ticket.closed and not ticket.return_visit_manual:
                raise UserError(
                    self.env._(
                        "Ticket %s is not closed yet: visit the customer once it is, "
                        "or schedule a return visit by hand.",
                        ticket.number,
                    )
                )
        self._write_by_action(
            {
                "return_visit_date": fields.Datetime.now(),
                "return_visit_user_id": self.env.uid,
                "return_visit_solved": solved,
                "return_visit_satisfaction": satisfaction,
                "return_visit_opinion": opinion,
            }
        )
        labels = dict(
            self._fields["return_visit_satisfaction"]._description_selection(self.env)
        )
        for ticket in self:
            ticket.activity_feedback(
                ["helpdesk_property_info.mail_activity_return_visit"]
            )
            ticket.message_post(
                body=Markup("<p><b>%s</b></p><p>%s</p>")
                % (self.env._("Return visit: %s", labels[satisfaction]), opinion or ""),
                subtype_xmlid="mail.mt_note",
            )
        return True
