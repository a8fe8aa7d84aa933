from odoo import api, fields, models

from ..helpdesk_info_personal_data_mixin import mask_value


class HelpdeskTicket(models.Model):
    """The caller's phone, room, unit, e-mail and WeChat: in full for Customer
    Service, the ticket's handler and its repair's worker; masked for every
    other user (helpdesk.info.personal.data.mixin, which helpdesk_ticket.py
    mixes in)."""

    _inherit = "helpdesk.ticket"

    personal_data_masked = fields.Boolean(
        compute="_compute_personal_data_masked",
        help="Whether you see this ticket's caller phone, room and e-mail masked: "
        "a masked phone is plain text, not a number to dial.",
    )

    @api.depends_context("uid")
    def _compute_personal_data_masked(self):
        masked = self._personal_data_masked_records()
        for ticket in self:
            ticket.personal_data_masked = ticket in masked

    @api.model
    def _personal_data_fields(self):
        return {
            "contact_phone": "phone",
            "room_number": "room",
            "unit_id": "unit",
            "partner_email": "email",
            "contact_wechat": "wechat",
        }

    def _personal_data_assigned(self):
        uid = self.env.uid
        return self.filtered(
            lambda ticket: (
                uid in (ticket.sudo().user_id.id, ticket.sudo().repair_worker_id.id)
            )
        )

    def _prepare_personal_data_write_vals(self, vals):
        """Write, before the intake's phone check: a masked phone sent back by
        a form is dropped, not refused as an invalid number."""
        return self._strip_masked_values(vals)

    # ------------------------------------------------------------------
    # Printed forms
    # ------------------------------------------------------------------

    def _report_contact_phone(self):
        """The caller's phone on a printed form: masked for whoever may not
        see it in full."""
        self.ensure_one()
        phone = self.contact_phone or self.partner_id.phone
        return (
            phone if self._personal_data_full_records() else mask_value("phone", phone)
        )

    def _report_room(self):
        self.ensure_one()
        room = self.unit_id.full_code or self.room_number
        return room if self._personal_data_full_records() else mask_value("room", room)
