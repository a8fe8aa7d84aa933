import base64
import csv
import io
from datetime import date, datetime, time, timedelta

import chinese_calendar
import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

# How a CSV line names its kind of day (the State Council's notices and
# Chinese calendars mark the days 休 and 班).
CSV_KINDS = {
    "holiday": "holiday",
    "休": "holiday",
    "假": "holiday",
    "workday": "workday",
    "班": "workday",
}


def library_years():
    """The first and last year the chinesecalendar library has the State
    Council's schedule of."""
    years = [day.year for day in chinese_calendar.holidays]
    return min(years), max(years)


def library_holiday_name(english):
    """「国庆节 National Day」 for the library's holiday ``english``."""
    try:
        chinese = chinese_calendar.Holiday(english).chinese
    except ValueError:
        return english
    return f"{chinese} {english}"


class HelpdeskInfoHolidayImport(models.TransientModel):
    """Imports a year's public holidays (as whole-day leaves of the working
    hours) and make-up workdays (调休上班), from the chinesecalendar library or
    from a CSV file. Days already there are left alone, so importing a year
    twice creates nothing new."""

    _name = "helpdesk.info.holiday.import"
    _description = "Import China's Holidays"

    calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        string="Working Hours",
        required=True,
        default=lambda self: self._default_calendar(),
        help="The working hours that get the holidays and make-up workdays: "
        "those of the helpdesk teams whose deadlines should follow them.",
    )
    source = fields.Selection(
        [("library", "State Council Schedule (built in)"), ("csv", "CSV File")],
        required=True,
        default="library",
    )
    year = fields.Integer(default=lambda self: fields.Date.context_today(self).year)
    known_years = fields.Char(string="Years Built In", compute="_compute_known_years")
    csv_file = fields.Binary(
        string="CSV File",
        help="One line per day: date (YYYY-MM-DD), kind (holiday or workday; "
        "休 or 班), name. A first line of column titles is skipped.",
    )
    csv_filename = fields.Char(string="File Name")

    @api.model
    def _default_calendar(self):
        if self.env.context.get("active_model") == "resource.calendar":
            return self.env.context.get("active_id")
        return self.env.company.resource_calendar_id

    def _compute_known_years(self):
        first, last = library_years()
        for wizard in self:
            wizard.known_years = f"{first}–{last}"

    def _check_manager(self):
        """Holidays and make-up workdays move every deadline: only a CS
        manager imports them, into working hours of their companies."""
        if not self.env.su and not self.env.user.has_group(
            "helpdesk_property_info.group_cs_manager"
        ):
            raise AccessError(
                self.env._(
                    "Only a Customer Service manager imports holidays and make-up "
                    "workdays."
                )
            )
        calendar = self.calendar_id
        calendar.check_access("read")
        if calendar.company_id and calendar.company_id not in self.env.user.company_ids:
            raise AccessError(
                self.env._(
                    "%(calendar)s belongs to a company you do not work for.",
                    calendar=calendar.display_name,
                )
            )

    def action_import(self):
        self.ensure_one()
        self._check_manager()
        if self.source == "library":
            days = self._library_days()
        else:
            days = self._csv_days()
        holidays, workdays = self._apply(days)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(calendar)s: %(holidays)s holiday periods and %(workdays)s "
                    "make-up workdays added; days already there were left alone.",
                    calendar=self.calendar_id.display_name,
                    holidays=len(holidays),
                    workdays=len(workdays),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _library_days(self):
        """[(date, 'holiday' or 'workday', name)] of the year, from the library."""
        first, last = library_years()
        if not first <= self.year <= last:
            raise UserError(
                self.env._(
                    "The built-in schedule has the years %(first)s to %(last)s, not "
                    "%(year)s: upload the State Council's schedule of %(year)s as a "
                    "CSV file.",
                    first=first,
                    last=last,
                    year=self.year,
                )
            )
        days = []
        for kind, table in (
            ("holiday", chinese_calendar.holidays),
            ("workday", chinese_calendar.workdays),
        ):
            for day, english in table.items():
                if day.year == self.year:
                    name = library_holiday_name(english)
                    if kind == "workday":
                        name = self.env._("%(holiday)s make-up workday", holiday=name)
                    days.append((day, kind, name))
        return sorted(days)

    def _csv_days(self):
        """[(date, 'holiday' or 'workday', name)] of the uploaded file."""
        if not self.csv_file:
            raise UserError(self.env._("Choose the CSV file to import."))
        raw = base64.b64decode(self.csv_file)
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise UserError(
                self.env._("The CSV file is neither UTF-8 nor GB18030 text.")
            )
        days = []
        for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
            cells = [cell.strip() for cell in row]
            if not any(cells):
                continue
            if number == 1 and cells[0].lower() in ("date", "日期"):
                continue
            if len(cells) < 3 or not cells[2]:
                raise UserError(
                    self.env._(
                        "Line %(line)s of the CSV file: expected a date, a kind "
                        "(holiday or workday) and a name.",
                        line=number,
                    )
                )
            try:
                day = date.fromisoformat(cells[0])
            except ValueError:
                raise UserError(
                    self.env._(
                        "Line %(line)s of the CSV file: %(value)s is not a date "
                        "written YYYY-MM-DD.",
                        line=number,
                        value=cells[0],
                    )
                ) from None
            kind = CSV_KINDS.get(cells[1].lower())
            if not kind:
                raise UserError(
                    self.env._(
                        "Line %(line)s of the CSV file: the kind %(value)s is neither "
                        "holiday nor workday.",
                        line=number,
                        value=cells[1],
                    )
                )
            days.append((day, kind, cells[2]))
        if not days:
            raise UserError(self.env._("The CSV file lists no day."))
        conflicts = {d for d, k, _n in days if k == "holiday"} & {
            d for d, k, _n in days if k == "workday"
        }
        if conflicts:
            raise UserError(
                self.env._(
                    "The CSV file lists %(dates)s both as a holiday and as a workday.",
                    dates=", ".join(str(d) for d in sorted(conflicts)),
                )
            )
        return sorted(days)

    def _apply(self, days):
        """Creates what is missing; returns the new leaves and make-up days."""
        calendar = self.calendar_id
        tz = pytz.timezone(calendar.tz or "UTC")
        holidays = [(d, name) for d, kind, name in days if kind == "holiday"]
        workdays = [(d, name) for d, kind, name in days if kind == "workday"]
        return self._create_leaves(calendar, tz, holidays), self._create_workdays(
            calendar, workdays
        )

    @staticmethod
    def _utc(tz, day, moment):
        return (
            tz.localize(datetime.combine(day, moment))
            .astimezone(pytz.utc)
            .replace(tzinfo=None)
        )

    def _create_leaves(self, calendar, tz, holidays):
        """One global leave per run of consecutive holidays not yet off in the
        calendar, from midnight to midnight in its time zone."""
        if not holidays:
            return self.env["resource.calendar.leaves"]
        # Global leaves are written by administrators only (resource's rules):
        # the CS manager was checked in action_import.
        first, last = holidays[0][0], holidays[-1][0]
        Leave = self.env["resource.calendar.leaves"].sudo()
        existing = Leave.search(
            [
                ("calendar_id", "in", [calendar.id, False]),
                ("company_id", "in", [calendar.company_id.id, False]),
                ("resource_id", "=", False),
                ("time_type", "=", "leave"),
                ("date_from", "<", self._utc(tz, last + timedelta(days=1), time.min)),
                ("date_to", ">", self._utc(tz, first, time.min)),
            ]
        )

        def off(day):
            start = self._utc(tz, day, time.min)
            stop = self._utc(tz, day, time.max.replace(microsecond=0))
            return any(
                leave.date_from <= start and leave.date_to >= stop for leave in existing
            )

        runs = []
        for day, name in holidays:
            if off(day):
                continue
            if runs and runs[-1]["last"] == day - timedelta(days=1):
                runs[-1]["last"] = day
                if name not in runs[-1]["names"]:
                    runs[-1]["names"].append(name)
            else:
                runs.append({"first": day, "last": day, "names": [name]})
        return Leave.create(
            [
                {
                    "name": "、".join(run["names"]),
                    "calendar_id": calendar.id,
                    "date_from": self._utc(tz, run["first"], time.min),
                    "date_to": self._utc(
                        tz, run["last"], time.max.replace(microsecond=0)
                    ),
                    "time_type": "leave",
                }
                for run in runs
            ]
        )

    def _create_workdays(self, calendar, workdays):
        Workday = self.env["helpdesk.info.makeup.workday"]
        if not workdays:
            return Workday
        known = set(
            Workday.search(
                [
                    ("calendar_id", "=", calendar.id),
                    ("date", "in", [d for d, _n in workdays]),
                ]
            ).mapped("date")
        )
        return Workday.create(
            [
                {"name": name, "date": day, "calendar_id": calendar.id}
                for day, name in workdays
                if day not in known
            ]
        )
