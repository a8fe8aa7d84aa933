from odoo import api, models


class HelpdeskInfoCalendarCacheMixin(models.AbstractModel):
    """Records that a calendar's working time is made of (its attendances,
    its holidays, its make-up workdays, the calendar itself).

    The work intervals cached per calendar (``_cached_work_intervals``) are
    keyed by the calendar's ``helpdesk_intervals_key``: a change renews the
    key of the calendars it touches, so only their intervals are computed
    again, in every worker, and no other cache is cleared. A record that is
    no part of a calendar's own working time (an employee's time off) renews
    nothing.
    """

    _name = "helpdesk.info.calendar.cache.mixin"
    _description = "Part of a Calendar's Working Time"

    def _helpdesk_cached_calendars(self):
        """The calendars whose work intervals these records are part of."""
        return self.mapped("calendar_id")

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._helpdesk_cached_calendars()._helpdesk_renew_intervals_key()
        return records

    def write(self, vals):
        before = self._helpdesk_cached_calendars()
        result = super().write(vals)
        (before | self._helpdesk_cached_calendars())._helpdesk_renew_intervals_key()
        return result

    def unlink(self):
        calendars = self._helpdesk_cached_calendars()
        result = super().unlink()
        calendars._helpdesk_renew_intervals_key()
        return result
