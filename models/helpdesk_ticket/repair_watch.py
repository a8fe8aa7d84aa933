from markupsafe import Markup

from odoo import api, models

ARRIVAL_CRON = "helpdesk_property_info.ir_cron_watch_repair_arrivals"


class HelpdeskTicket(models.Model):
    """The arrival watcher: a repair with nobody on site at its deadline is
    reported to the repair team's leader and the Customer Service managers,
    once. The watcher is triggered for each deadline as it is set, so that it
    runs at the minute, not at its next periodic run."""

    _inherit = "helpdesk.ticket"

    def _schedule_repair_watch(self):
        deadlines = {
            ticket.repair_next_check for ticket in self if ticket.repair_next_check
        }
        if not deadlines:
            return
        cron_id = self.env["ir.model.data"]._xmlid_to_res_id(
            ARRIVAL_CRON, raise_if_not_found=False
        )
        if cron_id:
            self.env["ir.cron"].sudo().browse(cron_id)._trigger(sorted(deadlines))

    @api.model
    def _cron_watch_repair_arrivals(self, batch_size=200):
        """Alert on the repairs whose arrival deadline has passed with nobody
        on site. Selects only those, through the partial index on
        ``repair_next_check``: a run with nothing due costs one query."""
        self._watch_next_checks("repair_next_check", "_alert_late_arrival", batch_size)

    def _alert_late_arrival(self):
        self.ensure_one()
        managers = self.company_id._helpdesk_info_alert_users("group_cs_manager")
        users = self.team_id.user_id | managers
        when = self._format_datetime(self.arrival_deadline)

        def summary(env):
            return env._("Nobody on site: repair due on site by %s", when)

        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            [
                self._deadline_activity_vals(
                    "mail_activity_repair_late",
                    user,
                    summary(user._helpdesk_info_lang_env()),
                )
                for user in users or self.env.user
            ]
        )
        self.message_post(
            body=Markup("<p>%s</p>") % summary(self.env), subtype_xmlid="mail.mt_note"
        )
        self._write_by_action({"repair_late_alerted": True})
