from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

DISCLOSURE_RECIPIENTS = [
    ("lawyer", "Lawyer"),
    ("court", "Court"),
    ("police", "Police"),
    ("authority", "Other Authority"),
    ("other", "Other"),
]


class HelpdeskInfoDisclosureRequest(models.Model):
    """A copy of owners' files leaves the company only with a leader's
    approval (seed 001 §12): what, to whom and on which legal basis; a
    company leader approves through tier validation; only then is it marked
    disclosed, with the date and who handed it over. The chatter is the log."""

    _name = "helpdesk.info.disclosure.request"
    _inherit = ["helpdesk.info.personal.request.mixin"]
    _description = "Personal Data Disclosure Request"

    ticket_ids = fields.Many2many(
        "helpdesk.ticket",
        string="Tickets",
        check_company=True,
        tracking=True,
        help="The tickets whose copy is given.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        ondelete="restrict",
        tracking=True,
        help="The person whose file (register entries, tickets) is given.",
    )
    dossier_id = fields.Many2one(
        "helpdesk.info.archive.dossier",
        check_company=True,
        ondelete="restrict",
        tracking=True,
        help="The dossier of the archives whose copy is given.",
    )
    recipient_kind = fields.Selection(
        DISCLOSURE_RECIPIENTS,
        required=True,
        default="lawyer",
        tracking=True,
    )
    recipient = fields.Char(
        required=True,
        tracking=True,
        help="Who receives the copy: name, office, case number.",
    )
    legal_basis = fields.Text(
        required=True,
        tracking=True,
        help="Why the company may give it: the court order, the police request…",
    )
    disclosed_date = fields.Datetime(
        string="Disclosed On", readonly=True, copy=False, tracking=True
    )
    disclosed_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True
    )

    def _approval_content_fields(self):
        return {
            "ticket_ids",
            "partner_id",
            "dossier_id",
            "recipient_kind",
            "recipient",
            "legal_basis",
            "company_id",
        }

    def _guarded_fields(self):
        return (
            dict.fromkeys(("disclosed_date", "disclosed_by_id"), None)
            | super()._guarded_fields()
        )

    @api.depends("recipient")
    def _compute_display_name(self):
        for request in self:
            request.display_name = self.env._(
                "Disclosure to %s", request.recipient or ""
            )

    @api.constrains("ticket_ids", "partner_id", "dossier_id", "recipient")
    def _check_what(self):
        for request in self:
            if (
                not request.ticket_ids
                and not request.partner_id
                and not request.dossier_id
            ):
                raise ValidationError(
                    self.env._(
                        "Say what is disclosed: tickets, a person's file, a "
                        "dossier of the archives, or several."
                    )
                )

    def action_mark_disclosed(self):
        """The approved copy was handed over."""
        self.check_access("write")
        for request in self:
            if request.state != "approved":
                raise UserError(
                    self.env._(
                        "%s is not approved by a company leader: nothing leaves the "
                        "company.",
                        request.display_name,
                    )
                )
        self._write_by_action(
            {
                "state": "done",
                "disclosed_date": fields.Datetime.now(),
                "disclosed_by_id": self.env.uid,
            }
        )
        for request in self:
            request.message_post(
                body=self.env._(
                    "Disclosed to %(recipient)s by %(user)s.",
                    recipient=request.recipient,
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True
