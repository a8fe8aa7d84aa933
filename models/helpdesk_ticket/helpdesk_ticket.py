from odoo import api, fields, models

CS_MANAGER = "helpdesk_property_info.group_cs_manager"
COMPANY_LEADER = "helpdesk_property_info.group_company_leader"
LEGAL_COUNSEL = "helpdesk_property_info.group_legal_counsel"
DISPATCHER_GROUPS = (
    "helpdesk_property_info.group_cs_agent,"
    "helpdesk_property_info.group_department_handler"
)

# Grades (by code) that make a complaint an important one, besides the
# complaints recorded as important information.
IMPORTANT_GRADE_CODES = ("important", "major")
# A repair whose worker is on site or past it.
REPAIR_STARTED_STATES = ("on_site", "done", "confirmed")
# Who the caller is and how to reach them: erased once the retention period
# is over or the person's erasure request is approved
# (helpdesk_ticket/retention.py). What the ticket was about (kind, category,
# source, level, deadlines, states) stays, so the statistics keep counting it.
TICKET_PERSONAL_FIELDS = (
    "contact_name",
    "partner_name",
    "contact_phone",
    "room_number",
    "unit_id",
    "partner_email",
    "contact_wechat",
    "email_cc",
)

# Fields only the ticket's actions (and the server) write, by concern.
ACTION_ONLY_FIELDS = (
    # deadlines: the reply is recorded when it is given, the deadlines follow
    # from the level and the approved extensions, the watcher's markers are
    # its own
    "replied_date",
    "reply_method",
    "reply_deadline",
    "resolve_deadline",
    "reply_state",
    "reply_alert",
    "reply_alert_deadline",
    "deadline_next_check",
    "reply_deadline_source",
    "resolve_deadline_source",
    "resolve_state",
    "resolve_alert",
    "resolve_alert_deadline",
    # escalation: the opinions are recorded by their buttons, in their
    # author's name; the rest follows from the level, the risk and them
    "leader_opinion",
    "leader_opinion_user_id",
    "leader_opinion_date",
    "counsel_advice",
    "counsel_user_id",
    "counsel_date",
    "escalated",
    "awaiting_leader_opinion",
    "awaiting_counsel",
    # return visit: recorded by its button, in the visitor's name; due when
    # the ticket closes or a visit is scheduled, watched by the watcher
    "return_visit_date",
    "return_visit_user_id",
    "return_visit_solved",
    "return_visit_satisfaction",
    "return_visit_opinion",
    "return_visit_score",
    "return_visit_rate",
    "return_visit_due_date",
    "return_visit_manual",
    "return_visit_alerted",
    "return_visit_state",
    "return_visit_next_check",
    # repair: the order moves through its buttons; the deadline follows from
    # the urgency and the appointment, the watcher's marker is its own
    "repair_state",
    "repair_dispatch_date",
    "repair_accept_date",
    "repair_arrival_date",
    "repair_done_date",
    "repair_confirm_date",
    "arrival_deadline",
    "repair_late_alerted",
    "repair_next_check",
    "repair_arrival_minutes",
    "repair_on_time",
    "is_repair",
    # paid repair: agreed and invoiced by the buttons
    "repair_fee_agreed_date",
    "repair_fee_agreed_by_id",
    "repair_invoice_id",
    "repair_invoice_status",
    "repair_fee",
    # retention: written by the anonymisation only
    "anonymised_date",
    # customer visit: set by the visit's "Turn into Ticket" only, a forged
    # link would make a visit's opinion look handled
    "customer_visit_id",
    # patrol: set when a patrol finding becomes a ticket
    "patrol_check_id",
    "patrol_ticket_late",
    # intake notice: how the customer was told, and the text message
    "intake_notice_channel",
    "intake_notice_sms",
    # reporting upward: the mark of a notice not given yet
    "important_notice_pending",
)


class HelpdeskTicket(models.Model):
    """The ticket in one place: what happens, in order, when a ticket is
    created or written, each concern of the standard (intake, routing,
    deadlines, escalation, complaint, return visit, repair, personal data …)
    filling the named hooks it defines in its own file
    (``helpdesk_ticket_<concern>.py``); which fields only actions write and
    which freeze in which state; and the helpers the concerns share.

    Loaded before every concern file and inheriting the mixins they use, so
    that nothing depends on the order the concern files load in: the concern
    files define hooks only, never ``create`` or ``write``, and the guard
    (``helpdesk.info.guard.mixin``) checks the values these methods pass
    down, just before they are stored."""

    _name = "helpdesk.ticket"
    _inherit = [
        "helpdesk.ticket",
        "helpdesk.info.guard.mixin",
        "helpdesk.info.watcher.mixin",
        "helpdesk.info.personal.data.mixin",
    ]

    # ------------------------------------------------------------------
    # Create and write
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # What is recorded: completed and checked before the insert, so that
        # team, stage and deadlines are computed once.
        self._prepare_unit_vals(vals_list)
        self._prepare_routing_vals(vals_list)
        self._prepare_intake_vals(vals_list)
        self._prepare_upward_vals(vals_list)
        self._check_litigation_risk_vals(vals_list)
        # The insert: the guard refuses action-only fields here.
        tickets = super().create(vals_list)
        # A ticket no rule routed lands at the intake team.
        tickets._after_create_intake()
        # Created straight into a closed stage: the gates of closing.
        tickets._check_close_escalation(created=True)
        tickets._check_close_result(created=True)
        # What follows from it.
        tickets._after_create_escalation()
        tickets._after_create_upward()
        tickets._after_create_repair()
        # The customer told of the number and the promised reply time.
        tickets._after_create_intake_notice()
        tickets._after_write_personal_data({"user_id": True, "repair_worker_id": True})
        return tickets

    def write(self, vals):
        # Closing is a transition, not a frozen field: its gates hold for
        # every user and route, the superuser's too (helpdesk_mgmt's portal
        # route closes a customer's own ticket as superuser).
        if self._vals_close_ticket(vals):
            self._check_close_result()
            self._check_close_escalation()
        # What is written: cleaned and completed.
        vals = self._prepare_personal_data_write_vals(vals)
        vals = self._prepare_intake_write_vals(vals)
        # What the effects compare with.
        escalation = self._before_write_escalation()
        closing = self._before_write_return_visit(vals)
        reopening = self._before_write_return_visit_watch(vals)
        raised = self._before_write_upward(vals)
        # The update: the guard refuses action-only fields and the fields
        # frozen in the tickets' states (_frozen_fields) here.
        result = super().write(vals)
        # What follows from it.
        self._after_write_routing(vals)
        self._after_write_escalation(escalation)
        self._after_write_return_visit(closing)
        self._after_write_return_visit_watch(reopening)
        self._after_write_upward(raised)
        self._after_write_unit(vals)
        self._after_write_repair(vals)
        self._after_write_personal_data(vals)
        return result

    def message_post(self, **kwargs):
        # A staff message that answers the customer is a written reply: it
        # meets the reply's gates and is the ticket's first reply.
        reply = self._is_customer_reply(kwargs)
        if reply:
            self._check_reply_allowed("message")
        message = super().message_post(**kwargs)
        if reply:
            self._register_reply("message")
        return message

    # ------------------------------------------------------------------
    # The guard: fields written by actions only, fields frozen by state
    # ------------------------------------------------------------------

    def _guarded_fields(self):
        return (
            super()._guarded_fields()
            | dict.fromkeys(ACTION_ONLY_FIELDS, None)
            # Customer Service or the repair department picks the worker.
            | {"repair_worker_id": DISPATCHER_GROUPS}
        )

    def _frozen_fields(self):
        """Whatever a rule reads to decide is frozen with it."""
        return {
            # Deadlines and the on-time rate run from the time received.
            "received": {"intake_date": CS_MANAGER},
            # The level decides the leader's opinion (§4).
            "major_problem": {"level_id": COMPANY_LEADER},
            # Possible litigation waits for legal counsel (§10).
            "litigation": {"litigation_risk": f"{LEGAL_COUNSEL},{COMPANY_LEADER}"},
            # The grade and the kind decide the leaders' opinion.
            "major_complaint": dict.fromkeys(
                ("complaint_grade_id", "type_id"), COMPANY_LEADER
            ),
            # The kind decides that the handling result is approved before
            # the complaint closes; the grade and the importance make it
            # important.
            "important_complaint": dict.fromkeys(
                ("type_id", "complaint_grade_id", "importance"),
                f"{CS_MANAGER},{COMPANY_LEADER}",
            ),
            # The worker is on site: the arrival deadline was kept or missed.
            "repair_started": dict.fromkeys(
                ("repair_urgency_id", "appointment_date"), None
            ),
            # The invoice goes to the customer who agreed, for the lines
            # agreed, in the ticket's company.
            "fee_agreed": dict.fromkeys(
                ("repair_paid", "partner_id", "repair_fee_line_ids", "company_id"),
                None,
            ),
            # Nothing restores erased personal data.
            "anonymised": dict.fromkeys((*TICKET_PERSONAL_FIELDS, "partner_id"), None),
        }

    def _guard_states(self):
        self.ensure_one()
        states = ["received"]
        if self.level_id.leader_opinion_required:
            states.append("major_problem")
        if self.litigation_risk:
            states.append("litigation")
        if self.is_complaint:
            if self.complaint_grade_id.leader_opinion_required:
                states.append("major_complaint")
            if self._is_important_complaint():
                states.append("important_complaint")
        if self.repair_state in REPAIR_STARTED_STATES:
            states.append("repair_started")
        if self.repair_fee_agreed_date:
            states.append("fee_agreed")
        if self.anonymised_date:
            states.append("anonymised")
        return tuple(states)

    def _guard_created_states(self):
        # A new ticket is recorded with its values: nothing of it is frozen yet.
        return ()

    def _is_important_complaint(self):
        """A complaint recorded as important information, or graded
        important or major."""
        self.ensure_one()
        grade = self.complaint_grade_id
        return self.is_complaint and (
            self.importance == "important"
            or grade.code in IMPORTANT_GRADE_CODES
            or grade.leader_opinion_required
        )

    def _guard_state_label(self, state):
        labels = {
            "received": self.env._("already received"),
            "major_problem": self.env._("a major problem"),
            "litigation": self.env._("a possible litigation"),
            "major_complaint": self.env._("a major complaint"),
            "important_complaint": self.env._("an important complaint"),
            "repair_started": self.env._("a repair whose worker is on site"),
            "fee_agreed": self.env._("a repair whose fee the owner agreed"),
            "anonymised": self.env._("already anonymised"),
        }
        return labels.get(state) or super()._guard_state_label(state)

    def _guard_frozen_hint(self, state):
        if state == "received":
            return self.env._(
                "Only a Customer Service manager corrects when a ticket was "
                "received: its deadlines run from that time."
            )
        if state == "major_problem":
            return self.env._(
                "Only a company leader changes its level: a leader's opinion "
                "comes before the answer."
            )
        if state == "litigation":
            return self.env._(
                "Only legal counsel or a company leader clears the possible "
                "litigation of a ticket."
            )
        if state == "major_complaint":
            return self.env._(
                "Only a company leader changes its grade or kind: a leader's "
                "opinion comes before the answer."
            )
        if state == "important_complaint":
            return self.env._(
                "Its handling result is approved before it closes: only a "
                "Customer Service manager changes its kind, grade or importance."
            )
        if state == "repair_started":
            return self.env._(
                "The worker is already on site: its urgency and appointment "
                "stay as they were."
            )
        if state == "fee_agreed":
            return self.env._(
                "The invoice goes to the customer who agreed to the fee, for "
                "the lines agreed."
            )
        if state == "anonymised":
            return self.env._(
                "Its personal data was anonymised on %(date)s: it is not "
                "entered again.",
                date=self.anonymised_date,
            )
        return super()._guard_frozen_hint(state)

    # ------------------------------------------------------------------
    # Hooks the concerns fill (and the core calls, never another concern)
    # ------------------------------------------------------------------

    def _leader_opinion_required(self):
        """Whether a company leader's opinion is needed before the answer
        (a major problem, a major complaint)."""
        self.ensure_one()
        return False

    def _check_reply_allowed(self, method):
        """Refuse a reply by ``method`` (a message, a written reply, a reply
        by phone or in person) that may not be given yet."""

    # ------------------------------------------------------------------
    # Helpers the concerns share
    # ------------------------------------------------------------------

    @api.model
    def _vals_close_ticket(self, vals):
        """Whether ``vals`` move tickets to a closed stage."""
        stage_id = vals.get("stage_id")
        return (
            bool(stage_id) and self.env["helpdesk.ticket.stage"].browse(stage_id).closed
        )

    def _format_datetime(self, value):
        """``value`` in the team's (or the user's) time zone, to the minute."""
        tz = self.team_id.resource_calendar_id.tz or self.env.user.tz or "UTC"
        return fields.Datetime.context_timestamp(
            self.with_context(tz=tz), value
        ).strftime("%Y-%m-%d %H:%M")

    def _deadline_activity_vals(self, xmlid, user, summary):
        """Values of an alert activity of type ``xmlid`` for ``user``, due
        today: created in batches, without an e-mail each."""
        return {
            "activity_type_id": self.env.ref(f"helpdesk_property_info.{xmlid}").id,
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
            "user_id": user.id,
            "summary": summary,
            "date_deadline": fields.Date.context_today(self),
            "automated": True,
        }

    def _printed_form_lang(self):
        """The language of the ticket's printed forms (repair order, reply
        form): the company's, else the caller's."""
        self.ensure_one()
        return (
            self.company_id.partner_id.lang
            or self.partner_id.lang
            or self.env.lang
            or "en_US"
        )

    def _printed_form_tz(self):
        """The time zone of the times on the ticket's printed forms."""
        self.ensure_one()
        company = self.company_id
        return company.resource_calendar_id.tz or company.partner_id.tz or "UTC"
