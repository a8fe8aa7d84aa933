from odoo import models


class HelpdeskTicket(models.Model):
    """Reporting upward (seed 000 §6.4, §7.1.3): important information
    (重要) reaches the Customer Service managers as soon as a ticket is
    recorded as important or raised to it."""

    _inherit = "helpdesk.ticket"

    def _after_create_upward(self):
        """Create: important information reaches the managers."""
        self.filtered(
            lambda t: t.importance == "important"
        )._notify_cs_managers_important()

    def _before_write_upward(self, vals):
        """Write: the tickets ``vals`` raise to important."""
        if vals.get("importance") == "important":
            return self.filtered(lambda t: t.importance != "important")
        return self.browse()

    def _after_write_upward(self, raised):
        """Write: the tickets raised to important reach the managers."""
        raised.filtered(
            lambda t: t.importance == "important"
        )._notify_cs_managers_important()

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
