import logging
import re

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from ..helpdesk_info_guard_mixin import in_action_scope
from .helpdesk_ticket import TICKET_PERSONAL_FIELDS

_logger = logging.getLogger(__name__)

# Free texts scrubbed of the caller's identifiers rather than erased.
TICKET_SCRUBBED_TEXTS = ("name", "matter", "description", "return_visit_opinion")
MASK = "***"
MOBILE_RE = re.compile(r"(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?!\d)")
LANDLINE_RE = re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)")
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


class HelpdeskTicket(models.Model):
    """Retention (seed 004 第十条; PIPL art. 19 and 47): the caller's personal
    fields are kept for the company's retention period after closing, then
    anonymised by the scheduler; an approved erasure request anonymises a
    person's tickets at once. Anonymisation cannot be undone: the marker is
    written by the anonymisation only, and an anonymised ticket refuses its
    personal fields."""

    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "helpdesk.info.watcher.mixin"]

    anonymised_date = fields.Datetime(
        string="Personal Data Anonymised On",
        readonly=True,
        copy=False,
        help="When the caller's personal data was erased from this ticket (retention "
        "period over, or an approved erasure request). Nothing restores it.",
    )

    _anonymise_due_idx = models.Index(
        "(company_id, closed_date) WHERE anonymised_date IS NULL"
    )

    def _get_missing_intake_fields(self):
        # An anonymised ticket has no caller left to record.
        if self.anonymised_date:
            return []
        return super()._get_missing_intake_fields()

    # The same fields as the intake's constraint: the override keeps it one.
    @api.constrains(
        "channel_id",
        "contact_name",
        "contact_phone",
        "matter",
        "info_origin",
        "partner_id",
    )
    def _check_intake_record(self):
        return super(
            HelpdeskTicket, self.filtered(lambda t: not t.anonymised_date)
        )._check_intake_record()

    # ------------------------------------------------------------------
    # Anonymisation
    # ------------------------------------------------------------------

    def _scrub_text(self, text, identifiers):
        if not text:
            return text
        scrubbed = str(text)
        for identifier in identifiers:
            scrubbed = scrubbed.replace(identifier, MASK)
        for pattern in (MOBILE_RE, LANDLINE_RE, EMAIL_RE):
            scrubbed = pattern.sub(MASK, scrubbed)
        return scrubbed

    def _personal_identifiers(self):
        self.ensure_one()
        values = {
            self.contact_name,
            self.partner_name,
            self.contact_phone,
            self.room_number,
            self.partner_email,
            self.contact_wechat,
            self.unit_id.full_code,
        }
        if self.contact_phone:
            values.add(self.contact_phone.replace("+86", ""))
        if self.partner_id and not self.partner_id.is_company:
            values |= {
                self.partner_id.name,
                self.partner_id.phone,
                self.partner_id.email,
            }
        # Longest first: a name inside a longer identifier is replaced with it.
        return sorted((v for v in values if v and len(v) > 1), key=len, reverse=True)

    def _anonymise_personal_data(self, reason):
        """Erase the callers' personal fields of these tickets, scrub their
        identifiers from the texts and the tracked values, and log it on
        each ticket. Counts and dimensions stay as they were."""
        tickets = self.sudo().filtered(lambda t: not t.anonymised_date)
        if not tickets:
            return tickets
        now = fields.Datetime.now()
        texts = {}
        identifiers_by_ticket = {}
        people = self.env["res.partner"]
        for ticket in tickets:
            identifiers = identifiers_by_ticket[ticket.id] = (
                ticket._personal_identifiers()
            )
            changed = {}
            for name in TICKET_SCRUBBED_TEXTS:
                value = ticket[name]
                scrubbed = ticket._scrub_text(value, identifiers)
                if value and scrubbed != str(value):
                    changed[name] = (
                        Markup(scrubbed) if isinstance(value, Markup) else scrubbed
                    )
            if changed:
                texts[ticket] = changed
            if ticket.partner_id and not ticket.partner_id.is_company:
                people |= ticket.partner_id
        # Inside the tickets' own action, without tracking: the old values
        # would otherwise be kept in the chatter.
        scope = in_action_scope(tickets, "helpdesk.ticket").with_context(
            tracking_disable=True, mail_notrack=True
        )
        vals = dict.fromkeys(TICKET_PERSONAL_FIELDS, False) | {"anonymised_date": now}
        scope.write(vals)
        personal = scope.filtered(lambda t: t.partner_id in people)
        if personal:
            personal.message_unsubscribe(partner_ids=people.ids)
            personal.write({"partner_id": False})
        for ticket, changed in texts.items():
            scope.browse(ticket.id).write(changed)
        self._scrub_chatter(tickets)
        self._scrub_messages("helpdesk.ticket", identifiers_by_ticket)
        removed = self._remove_attachments(tickets)
        tickets._message_log_batch(
            bodies={
                ticket.id: Markup("<p>%s</p>")
                % self.env._(
                    "Caller's personal data anonymised: %(reason)s; "
                    "%(attachments)s attachments removed.",
                    reason=reason,
                    attachments=removed.get(ticket.id, 0),
                )
                for ticket in tickets
            }
        )
        return tickets

    def _remove_attachments(self, tickets):
        """Photos, scanned letters and files sent with e-mails identify the
        caller: they go with the personal data. {ticket id: count}."""
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [("res_model", "=", "helpdesk.ticket"), ("res_id", "in", tickets.ids)]
            )
        )
        counts = {}
        for attachment in attachments:
            counts[attachment.res_id] = counts.get(attachment.res_id, 0) + 1
        attachments.unlink()
        return counts

    def _scrub_chatter(self, tickets):
        """The tracked old and new values of the personal fields, and the
        senders' addresses of the tickets' messages."""
        field_ids = [
            self.env["ir.model.fields"]._get("helpdesk.ticket", name).id
            for name in (*TICKET_PERSONAL_FIELDS, "partner_id")
        ]
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
            UPDATE mail_tracking_value v
               SET old_value_char = CASE WHEN v.old_value_char IS NULL THEN NULL
                                         ELSE %(mask)s END,
                   new_value_char = CASE WHEN v.new_value_char IS NULL THEN NULL
                                         ELSE %(mask)s END,
                   old_value_integer = NULL,
                   new_value_integer = NULL
              FROM mail_message m
             WHERE m.id = v.mail_message_id AND m.model = 'helpdesk.ticket'
               AND m.res_id = ANY(%(ids)s) AND v.field_id = ANY(%(fields)s)
            """,
                mask=MASK,
                ids=tickets.ids,
                fields=field_ids,
            )
        )
        self.env.cr.execute(
            SQL(
                "UPDATE mail_message SET email_from = NULL, reply_to = NULL WHERE "
                "model = 'helpdesk.ticket' AND res_id = ANY(%s) AND email_from IS "
                "NOT NULL",
                tickets.ids,
            )
        )
        self.env["mail.tracking.value"].invalidate_model()
        self.env["mail.message"].invalidate_model(["email_from", "reply_to"])

    @api.model
    def _scrub_messages(self, model, identifiers_by_record):
        """The identifiers in the subjects and bodies of the records'
        messages, and in the e-mails still queued for them: notes and replies
        quote them, notifications repeat them."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT m.id, m.res_id, m.subject, m.body, mm.id, mm.body_html"
                "  FROM mail_message m"
                "  LEFT JOIN mail_mail mm ON mm.mail_message_id = m.id"
                " WHERE m.model = %s AND m.res_id = ANY(%s)",
                model,
                list(identifiers_by_record),
            )
        )
        scrub = self.browse()._scrub_text
        messages, mails = [], []
        for message_id, res_id, subject, body, mail_id, html in self.env.cr.fetchall():
            identifiers = identifiers_by_record[res_id]
            scrubbed = [scrub(subject, identifiers), scrub(body, identifiers)]
            if scrubbed != [subject, body]:
                messages.append(SQL("(%s, %s, %s)", message_id, *scrubbed))
            if mail_id and html and scrub(html, identifiers) != html:
                mails.append(SQL("(%s, %s)", mail_id, scrub(html, identifiers)))
        self._update_rows("mail.message", ("subject", "body"), messages)
        self._update_rows("mail.mail", ("body_html",), mails)

    @api.model
    def _update_rows(self, model, columns, rows):
        """Write ``rows`` (SQL tuples of id and ``columns``) in one UPDATE."""
        if not rows:
            return
        Model = self.env[model]
        self.env.cr.execute(
            SQL(
                "UPDATE %s t SET %s FROM (VALUES %s) AS v(id, %s) WHERE t.id = v.id",
                SQL.identifier(Model._table),
                SQL(", ").join(
                    SQL("%s = v.%s", SQL.identifier(c), SQL.identifier(c))
                    for c in columns
                ),
                SQL(", ").join(rows),
                SQL(", ").join(SQL.identifier(c) for c in columns),
            )
        )
        Model.invalidate_model(list(columns))

    @api.model
    def _retention_expired_domain(self):
        """Closed tickets whose company's retention period is over, not yet
        anonymised."""
        now = fields.Datetime.now()
        domain = Domain.FALSE
        for company in (
            self.env["res.company"]
            .sudo()
            .search([("personal_data_retention_years", ">", 0)])
        ):
            cutoff = now - relativedelta(years=company.personal_data_retention_years)
            domain |= Domain("company_id", "=", company.id) & Domain(
                "closed_date", "<", cutoff
            )
        return (
            domain
            & Domain("anonymised_date", "=", False)
            & Domain("stage_id.closed", "=", True)
        )

    @api.model
    def _cron_anonymise_expired_tickets(self, batch_size=500):
        """Anonymise the tickets whose retention period is over, in batches.

        Each batch is committed whole and leaves the selection, so an
        interrupted run resumes where it stopped and nothing is anonymised
        twice. A ticket that fails is logged and left for the next run; the
        others go on.
        """
        reason = self.env._("the retention period is over")
        total = (
            self.sudo()
            .with_context(active_test=False)
            ._watch_batches(
                self._retention_expired_domain(),
                "_anonymise_personal_data",
                args=(reason,),
                order="closed_date, id",
                batch_size=batch_size,
                whole_batch=True,
            )
        )
        _logger.info("Anonymised the personal data of %s expired tickets", total)
        return total
