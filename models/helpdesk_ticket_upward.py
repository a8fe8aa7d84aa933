from markupsafe import Markup

from odoo import api, models


class HelpdeskTicket(models.Model):
    """Reporting upward (seed 000 §6.4, §7.1.3): important information
    (重要) reaches the Customer Service managers as soon as a ticket is
    recorded as important or raised to it."""

    _inherit = "helpdesk.ticket"

    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        tickets.filtered(lambda t: t.importance == "important")._notify_cs_managers_important()
        return tickets

    def write(self, vals):
        raised = (
            self.filtered(lambda t: t.importance != "important")
            if vals.get("importance") == "important"
            else self.browse()
        )
        result = super().write(vals)
        raised.filtered(lambda t: t.importance == "important")._notify_cs_managers_important()
        return result

    def _notify_cs_managers_important(self):
        for ticket in self:
            managers = ticket._company_users("group_cs_manager")
            if not managers:
                continue
            ticket.message_post(
                body=Markup("<p>%s</p>") % self.env._(
                    "Important information: the Customer Service managers are notified."
                ),
                partner_ids=managers.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )
