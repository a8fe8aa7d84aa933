import calendar
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.helpdesk_info_duty_shift import DUTY_ROLES
from .helpdesk_info_holiday_import import library_holiday_name

# (hour from, hour to) of each day's shifts, in the order of the day; 24 is
# the next midnight.
PATTERNS = {
    "three_shifts": ((0, 8), (8, 16), (16, 24)),
    "day_24h": ((8, 32),),
}


class HelpdeskInfoDutyRosterPlan(models.TransientModel):
    """Plans a community's duty for a month in one role: the shifts of every
    day of the month, public holidays included (the hotline never closes),
    handed out in turn to the people of the rotation."""

    _name = "helpdesk.info.duty.roster.plan"
    _description = "Plan a Month of Duty"

    community_id = fields.Many2one(
        "helpdesk.info.community",
        required=True,
        help="The community whose duty is planned.",
    )
    role = fields.Selection(
        DUTY_ROLES,
        required=True,
        default="cs_desk",
        help="The role the planned shifts hold.",
    )
    month = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
        help="Any day of the month to plan: the roster covers the whole month.",
    )
    pattern = fields.Selection(
        [
            ("three_shifts", "Three Shifts (00:00, 08:00, 16:00)"),
            ("day_24h", "24-Hour Shifts from 08:00"),
        ],
        string="Rotation",
        required=True,
        default="three_shifts",
        help="Three shifts: night 00:00–08:00, early 08:00–16:00, late "
        "16:00–24:00 each day. 24-hour shifts: from 08:00 to 08:00 the next day.",
    )
    line_ids = fields.One2many(
        "helpdesk.info.duty.roster.plan.line",
        "plan_id",
        string="Rotation Order",
        help="The people on duty, in turn order: the shifts go to each in turn.",
    )

    def _local_tz(self):
        calendar_ = self.community_id.company_id.resource_calendar_id
        return pytz.timezone(calendar_.tz or self.env.user.tz or "UTC")

    def _month_bounds(self):
        first = self.month.replace(day=1)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        return first, last

    def _shift_vals(self):
        """The values of the month's shifts, in order."""
        self.ensure_one()
        # Lines, not their users: a person may come twice in the rotation.
        turns = self.line_ids.sorted(lambda line: (line.sequence, line.id))
        if not turns:
            raise UserError(self.env._("Name the people of the rotation."))
        tz = self._local_tz()
        first, last = self._month_bounds()
        slots = PATTERNS[self.pattern]
        vals_list = []
        day = first
        while day <= last:
            offset = (day - first).days
            for position, (hour_from, hour_to) in enumerate(slots):
                midnight = datetime.combine(day, time())
                start = tz.localize(midnight + timedelta(hours=hour_from))
                stop = tz.localize(midnight + timedelta(hours=hour_to))
                line = turns[(offset + position) % len(turns)]
                vals_list.append(
                    {
                        "community_id": self.community_id.id,
                        "role": self.role,
                        "user_id": line.user_id.id,
                        "start": start.astimezone(pytz.utc).replace(tzinfo=None),
                        "stop": stop.astimezone(pytz.utc).replace(tzinfo=None),
                    }
                )
            day += timedelta(days=1)
        return vals_list

    def _check_not_planned(self, vals_list):
        begin = min(vals["start"] for vals in vals_list)
        end = max(vals["stop"] for vals in vals_list)
        planned = self.env["helpdesk.info.duty.shift"].search_count(
            [
                ("community_id", "=", self.community_id.id),
                ("role", "=", self.role),
                ("start", "<", end),
                ("stop", ">", begin),
            ],
            limit=1,
        )
        if planned:
            role = dict(self._fields["role"]._description_selection(self.env))[
                self.role
            ]
            raise UserError(
                self.env._(
                    "%(community)s already has %(role)s shifts in %(month)s: change "
                    "them on the roster rather than planning the month again.",
                    community=self.community_id.name,
                    role=role,
                    month=f"{self.month:%Y-%m}",
                )
            )

    def action_plan(self):
        self.ensure_one()
        self.env["helpdesk.info.duty.shift"]._check_roster_manager()
        shifts = self._plan()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_property_info.helpdesk_info_duty_shift_action"
        )
        action["domain"] = [("id", "in", shifts.ids)]
        return action

    def _plan(self):
        vals_list = self._shift_vals()
        self._check_not_planned(vals_list)
        return (
            self.env["helpdesk.info.duty.shift"]
            .with_context(mail_create_nolog=True, mail_create_nosubscribe=True)
            .create(vals_list)
        )

    @api.model
    def _plan_demo_roster(self, rotations):
        """Demo: plans the current month, and the month of the next New Year's
        Day (元旦, a public holiday every 1 January) when the current month
        has no public holiday, for each ``(community id, role, pattern, user
        ids)`` of ``rotations``; a month already planned is left alone. New
        Year's Day is added to the company's working hours when missing."""
        today = fields.Date.context_today(self)
        months = [today.replace(day=1)]
        new_year = today.replace(year=today.year + 1, month=1, day=1)
        if today.month != 1:
            months.append(new_year)
        Shift = self.env["helpdesk.info.duty.shift"]
        for community_id, role, pattern, user_ids in rotations:
            community = self.env["helpdesk.info.community"].browse(community_id)
            self._ensure_new_year(community.company_id, new_year)
            for month in months:
                plan = self.create(
                    {
                        "community_id": community.id,
                        "role": role,
                        "pattern": pattern,
                        "month": month,
                        "line_ids": [
                            fields.Command.create({"sequence": index, "user_id": uid})
                            for index, uid in enumerate(user_ids)
                        ],
                    }
                )
                vals_list = plan._shift_vals()
                try:
                    plan._check_not_planned(vals_list)
                except UserError:
                    continue
                Shift.with_context(
                    mail_create_nolog=True, mail_create_nosubscribe=True
                ).create(vals_list)
        return True

    @api.model
    def _ensure_new_year(self, company, new_year):
        calendar_ = company.resource_calendar_id
        Import = self.env["helpdesk.info.holiday.import"]
        Import.new({"calendar_id": calendar_.id})._create_leaves(
            calendar_,
            pytz.timezone(calendar_.tz or "UTC"),
            [(new_year, library_holiday_name("New Year's Day"))],
        )
