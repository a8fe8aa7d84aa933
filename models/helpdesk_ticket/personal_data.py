from odoo import api, fields, models

from ..helpdesk_info_personal_data_mixin import (
    CS_GROUP,
    PERSONAL_DATA_GROUPS,
    mask_value,
    shown_field,
)


class HelpdeskTicket(models.Model):
    """The caller's name, phone, room, unit, e-mail and WeChat: in full for
    Customer Service, the ticket's handler and its repair's worker; masked for
    every other user (helpdesk.info.personal.data.mixin, which
    helpdesk_ticket.py mixes in). The fields themselves are Customer
    Service's (``groups``); the others read their ``*_display``."""

    _inherit = "helpdesk.ticket"

    # helpdesk_mgmt's caller name and e-mail.
    partner_name = fields.Char(groups=PERSONAL_DATA_GROUPS)
    partner_email = fields.Char(groups=PERSONAL_DATA_GROUPS)

    contact_name_display = shown_field(
        "Caller Name as Shown",
        "The caller's name: in full on the tickets assigned to you, masked on "
        "the others.",
    )
    contact_phone_display = shown_field(
        "Contact Phone as Shown",
        "The caller's phone: in full on the tickets assigned to you or whose "
        "repair you do, masked on the others.",
    )
    room_number_display = shown_field(
        "Room Number as Shown",
        "The caller's room: in full on the tickets assigned to you or whose "
        "repair you do, masked on the others.",
    )
    partner_email_display = shown_field(
        "Email as Shown",
        "The caller's e-mail: in full on the tickets assigned to you, masked on "
        "the others.",
    )
    contact_wechat_display = shown_field(
        "Caller WeChat ID as Shown",
        "The caller's WeChat ID: in full on the tickets assigned to you, masked "
        "on the others.",
    )

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
            "contact_name": "name",
            "partner_name": "name",
            "contact_phone": "phone",
            "room_number": "room",
            "unit_id": "unit",
            "partner_email": "email",
            "contact_wechat": "wechat",
        }

    def _personal_data_display_depends(self):
        return [
            *super()._personal_data_display_depends(),
            "user_id",
            "repair_worker_id",
        ]

    def _personal_data_assigned(self):
        uid = self.env.uid
        assigned = {
            ticket.id
            for ticket in self.sudo()
            if uid in (ticket.user_id.id, ticket.repair_worker_id.id)
        }
        return self.browse(rid for rid in self._ids if rid in assigned)

    def _after_write_personal_data(self, vals):
        """Taking a ticket (handler) or its repair (worker) shows its caller's
        data in full to someone outside Customer Service: logged, in the
        name of the person who now sees it. (Data files loading demo
        tickets are nobody taking them.)"""
        if self.env.context.get("install_mode"):
            return
        assignees = self.env["res.users"]
        for name in ("user_id", "repair_worker_id"):
            if name in vals:
                assignees |= self.sudo()[name]
        Log = self.env["helpdesk.info.personal.data.log"]
        for user in assignees.filtered(lambda u: not u.has_group(CS_GROUP)):
            tickets = self.sudo().filtered(
                lambda t, user=user: user in (t.user_id | t.repair_worker_id)
            )
            Log.with_user(user)._log(
                "assignment", tickets.sudo(False), set(self._personal_data_fields())
            )

    def _message_add_default_recipients(self):
        """Mail proposes the caller's e-mail to whoever writes: read as the
        superuser on the tickets the user sees in full, and not proposed on
        the others."""
        shown = self._personal_data_shown_records()
        found = (
            super(HelpdeskTicket, shown.sudo())._message_add_default_recipients()
            if shown
            else {}
        )
        for ticket in self - shown:
            found[ticket.id] = {
                "email_cc_lst": [],
                "email_to_lst": [],
                "partners": self.env["res.partner"],
            }
        return found

    def _prepare_personal_data_write_vals(self, vals):
        """Write, before the intake's phone check: a masked phone sent back by
        a form is dropped, not refused as an invalid number."""
        return self._strip_masked_values(vals)

    # ------------------------------------------------------------------
    # Printed forms
    # ------------------------------------------------------------------

    def _report_contact_phone(self):
        """The caller's phone on a printed form, as the reader may see it."""
        self.ensure_one()
        return self.contact_phone_display or self._personal_data_shown_value(
            "phone", self.sudo().partner_id.phone
        )

    def _report_room(self):
        self.ensure_one()
        return (
            self._personal_data_shown_value("room", self.sudo().unit_id.full_code)
            or self.room_number_display
        )

    def _personal_data_shown_value(self, kind, value):
        return value if self._personal_data_shown_records() else mask_value(kind, value)
