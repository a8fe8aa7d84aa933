from markupsafe import Markup

from odoo import api, fields, models
from odoo.fields import Domain

from .helpdesk_info_guard_mixin import in_action_scope
from .res_partner.personal_data import PARTNER_CONTACT_FIELDS, PARTNER_VOLUNTARY_FIELDS


class HelpdeskInfoErasureRequest(models.Model):
    """A person asks that their personal data be erased (PIPL art. 47):
    legal counsel approves (tier validation), and the approval anonymises
    the person across tickets (with their return visits), satisfaction
    questionnaires and the owners' register at once. Counts stay: the
    tickets, visits and questionnaires remain, without the person."""

    _name = "helpdesk.info.erasure.request"
    _inherit = ["helpdesk.info.personal.request.mixin"]
    _description = "Personal Data Erasure Request"

    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        help="Whose personal data is to be erased.",
    )
    reason = fields.Text(
        required=True, tracking=True, help="What the person asked and why."
    )
    received_date = fields.Date(
        string="Received On",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="When the person's request reached the company.",
    )
    done_date = fields.Datetime(
        string="Erased On", readonly=True, copy=False, tracking=True
    )
    ticket_count = fields.Integer(
        string="Tickets Anonymised", readonly=True, copy=False
    )
    questionnaire_count = fields.Integer(
        string="Questionnaires Anonymised", readonly=True, copy=False
    )

    def _approval_content_fields(self):
        return {"partner_id", "reason", "received_date", "company_id"}

    def _guarded_fields(self):
        return (
            dict.fromkeys(("done_date", "ticket_count", "questionnaire_count"), None)
            | super()._guarded_fields()
        )

    @api.depends("partner_id")
    def _compute_display_name(self):
        for request in self:
            request.display_name = self.env._(
                "Erasure request of %s", request.partner_id.display_name or ""
            )

    def _after_approval(self):
        self._erase()

    def _person_tickets(self):
        self.ensure_one()
        partner = self.partner_id
        domain = Domain("partner_id", "=", partner.id)
        phones = {phone for phone in (partner.phone,) if phone}
        if phones:
            Ticket = self.env["helpdesk.ticket"]
            normalized = set()
            for phone in phones:
                try:
                    normalized.add(
                        Ticket._normalize_contact_phone(phone, self.company_id)
                    )
                except Exception:  # noqa: BLE001 - a number the intake would not take matches no ticket
                    normalized.add(phone)
            domain |= Domain("contact_phone", "in", list(normalized))
        if partner.email:
            domain |= Domain("partner_email", "=ilike", partner.email)
        return (
            self.env["helpdesk.ticket"]
            .sudo()
            .with_context(active_test=False)
            .search(domain & Domain("company_id", "=", self.company_id.id))
        )

    def _erase(self):
        """Anonymise the person everywhere the addon keeps them."""
        self.ensure_one()
        partner = self.partner_id.sudo()
        reason = self.env._("erasure request approved by %s", self.approved_by_id.name)
        tickets = self._person_tickets()._anonymise_personal_data(reason)
        questionnaires = (
            self.env["survey.user_input"]
            .sudo()
            .search([("partner_id", "=", partner.id), ("campaign_id", "!=", False)])
        )
        in_action_scope(questionnaires, "survey.user_input").write(
            {"partner_id": False, "email": False, "nickname": False}
        )
        occupancies = (
            self.env["helpdesk.info.unit.occupancy"]
            .sudo()
            .search([("partner_id", "=", partner.id)])
        )
        occupancies.write({"note": False})
        vals = dict.fromkeys(PARTNER_VOLUNTARY_FIELDS + PARTNER_CONTACT_FIELDS, False)
        if "mobile" in partner._fields:
            vals["mobile"] = False
        vals |= {
            "name": self.env._("Anonymised person %s", partner.id),
            "personal_data_erased_date": fields.Datetime.now(),
        }
        identifiers = [
            value
            for value in (partner.name, partner.phone, partner.email)
            if value and len(value) > 1
        ]
        partner.with_context(tracking_disable=True).write(vals)
        # The person's name in this request's and the contact's own chatter.
        Ticket = self.env["helpdesk.ticket"]
        Ticket._scrub_messages(self._name, {self.id: identifiers})
        Ticket._scrub_messages("res.partner", {partner.id: identifiers})
        self._write_by_action(
            {
                "state": "done",
                "done_date": fields.Datetime.now(),
                "ticket_count": len(tickets),
                "questionnaire_count": len(questionnaires),
            }
        )
        self.message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "Personal data erased: %(tickets)s tickets, %(questionnaires)s "
                "questionnaires, %(occupancies)s register entries anonymised.",
                tickets=len(tickets),
                questionnaires=len(questionnaires),
                occupancies=len(occupancies),
            ),
            subtype_xmlid="mail.mt_note",
        )
