import logging
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta
from markupsafe import Markup
from psycopg2.errors import UniqueViolation

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

PERIOD_KINDS = [
    ("daily", "Daily Report"),
    ("weekly", "Weekly Report"),
    ("monthly", "Monthly Report"),
    ("quarterly", "Quarterly Report"),
]
COMPLAINT_KIND = "helpdesk_property_info.ticket_type_complaint"
REPORT_STATES = [("draft", "Not Sent"), ("sent", "Sent")]
REPORT_ACTION = "helpdesk_property_info.action_report_info_statistics"

_logger = logging.getLogger(__name__)


class HelpdeskInfoReport(models.Model):
    """The daily (日报, seed 000 §7.1.3), weekly (周报, seed 001 §9; the
    department's daily and weekly report 《部门日、周汇报表》 to the leaders)
    monthly (月报, §6) and quarterly (季报, seed 003: the communication plan's
    report to the leaders) information report of a company, or of one of its
    teams, for one period.

    One record per company, team, kind and first day of the period: the
    database refuses a second one, which is what makes the scheduled mailing
    happen exactly once per period. The figures are computed when the report
    is printed or opened, by ``_get_report_figures``; the PDF that was mailed
    stays attached to the record.
    """

    _name = "helpdesk.info.report"
    _description = "Information Statistics Report"
    _inherit = [
        "mail.thread",
        "helpdesk.info.guard.mixin",
        "helpdesk.info.watcher.mixin",
    ]
    _order = "date_from desc, kind, company_id, team_id"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        check_company=True,
        index="btree_not_null",
        help="Leave empty to report on the whole company.",
    )
    kind = fields.Selection(
        PERIOD_KINDS, string="Report", required=True, default="weekly"
    )
    date_from = fields.Date(
        string="From",
        required=True,
        default=fields.Date.context_today,
        help="First day of the period: the day of a daily report, a Monday for "
        "a weekly report, the first of the month for a monthly one, the first of "
        "January, April, July or October for a quarterly one (any day is moved "
        "back to it).",
    )
    date_to = fields.Date(string="To", compute="_compute_date_to", store=True)
    tz = fields.Char(
        string="Time Zone",
        compute="_compute_tz",
        store=True,
        help="Days start and end in this time zone: the team's working hours, "
        "or those of the company's Customer Service Department.",
    )
    state = fields.Selection(
        REPORT_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    sent_date = fields.Datetime(string="Sent On", readonly=True, copy=False)
    recipient_ids = fields.Many2many(
        "res.partner",
        compute="_compute_recipient_ids",
        string="Recipients",
        help="The Customer Service managers of the company, and for a weekly, "
        "monthly or quarterly report its leaders too.",
    )

    _period_uniq = models.UniqueIndex(
        "(company_id, COALESCE(team_id, 0), kind, date_from)",
        "There is already a report of this kind for this company, team and period.",
    )

    def _guarded_fields(self):
        # Only _send marks a report sent, in the transaction that queues its mail.
        return dict.fromkeys(("state", "sent_date"), None) | super()._guarded_fields()

    def _frozen_fields(self):
        # A report that was sent keeps what it reported on.
        return {
            "sent": dict.fromkeys(("company_id", "team_id", "kind", "date_from"), None)
        } | super()._frozen_fields()

    # Rows of the overdue list printed; the count covers them all.
    _overdue_list_limit = 50
    _top_category_count = 5

    @api.depends("kind", "date_from")
    def _compute_date_to(self):
        for report in self:
            report.date_to = (
                self._period_bounds(report.kind, report.date_from)[1]
                if report.kind and report.date_from
                else False
            )

    @api.depends("company_id", "team_id")
    def _compute_tz(self):
        for report in self:
            report.tz = self._default_tz(report.company_id, report.team_id)

    @api.depends("company_id", "kind")
    def _compute_recipient_ids(self):
        for report in self:
            report.recipient_ids = report._get_recipients()

    @api.depends("kind", "date_from", "date_to", "team_id", "company_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for report in self:
            report.display_name = "{} {} – {} {}".format(
                kinds.get(report.kind, ""),
                report.date_from or "",
                report.date_to or "",
                (report.team_id or report.company_id).display_name or "",
            )

    # ------------------------------------------------------------------
    # Periods
    # ------------------------------------------------------------------

    @api.model
    def _period_bounds(self, kind, day):
        """First and last day of the day, the week (Monday to Sunday), the
        month or the quarter that holds ``day``."""
        if kind == "daily":
            return day, day
        if kind == "weekly":
            start = day - timedelta(days=day.weekday())
            return start, start + timedelta(days=6)
        if kind == "quarterly":
            start = day.replace(month=day.month - (day.month - 1) % 3, day=1)
            return start, start + relativedelta(months=3, days=-1)
        start = day.replace(day=1)
        return start, start + relativedelta(months=1, days=-1)

    @api.model
    def _last_closed_period(self, kind, tz, now=None):
        """The day, week, month or quarter that has just closed in ``tz`` at
        ``now`` (UTC)."""
        now = now or fields.Datetime.now()
        today = pytz.utc.localize(now).astimezone(pytz.timezone(tz)).date()
        current_start = self._period_bounds(kind, today)[0]
        return self._period_bounds(kind, current_start - timedelta(days=1))

    @api.model
    def _default_tz(self, company, team=None):
        team = team or self.env["helpdesk.ticket.team"].sudo()._get_intake_team(company)
        return (
            team.resource_calendar_id.tz
            or company.resource_calendar_id.tz
            or company.partner_id.tz
            or "UTC"
        )

    def _previous_period(self):
        self.ensure_one()
        return self._period_bounds(self.kind, self.date_from - timedelta(days=1))

    def _utc_bounds(self, date_from, date_to):
        """Start and end (excluded) of the days ``date_from`` to ``date_to`` in
        the report's time zone, as naive UTC datetimes."""
        tz = pytz.timezone(self.tz or "UTC")

        def utc(day):
            return (
                tz.localize(datetime.combine(day, time.min))
                .astimezone(pytz.utc)
                .replace(tzinfo=None)
            )

        return utc(date_from), utc(date_to + timedelta(days=1))

    def _ticket_domain(self, date_field="intake_date", period=None):
        """Tickets of the report's company (and team) whose ``date_field``
        falls in ``period`` (the report's own by default)."""
        self.ensure_one()
        start, stop = self._utc_bounds(*(period or (self.date_from, self.date_to)))
        domain = (
            Domain("company_id", "=", self.company_id.id)
            & Domain(date_field, ">=", start)
            & Domain(date_field, "<", stop)
        )
        if self.team_id:
            domain &= Domain("team_id", "=", self.team_id.id)
        return domain

    # ------------------------------------------------------------------
    # CRUD: a period is known by its first day
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.setdefault(
                "date_from",
                self.env.context.get("default_date_from")
                or fields.Date.context_today(self),
            )
            self._normalize_period(
                vals,
                vals.get("kind") or self.env.context.get("default_kind") or "weekly",
            )
        return super().create(vals_list)

    def write(self, vals):
        if "date_from" in vals or "kind" in vals:
            for report in self:
                report_vals = self._normalize_period(
                    dict(vals), vals.get("kind") or report.kind, report.date_from
                )
                super(HelpdeskInfoReport, report).write(report_vals)
            return True
        return super().write(vals)

    @api.model
    def _normalize_period(self, vals, kind, current=None):
        day = fields.Date.to_date(vals.get("date_from")) or current
        if day:
            vals["date_from"] = self._period_bounds(kind, day)[0]
        return vals

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------

    def _classification_dimensions(self):
        """Ticket fields the report counts by, in the printed order."""
        self.ensure_one()
        dimensions = [
            "type_id",
            "info_origin",
            "info_source_id",
            "involved_party_id",
            "info_nature",
            "importance",
            "category_id",
            "channel_id",
            "level_id",
        ]
        if not self.team_id:
            dimensions.append("team_id")
        return dimensions

    def _get_report_sections(self):
        """QWeb templates of the report's sections, in the printed order. Each
        one reads ``figures`` (see ``_get_report_figures``) and ``report``.

        A module that adds a section (publications, online opinion, reception
        expenses…) appends its template here and its figures to
        ``_get_report_figures`` under a key of its own.
        """
        return [
            "helpdesk_property_info.report_info_statistics_section_summary",
            "helpdesk_property_info.report_info_statistics_section_complaints_apart",
            "helpdesk_property_info.report_info_statistics_section_classification",
            "helpdesk_property_info.report_info_statistics_section_replies",
            "helpdesk_property_info.report_info_statistics_section_negative",
            "helpdesk_property_info.report_info_statistics_section_visits",
            "helpdesk_property_info.report_info_statistics_section_top_categories",
        ]

    @api.model
    def _insert_section(self, sections, section, after):
        """``sections`` with ``section`` right after ``after`` (at the end if
        ``after`` is not there)."""
        position = sections.index(after) + 1 if after in sections else len(sections)
        return sections[:position] + [section] + sections[position:]

    def _get_report_figures(self):
        """The report's figures as a dict of plain values (numbers, strings,
        lists and dicts), in the language of the environment.

        Keys: ``period``, ``total``, ``dimensions`` (one entry per
        classification dimension with its rows), ``replies`` (on-time rate and
        overdue list), ``resolutions`` (resolved on time, late, overdue and
        the on-time resolution rate), ``negative`` (and its trend against the previous
        period), ``visits`` (return-visit rate and satisfaction) and
        ``top_categories``, ``complaints_apart`` (complaints counted apart from
        the other kinds). Modules add their own keys by extending this
        method. The figures cover the whole company (or team), whoever reads
        them: access to the report is what is checked.
        """
        self.ensure_one()
        report = self.sudo()
        tickets = report.env["helpdesk.ticket"].with_context(active_test=True)
        domain = report._ticket_domain()
        counts = report._count_by_field(
            tickets,
            domain,
            [*report._classification_dimensions(), "reply_state", "resolve_state"],
        )
        dimensions = report._figures_dimensions(counts)
        total = sum(row["count"] for row in dimensions[0]["rows"]) if dimensions else 0
        for dimension in dimensions:
            for row in dimension["rows"]:
                row["share"] = round(100.0 * row["count"] / total, 1) if total else 0.0
        by_field = {dimension["field"]: dimension for dimension in dimensions}
        categories = [row for row in by_field["category_id"]["rows"] if row["key"]]
        visits = report._figures_visits(tickets)
        return {
            "period": report._figures_period(),
            "total": total,
            "dimensions": dimensions,
            "replies": report._figures_replies(tickets, domain, counts["reply_state"]),
            "resolutions": report._figures_resolutions(counts["resolve_state"]),
            "negative": report._figures_negative(tickets, by_field["info_nature"]),
            "visits": visits,
            "complaints_apart": report._figures_complaints_apart(
                counts["type_id"], visits
            ),
            "top_categories": categories[: self._top_category_count],
        }

    def _figures_period(self):
        previous = self._previous_period()
        return {
            "kind": self.kind,
            "kind_label": dict(self._fields["kind"]._description_selection(self.env))[
                self.kind
            ],
            "date_from": fields.Date.to_string(self.date_from),
            "date_to": fields.Date.to_string(self.date_to),
            "previous_from": fields.Date.to_string(previous[0]),
            "previous_to": fields.Date.to_string(previous[1]),
            "tz": self.tz,
            "company": self.company_id.name,
            "team": self.team_id.name or "",
        }

    def _count_groups(self):
        """Ticket fields counted together, one grouped query each: every
        query reads the period's tickets once, and the values of the fields
        of a group combine into few groups. A dimension in no group is
        counted on its own."""
        self.ensure_one()
        return [
            [
                "type_id",
                "info_origin",
                "info_nature",
                "importance",
                "reply_state",
                "resolve_state",
            ],
            ["info_source_id", "involved_party_id"],
            ["category_id", "channel_id"],
            ["level_id"] if self.team_id else ["level_id", "team_id"],
        ]

    def _count_by_field(self, tickets, domain, fnames):
        """{field: {value: count}} of the tickets of ``domain`` for each of
        ``fnames`` (many2one values as records)."""
        groups = [group for group in self._count_groups() if set(group) & set(fnames)]
        grouped = {fname for group in groups for fname in group}
        groups += [[fname] for fname in fnames if fname not in grouped]
        counts = {fname: defaultdict(int) for group in groups for fname in group}
        for group in groups:
            for *values, count in tickets._read_group(domain, group, ["__count"]):
                for fname, value in zip(group, values, strict=True):
                    counts[fname][value] += count
        return counts

    def _figures_dimensions(self, counts):
        not_set = self.env._("Not Set")
        dimensions = []
        for fname in self._classification_dimensions():
            field = self.env["helpdesk.ticket"]._fields[fname]
            labels = (
                dict(field._description_selection(self.env))
                if field.type == "selection"
                else {}
            )
            rows = []
            for value, count in counts[fname].items():
                if field.type == "many2one":
                    key, label = value.id, value.display_name
                else:
                    key, label = value, labels.get(value)
                rows.append(
                    {"key": key or False, "label": label or not_set, "count": count}
                )
            rows.sort(key=lambda row: (-row["count"], row["label"]))
            dimensions.append(
                {
                    "field": fname,
                    "label": field._description_string(self.env),
                    "rows": rows,
                }
            )
        return dimensions

    def _figures_replies(self, tickets, domain, counts):
        on_time, late, overdue = (
            counts.get(s, 0) for s in ("on_time", "late", "overdue")
        )
        due = on_time + late + overdue
        overdue_tickets = tickets.search(
            domain & Domain("reply_state", "=", "overdue"),
            order="reply_deadline, id",
            limit=self._overdue_list_limit,
        )
        return {
            "due": due,
            "on_time": on_time,
            "late": late,
            "overdue": overdue,
            "pending": counts.get("pending", 0) + counts.get("due_soon", 0),
            "on_time_rate": round(100.0 * on_time / due, 1) if due else None,
            "overdue_list": [
                {
                    "id": ticket.id,
                    "number": ticket.number,
                    "name": ticket.name,
                    "team": ticket.team_id.name or "",
                    "user": ticket.user_id.name or "",
                    "level": ticket.level_id.name or "",
                    "deadline": self._format_local(ticket.reply_deadline),
                }
                for ticket in overdue_tickets
            ],
        }

    @api.model
    def _figures_resolutions(self, counts):
        """Resolutions of the period's tickets, by their resolution state: a
        ticket is resolved when it is closed."""
        on_time, late, overdue = (
            counts.get(s, 0) for s in ("on_time", "late", "overdue")
        )
        due = on_time + late + overdue
        return {
            "due": due,
            "on_time": on_time,
            "late": late,
            "overdue": overdue,
            "pending": counts.get("pending", 0),
            "on_time_rate": round(100.0 * on_time / due, 1) if due else None,
        }

    def _figures_negative(self, tickets, nature):
        current = sum(
            row["count"] for row in nature["rows"] if row["key"] == "negative"
        )
        previous = tickets.search_count(
            self._ticket_domain(period=self._previous_period())
            & Domain("info_nature", "=", "negative")
        )
        change = current - previous
        return {
            "count": current,
            "previous": previous,
            "change": change,
            "change_pct": round(100.0 * change / previous, 1) if previous else None,
            "trend": "up" if change > 0 else "down" if change < 0 else "flat",
        }

    def _figures_visits(self, tickets):
        """Return visits of the tickets closed in the period whose kind calls
        for one (not inquiries or praise), in one grouped query: visited or
        not, the visit's state (on time, late, overdue) and whether the
        ticket is a complaint."""
        complaint = self.env.ref(COMPLAINT_KIND, raise_if_not_found=False)
        domain = self._ticket_domain("closed_date") & Domain(
            "return_visit_required", "=", True
        )
        closed = visited = score = 0
        states = defaultdict(int)
        complaints = {"closed": 0, "visited": 0}
        for rate, state, kind, count, score_sum in tickets._read_group(
            domain,
            ["return_visit_rate", "return_visit_state", "type_id"],
            ["__count", "return_visit_score:sum"],
        ):
            closed += count
            states[state] += count
            if kind == complaint:
                complaints["closed"] += count
            if rate:
                visited += count
                score += score_sum or 0
                if kind == complaint:
                    complaints["visited"] += count
        overdue_tickets = tickets.search(
            domain & Domain("return_visit_state", "=", "overdue"),
            order="return_visit_due_date, id",
            limit=self._overdue_list_limit,
        )
        return {
            "closed": closed,
            "visited": visited,
            "rate": round(100.0 * visited / closed, 1) if closed else None,
            "satisfaction": round(score / visited, 2) if visited else None,
            "on_time": states["on_time"],
            "late": states["late"],
            "overdue": states["overdue"],
            "complaints": complaints,
            "overdue_list": [
                {
                    "id": ticket.id,
                    "number": ticket.number,
                    "name": ticket.name,
                    "team": ticket.team_id.name or "",
                    "due": self._format_local(ticket.return_visit_due_date),
                }
                for ticket in overdue_tickets
            ],
        }

    def _figures_complaints_apart(self, kinds, visits):
        """Complaints apart from the other kinds (seed 000 §7.1.3): received
        in the period, and the return visits of those closed in it."""
        complaint = self.env.ref(COMPLAINT_KIND, raise_if_not_found=False)
        received = sum(
            count for kind, count in kinds.items() if kind and kind == complaint
        )
        total = sum(kinds.values())
        closed, visited = (
            visits["complaints"]["closed"],
            visits["complaints"]["visited"],
        )
        return {
            "received": received,
            "others": total - received,
            "closed": closed,
            "visited": visited,
            "visit_rate": round(100.0 * visited / closed, 1) if closed else None,
        }

    def _format_local(self, value):
        if not value:
            return ""
        local = pytz.utc.localize(value).astimezone(pytz.timezone(self.tz or "UTC"))
        return local.strftime("%Y-%m-%d %H:%M")

    def _report_lang(self):
        """The report is written in the company's language."""
        self.ensure_one()
        return self.company_id.partner_id.lang or self.env.lang or "en_US"

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_open_tickets(self):
        """The report's tickets in the statistics dashboard (pivot, graph),
        which shows the same figures."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_property_info.helpdesk_ticket_action_statistics"
        )
        action.update(
            {
                "name": self.display_name,
                "domain": list(self._ticket_domain()),
                "context": {"search_default_group_category": 1},
            }
        )
        return action

    def action_send(self):
        """Mail the report now (it is mailed by the scheduled action anyway)."""
        if any(report.state == "sent" for report in self):
            raise UserError(self.env._("This report was already sent."))
        self.check_access("write")
        self.sudo()._send()
        return True

    def _get_recipients(self):
        self.ensure_one()
        users = self.company_id._helpdesk_info_alert_users("group_cs_manager")
        if self.kind in ("weekly", "monthly", "quarterly"):
            users |= self.company_id._helpdesk_info_alert_users("group_company_leader")
        return users.partner_id

    def _pdf_filename(self):
        return "{}.pdf".format(self.display_name.replace("/", "-"))

    def _send(self):
        """Mail each report as a PDF to its recipients and mark it sent. The
        mail is queued in the caller's transaction, with the state: both are
        committed, or neither."""
        Report = self.env["ir.actions.report"]
        for report in self.filtered(lambda r: r.state == "draft"):
            partners = report._get_recipients()
            content, _kind = Report._render_qweb_pdf(REPORT_ACTION, report.ids)
            attachment = self.env["ir.attachment"].create(
                {
                    "name": report._pdf_filename(),
                    "raw": content,
                    "res_model": report._name,
                    "res_id": report.id,
                    "mimetype": "application/pdf",
                }
            )
            report = report.with_context(lang=report._report_lang())
            report.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "%(report)s of %(company)s is attached.",
                    report=report.display_name,
                    company=report.company_id.name,
                ),
                subject=report.display_name,
                partner_ids=partners.ids,
                attachment_ids=attachment.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            report._write_by_action(
                {"state": "sent", "sent_date": fields.Datetime.now()}
            )

    # ------------------------------------------------------------------
    # Scheduled mailing
    # ------------------------------------------------------------------

    @api.model
    def _cron_send_reports(self, kind):
        """Mail every company's report for the week, month or quarter that has just
        closed in its time zone, once.

        The report of a period is created once (the unique index sees to it)
        and marked sent in the transaction that queues its mail, committed
        report by report: a run that is repeated, or resumed after an
        interruption, finds the period's report sent and does nothing more.
        Companies without a Customer Service manager get no report.
        """
        pending = self.browse()
        for company in self.env["res.company"].search([]):
            try:
                with self.env.cr.savepoint():
                    # Named in the company's language, whoever runs the job.
                    lang = company._helpdesk_info_lang()
                    report = self.with_context(lang=lang)._get_period_report(
                        company, kind
                    )
            except Exception:
                _logger.exception(
                    "%s report of company %s (%s) not created",
                    kind,
                    company.name,
                    company.id,
                )
                continue
            if report and report.state == "draft":
                pending |= report
        # Committed report by report: each renders a PDF, and a run cut short
        # keeps what it has sent.
        self._watch_batches(
            Domain("id", "in", pending.ids) & Domain("state", "=", "draft"),
            "_send",
            batch_size=1,
        )

    @api.model
    def _get_period_report(self, company, kind, team=None):
        """The report of ``company`` (and ``team``) for the ``kind`` period
        that has just closed, created if needed; none when nobody receives it."""
        team = team or self.env["helpdesk.ticket.team"]
        date_from = self._last_closed_period(kind, self._default_tz(company, team))[0]
        domain = [
            ("company_id", "=", company.id),
            ("team_id", "=", team.id),
            ("kind", "=", kind),
            ("date_from", "=", date_from),
        ]
        report = self.search(domain, limit=1)
        if report:
            return report
        vals = {
            "company_id": company.id,
            "team_id": team.id,
            "kind": kind,
            "date_from": date_from,
        }
        if not self.new(vals)._get_recipients():
            return report
        try:
            with self.env.cr.savepoint():
                return self.create(vals)
        except UniqueViolation:  # created meanwhile by another transaction
            return self.search(domain, limit=1)
