import pytz

from odoo import models, tools


class ResourceCalendar(models.Model):
    _name = "resource.calendar"
    _inherit = ["resource.calendar", "helpdesk.info.cache.mixin"]

    @tools.ormcache("self.id", "begin", "end")
    def _cached_work_intervals(self, begin, end):
        """Work intervals (holidays excluded) between two naive UTC datetimes, as
        a tuple of naive UTC (start, stop) pairs.

        Kept per registry: a ticket created alone would otherwise read the
        calendar's attendances and leaves again. Any change to a calendar, its
        attendances or its leaves clears the cache.
        """
        tz = pytz.timezone(self.tz or "UTC")
        return tuple(
            (start.astimezone(pytz.utc).replace(tzinfo=None),
             stop.astimezone(pytz.utc).replace(tzinfo=None))
            for start, stop, _meta in self._work_intervals_batch(
                pytz.utc.localize(begin), pytz.utc.localize(end), tz=tz
            )[False]
        )
