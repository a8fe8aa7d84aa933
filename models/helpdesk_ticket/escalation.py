from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.translate import LazyTranslate

from ..helpdesk_info_guard_mixin import is_action

_lt = LazyTranslate(__name__)


class HelpdeskTicket(models.Model):
    """Escalation (§4 handling flow, §6 media, §10 litigation): a major problem
    waits for a company leader's opinion before it is answered in writing or
    closed; possible litigation waits for legal counsel's advice before any
    reply, written, by phone or in person, and before it is closed; media and
    group incidents reach the leaders at once."""

    _inherit = "helpdesk.ticket"

    litigation_risk = fields.Boolean(
        string="Possible Litigation",
        compute="_compute_litigation_risk",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="The matter involves or may involve a lawsuit: legal counsel "
        "advises before any written reply goes out.",
    )
    escalated = fields.Boolean(
        compute="_compute_escalated",
        store=True,
        precompute=True,
        tracking=True,
        index=True,
        help="Major problem, possible litigation, media or group incident: "
        "reported to the company leaders.",
    )
    leader_opinion = fields.Text(
        string="Leader's Opinion", readonly=True, copy=False, groups="base.group_user"
    )
    leader_opinion_user_id = fields.Many2one(
        "res.users",
        string="Opinion By",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )
    leader_opinion_date = fields.Datetime(
        string="Opinion Recorded On",
        readonly=True,
        copy=False,
        tracking=True,
        groups="base.group_user",
    )
    counsel_advice = fields.Text(
        string="Legal Advice", readonly=True, copy=False, groups="base.group_user"
    )
    counsel_user_id = fields.Many2one(
        "res.users",
        string="Advice By",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )
    counsel_date = fields.Datetime(
        string="Advice Recorded On",
        readonly=True,
        copy=False,
        tracking=True,
        groups="base.group_user",
    )
    awaiting_leader_opinion = fields.Boolean(
        compute="_compute_awaiting",
        store=True,
        precompute=True,
        index=True,
        groups="base.group_user",
    )
    awaiting_counsel = fields.Boolean(
        string="Awaiting Legal Advice",
        compute="_compute_awaiting",
        store=True,
        precompute=True,
        index=True,
        groups="base.group_user",
    )

    @api.depends("channel_id")
    def _compute_litigation_risk(self):
        for ticket in self:
            ticket.litigation_risk = (
                ticket.litigation_risk or ticket.channel_id.intake_litigation_risk
            )

    @api.depends(
        "level_id.leader_opinion_required",
        "litigation_risk",
        "involved_party_id.escalate_at_once",
        "channel_id.escalate_at_once",
    )
    def _compute_escalated(self):
        for ticket in self:
            ticket.escalated = bool(
                ticket._leader_opinion_required()
                or ticket.litigation_risk
                or ticket._notifies_leaders_at_once()
            )

    def _notifies_leaders_at_once(self):
        """Media and group incidents (§6.4): the ticket's involved party or
        its channel notifies the company leaders as soon as it is recorded."""
        self.ensure_one()
        return (
            self.involved_party_id.escalate_at_once or self.channel_id.escalate_at_once
        )

    @api.depends(
        "level_id.leader_opinion_required",
        "leader_opinion_date",
        "litigation_risk",
        "counsel_date",
    )
    def _compute_awaiting(self):
        for ticket in self:
            ticket.awaiting_leader_opinion = bool(
                ticket._leader_opinion_required() and not ticket.leader_opinion_date
            )
            ticket.awaiting_counsel = bool(
                ticket.litigation_risk and not ticket.counsel_date
            )

    def _leader_opinion_required(self):
        """A major problem (and, in helpdesk_ticket/complaint.py, a major
        complaint) waits for a company leader's opinion."""
        return super()._leader_opinion_required() or bool(
            self.level_id.leader_opinion_required
        )

    # ------------------------------------------------------------------
    # Hooks of create and write (helpdesk_ticket.py)
    # ------------------------------------------------------------------

    def _check_litigation_risk_vals(self, vals_list):
        """Create: a risk the channel sets may only be left out by those who
        may clear it."""
        if is_action(self):
            return
        unticked = [
            vals["channel_id"]
            for vals in vals_list
            if "litigation_risk" in vals
            and not vals["litigation_risk"]
            and vals.get("channel_id")
        ]
        if unticked and any(
            self.env["helpdesk.ticket.channel"]
            .browse(unticked)
            .mapped("intake_litigation_risk")
        ):
            self._check_may_lift_litigation_risk()

    def _check_close_escalation(self, created=False):
        """Closing: a major problem waits for a company leader's opinion,
        possible litigation for legal counsel's advice. A ticket created
        straight into a closed stage meets the counsel's gate (outside the
        ticket's actions)."""
        if created:
            if not is_action(self):
                self.filtered("closed")._check_counsel_advice_given("close")
            return
        blocked = self.filtered("awaiting_leader_opinion")
        if blocked:
            raise UserError(
                self.env._(
                    "Ticket %s is a major problem: a company leader must record "
                    "an opinion before it is closed.",
                    ", ".join(blocked.mapped("number")),
                )
            )
        self._check_counsel_advice_given("close")

    def _after_create_escalation(self):
        """Create: the leaders and legal counsel are asked, media and group
        incidents reach the leaders."""
        self._notify_escalations(self.browse(), self.browse(), self.browse())

    def _before_write_escalation(self):
        """Write: who was already waiting or notified."""
        return (
            self.filtered("awaiting_leader_opinion"),
            self.filtered("awaiting_counsel"),
            self.filtered(lambda t: t._notifies_leaders_at_once()),
        )

    def _after_write_escalation(self, before):
        """Write: those newly waiting are asked, those newly concerning the
        leaders reach them."""
        self._notify_escalations(*before)

    def _check_reply_allowed(self, method):
        result = super()._check_reply_allowed(method)
        if method in ("message", "written"):
            self._check_written_reply_allowed()
        else:
            self._check_counsel_advice_given("reply")
        return result

    def _check_may_lift_litigation_risk(self):
        if not self.env.user.has_groups(
            "helpdesk_property_info.group_legal_counsel,"
            "helpdesk_property_info.group_company_leader"
        ):
            raise AccessError(
                self.env._(
                    "Only legal counsel or a company leader may clear the possible "
                    "litigation of a ticket."
                )
            )

    def _notify_escalations(self, had_leader, had_counsel, had_leaders_notice):
        for ticket in self.filtered("awaiting_leader_opinion") - had_leader:
            ticket._schedule_for_group(
                "group_company_leader",
                "helpdesk_property_info.mail_activity_leader_opinion",
                _lt("Major problem: give your opinion"),
            )
        for ticket in self.filtered("awaiting_counsel") - had_counsel:
            ticket._schedule_for_group(
                "group_legal_counsel",
                "helpdesk_property_info.mail_activity_counsel_advice",
                _lt("Possible litigation: give legal advice"),
            )
        notice = self.filtered(lambda t: t._notifies_leaders_at_once())
        for ticket in notice - had_leaders_notice:
            leaders = ticket.company_id._helpdesk_info_alert_users(
                "group_company_leader"
            )
            if leaders:
                if ticket.involved_party_id.escalate_at_once:
                    body = self.env._(
                        "%(party)s information recorded: the company leaders are "
                        "notified.",
                        party=ticket.involved_party_id.name,
                    )
                else:
                    body = self.env._(
                        "Information received through %(channel)s: the company leaders "
                        "are notified.",
                        channel=ticket.channel_id.name,
                    )
                ticket.message_post(
                    body=Markup("<p>%s</p>") % body,
                    partner_ids=leaders.partner_id.ids,
                    subtype_xmlid="mail.mt_note",
                )

    def _schedule_for_group(self, group, activity_type, summary):
        """``summary`` is a lazy term: each user reads it in their language."""
        activity_type_id = self.env.ref(activity_type).id
        already = self.activity_ids.filtered(
            lambda a: a.activity_type_id.id == activity_type_id
        ).user_id
        for user in self.company_id._helpdesk_info_alert_users(group) - already:
            env = user._helpdesk_info_lang_env()
            self.with_context(lang=env.lang).activity_schedule(
                activity_type, summary=env._(summary), user_id=user.id
            )

    # ------------------------------------------------------------------
    # Opinions and the written-reply gate
    # ------------------------------------------------------------------

    def action_record_leader_opinion(self, opinion):
        return self._record_opinion(
            opinion,
            "group_company_leader",
            ("leader_opinion", "leader_opinion_user_id", "leader_opinion_date"),
            "helpdesk_property_info.mail_activity_leader_opinion",
            self.env._("Leader's opinion"),
        )

    def action_record_counsel_advice(self, advice):
        return self._record_opinion(
            advice,
            "group_legal_counsel",
            ("counsel_advice", "counsel_user_id", "counsel_date"),
            "helpdesk_property_info.mail_activity_counsel_advice",
            self.env._("Legal advice"),
        )

    def _record_opinion(self, text, group, fields_, activity_type, title):
        if not (text or "").strip():
            raise UserError(
                self.env._("Write the %s before recording it.", title.lower())
            )
        if not self.env.user.has_group(f"helpdesk_property_info.{group}"):
            raise AccessError(
                self.env._(
                    "Only a company leader records a leader's opinion, and only "
                    "legal counsel records legal advice."
                )
            )
        text_field, user_field, date_field = fields_
        self._write_by_action(
            {
                text_field: text,
                user_field: self.env.uid,
                date_field: fields.Datetime.now(),
            }
        )
        for ticket in self:
            ticket.activity_feedback([activity_type], feedback=text)
            ticket.message_post(
                body=Markup("<p><b>%s</b></p><p>%s</p>") % (title, text),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _check_written_reply_allowed(self):
        for ticket in self:
            if ticket.awaiting_leader_opinion:
                raise UserError(
                    self.env._(
                        "Ticket %s is a major problem: no written reply goes out "
                        "before a company leader has recorded an opinion.",
                        ticket.number,
                    )
                )
            if ticket.awaiting_counsel:
                raise UserError(
                    self.env._(
                        "Ticket %s may lead to litigation: no written reply goes out "
                        "before legal counsel's advice is recorded.",
                        ticket.number,
                    )
                )

    def _check_counsel_advice_given(self, action):
        """Possible litigation (§10): legal counsel's advice comes before the
        ticket is closed or a reply by phone or in person is given, as before
        any written reply (``_check_written_reply_allowed``)."""
        blocked = self.filtered("awaiting_counsel")
        if not blocked:
            return
        numbers = ", ".join(blocked.mapped("number"))
        if action == "close":
            message = self.env._(
                "Ticket %s may lead to litigation: it is not closed before legal "
                "counsel's advice is recorded.",
                numbers,
            )
        else:
            message = self.env._(
                "Ticket %s may lead to litigation: no reply by phone or in person is "
                "given before legal counsel's advice is recorded.",
                numbers,
            )
        raise UserError(message)

    def _is_customer_reply(self, kwargs):
        """Whether a message posted with ``kwargs`` by a staff member answers
        the customer: a message of the discussion subtype, or one that reaches
        the ticket's contact, any partner outside the company among those it
        notifies (followers of its subtype included) or an outside e-mail
        address, whatever its type. The creation message is no reply."""
        if self.env.user.share:
            return False
        if kwargs.get("outgoing_email_to"):
            return True
        IrModelData = self.env["ir.model.data"]
        subtype_id = kwargs.get("subtype_id")
        if kwargs.get("subtype_xmlid"):
            subtype_id = IrModelData._xmlid_to_res_id(kwargs["subtype_xmlid"])
        if not subtype_id:
            subtype_id = IrModelData._xmlid_to_res_id("mail.mt_note")
        if subtype_id == IrModelData._xmlid_to_res_id("helpdesk_mgmt.hlp_tck_created"):
            return False  # the creation message (see _creation_subtype)
        message_type = kwargs.get("message_type", "notification")
        if message_type == "comment" and subtype_id == IrModelData._xmlid_to_res_id(
            "mail.mt_comment"
        ):
            return True
        partner_ids = [
            pid for pid in kwargs.get("partner_ids") or [] if isinstance(pid, int)
        ]
        subtype = self.env["mail.message.subtype"].sudo().browse(subtype_id)
        if not partner_ids and subtype.internal:
            return False  # reaches employees only, whoever follows
        recipients = (
            self.env["mail.followers"]
            .sudo()
            ._get_recipient_data(self, message_type, subtype_id, partner_ids)
        )
        customers = set(self.sudo().partner_id.ids)
        return any(
            pid in customers or data["share"]
            for ticket_recipients in recipients.values()
            for pid, data in ticket_recipients.items()
            if data["active"] is not False
        )
