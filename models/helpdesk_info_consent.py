from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .helpdesk_info_guard_mixin import in_action_scope

CONSENT_CHANNELS = [
    ("phone", "Phone"),
    ("in_person", "In Person"),
    ("written", "Written Form"),
    ("online", "Online"),
]
CONSENT_STATES = [
    ("given", "Given"),
    ("withdrawn", "Withdrawn"),
]
# What the consent says: recorded once, never rewritten (a new consent is
# recorded instead).
CONSENT_CONTENT_FIELDS = ("partner_id", "ticket_id", "date", "channel", "purpose")


class HelpdeskInfoConsent(models.Model):
    """The purpose told to a person and their consent to keep voluntary data
    about them (seed 004 第十条; PIPL art. 13-14): family members, emergency
    contact, vehicles, WeChat. The fields holding such data refuse a value
    while the person has no current consent (see ``res.partner`` and
    ``helpdesk.ticket``); withdrawing the consent erases them."""

    _name = "helpdesk.info.consent"
    _description = "Personal Data Consent"
    _inherit = ["mail.thread", "helpdesk.info.guard.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        help="Whom the consent is from. Empty for a caller not in the contacts: then "
        "the ticket.",
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        help="The ticket at whose intake the consent was given, if any.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    date = fields.Datetime(
        required=True,
        default=fields.Datetime.now,
        tracking=True,
        help="When the person gave their consent.",
    )
    channel = fields.Selection(
        CONSENT_CHANNELS,
        required=True,
        default="phone",
        tracking=True,
        help="How the consent was given.",
    )
    purpose = fields.Text(
        required=True,
        help="The purpose told to the person: what the voluntary data is kept for.",
    )
    state = fields.Selection(
        CONSENT_STATES, default="given", required=True, readonly=True, tracking=True
    )
    recorded_by_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        readonly=True,
        required=True,
    )
    withdrawn_date = fields.Datetime(
        string="Withdrawn On", readonly=True, tracking=True
    )
    withdrawn_by_id = fields.Many2one(
        "res.users", string="Withdrawal Recorded By", readonly=True
    )

    def _guarded_fields(self):
        # Given at creation, withdrawn by its button, in the recorder's name.
        return (
            dict.fromkeys(
                ("state", "recorded_by_id", "withdrawn_date", "withdrawn_by_id"), None
            )
            | super()._guarded_fields()
        )

    def _frozen_fields(self):
        return {
            "recorded": dict.fromkeys(CONSENT_CONTENT_FIELDS, None)
        } | super()._frozen_fields()

    def _guard_frozen_hint(self, state):
        if state == "recorded":
            return self.env._(
                "A recorded consent is not rewritten: record a new one, or "
                "withdraw this one."
            )
        return super()._guard_frozen_hint(state)

    @api.depends("partner_id", "ticket_id", "date")
    def _compute_display_name(self):
        for consent in self:
            who = (
                consent.partner_id.display_name
                or consent.ticket_id.contact_name
                or consent.ticket_id.number
            )
            consent.display_name = self.env._(
                "Consent of %(who)s (%(date)s)",
                who=who or "",
                date=fields.Date.to_string(consent.date) or "",
            )

    @api.constrains("partner_id", "ticket_id", "date", "purpose")
    def _check_consent(self):
        now = fields.Datetime.now()
        for consent in self:
            if not consent.partner_id and not consent.ticket_id:
                raise ValidationError(
                    self.env._(
                        "A consent is given by a person or at a ticket's intake."
                    )
                )
            if consent.date and consent.date > now:
                raise ValidationError(
                    self.env._("A consent is recorded once given, not before.")
                )
            if not (consent.purpose or "").strip():
                raise ValidationError(
                    self.env._("State the purpose told to the person.")
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("Consents are kept as the record of what the person agreed to.")
        )

    def action_withdraw(self):
        """The person withdraws their consent: the voluntary data it covered is
        erased."""
        self.check_access("write")
        for consent in self:
            if consent.state != "given":
                raise UserError(
                    self.env._("%s is already withdrawn.", consent.display_name)
                )
        self._write_by_action(
            {
                "state": "withdrawn",
                "withdrawn_date": fields.Datetime.now(),
                "withdrawn_by_id": self.env.uid,
            }
        )
        for consent in self:
            if consent.partner_id and not consent.partner_id._has_current_consent():
                consent.partner_id.sudo()._erase_voluntary_data()
            ticket = consent.ticket_id
            if ticket and not ticket._has_current_consent():
                in_action_scope(ticket.sudo(), "helpdesk.ticket").write(
                    dict.fromkeys(ticket._voluntary_fields(), False)
                )
            consent.message_post(
                body=self.env._(
                    "Consent withdrawn: the voluntary data it covered is erased."
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True
