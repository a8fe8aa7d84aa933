import uuid
from datetime import datetime

import pytz

from odoo import fields, models, tools
from odoo.tools import SQL
from odoo.tools.date_utils import float_to_time
from odoo.tools.intervals import Intervals


class ResourceCalendar(models.Model):
    """Working hours with make-up workdays, whose work intervals the deadlines
    read from a cache kept per calendar."""

    _name = "resource.calendar"
    _inherit = ["resource.calendar", "helpdesk.info.calendar.cache.mixin"]

    makeup_workday_ids = fields.One2many(
        comodel_name="helpdesk.info.makeup.workday",
        inverse_name="calendar_id",
        string="Make-up Workdays",
        help="Days off of the week that are worked (调休上班), with the hours of "
        "another weekday.",
    )
    helpdesk_intervals_key = fields.Char(
        string="Working Time Cache Key",
        readonly=True,
        copy=False,
        help="Renewed whenever the calendar's working time changes: the key of "
        "its cached work intervals.",
    )

    @tools.ormcache(
        "self.id", "self.sudo().helpdesk_intervals_key", "begin", "end", "staffed"
    )
    def _cached_work_intervals(self, begin, end, staffed=False):
        """Work intervals (holidays excluded, make-up workdays included)
        between two naive UTC datetimes, as a tuple of naive UTC (start, stop)
        pairs. ``staffed``: the hours the calendar's week is staffed, every
        week, holidays included (the service centre's duty roster staffs them).

        Kept per registry: a ticket created alone would otherwise read the
        calendar's attendances and leaves again. A change to the calendar,
        its attendances, its holidays or its make-up workdays renews its key
        (``helpdesk.info.calendar.cache.mixin``): the calendar's intervals are
        computed again, and nothing else leaves the cache.
        """
        tz = pytz.timezone(self.tz or "UTC")
        begin, end = pytz.utc.localize(begin), pytz.utc.localize(end)
        if staffed:
            intervals = self._attendance_intervals_batch(begin, end, tz=tz)[False]
        else:
            intervals = self._helpdesk_work_intervals(begin, end, tz)
        return tuple(
            (
                start.astimezone(pytz.utc).replace(tzinfo=None),
                stop.astimezone(pytz.utc).replace(tzinfo=None),
            )
            for start, stop, _meta in intervals
        )

    def _helpdesk_cached_calendars(self):
        return self

    def _helpdesk_renew_intervals_key(self):
        """A new key for the cached work intervals of these calendars: every
        worker computes them again, from the calendar as committed, at their
        next use. A key is never used twice, even by a transaction rolled
        back."""
        if not self:
            return
        self.env.cr.execute(
            SQL(
                "UPDATE resource_calendar SET helpdesk_intervals_key = %s"
                " WHERE id IN %s",
                uuid.uuid4().hex,
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["helpdesk_intervals_key"])

    def _helpdesk_work_intervals(self, start_dt, end_dt, tz):
        """The calendar's work intervals between two aware datetimes, in
        ``tz``, with its make-up workdays (调休上班) worked."""
        self.ensure_one()
        intervals = self._work_intervals_batch(start_dt, end_dt, tz=tz)[False]
        makeup = self._makeup_attendance_intervals(start_dt, end_dt, tz)
        if makeup:
            # a holiday of the calendar still wins over a make-up workday
            leaves = self._leave_intervals_batch(start_dt, end_dt, tz=tz)[False]
            intervals = intervals | (makeup - leaves)
        return intervals

    def _makeup_attendance_intervals(self, start_dt, end_dt, tz):
        """The working hours of the make-up workdays between two aware
        datetimes, each day worked with the hours of its chosen weekday."""
        self.ensure_one()
        if self.flexible_hours:
            return Intervals(keep_distinct=True)
        days = (
            self.env["helpdesk.info.makeup.workday"]
            .sudo()
            .search(
                [
                    ("calendar_id", "=", self.id),
                    ("date", ">=", start_dt.astimezone(tz).date()),
                    ("date", "<=", end_dt.astimezone(tz).date()),
                ]
            )
        )
        if not days:
            return Intervals(keep_distinct=True)
        Attendance = self.env["resource.calendar.attendance"]
        attendances = self.attendance_ids.filtered(
            lambda a: not a.display_type and a.day_period != "lunch"
        )
        result = []
        for day in days:
            week_type = str(Attendance.get_week_type(day.date))
            for attendance in attendances:
                if attendance.dayofweek != day.dayofweek or (
                    self.two_weeks_calendar and attendance.week_type != week_type
                ):
                    continue
                start = tz.localize(
                    datetime.combine(day.date, float_to_time(attendance.hour_from))
                )
                stop = tz.localize(
                    datetime.combine(day.date, float_to_time(attendance.hour_to))
                )
                start, stop = max(start, start_dt), min(stop, end_dt)
                if start < stop:
                    result.append((start, stop, attendance))
        return Intervals(result, keep_distinct=True)
