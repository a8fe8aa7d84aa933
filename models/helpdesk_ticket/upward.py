from odoo import api, fields, models
from odoo.fields import Domain

IMPORTANT_NOTICE_CRON = "helpdesk_property_info.ir_cron_notify_important_information"


class HelpdeskTicket(models.Model):
    """Reporting upward (seed 000 §6.4, §7.1.3): important information
    (重要) reaches the Customer Service managers as soon as a ticket is
    recorded as important or raised to it.

    The ticket is marked when it is recorded as important or raised to it,
    in the same transaction; the managers' activities follow within a
    minute, from a scheduled action triggered when the transaction commits,
    so that recording a ticket does not wait for them. The mark is cleared
    with the activities in one transaction: a notice is neither lost if
    the server stops nor given twice."""

    _inherit = "helpdesk.ticket"

    important_notice_pending = fields.Boolean(
        compute="_compute_important_notice_pending",
        store=True,
        precompute=True,
        copy=False,
        groups="base.group_user",
        help="Important information whose notice to the Customer Service "
        "managers is not given yet; given within a minute.",
    )

    _important_notice_pending_idx = models.Index("(id) WHERE important_notice_pending")

    # No dependency: computed once, before the insert. Raising a ticket to
    # important marks it through its write (_after_write_upward); tickets
    # recorded before the mark existed were notified when they were
    # recorded (a saved ticket has an id, a ticket being created none yet).
    @api.depends()
    def _compute_important_notice_pending(self):
        for ticket in self:
            ticket.important_notice_pending = (
                not ticket.id and ticket.importance == "important"
            )

    @api.model
    def _prepare_upward_vals(self, vals_list):
        """Create: the mark follows from the importance, never from the
        caller."""
        for vals in vals_list:
            vals.pop("important_notice_pending", None)

    def _after_create_upward(self):
        """Create: important information reaches the managers."""
        if any(ticket.important_notice_pending for ticket in self):
            self._schedule_important_notice()

    def _before_write_upward(self, vals):
        """Write: the tickets ``vals`` raise to important."""
        if vals.get("importance") == "important":
            return self.filtered(lambda t: t.importance != "important")
        return self.browse()

    def _after_write_upward(self, raised):
        """Write: the tickets raised to important reach the managers."""
        raised = raised.filtered(lambda t: t.importance == "important")
        if raised:
            raised._write_by_action({"important_notice_pending": True})
            raised._schedule_important_notice()

    def _schedule_important_notice(self):
        """Trigger the notice when the transaction commits, once however
        many tickets it marked."""
        cr = self.env.cr
        if cr.precommit.data.get(IMPORTANT_NOTICE_CRON):
            return
        cr.precommit.data[IMPORTANT_NOTICE_CRON] = True
        env = self.env

        def trigger():
            cron_id = env["ir.model.data"]._xmlid_to_res_id(
                IMPORTANT_NOTICE_CRON, raise_if_not_found=False
            )
            if cron_id:
                env["ir.cron"].sudo().browse(cron_id)._trigger()

        cr.precommit.add(trigger)

    @api.model
    def _cron_notify_important_information(self, batch_size=200):
        """Give the notices of the marked tickets, in batches, through the
        partial index on the mark: a run with nothing marked costs one
        query."""
        return self._watch_batches(
            Domain("important_notice_pending", "=", True),
            "_notify_cs_managers_important",
            batch_size=batch_size,
            whole_batch=True,
        )

    def _notify_cs_managers_important(self):
        """An *Important Information* activity for each Customer Service
        manager of the ticket's company, all in one batch: activities reach
        their menus without an e-mail each, as the deadline watcher's do. A
        ticket lowered to general before its notice needs none."""
        important = self.filtered(lambda t: t.importance == "important")
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            [
                ticket._deadline_activity_vals(
                    "mail_activity_important_information",
                    manager,
                    manager._helpdesk_info_lang_env()._(
                        "Important information: read the ticket"
                    ),
                )
                for ticket in important
                for manager in ticket.company_id._helpdesk_info_alert_users(
                    "group_cs_manager"
                )
            ]
        )
        self._write_by_action({"important_notice_pending": False})
