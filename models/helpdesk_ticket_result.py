from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from .helpdesk_info_approval_mixin import APPROVAL_STATES

RESULT_REPLY_METHODS = [
    ("phone", "Phone"),
    ("in_person", "In Person"),
    ("form", "Acceptance and Reply Form"),
]
RESULT_REPLY_STATES = [
    ("waiting", "Waiting Approval"),
    ("pending", "To Reply Today"),
    ("due_soon", "Due Soon"),
    ("overdue", "Overdue"),
    ("on_time", "Replied on Time"),
    ("late", "Replied Late"),
]
# What the approval covers: it no longer changes once asked for.
RESULT_CONTENT_FIELDS = {"ticket_id", "result"}


class HelpdeskTicketResult(models.Model):
    """The handling result of a complaint (seed 001 §7, 回复处理意见): the
    handler writes what was done, the Customer Service manager (客户经理)
    approves it through tier validation, and the result is replied to the
    customer on the day of the approval, with the Acceptance and Reply Form
    (《客户建议/意见受理回复表》).

    A document of its own rather than tier validation on the ticket:
    base_tier_validation freezes a record under validation and removes its
    reviews when its state moves, so on the ticket it would block the
    routing, deadline, repair and chatter writes that go on while the
    manager decides, and a stage change would wipe the approval.
    """

    _name = "helpdesk.ticket.result"
    _description = "Complaint Handling Result"
    _inherit = ["helpdesk.info.approval.mixin", "helpdesk.info.watcher.mixin"]
    _order = "id desc"
    _check_company_auto = True

    _cancel_state = "cancel"
    _requester_field = "handler_id"

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Complaint",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        related="ticket_id.company_id", store=True, index=True, string="Company"
    )
    result = fields.Text(
        string="Handling Result",
        required=True,
        tracking=True,
        help="What the complained-about department did and what the customer is told.",
    )
    handler_id = fields.Many2one(
        "res.users",
        string="Handled By",
        required=True,
        default=lambda self: self.env.user,
        readonly=True,
        tracking=True,
        help="Who wrote the result and asks for its approval; never its approver.",
    )
    state = fields.Selection(
        APPROVAL_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    reply_deadline = fields.Datetime(
        string="Reply By",
        readonly=True,
        copy=False,
        help="The end of the working day of the approval: the customer hears the "
        "result that day.",
    )
    replied_date = fields.Datetime(
        string="Replied On", readonly=True, copy=False, tracking=True
    )
    reply_method = fields.Selection(
        RESULT_REPLY_METHODS, readonly=True, copy=False, tracking=True
    )
    reply_state = fields.Selection(
        RESULT_REPLY_STATES,
        compute="_compute_reply_state",
        store=True,
        index=True,
    )
    reply_alert = fields.Selection(
        [("due_soon", "Due Soon"), ("overdue", "Overdue")],
        string="Last Reply Alert",
        readonly=True,
        copy=False,
    )
    reply_next_check = fields.Datetime(
        compute="_compute_reply_next_check",
        store=True,
        copy=False,
        help="When the deadline watcher next has something to do for this result's "
        "reply.",
    )

    ticket_readable = fields.Boolean(
        compute="_compute_ticket_readable",
        search="_search_ticket_readable",
        help="The current user reads the complaint.",
    )

    _ticket_uniq = models.UniqueIndex(
        "(ticket_id)",
        "A complaint has one handling result: revise it rather than writing another.",
    )
    _reply_next_check_idx = models.Index(
        "(reply_next_check) WHERE reply_next_check IS NOT NULL"
    )

    def _compute_ticket_readable(self):
        readable = self.search([("id", "in", self.ids), ("ticket_readable", "=", True)])
        for record in self:
            record.ticket_readable = record in readable

    def _search_ticket_readable(self, operator, value):
        # Record rules call this as the user, under sudo: the ticket's rules
        # are applied without it.
        if operator not in ("in", "not in"):
            return NotImplemented
        Ticket = self.env(su=False)["helpdesk.ticket"]
        domain = (
            Domain("ticket_id", "in", Ticket._search([]))
            if Ticket.has_access("read")
            else Domain.FALSE
        )
        return domain if (operator == "in") == (True in value) else ~domain

    @api.depends("ticket_id.number")
    def _compute_display_name(self):
        for record in self:
            record.display_name = self.env._(
                "Handling Result of %s",
                record.ticket_id.number or record.ticket_id.display_name or "",
            )

    @api.depends("state", "reply_deadline", "replied_date", "reply_alert")
    def _compute_reply_state(self):
        now = fields.Datetime.now()
        for record in self:
            deadline = record.reply_deadline
            if record.replied_date:
                late = deadline and record.replied_date > deadline
                record.reply_state = "late" if late else "on_time"
            elif record.state != "approved" or not deadline:
                record.reply_state = "waiting"
            elif now >= deadline or record.reply_alert == "overdue":
                record.reply_state = "overdue"
            elif (
                now >= deadline - record._due_soon_delta()
                or record.reply_alert == "due_soon"
            ):
                record.reply_state = "due_soon"
            else:
                record.reply_state = "pending"

    @api.depends("state", "reply_deadline", "replied_date", "reply_alert")
    def _compute_reply_next_check(self):
        for record in self:
            deadline = record.reply_deadline
            if (
                record.state != "approved"
                or record.replied_date
                or not deadline
                or record.reply_alert == "overdue"
            ):
                record.reply_next_check = False
            elif record.reply_alert == "due_soon":
                record.reply_next_check = deadline
            else:
                record.reply_next_check = deadline - record._due_soon_delta()

    def _due_soon_delta(self):
        return timedelta(hours=self.ticket_id.level_id.due_soon_hours or 0)

    @api.constrains("ticket_id")
    def _check_complaint(self):
        for record in self:
            if not record.ticket_id._result_approval_required():
                raise ValidationError(
                    self.env._(
                        "Ticket %s is not a complaint: only complaints have a "
                        "handling result approved.",
                        record.ticket_id.number,
                    )
                )

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------

    def _guarded_fields(self):
        # The reply and the watcher's markers follow from the buttons.
        return (
            dict.fromkeys(
                (
                    "reply_deadline",
                    "replied_date",
                    "reply_method",
                    "reply_state",
                    "reply_alert",
                    "reply_next_check",
                ),
                None,
            )
            | super()._guarded_fields()
        )

    def _approval_content_fields(self):
        return RESULT_CONTENT_FIELDS

    # ------------------------------------------------------------------
    # Approval
    # ------------------------------------------------------------------

    # pylint: disable-next=missing-return  # a check: raises, returns nothing
    def _check_submittable(self):
        super()._check_submittable()
        if any(not (record.result or "").strip() for record in self):
            raise UserError(
                self.env._("Write the handling result before asking for its approval.")
            )

    def _after_rejection(self):
        self.ticket_id.message_post(
            body=self.env._(
                "Handling result rejected: %s", self.rejection_reason or ""
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _approval_vals(self, approver, now):
        return super()._approval_vals(approver, now) | {
            "reply_deadline": self.ticket_id._end_of_working_day(now),
            "reply_alert": False,
        }

    def _after_approval(self):
        self.ticket_id.message_post(
            body=self.env._(
                "Handling result approved by %(manager)s: reply to the customer by "
                "%(deadline)s.",
                manager=self.approved_by_id.name,
                deadline=self.ticket_id._format_datetime(self.reply_deadline),
            ),
            subtype_xmlid="mail.mt_note",
        )

    # ------------------------------------------------------------------
    # The reply to the customer
    # ------------------------------------------------------------------

    def action_record_reply(self, method, note=""):
        """Record that the approved result was told to the customer."""
        methods = dict(self._fields["reply_method"]._description_selection(self.env))
        if method not in methods:
            raise UserError(
                self.env._(
                    "Tell how the customer heard the result: by phone, in person or "
                    "with the form."
                )
            )
        self.check_access("write")
        for record in self:
            if record.state != "approved":
                raise UserError(
                    self.env._(
                        "%s is not approved: the customer hears an approved result "
                        "only.",
                        record.display_name,
                    )
                )
            if record.replied_date:
                raise UserError(
                    self.env._(
                        "The result of %s was already replied.", record.ticket_id.number
                    )
                )
        self._write_by_action(
            {"replied_date": fields.Datetime.now(), "reply_method": method}
        )
        for record in self:
            record.ticket_id.message_post(
                body=self.env._(
                    "Handling result replied to the customer: %(method)s. %(note)s",
                    method=methods[method],
                    note=note or "",
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_record_reply_button(self):
        """The form's reply buttons: the method in ``result_reply_method``."""
        return self.action_record_reply(self.env.context.get("result_reply_method"))

    def _reply_form_lang(self):
        self.ensure_one()
        return self.ticket_id._printed_form_lang()

    def _reply_form_tz(self):
        self.ensure_one()
        return self.ticket_id._printed_form_tz()

    def _reply_form_filename(self):
        self.ensure_one()
        number = (self.ticket_id.number or str(self.ticket_id.id)).replace("/", "-")
        return self.env._("Acceptance and Reply Form %s", number)

    # ------------------------------------------------------------------
    # Watcher: called by the deadline watcher's scheduled action
    # ------------------------------------------------------------------

    @api.model
    def _watch_result_replies(self, batch_size=200):
        """Warn before, and escalate after, the same-day reply of an approved
        result. One indexed query when nothing is due (``reply_next_check``);
        each result leaves the selection once warned, so nothing is warned
        twice. Each batch is handled whole, so that the duty roster is asked
        once for it; result by result only when the batch fails."""
        self._watch_next_checks(
            "reply_next_check", "_watch_reply", batch_size, whole_batch=True
        )

    def _watch_reply(self):
        """Warn the handler and the ticket's assignee before the deadline;
        once it has passed, also the community's manager on call at that
        minute (the duty roster), else the Customer Service managers."""
        now = fields.Datetime.now()
        due = self.filtered(
            lambda r: not r.replied_date and r.reply_deadline and r.state == "approved"
        )
        overdue = due.filtered(lambda r: now >= r.reply_deadline)
        recipients = self.env["helpdesk.info.duty.shift"]._alert_recipients(
            overdue, lambda result: result.ticket_id.repair_community_id
        )

        def overdue_summary(env, when):
            return env._("Approved result not replied since %s", when)

        def due_soon_summary(env, when):
            return env._("Reply the approved result by %s", when)

        activities = []
        for result in due:
            ticket = result.ticket_id
            when = ticket._format_datetime(result.reply_deadline)
            users = result.handler_id | ticket.user_id
            if result in overdue:
                users = (users | recipients[result]).filtered(
                    lambda u, t=ticket: not u.share and t.company_id in u.company_ids
                )
                summary, xmlid = overdue_summary, "mail_activity_reply_overdue"
            else:
                summary, xmlid = due_soon_summary, "mail_activity_reply_due_soon"
            activities += [
                ticket._deadline_activity_vals(
                    xmlid, user, summary(user._helpdesk_info_lang_env(), when)
                )
                for user in users or self.env.user
            ]
            # The chatter in the company's language when the job runs
            # without one.
            ticket.message_post(
                body=Markup("<p>%s</p>")
                % summary(ticket.company_id._helpdesk_info_lang_env(), when),
                subtype_xmlid="mail.mt_note",
            )
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            activities
        )
        (due - overdue)._write_by_action({"reply_alert": "due_soon"})
        overdue._write_by_action({"reply_alert": "overdue"})
