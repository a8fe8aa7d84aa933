import logging

from odoo import api, fields, models
from odoo.fields import Domain

_logger = logging.getLogger(__name__)


class HelpdeskInfoWatcherMixin(models.AbstractModel):
    """The loop of every scheduled job that walks records in committed
    batches: the deadline watchers (triggered at the records' next checks,
    one indexed query when nothing is due), the anonymisation of the tickets
    whose retention period is over and the report mailer.

    A job states what it walks (a domain the handled records leave) and what
    it does to them (a handler, per record or per batch); the loop locks,
    isolates, commits and reports the progress to the scheduler. Alerts find
    their recipients through ``res.company._helpdesk_info_alert_users``.
    """

    _name = "helpdesk.info.watcher.mixin"
    _description = "Batched Scheduled Job"

    @api.model
    def _watch_next_checks(
        self, next_check, handler, batch_size=200, whole_batch=False
    ):
        """Run ``handler`` on the records whose ``next_check`` has come; it
        makes each record leave the selection (see ``_watch_batches``)."""
        return self._watch_batches(
            Domain(next_check, "<=", fields.Datetime.now()),
            handler,
            order=f"{next_check}, id",
            batch_size=batch_size,
            whole_batch=whole_batch,
        )

    @api.model
    def _watch_batches(
        self, domain, handler, args=(), order="id", batch_size=200, whole_batch=False
    ):
        """Run the method ``handler`` (with ``args``) on the records of
        ``domain``, in locked batches committed one by one, and return how
        many records it handled.

        The handler makes each record it handles leave ``domain``, so an
        interrupted run resumes where it stopped and a repeated one does
        nothing twice. It is called on one record at a time, in the company's
        language when the job runs without one; with ``whole_batch``, on the
        whole batch at once, and record by record only when the batch fails.
        A record that fails is logged and left for the next run; records
        locked by another run are left to it; the others go on.
        """
        Cron = self.env["ir.cron"]
        domain = Domain(domain)
        left = []
        handled = 0
        while records := self.search(
            domain & Domain("id", "not in", left), limit=batch_size, order=order
        ):
            locked = records.try_lock_for_update()
            left += (records - locked).ids
            failed = locked._watch_handle(handler, args, whole_batch)
            left += failed.ids
            handled += len(locked) - len(failed)
            remaining = (
                self.search_count(domain & Domain("id", "not in", left))
                if len(records) == batch_size
                else 0
            )
            if (
                not Cron._commit_progress(len(locked), remaining=remaining)
                or not remaining
            ):
                break
        return handled

    def _watch_handle(self, handler, args, whole_batch):
        """Handle the batch, each record (or the whole batch) in its own
        savepoint; returns the records that failed."""
        if whole_batch and self:
            try:
                with self.env.cr.savepoint():
                    getattr(self, handler)(*args)
                return self.browse()
            # pylint: disable-next=except-pass  # retried record by record below
            except Exception:  # noqa: BLE001 - retried record by record below
                pass
        failed = self.browse()
        for record in self:
            try:
                with self.env.cr.savepoint():
                    # Shared texts in the company's language when the
                    # scheduled action runs without one.
                    company = "company_id" in record._fields and record.company_id[:1]
                    if company and not whole_batch and not self.env.lang:
                        lang = company._helpdesk_info_lang()
                        record = record.with_context(lang=lang)
                    getattr(record, handler)(*args)
            except Exception:
                _logger.exception(
                    "Watcher %s: %s %s failed, left for the next run",
                    handler,
                    self._name,
                    record.id,
                )
                failed |= record
        return failed
