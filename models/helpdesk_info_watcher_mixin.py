import logging

from odoo import api, fields, models
from odoo.fields import Domain

_logger = logging.getLogger(__name__)


class HelpdeskInfoWatcherMixin(models.AbstractModel):
    """The loop of the deadline watchers: a scheduled action, triggered at
    the records' next checks, looks at the records whose stored next-check
    date has come (one indexed query when none has) and lets each one alert
    and leave the selection."""

    _name = "helpdesk.info.watcher.mixin"
    _description = "Deadline Watcher"

    def _company_users(self, group):
        """Active internal users of the addon's ``group`` who work for one of
        the records' companies: those an alert goes to."""
        # Read as superuser: whoever triggers the alert may not read the
        # other companies those users also work for.
        group_id = self.env["ir.model.data"]._xmlid_to_res_id(
            f"helpdesk_property_info.{group}"
        )
        users = self.env["res.groups"].sudo().browse(group_id).all_user_ids
        companies = self.company_id.sudo()
        return users.filtered(lambda u: not u.share and u.company_ids & companies).sudo(
            False
        )

    @api.model
    def _watch_next_checks(self, next_check, handler, batch_size=200):
        """Run ``handler`` on each record whose ``next_check`` has come, in
        locked batches committed one by one; the handler makes the record
        leave the selection. A record that fails is logged and left for the
        next run; the others go on."""
        Cron = self.env["ir.cron"]
        failed = []
        domain = Domain(next_check, "<=", fields.Datetime.now())
        while records := self.search(
            domain & Domain("id", "not in", failed),
            limit=batch_size,
            order=f"{next_check}, id",
        ):
            locked = records.try_lock_for_update()
            if not locked:
                break
            for record in locked:
                try:
                    with self.env.cr.savepoint():
                        # Shared texts in the company's language when the
                        # scheduled action runs without one.
                        if record.company_id and not self.env.lang:
                            lang = record.company_id[:1]._helpdesk_info_lang()
                            record = record.with_context(lang=lang)
                        getattr(record, handler)()
                except Exception:
                    _logger.exception(
                        "Watcher %s: %s %s failed, left for the next run",
                        handler,
                        self._name,
                        record.id,
                    )
                    failed.append(record.id)
            remaining = len(records) == batch_size
            if (
                not Cron._commit_progress(len(locked), remaining=int(remaining))
                or not remaining
            ):
                break
