from odoo import api, fields, models
from odoo.exceptions import ValidationError

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]


class HelpdeskInfoMakeupWorkday(models.Model):
    """A day off of the calendar's week that is worked (调休上班): the State
    Council moves weekend days around public holidays. Its working hours are
    those of another weekday of the calendar; the working time of every
    deadline counts them."""

    _name = "helpdesk.info.makeup.workday"
    _inherit = ["helpdesk.info.calendar.cache.mixin"]
    _description = "Make-up Workday"
    _order = "date desc, id"

    name = fields.Char(
        required=True,
        help="What the day is worked for, e.g. National Day make-up workday.",
    )
    date = fields.Date(required=True, index=True)
    calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        string="Working Hours",
        required=True,
        ondelete="cascade",
        index=True,
        default=lambda self: self.env.company.resource_calendar_id,
    )
    company_id = fields.Many2one(
        related="calendar_id.company_id",
        store=True,
        index=True,
    )
    dayofweek = fields.Selection(
        WEEKDAYS,
        string="Hours Of",
        required=True,
        default="0",
        help="The weekday of the calendar whose working hours apply on this day.",
    )
    weekday = fields.Char(compute="_compute_weekday")

    _calendar_date_uniq = models.UniqueIndex(
        "(calendar_id, date)",
        "This day is already a make-up workday of these working hours.",
    )

    @api.depends("date")
    def _compute_weekday(self):
        names = dict(self._fields["dayofweek"]._description_selection(self.env))
        for day in self:
            day.weekday = names[str(day.date.weekday())] if day.date else False

    @api.constrains("calendar_id", "dayofweek")
    def _check_hours(self):
        for day in self:
            calendar = day.calendar_id
            if calendar.flexible_hours:
                raise ValidationError(
                    self.env._(
                        "%(calendar)s has flexible hours: it has no weekday hours to "
                        "work on %(date)s.",
                        calendar=calendar.display_name,
                        date=day.date,
                    )
                )
            if not calendar.attendance_ids.filtered(
                lambda a, d=day: a.dayofweek == d.dayofweek and not a.display_type
            ):
                raise ValidationError(
                    self.env._(
                        "%(calendar)s has no working hours on %(weekday)s: pick a "
                        "weekday it works for the make-up workday of %(date)s.",
                        calendar=calendar.display_name,
                        weekday=dict(
                            self._fields["dayofweek"]._description_selection(self.env)
                        )[day.dayofweek],
                        date=day.date,
                    )
                )
