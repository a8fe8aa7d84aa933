from datetime import timedelta

import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from .helpdesk_info_duty_shift import CS_MANAGER, DUTY_ROLES
from .helpdesk_info_guard_mixin import RECORDED, in_action_scope

EMERGENCY = "helpdesk_property_info.repair_urgency_emergency"
# Who reads tickets at all: the others see how many were open.
TICKET_READERS = "helpdesk_mgmt.group_helpdesk_user_own"
HANDOVER_CRON = "helpdesk_property_info.ir_cron_watch_duty_handovers"
ACCEPT_ACTIVITY = "helpdesk_property_info.mail_activity_duty_handover_accept"
UNACCEPTED_ACTIVITY = "helpdesk_property_info.mail_activity_duty_handover_unaccepted"
# The alerts the addon raises on tickets (data/mail_activity_type_data.xml):
# a handover lists those raised during the shift.
ALERT_TYPES = (
    "mail_activity_reply_due_soon",
    "mail_activity_reply_overdue",
    "mail_activity_resolve_due_soon",
    "mail_activity_resolve_overdue",
    "mail_activity_return_visit_overdue",
    "mail_activity_important_information",
    "mail_activity_repair_late",
)
# A repair nobody is on site for yet.
WAITING_REPAIR_STATES = ("new", "dispatched", "accepted")
# Set when the shift is closed, never written by hand.
SNAPSHOT_FIELDS = (
    "shift_id",
    "next_shift_id",
    "community_id",
    "company_id",
    "role",
    "handed_over_by_id",
    "handed_over_date",
    "open_ticket_ids",
    "open_ticket_count",
    "pending_repair_ids",
    "pending_repair_count",
    "alert_count",
    "alert_summary",
    "accept_deadline",
)
# Written by accepting, and by the watcher.
ACCEPTANCE_FIELDS = (
    "state",
    "accepted_by_id",
    "accepted_date",
    "accept_next_check",
    "unaccepted_alerted",
)


class HelpdeskInfoDutyHandover(models.Model):
    """The handover record of a shift (客服中心交接班制度): closing a shift
    lists what the next shift takes over (the community's open tickets, the
    repairs nobody is on site for yet, the alerts raised during the shift),
    with the keys and items handed over and notes; the next shift signs to
    accept it. Nobody accepts his own handover, a shift is not closed while
    an emergency repair of its community has no worker, and a handover left
    unaccepted is reported to the manager on call."""

    _name = "helpdesk.info.duty.handover"
    _description = "Shift Handover"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "helpdesk.info.guard.mixin",
        "helpdesk.info.watcher.mixin",
    ]
    _order = "handed_over_date desc, id desc"
    _check_company_auto = True

    shift_id = fields.Many2one(
        "helpdesk.info.duty.shift",
        string="Shift Closed",
        required=True,
        readonly=True,
        ondelete="restrict",
        index=True,
        check_company=True,
        help="The shift this record hands over.",
    )
    next_shift_id = fields.Many2one(
        "helpdesk.info.duty.shift",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
        check_company=True,
        help="The next shift of the same community and role on the roster when "
        "the shift was closed: its holder accepts the handover.",
    )
    community_id = fields.Many2one(
        "helpdesk.info.community",
        required=True,
        readonly=True,
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    role = fields.Selection(DUTY_ROLES, required=True, readonly=True)
    handed_over_by_id = fields.Many2one(
        "res.users",
        required=True,
        readonly=True,
        index=True,
        help="The holder of the shift closed.",
    )
    handed_over_date = fields.Datetime(
        string="Handed Over On", required=True, readonly=True
    )
    next_user_id = fields.Many2one(
        related="next_shift_id.user_id",
        string="Next on Duty",
        help="The holder of the next shift.",
    )
    state = fields.Selection(
        [("handed_over", "To Take Over"), ("accepted", "Taken Over")],
        default="handed_over",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    accepted_by_id = fields.Many2one(
        "res.users", string="Taken Over By", readonly=True, copy=False, tracking=True
    )
    accepted_date = fields.Datetime(string="Taken Over On", readonly=True, copy=False)
    signature = fields.Binary(
        copy=False,
        attachment=True,
        help="The signature of the one who takes over: drawn before accepting.",
    )
    open_ticket_ids = fields.Many2many(
        "helpdesk.ticket",
        "helpdesk_info_duty_handover_open_ticket_rel",
        "handover_id",
        "ticket_id",
        string="Open Tickets",
        readonly=True,
        groups=TICKET_READERS,
        help="The community's tickets still open when the shift was closed.",
    )
    open_ticket_count = fields.Integer(string="Open", readonly=True)
    pending_repair_ids = fields.Many2many(
        "helpdesk.ticket",
        "helpdesk_info_duty_handover_pending_repair_rel",
        "handover_id",
        "ticket_id",
        string="Repairs Not Yet on Site",
        readonly=True,
        groups=TICKET_READERS,
        help="The community's repairs nobody was on site for when the shift was "
        "closed.",
    )
    pending_repair_count = fields.Integer(string="Not on Site", readonly=True)
    alert_count = fields.Integer(
        string="Alerts",
        readonly=True,
        help="Alerts (deadlines near or past, late arrivals, important "
        "information) raised on the community's tickets during the shift.",
    )
    alert_summary = fields.Html(
        string="Alerts Raised", readonly=True, sanitize=True, copy=False
    )
    item_line_ids = fields.One2many(
        "helpdesk.info.duty.handover.item",
        "handover_id",
        string="Keys and Items",
        help="What is handed over by hand: keys, radios, logbooks…",
    )
    note = fields.Text(
        string="Notes", help="What the next shift must know or follow up."
    )
    accept_deadline = fields.Datetime(
        string="Accept By",
        readonly=True,
        help="The start of the next shift (or the closing, if later) plus the "
        "company's minutes to accept a handover: past it, the manager on call "
        "is told.",
    )
    accept_next_check = fields.Datetime(
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="When the watcher next looks at this handover.",
    )
    unaccepted_alerted = fields.Boolean(
        string="Reported Unaccepted",
        readonly=True,
        copy=False,
        help="The manager on call (or else the Customer Service managers) was "
        "told, once, that nobody accepted the handover in time.",
    )
    can_accept = fields.Boolean(
        compute="_compute_can_accept",
        help="The current user may sign and accept this handover.",
    )
    can_edit = fields.Boolean(
        compute="_compute_can_accept",
        help="The current user may change the items and notes handed over.",
    )

    _shift_uniq = models.UniqueIndex("(shift_id)", "A shift is handed over once.")
    _accept_next_check_idx = models.Index(
        "(accept_next_check) WHERE accept_next_check IS NOT NULL"
    )

    @api.depends("shift_id.display_name", "handed_over_date")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for handover in self:
            handover.display_name = self.env._(
                "Handover of %s", handover.shift_id.display_name or ""
            )

    @api.depends_context("uid")
    @api.depends("state", "handed_over_by_id", "next_shift_id")
    def _compute_can_accept(self):
        for handover in self:
            waiting = handover.state == "handed_over"
            handover.can_accept = waiting and handover._may_accept()
            handover.can_edit = waiting and handover._may_edit_handover()

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------

    def _guarded_fields(self):
        return (
            dict.fromkeys((*SNAPSHOT_FIELDS, *ACCEPTANCE_FIELDS), None)
            | super()._guarded_fields()
        )

    def _frozen_fields(self):
        # The one who hands over writes the items and notes; the one who
        # takes over signs. Once accepted, nothing changes.
        return {
            RECORDED: {
                "note": type(self)._may_edit_handover,
                "item_line_ids": type(self)._may_edit_handover,
                "signature": type(self)._may_accept,
            },
            "accepted": dict.fromkeys(("note", "item_line_ids", "signature"), None),
        } | super()._frozen_fields()

    def _guard_frozen_hint(self, state):
        if state == "accepted":
            return self.env._("The next shift accepted it as it was handed over.")
        return self.env._(
            "The one who hands over writes the items and notes; the one who takes "
            "over signs."
        )

    def _may_edit_handover(self):
        """The holder of the shift closed, or a Customer Service manager for
        him, writes what is handed over."""
        user = self.env.user
        return user == self.handed_over_by_id or user.has_group(CS_MANAGER)

    def _acceptors(self):
        """Who may accept: the holder of the next shift, and whoever is on
        duty now in that role for the community (the roster's fallback, the
        manager on call, when nobody holds it); never the one who handed
        over."""
        self.ensure_one()
        on_duty = (
            self.env["helpdesk.info.duty.shift"]
            .sudo()
            ._on_duty(self.community_id, [self.role])
        )
        users = (
            self.next_shift_id.sudo().user_id | on_duty[(self.community_id, self.role)]
        )
        return (users - self.handed_over_by_id).sudo(False)

    def _may_accept(self):
        return self.env.user in self._acceptors()

    # ------------------------------------------------------------------
    # Closing a shift
    # ------------------------------------------------------------------

    @api.model
    def _community_ticket_domain(self, community):
        """The tickets of ``community``: of one of its units, or without a
        unit from the team that serves it alone (as a repair's community)."""
        domain = Domain("unit_id.community_id", "=", community.id)
        team = community.team_id
        if team:
            served = (
                self.env["helpdesk.info.community"]
                .sudo()
                .search_count([("team_id", "=", team.id)], limit=2)
            )
            if served == 1:
                domain |= Domain("unit_id", "=", False) & Domain(
                    "team_id", "=", team.id
                )
        return domain

    @api.model
    def _check_no_unassigned_emergency(self, shift):
        emergency_id = self.env["ir.model.data"]._xmlid_to_res_id(
            EMERGENCY, raise_if_not_found=False
        )
        if not emergency_id:
            return
        unassigned = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search(
                self._community_ticket_domain(shift.community_id)
                & Domain("is_repair", "=", True)
                & Domain("repair_urgency_id", "=", emergency_id)
                & Domain("repair_worker_id", "=", False)
                & Domain("repair_state", "=", "new")
                & Domain("stage_id.closed", "=", False),
                limit=1,
            )
        )
        if unassigned:
            raise UserError(
                self.env._(
                    "Emergency repair %(ticket)s of %(community)s has no worker: "
                    "dispatch it before closing the shift.",
                    ticket=unassigned.number or unassigned.name,
                    community=shift.community_id.name,
                )
            )

    @api.model
    def _close_shift(self, shift):
        """Hand ``shift`` over: what was open at this minute, the next shift
        to accept it, and the watcher triggered at its due time."""
        shift.ensure_one()
        user = self.env.user
        if not self.env.su and user != shift.user_id and not user.has_group(CS_MANAGER):
            raise AccessError(
                self.env._(
                    "Only the holder of %s, or a Customer Service manager, closes it.",
                    shift.display_name,
                )
            )
        now = fields.Datetime.now()
        if shift.start > now:
            raise UserError(
                self.env._(
                    "%s has not begun: it is closed once under way.",
                    shift.display_name,
                )
            )
        if self.sudo().search_count([("shift_id", "=", shift.id)], limit=1):
            raise UserError(
                self.env._("%s is already handed over.", shift.display_name)
            )
        self._check_no_unassigned_emergency(shift)
        community = shift.community_id
        Ticket = self.env["helpdesk.ticket"].sudo()
        open_tickets = Ticket.search(
            self._community_ticket_domain(community)
            & Domain("stage_id.closed", "=", False)
        )
        pending = open_tickets.filtered(
            lambda t: t.is_repair and t.repair_state in WAITING_REPAIR_STATES
        )
        next_shift = (
            self.env["helpdesk.info.duty.shift"]
            .sudo()
            .search(
                [
                    ("community_id", "=", community.id),
                    ("role", "=", shift.role),
                    ("start", ">", shift.start),
                    ("id", "!=", shift.id),
                ],
                order="start, id",
                limit=1,
            )
        )
        company = shift.company_id
        minutes = company.duty_handover_accept_minutes
        deadline = max(next_shift.start or now, now) + timedelta(minutes=minutes)
        alerts, summary = self._alerts_during(shift, community, now)
        # Linked as superuser: the holder may not read every ticket he hands
        # over (a worker on call reads his own repairs).
        handover = (
            in_action_scope(self.sudo())
            .create(
                {
                    "shift_id": shift.id,
                    "next_shift_id": next_shift.id,
                    "community_id": community.id,
                    "company_id": company.id,
                    "role": shift.role,
                    "handed_over_by_id": shift.user_id.id,
                    "handed_over_date": now,
                    "open_ticket_ids": [fields.Command.set(open_tickets.ids)],
                    "open_ticket_count": len(open_tickets),
                    "pending_repair_ids": [fields.Command.set(pending.ids)],
                    "pending_repair_count": len(pending),
                    "alert_count": len(alerts),
                    "alert_summary": summary,
                    "accept_deadline": deadline,
                    "accept_next_check": deadline,
                }
            )
            .sudo(False)
        )
        cron_id = self.env["ir.model.data"]._xmlid_to_res_id(
            HANDOVER_CRON, raise_if_not_found=False
        )
        if cron_id:
            self.env["ir.cron"].sudo().browse(cron_id)._trigger(deadline)
        handover._ask_acceptance()
        shift.sudo().message_post(
            body=Markup("%s %s")
            % (self.env._("Shift closed:"), handover._get_html_link()),
            subtype_xmlid="mail.mt_note",
        )
        return handover

    @api.model
    def _alerts_during(self, shift, community, now):
        """The alerts raised on the community's tickets during the shift (done
        ones too), each once however many people it went to: [(ticket id,
        activity type)], and their summary in the language of whoever closes
        the shift."""
        type_ids = [
            type_id
            for type_id in (
                self.env["ir.model.data"]._xmlid_to_res_id(
                    f"helpdesk_property_info.{xmlid}", raise_if_not_found=False
                )
                for xmlid in ALERT_TYPES
            )
            if type_id
        ]
        activities = (
            self.env["mail.activity"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("res_model", "=", "helpdesk.ticket"),
                    ("activity_type_id", "in", type_ids),
                    ("create_date", ">=", shift.start),
                    ("create_date", "<=", now),
                ],
                order="create_date, id",
            )
        )
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search(
                self._community_ticket_domain(community)
                & Domain("id", "in", list(set(activities.mapped("res_id"))))
            )
        )
        alerts = {}
        ticket_ids = set(tickets.ids)
        for activity in activities:
            if activity.res_id in ticket_ids:
                key = (activity.res_id, activity.activity_type_id)
                alerts.setdefault(key, activity.create_date)
        if not alerts:
            return [], False
        tz = shift._local_tz()
        rows = Markup("").join(
            Markup("<li>%s %s · %s</li>")
            % (
                pytz.utc.localize(raised).astimezone(tz).strftime("%m-%d %H:%M"),
                activity_type.name,
                tickets.browse(ticket_id).display_name,
            )
            for (ticket_id, activity_type), raised in alerts.items()
        )
        return list(alerts), Markup("<ul>%s</ul>") % rows

    def _ask_acceptance(self):
        """The holder of the next shift finds the handover on his list."""
        for handover in self:
            taker = handover.next_shift_id.sudo().user_id
            if not taker or taker == handover.handed_over_by_id:
                continue
            handover.sudo().activity_schedule(
                ACCEPT_ACTIVITY,
                date_deadline=fields.Date.context_today(
                    handover, handover.accept_deadline
                ),
                summary=taker._helpdesk_info_lang_env()._(
                    "Sign and accept the handover of %s",
                    handover.shift_id.display_name,
                ),
                user_id=taker.id,
            )

    # ------------------------------------------------------------------
    # Accepting
    # ------------------------------------------------------------------

    def action_accept(self):
        for handover in self:
            if handover.state != "handed_over":
                raise UserError(
                    self.env._("%s is already accepted.", handover.display_name)
                )
            if self.env.user == handover.handed_over_by_id:
                raise AccessError(
                    self.env._(
                        "%s is yours: the next shift accepts it, not the one who "
                        "hands over.",
                        handover.display_name,
                    )
                )
            if not handover._may_accept():
                raise AccessError(
                    self.env._(
                        "Only the holder of the next shift, or whoever is on duty "
                        "in that role now, accepts %s.",
                        handover.display_name,
                    )
                )
            if not handover.signature:
                raise UserError(
                    self.env._("Sign %s before accepting it.", handover.display_name)
                )
            handover._write_by_action(
                {
                    "state": "accepted",
                    "accepted_by_id": self.env.user.id,
                    "accepted_date": fields.Datetime.now(),
                    "accept_next_check": False,
                }
            )
            handover.sudo().activity_feedback([ACCEPT_ACTIVITY, UNACCEPTED_ACTIVITY])
            handover.message_post(
                body=self.env._("Handover accepted by %s.", self.env.user.name),
                subtype_xmlid="mail.mt_note",
            )
        return True

    # ------------------------------------------------------------------
    # The watcher
    # ------------------------------------------------------------------

    @api.model
    def _cron_watch_duty_handovers(self, batch_size=200):
        """Report the handovers nobody accepted in time, once. Selects only
        those through the partial index on ``accept_next_check``: a run with
        nothing due costs one query. A batch asks the roster once."""
        self._watch_next_checks(
            "accept_next_check", "_alert_unaccepted", batch_size, whole_batch=True
        )

    def _alert_unaccepted(self):
        """Tell the community's manager on call at this minute (the duty
        roster), or the company's Customer Service managers when there is
        none."""
        recipients = self.env["helpdesk.info.duty.shift"]._alert_recipients(
            self, lambda handover: handover.community_id
        )
        activity_type = self.env.ref(UNACCEPTED_ACTIVITY)
        model_id = self.env["ir.model"]._get_id(self._name)

        def summary(env, handover):
            return env._(
                "Handover not accepted in time: %(handover)s (accept by %(when)s)",
                handover=handover.with_env(env).display_name,
                when=handover._format_local(handover.accept_deadline),
            )

        activities = []
        for handover in self:
            users = recipients[handover]
            activities += [
                {
                    "activity_type_id": activity_type.id,
                    "res_model_id": model_id,
                    "res_id": handover.id,
                    "user_id": user.id,
                    "summary": summary(user._helpdesk_info_lang_env(), handover),
                    "date_deadline": fields.Date.context_today(handover),
                    "automated": True,
                }
                for user in users
            ]
            env = handover.company_id._helpdesk_info_lang_env()
            handover.message_post(
                body=Markup("<p>%s</p>") % summary(env, handover),
                subtype_xmlid="mail.mt_note",
            )
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            activities
        )
        self._write_by_action({"unaccepted_alerted": True, "accept_next_check": False})

    def _format_local(self, value):
        tz = self.shift_id._local_tz()
        return pytz.utc.localize(value).astimezone(tz).strftime("%Y-%m-%d %H:%M")

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------

    @api.model
    def _demo_night_handover(self, unit_id, repairs, items, note, signature):
        """Demo: the last night shift (00:00–08:00) of the Customer Service
        desk of the unit's community, with an emergency reported at 02:10 and
        on site by 02:18, and ``repairs`` (ticket values) reported that night;
        closed by its holder with ``items`` and ``note``, and accepted with
        ``signature`` by the morning shift once it has begun."""
        now = fields.Datetime.now()
        unit = self.env["helpdesk.info.unit"].browse(unit_id)
        shifts = self.env["helpdesk.info.duty.shift"].search(
            [
                ("community_id", "=", unit.community_id.id),
                ("role", "=", "cs_desk"),
                ("start", "<=", now),
            ],
            order="start desc",
        )
        night = shifts.filtered(
            lambda s: pytz.utc.localize(s.start).astimezone(s._local_tz()).hour == 0
        )[:1]
        if not night or self.search_count([("shift_id", "=", night.id)], limit=1):
            return False
        Ticket = self.env["helpdesk.ticket"]
        reported = max(min(night.start + timedelta(minutes=130), now), night.start)
        tickets = Ticket.browse()
        for vals in repairs:
            tickets |= Ticket.create(dict(vals, unit_id=unit.id, intake_date=reported))
        # The emergency went to the worker on call; he was on site at 02:18.
        for ticket in tickets.filtered(lambda t: t.repair_state == "dispatched"):
            ticket._write_by_action(
                {
                    "repair_state": "on_site",
                    "repair_dispatch_date": reported + timedelta(minutes=1),
                    "repair_accept_date": reported + timedelta(minutes=2),
                    "repair_arrival_date": reported + timedelta(minutes=8),
                }
            )
        holder = night.user_id
        handover = (
            self.with_user(holder)
            .with_context(lang=holder.lang)
            ._close_shift(night)
            .sudo()
        )
        handover._write_by_action({"handed_over_date": min(night.stop, now)})
        handover.with_user(holder).write(
            {
                "note": note,
                "item_line_ids": [
                    fields.Command.create(
                        {"name": name, "quantity": quantity, "note": item_note}
                    )
                    for name, quantity, item_note in items
                ],
            }
        )
        taker = handover.next_shift_id.user_id
        if taker and taker != holder and handover.next_shift_id.start <= now:
            as_taker = handover.with_user(taker)
            as_taker.signature = signature
            as_taker.action_accept()
            handover._write_by_action(
                {"accepted_date": min(night.stop + timedelta(minutes=6), now)}
            )
        return handover.id
