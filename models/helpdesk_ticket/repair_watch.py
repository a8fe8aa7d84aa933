from markupsafe import Markup

from odoo import api, models

ARRIVAL_CRON = "helpdesk_property_info.ir_cron_watch_repair_arrivals"


class HelpdeskTicket(models.Model):
    """The arrival watcher: a repair with nobody on site at its deadline is
    reported to the repair team's leader and the community's manager on call
    (or, without one, the Customer Service managers), once. The watcher is
    triggered for each deadline as it is set, so that it runs at the minute,
    not at its next periodic run."""

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
        ``repair_next_check``: a run with nothing due costs one query. Each
        batch is alerted whole, so that the duty roster is asked once for it;
        repair by repair only when the batch fails."""
        self._watch_next_checks(
            "repair_next_check", "_alert_late_arrival", batch_size, whole_batch=True
        )

    def _alert_late_arrival(self):
        """Alert the repair team's leader and the community's manager on call
        at that minute (the duty roster); the company's Customer Service
        managers when the community has no manager on call."""
        recipients = self.env["helpdesk.info.duty.shift"]._alert_recipients(
            self, lambda ticket: ticket.repair_community_id
        )

        def summary(env, when):
            return env._("Nobody on site: repair due on site by %s", when)

        activities = []
        for ticket in self:
            users = ticket.team_id.user_id | recipients[ticket]
            when = ticket._format_datetime(ticket.arrival_deadline)
            activities += [
                ticket._deadline_activity_vals(
                    "mail_activity_repair_late",
                    user,
                    summary(user._helpdesk_info_lang_env(), when),
                )
                for user in users or self.env.user
            ]
            # The chatter in the company's language when the job runs
            # without one.
            env = ticket.company_id._helpdesk_info_lang_env()
            ticket.message_post(
                body=Markup("<p>%s</p>") % summary(env, when),
                subtype_xmlid="mail.mt_note",
            )
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            activities
        )
        self._write_by_action({"repair_late_alerted": True})
