from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

REPLY_STATES = [
    ("pending", "Awaiting Reply"),
    ("due_soon", "Due Soon"),
    ("overdue", "Overdue"),
    ("on_time", "Replied on Time"),
    ("late", "Replied Late"),
]
RESOLVE_STATES = [
    ("pending", "Being Resolved"),
    ("overdue", "Resolution Overdue"),
    ("on_time", "Resolved on Time"),
    ("late", "Resolved Late"),
]
DEADLINE_SOURCES = [("level", "Problem Level"), ("grade", "Complaint Grade")]
DEADLINE_KINDS = ("reply", "resolve")
REPLY_METHODS = [
    ("message", "Message"),
    ("phone", "Phone"),
    ("in_person", "In Person"),
    ("written", "Written Reply"),
]


class HelpdeskTicket(models.Model):
    """Problem level, reply and resolution deadlines (§4, §6.5), the reply
    itself, the resolution (the ticket's closing) watched like the reply, and
    deadline extensions approved by the group of whatever set the deadline.

    Deadlines come from the rules ``_deadline_rules`` returns: the problem
    level, and for a complaint its grade too (helpdesk_ticket/complaint.py).
    When several set one, the earliest binds, and ``*_deadline_source`` says
    which."""

    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "helpdesk.info.watcher.mixin"]

    intake_date = fields.Datetime(
        string="Received On",
        default=fields.Datetime.now,
        required=True,
        copy=False,
        tracking=True,
        help="When the information was received; deadlines run from here.",
    )
    level_id = fields.Many2one(
        comodel_name="helpdesk.info.level",
        string="Problem Level",
        compute="_compute_level_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        index=True,
        domain="[('company_id', 'in', [company_id, False])]",
        help="General, more complex or major problem: sets the reply and "
        "resolution deadlines and whether a leader's opinion is required.",
    )
    reply_deadline = fields.Datetime(
        compute="_compute_deadlines", store=True, tracking=True
    )
    resolve_deadline = fields.Datetime(
        string="Resolution Deadline",
        compute="_compute_deadlines",
        store=True,
        tracking=True,
    )
    reply_deadline_source = fields.Selection(
        DEADLINE_SOURCES,
        string="Reply Deadline Set By",
        compute="_compute_deadlines",
        store=True,
        help="The problem level or, for a complaint, its grade: the earlier "
        "deadline of the two binds, and its approvers decide on extensions.",
    )
    resolve_deadline_source = fields.Selection(
        DEADLINE_SOURCES,
        string="Resolution Deadline Set By",
        compute="_compute_deadlines",
        store=True,
        help="The problem level or, for a complaint, its grade: the earlier "
        "deadline of the two binds, and its approvers decide on extensions.",
    )
    replied_date = fields.Datetime(string="Replied On", copy=False, tracking=True)
    reply_method = fields.Selection(REPLY_METHODS, copy=False, tracking=True)
    reply_state = fields.Selection(
        REPLY_STATES,
        compute="_compute_reply_state",
        store=True,
        index=True,
    )
    reply_alert = fields.Selection(
        [("due_soon", "Due Soon"), ("overdue", "Overdue")],
        string="Last Deadline Alert",
        copy=False,
        groups="base.group_user",
        help="The last warning given, for the deadline in Alerted Deadline.",
    )
    reply_alert_deadline = fields.Datetime(
        string="Alerted Deadline",
        copy=False,
        groups="base.group_user",
        help="The reply deadline the last warning was given for: a new deadline "
        "starts without warnings, the same one is never warned twice.",
    )
    resolve_state = fields.Selection(
        RESOLVE_STATES,
        string="Resolution State",
        compute="_compute_resolve_state",
        store=True,
        index=True,
        help="Whether the ticket was closed (resolved) by its resolution "
        "deadline, is past it without being closed, or is still within it.",
    )
    resolve_alert = fields.Selection(
        [("due_soon", "Due Soon"), ("overdue", "Overdue")],
        string="Last Resolution Alert",
        copy=False,
        groups="base.group_user",
        help="The last warning given, for the deadline in Alerted Resolution Deadline.",
    )
    resolve_alert_deadline = fields.Datetime(
        string="Alerted Resolution Deadline",
        copy=False,
        groups="base.group_user",
        help="The resolution deadline the last warning was given for.",
    )
    deadline_next_check = fields.Datetime(
        compute="_compute_deadline_next_check",
        store=True,
        copy=False,
        groups="base.group_user",
        help="When the deadline watcher next has something to do for this ticket.",
    )
    extension_ids = fields.One2many(
        "helpdesk.ticket.deadline.extension",
        "ticket_id",
        string="Deadline Extensions",
        groups="base.group_user",
    )

    _deadline_next_check_idx = models.Index(
        "(deadline_next_check) WHERE deadline_next_check IS NOT NULL"
    )

    @api.depends("company_id")
    def _compute_level_id(self):
        Level = self.env["helpdesk.info.level"]
        defaults = {}
        for ticket in self.filtered(lambda t: not t.level_id):
            company = ticket.company_id or self.env.company
            if company not in defaults:
                defaults[company] = Level._default_level(company)
            ticket.level_id = defaults[company]

    def _deadline_rules(self):
        """{source: rule} of the rules setting this ticket's deadlines; a rule
        has the allowance fields of a problem level."""
        self.ensure_one()
        return {"level": self.level_id} if self.level_id else {}

    def _deadline_candidates(self, kind, candidates):
        """Adjust {source: deadline} of ``kind`` before the earliest binds."""
        return candidates

    def _deadline_rule(self, kind):
        """The rule whose deadline of ``kind`` binds (a level or a grade)."""
        self.ensure_one()
        source = self[f"{kind}_deadline_source"]
        rule = self._deadline_rules().get(source) if source else None
        return rule or self.level_id

    def _deadline_basis(self, kind, rule):
        """(basis, calendar) the deadline of ``kind`` that ``rule`` sets is
        counted in: the team's basis when it imposes one, else the rule's;
        the team's working hours in working time, the company's service
        centre hours in service centre hours."""
        self.ensure_one()
        basis = self.team_id[f"{kind}_basis"]
        if not basis or basis == "rule":
            basis = rule[f"{kind}_basis"]
        if basis == "working":
            return basis, self.team_id.resource_calendar_id
        if basis == "staffed":
            company = self.company_id or self.env.company
            return basis, company.service_centre_calendar_id
        return basis, False

    @api.depends(
        "intake_date",
        "level_id",
        "company_id",
        "team_id.resource_calendar_id",
        "extension_ids.state",
        "extension_ids.new_deadline",
    )
    def _compute_deadlines(self):
        requests = {}
        for ticket in self:
            if not ticket.intake_date:
                continue
            for source, rule in ticket._deadline_rules().items():
                for kind in DEADLINE_KINDS:
                    if rule[f"{kind}_allowance"]:
                        requests[ticket, kind, source] = (
                            ticket.intake_date,
                            rule,
                            kind,
                            *ticket._deadline_basis(kind, rule),
                        )
        deadlines = self.env["helpdesk.info.level"]._compute_deadlines(requests)
        order = [source for source, _label in reversed(DEADLINE_SOURCES)]
        for ticket in self:
            for kind in DEADLINE_KINDS:
                candidates = ticket._deadline_candidates(
                    kind,
                    {
                        source: deadlines[ticket, kind, source]
                        for source in order
                        if (ticket, kind, source) in deadlines
                    },
                )
                # The earliest binds; on a tie, the more specific rule (the grade).
                source = min(
                    candidates,
                    key=lambda s: (candidates[s], order.index(s)),
                    default=False,
                )
                deadline = candidates.get(source, False)
                extended = ticket.extension_ids.filtered(
                    lambda e, kind=kind: (
                        e.state == "approved" and e.deadline_type == kind
                    )
                ).mapped("new_deadline")
                if deadline and extended:
                    deadline = max([deadline, *extended])
                ticket[f"{kind}_deadline"] = deadline
                ticket[f"{kind}_deadline_source"] = source

    @api.depends(
        "replied_date",
        "reply_deadline",
        "reply_alert",
        "reply_alert_deadline",
        "level_id.due_soon_hours",
        "reply_deadline_source",
    )
    def _compute_reply_state(self):
        now = fields.Datetime.now()
        for ticket in self:
            deadline = ticket.reply_deadline
            if ticket.replied_date:
                late = deadline and ticket.replied_date > deadline
                ticket.reply_state = "late" if late else "on_time"
            elif deadline and now >= deadline:
                ticket.reply_state = "overdue"
            elif deadline and now >= deadline - ticket._due_soon_delta("reply"):
                ticket.reply_state = "due_soon"
            else:
                ticket.reply_state = "pending"

    def _resolved_date(self):
        """When the ticket was resolved: its closing, while it stays closed."""
        self.ensure_one()
        return self.stage_id.closed and self.closed_date

    @api.depends(
        "stage_id.closed",
        "closed_date",
        "resolve_deadline",
        "resolve_alert",
        "resolve_alert_deadline",
    )
    def _compute_resolve_state(self):
        now = fields.Datetime.now()
        for ticket in self:
            deadline = ticket.resolve_deadline
            resolved = ticket._resolved_date()
            if resolved:
                ticket.resolve_state = (
                    "late" if deadline and resolved > deadline else "on_time"
                )
            elif deadline and now >= deadline:
                ticket.resolve_state = "overdue"
            else:
                ticket.resolve_state = "pending"

    @api.depends(
        "replied_date",
        "reply_deadline",
        "reply_alert",
        "reply_alert_deadline",
        "level_id.due_soon_hours",
        "reply_deadline_source",
        "resolve_deadline_source",
        "stage_id.closed",
        "closed_date",
        "resolve_deadline",
        "resolve_alert",
        "resolve_alert_deadline",
    )
    def _compute_deadline_next_check(self):
        for ticket in self:
            checks = [ticket._next_check(kind) for kind in DEADLINE_KINDS]
            ticket.deadline_next_check = min(filter(None, checks), default=False)

    def _deadline_done(self, kind):
        """Whether the deadline of ``kind`` was met one way or another: the
        reply given, the ticket resolved."""
        self.ensure_one()
        return bool(self.replied_date if kind == "reply" else self._resolved_date())

    def _next_check(self, kind):
        """When the watcher next has something to do about the deadline of
        ``kind``, or False."""
        deadline = self[f"{kind}_deadline"]
        alert = self._current_alert(kind)
        if self._deadline_done(kind) or not deadline or alert == "overdue":
            return False
        if alert == "due_soon":
            return deadline
        return deadline - self._due_soon_delta(kind)

    def _current_alert(self, kind="reply"):
        """The warning already given for the current deadline of ``kind``, if any."""
        self.ensure_one()
        alert = self[f"{kind}_alert"]
        if alert and self[f"{kind}_alert_deadline"] == self[f"{kind}_deadline"]:
            return alert
        return False

    def _due_soon_delta(self, kind="reply"):
        return timedelta(hours=self._deadline_rule(kind).due_soon_hours or 0)

    # ------------------------------------------------------------------
    # Reply
    # ------------------------------------------------------------------

    def _register_reply(self, method):
        """Record the first reply to the customer; later ones change nothing."""
        now = fields.Datetime.now()
        for ticket in self.filtered(lambda t: not t.replied_date):
            ticket._write_by_action({"replied_date": now, "reply_method": method})

    def action_record_reply(self, method, note=""):
        """Record a reply given by phone or in person (not by message)."""
        allowed = dict(REPLY_METHODS)
        if method not in ("phone", "in_person"):
            raise UserError(
                self.env._(
                    "Record a reply by phone or in person here; messages and "
                    "written replies are recorded when they are sent."
                )
            )
        self._check_reply_allowed(method)
        self._register_reply(method)
        for ticket in self:
            ticket.message_post(
                body=self.env._(
                    "Replied to the customer: %(method)s. %(note)s",
                    method=allowed[method],
                    note=note or "",
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_open_record_wizard(self):
        """Open the dialog that records a reply, an opinion, advice or a visit;
        the button says which in the context key ``record_kind``."""
        self.ensure_one()
        kind = self.env.context.get("record_kind", "reply")
        Wizard = self.env["helpdesk.ticket.record.wizard"]
        kinds = dict(Wizard._fields["kind"]._description_selection(self.env))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record the %s", kinds.get(kind, "")),
            "res_model": "helpdesk.ticket.record.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id, "default_kind": kind},
        }

    def action_request_extension(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Request a Deadline Extension"),
            "res_model": "helpdesk.ticket.deadline.extension",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    @api.model
    def _cron_watch_deadlines(self, batch_size=200):
        """Warn before the reply and resolution deadlines and escalate when
        they pass.

        Selects only the tickets whose next check has come, through the
        partial index on ``deadline_next_check``. Each handled ticket leaves
        that selection, and each batch is committed whole, so an interrupted
        run resumes where it stopped and a repeated one does nothing twice.
        A ticket that fails is logged and left for the next run; the others
        go on.
        """
        # All the batch's activities are created at once; ticket by ticket
        # only when the batch fails.
        return self._watch_next_checks(
            "deadline_next_check", "_watch_deadlines", batch_size, whole_batch=True
        )

    def _watch_deadlines(self):
        """Give each ticket the warnings its reply and resolution deadlines
        call for, each once."""
        activities = []
        for kind in DEADLINE_KINDS:
            activities += self._watch_deadline(kind)
        # Activities appear in the assignees' activity menus; no e-mail each.
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            activities
        )

    def _watch_deadline(self, kind):
        """Warn the assignee before the deadline of ``kind`` and escalate to the
        team leader and, through the duty roster, the community's manager on
        call (and, for a reply, its Customer Service desk on duty), else the
        Customer Service managers, once it passes; the leaders too where the
        level or the complaint grade wants their opinion.
        Marks the tickets alerted; returns the activities' values."""
        now = fields.Datetime.now()
        warn, escalate = self.browse(), self.browse()
        for ticket in self:
            deadline = ticket[f"{kind}_deadline"]
            if ticket._deadline_done(kind) or not deadline:
                continue
            alert = ticket._current_alert(kind)
            if now >= deadline and alert != "overdue":
                escalate |= ticket
            elif now >= deadline - ticket._due_soon_delta(kind) and not alert:
                warn |= ticket
        if kind == "reply":
            soon_type, overdue_type = (
                "mail_activity_reply_due_soon",
                "mail_activity_reply_overdue",
            )
            soon_text, overdue_text = (
                _lt("Reply due by %s"),
                _lt("Reply overdue since %s"),
            )
        else:
            soon_type, overdue_type = (
                "mail_activity_resolve_due_soon",
                "mail_activity_resolve_overdue",
            )
            soon_text = _lt("Resolution due by %s")
            overdue_text = _lt("Resolution overdue since %s")
        activities = []
        for ticket in warn:
            user = ticket.user_id or ticket.team_id.user_id or self.env.user
            when = ticket._format_datetime(ticket[f"{kind}_deadline"])
            activities.append(
                ticket._deadline_activity_vals(
                    soon_type,
                    user,
                    # pylint: disable-next=translation-not-lazy  # a lazy term takes no argument
                    user._helpdesk_info_lang_env()._(soon_text) % when,
                )
            )
        # An overdue reply also goes to the Customer Service desk on duty,
        # who answer the hotline.
        recipients = self.env["helpdesk.info.duty.shift"]._alert_recipients(
            escalate,
            lambda ticket: ticket.repair_community_id,
            ("cs_desk",) if kind == "reply" else (),
        )
        leaders = escalate.company_id._helpdesk_info_alert_users("group_company_leader")
        for ticket in escalate:
            users = ticket.team_id.user_id | recipients[ticket]
            if ticket._leader_opinion_required():
                users |= leaders.filtered(
                    lambda u, t=ticket: t.company_id in u.company_ids
                )
            when = ticket._format_datetime(ticket[f"{kind}_deadline"])
            activities += [
                ticket._deadline_activity_vals(
                    overdue_type,
                    user,
                    # pylint: disable-next=translation-not-lazy  # a lazy term takes no argument
                    user._helpdesk_info_lang_env()._(overdue_text) % when,
                )
                for user in users or self.env.user
            ]
        for alert, tickets in (("due_soon", warn), ("overdue", escalate)):
            for deadline, group in tickets.grouped(f"{kind}_deadline").items():
                group._write_by_action(
                    {f"{kind}_alert": alert, f"{kind}_alert_deadline": deadline}
                )
        return activities
