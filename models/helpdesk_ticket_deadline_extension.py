from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class HelpdeskTicketDeadlineExtension(models.Model):
    """A request to extend a ticket's reply or resolution deadline. It takes
    effect only once a member of the approver group of the level (or the
    complaint grade) that set the deadline approves it."""

    _name = "helpdesk.ticket.deadline.extension"
    _description = "Deadline Extension Request"
    _inherit = ["helpdesk.info.guard.mixin"]
    _order = "id desc"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)
    deadline_type = fields.Selection(
        [("reply", "Reply Deadline"), ("resolve", "Resolution Deadline")],
        string="Deadline",
        required=True,
        default="reply",
    )
    current_deadline = fields.Datetime(
        string="Deadline When Requested", readonly=True, copy=False
    )
    new_deadline = fields.Datetime(string="Requested Deadline", required=True)
    reason = fields.Text(required=True)
    state = fields.Selection(
        [("requested", "Requested"), ("approved", "Approved"), ("refused", "Refused")],
        default="requested",
        required=True,
        readonly=True,
        copy=False,
    )
    approver_group_id = fields.Many2one(
        "res.groups",
        string="To Be Approved By",
        readonly=True,
        help="The group that approves extensions of the deadline: that of the "
        "ticket's problem level, or of its complaint grade when the grade set "
        "the deadline.",
    )
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    decided_on = fields.Datetime(readonly=True, copy=False)

    @api.constrains("new_deadline", "current_deadline")
    def _check_new_deadline(self):
        for request in self:
            if (
                request.current_deadline
                and request.new_deadline <= request.current_deadline
            ):
                raise ValidationError(
                    self.env._(
                        "An extension must move the deadline later than %s.",
                        request.ticket_id._format_datetime(request.current_deadline),
                    )
                )

    def _guarded_fields(self):
        # The deadline it extends and the group that decides come from the
        # ticket at creation; the decision from the buttons.
        return (
            dict.fromkeys(
                (
                    "state",
                    "decided_by_id",
                    "decided_on",
                    "approver_group_id",
                    "current_deadline",
                ),
                None,
            )
            | super()._guarded_fields()
        )

    def _frozen_fields(self):
        # A request stays with its ticket and deadline; a decided one no
        # longer changes.
        decided = dict.fromkeys(
            ("ticket_id", "deadline_type", "new_deadline", "reason"), None
        )
        return {
            "recorded": dict.fromkeys(("ticket_id", "deadline_type"), None),
            "approved": decided,
            "refused": decided,
        } | super()._frozen_fields()

    def _guard_frozen_hint(self, state):
        return self.env._("Ask for a new extension instead.")

    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        for request in requests:
            ticket = request.ticket_id
            # The group of whatever set the deadline: the problem level, or
            # the complaint grade when its deadline binds.
            rule = ticket._deadline_rule(request.deadline_type)
            if not rule:
                raise UserError(
                    self.env._(
                        "Set the ticket's problem level before asking for an extension."
                    )
                )
            request._write_by_action(
                {
                    "current_deadline": ticket[f"{request.deadline_type}_deadline"],
                    "approver_group_id": rule.extension_group_id.id,
                }
            )
            request._log(self.env._("Deadline extension requested"))
        return requests

    def action_approve(self):
        return self._decide("approved", self.env._("Deadline extension approved"))

    def action_refuse(self):
        return self._decide("refused", self.env._("Deadline extension refused"))

    def _decide(self, state, title):
        for request in self:
            if request.state != "requested":
                raise UserError(
                    self.env._("This extension request has already been decided.")
                )
            if not self.env.su and request.create_uid == self.env.user:
                raise AccessError(
                    self.env._("Nobody decides on their own extension request.")
                )
            group = request.approver_group_id
            if not self.env.su and group not in self.env.user.all_group_ids:
                raise AccessError(
                    self.env._(
                        "Only members of “%s” can decide on this extension.",
                        group.full_name,
                    )
                )
        # Checked above: a member of each request's approver group decides
        # requests that others wrote.
        self.sudo()._write_by_action(
            {
                "state": state,
                "decided_by_id": self.env.uid,
                "decided_on": fields.Datetime.now(),
            }
        )
        for request in self:
            request._log(title)
        return True

    def _log(self, title):
        ticket = self.ticket_id
        body = Markup("<p><b>%s</b>: %s → %s</p><p>%s</p>") % (
            title,
            dict(self._fields["deadline_type"]._description_selection(self.env))[
                self.deadline_type
            ],
            ticket._format_datetime(self.new_deadline),
            self.reason,
        )
        ticket.message_post(body=body, subtype_xmlid="mail.mt_note")
