from bisect import bisect_right
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .helpdesk_info_deadline_rule_mixin import BASIS_HELP, TIME_BASES


class HelpdeskInfoLevel(models.Model):
    """A problem level (一般/较复杂/重大问题) and the time allowed to reply to it
    and to resolve it."""

    _name = "helpdesk.info.level"
    _inherit = ["helpdesk.info.deadline.rule.mixin"]
    _description = "Problem Level"
    _order = "sequence, id"

    company_id = fields.Many2one(
        comodel_name="res.company",
        index=True,
        help="Leave empty to share the level between all companies.",
    )
    resolve_allowance = fields.Float(
        required=True,
        default=3,
        help="Time allowed, from the intake, to resolve the problem.",
    )
    resolve_basis = fields.Selection(
        TIME_BASES, required=True, default="working", help=BASIS_HELP
    )

    _code_company_uniq = models.UniqueIndex(
        "(code, COALESCE(company_id, 0))",
        "This code is already used in this company: codes must be unique per company.",
    )
    _allowances_positive = models.Constraint(
        "CHECK(reply_allowance > 0 AND resolve_allowance > 0 AND due_soon_hours >= 0)",
        "Allowances must be positive and the warning may not be negative.",
    )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        # Deleting a level would leave its tickets without deadlines and lift
        # the leader's gate of the major ones.
        Ticket = self.env["helpdesk.ticket"].sudo().with_context(active_test=False)
        used = Ticket._read_group(
            [("level_id", "in", self.ids)], ["level_id"], ["__count"]
        )
        if used:
            raise UserError(
                self.env._(
                    "%(levels)s: used by %(count)s tickets. Archive the level instead "
                    "of deleting it.",
                    levels=", ".join(level.name for level, _count in used),
                    count=sum(count for _level, count in used),
                )
            )

    @api.model
    def _default_level(self, company):
        return self.search(
            [("company_id", "in", [company.id, False])], order="sequence, id", limit=1
        )

    @api.model
    def _compute_deadlines(self, requests):
        """Deadlines for many (start, level, kind, basis, calendar) requests at
        once; ``level`` may be any deadline rule (a complaint grade too).

        ``requests`` maps a key to (start, level, kind, basis, calendar), start
        being a naive UTC datetime, ``basis`` the time basis the deadline is
        counted in (the rule's or the team's) and ``calendar`` the hours it
        counts: the team's working hours in working time, the service
        centre's hours, none in calendar time. Service centre hours are
        counted as the calendar's week, holidays included. Requests of one
        calendar and basis share one read of its intervals, so a batch costs
        a few queries per calendar, not per ticket. Returns {key: naive UTC
        deadline}.
        """
        deadlines = {}
        by_calendar = {}
        for key, (start, level, kind, basis, calendar) in requests.items():
            if basis == "calendar":
                calendar = False
            hours = level._allowance_hours(kind, calendar)
            if calendar:
                by_calendar.setdefault((calendar, basis == "staffed"), []).append(
                    (key, start, hours)
                )
            else:
                deadlines[key] = start + timedelta(hours=hours)
        for (calendar, staffed), items in by_calendar.items():
            deadlines.update(self._plan_working_hours(calendar, items, staffed))
        return deadlines

    @api.model
    def _plan_working_hours(self, calendar, items, staffed=False):
        """{key: deadline} of (key, start, hours) items, the hours counted in
        the calendar's working time, or in its staffed hours (its week,
        holidays included) when ``staffed``."""
        first = min(start for _key, start, _hours in items)
        last = max(start for _key, start, _hours in items)
        most = max(hours for _key, _start, hours in items)
        # Enough calendar days to hold the longest allowance, weekends and a
        # few holidays included; extended below when it is not.
        span = timedelta(
            days=int(most / max(calendar.hours_per_day or 8, 1) * 7 / 5) + 15
        )
        result = {}
        pending = items
        day = timedelta(days=1)
        begin = datetime.combine(first.date(), time.min)
        while pending:
            # Whole UTC days, so that tickets created one by one on the same
            # day share the calendar's cached intervals.
            end = datetime.combine((last + span).date(), time.min) + day
            intervals = calendar._cached_work_intervals(begin, end, staffed)
            stops = [stop for _start, stop in intervals]
            left = []
            for key, start, hours in pending:
                deadline = self._walk_intervals(intervals, stops, start, hours)
                if deadline:
                    result[key] = deadline
                else:
                    left.append((key, start, hours))
            if len(left) == len(pending) and span > timedelta(days=3660):
                # A calendar without working time: fall back to calendar time.
                result.update(
                    {key: start + timedelta(hours=h) for key, start, h in left}
                )
                break
            pending, span = left, span * 2
        return result

    @staticmethod
    def _walk_intervals(intervals, stops, start, hours):
        index = bisect_right(stops, start)
        remaining = timedelta(hours=hours)
        for interval_start, interval_stop in intervals[index:]:
            interval_start = max(interval_start, start)
            available = interval_stop - interval_start
            if remaining <= available:
                # whole seconds: a day's last interval ends at 23:59:59.999999
                deadline = interval_start + remaining + timedelta(microseconds=500000)
                return deadline.replace(microsecond=0)
            remaining -= available
        return None
