from odoo import api, models


class HelpdeskTicket(models.Model):
    """Reporting upward (seed 000 §6.4, §7.1.3): important information
    (重要) reaches the Customer Service managers as soon as a ticket is
    recorded as important or raised to it."""

    _inherit = "helpdesk.ticket"

    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        tickets.filtered(
            lambda t: t.importance == "important"
        )._notify_cs_managers_important()
        return tickets

    def write(self, vals):
        raised = (
            self.filtered(lambda t: t.importance != "important")
            if vals.get("importance") == "important"
            else self.browse()
        )
        result = super().write(vals)
        raised.filtered(
            lambda t: t.importance == "important"
        )._notify_cs_managers_important()
        return result

    def _notify_cs_managers_important(self):
        """An *Important Information* activity for each Customer Service
        manager of the ticket's company, all in one batch: activities reach
        their menus without an e-mail each, as the deadline watcher's do."""
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            [
                ticket._deadline_activity_vals(
                    "mail_activity_important_information",
                    manager,
                    manager._helpdesk_info_lang_env()._(
                        "Important information: read the ticket"
                    ),
                )
                for ticket in self
                for manager in ticket.company_id._helpdesk_info_alert_users(
                    "group_cs_manager"
                )
            ]
        )
