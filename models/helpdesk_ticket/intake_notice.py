from markupsafe import Markup

from odoo import api, fields, models

NOTICE_TEMPLATE = "helpdesk_property_info.mail_template_intake_notice"
NOTICE_CHANNELS = [
    ("email", "E-mail"),
    ("sms", "Text Message"),
]


class HelpdeskTicket(models.Model):
    """The customer told at intake (seed 004 第五条.3): whoever records a
    ticket for a customer (the desk, an e-mail, the portal, an integration),
    the customer is told its number, the promised reply time and how the
    answer will come, on the way they can be reached: an e-mail when they
    have an address, else a text message prepared for the SMS provider
    (``intake_notice_sms``). A company setting turns it off."""

    _inherit = "helpdesk.ticket"

    intake_notice_channel = fields.Selection(
        NOTICE_CHANNELS,
        string="Customer Told By",
        copy=False,
        readonly=True,
        help="How the customer was told the ticket's number and promised reply "
        "time when it was recorded; empty when nobody was told.",
    )
    intake_notice_sms = fields.Text(
        string="Text Message to the Customer",
        copy=False,
        readonly=True,
        help="The text message prepared for the SMS provider when the customer "
        "has a phone number but no e-mail address.",
    )
    reply_deadline_text = fields.Char(
        string="Reply Promised By",
        compute="_compute_reply_deadline_text",
        help="The reply deadline in the team's time zone, as the customer is told it.",
    )

    @api.depends("reply_deadline", "team_id")
    def _compute_reply_deadline_text(self):
        for ticket in self:
            ticket.reply_deadline_text = (
                ticket._format_datetime(ticket.reply_deadline)
                if ticket.reply_deadline
                else ""
            )

    def _after_create_intake_notice(self):
        """Tell each new ticket's customer, when the company says so."""
        tickets = self.sudo().filtered(
            lambda t: t.partner_id and t.company_id.intake_notice_owner
        )
        if not tickets:
            return
        template = self.env.ref(NOTICE_TEMPLATE, raise_if_not_found=False)
        for ticket in tickets:
            partner = ticket.partner_id
            if partner.email and template:
                template.sudo().send_mail(
                    ticket.id,
                    force_send=False,
                    email_layout_xmlid="mail.mail_notification_light",
                )
                ticket._record_intake_notice("email")
            elif partner.phone:
                ticket._record_intake_notice("sms", ticket._intake_notice_sms_text())

    def _intake_notice_sms_text(self):
        """The text message, in the customer's language."""
        self.ensure_one()
        env = self.with_context(lang=self.partner_id.lang or self.env.lang).env
        return env._(
            "[%(company)s] Your request %(number)s is recorded. We reply by "
            "%(deadline)s; we will call you back on this number.",
            company=self.company_id.name,
            number=self.number,
            deadline=self.reply_deadline_text or "-",
        )

    def _record_intake_notice(self, channel, text=False):
        self._write_by_action(
            {"intake_notice_channel": channel, "intake_notice_sms": text}
        )
        # An internal note: the message itself is no reply to the customer.
        # It names the channel, not the address: the chatter is read by
        # handlers who may not see the customer's contact details.
        env = self.company_id._helpdesk_info_lang_env()
        labels = dict(self._fields["intake_notice_channel"]._description_selection(env))
        self.message_post(
            body=Markup("<p>%s</p>")
            % env._(
                "Customer told of the ticket's number and reply time by %s.",
                labels[channel],
            ),
            subtype_xmlid="mail.mt_note",
        )
