import logging

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models

_logger = logging.getLogger(__name__)


class HelpdeskInfoVisitQuota(models.Model):
    """A month's customer visits against the quota (seed 001 §9), of one
    customer assistant or of the whole department (no assistant). Rows are
    written by the server only: refreshed when the quota screen opens and
    at the month's end, when the Customer Service managers are told who
    ended it short."""

    _name = "helpdesk.info.visit.quota"
    _description = "Customer Visit Quota"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "month desc, company_id, user_id desc, id"

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    month = fields.Date(
        required=True, readonly=True, index=True, help="The first day of the month."
    )
    user_id = fields.Many2one(
        "res.users",
        string="Assistant",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
        help="The customer assistant; empty on the department's row.",
    )
    scope = fields.Selection(
        [("person", "Assistant"), ("department", "Department")],
        required=True,
        readonly=True,
    )
    quota = fields.Integer(readonly=True, help="The visits due this month.")
    done_count = fields.Integer(string="Visits Done", readonly=True)
    progress = fields.Float(
        string="Progress (%)",
        readonly=True,
        aggregator="avg",
        help="Visits done, in percent of the quota.",
    )
    shortfall = fields.Integer(
        readonly=True, help="Visits still missing to reach the quota."
    )
    alert_sent = fields.Boolean(
        readonly=True,
        help="The month has closed and the managers were told of its shortfalls.",
    )

    _month_row_uniq = models.UniqueIndex(
        "(company_id, month, COALESCE(user_id, 0))",
        "A month has one quota row per assistant and one for the department.",
    )

    @api.depends("month", "user_id", "scope")
    def _compute_display_name(self):
        for row in self:
            who = row.user_id.name if row.user_id else self.env._("Department")
            row.display_name = "{} {}".format(
                row.month and row.month.strftime("%Y-%m") or "",
                who,
            )

    @api.model
    def _refresh(self, company, month_start):
        """Count the people visited by ``company``'s visitors in the month
        starting on ``month_start`` (in the company's time zone) and write
        the rows of the month; returns them. The quotas count people (人):
        a customer visited twice in the month counts once, a visit that
        names nobody (a floor visit) counts one person. Each assistant's row
        counts their own visits; the department's row counts the visits of
        those without a quota of their own (its manager), apart from the
        assistants'."""
        Visit = self.env["helpdesk.info.visit"].sudo()
        start, end = Visit._utc_month_bounds(company, month_start)
        done = Visit._read_group(
            [
                ("company_id", "=", company.id),
                ("state", "=", "done"),
                ("visited_on", ">=", start),
                ("visited_on", "<", end),
            ],
            ["user_id", "partner_id"],
            ["__count"],
        )
        assistants = self.env["res.users"]._visit_quota_users(company)
        per_user, department_named, department_unnamed = {}, set(), 0
        for user, partner, count in done:
            per_user[user] = per_user.get(user, 0) + (1 if partner else count)
            if user in assistants:
                continue
            if partner:
                department_named.add(partner)
            else:
                department_unnamed += count
        rows = self.sudo().search(
            [("company_id", "=", company.id), ("month", "=", month_start)]
        )
        by_user = {row.user_id: row for row in rows}
        targets = [
            (user, user._visit_monthly_quota(company), per_user.get(user, 0))
            for user in assistants
        ]
        targets.append(
            (
                self.env["res.users"],
                company.visit_department_quota,
                len(department_named) + department_unnamed,
            )
        )
        result = self.sudo()
        for user, quota, count in targets:
            vals = {
                "quota": quota,
                "done_count": count,
                "progress": 100.0 * count / quota if quota > 0 else 100.0,
                "shortfall": max(quota - count, 0),
            }
            row = by_user.get(user)
            if row:
                if any(row[name] != value for name, value in vals.items()):
                    row.write(vals)
            else:
                row = self.sudo().create(
                    dict(
                        vals,
                        company_id=company.id,
                        month=month_start,
                        user_id=user.id,
                        scope="person" if user else "department",
                    )
                )
            result |= row
        return result

    @api.model
    def action_open_this_month(self):
        """The quota screen: this month's rows of the user's companies, counted now."""
        Visit = self.env["helpdesk.info.visit"]
        months = []
        for company in self.env.companies:
            month_start = Visit._company_today(company).replace(day=1)
            self._refresh(company, month_start)
            months.append(month_start)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_property_info.helpdesk_info_visit_quota_action"
        )
        action["domain"] = [("month", "in", months)]
        return action

    # ------------------------------------------------------------------
    # Month-end alert
    # ------------------------------------------------------------------

    @api.model
    def _cron_alert_month_end(self):
        """Once each month has closed in a company's time zone, tell its
        Customer Service managers who ended it short of the quota, and by how
        much. Runs hourly; a month already alerted is skipped, so the alert
        leaves once per closed month per company."""
        for company in self.env["res.company"].sudo().search([]):
            try:
                with self.env.cr.savepoint():
                    self.with_context(
                        lang=company._helpdesk_info_lang()
                    )._alert_month_end(company)
            except Exception:
                _logger.exception(
                    "Visit quota alert of company %s (%s) not sent",
                    company.name,
                    company.id,
                )

    @api.model
    def _alert_month_end(self, company):
        Visit = self.env["helpdesk.info.visit"].sudo()
        month_start = Visit._company_today(company).replace(day=1) - relativedelta(
            months=1
        )
        department = self.sudo().search(
            [
                ("company_id", "=", company.id),
                ("month", "=", month_start),
                ("user_id", "=", False),
            ]
        )
        if department.alert_sent:
            return self.browse()
        # A company that has never recorded a visit does not use them: no alert.
        next_month = month_start + relativedelta(months=1)
        if not Visit.search_count(
            [("company_id", "=", company.id), ("planned_date", "<", next_month)],
            limit=1,
        ):
            return self.browse()
        rows = self._refresh(company, month_start)
        department = rows.filtered(lambda r: not r.user_id)
        short = rows.filtered(lambda r: r.shortfall > 0)
        if short:
            department._notify_shortfalls(short)
        department.write({"alert_sent": True})
        return short

    def _notify_shortfalls(self, short):
        """An activity for each Customer Service manager of the company on the
        department's row, listing the shortfalls."""
        self.ensure_one()
        managers = self.company_id._helpdesk_info_alert_users("group_cs_manager")
        if not managers:
            return
        rows = short.sorted(lambda r: (bool(r.user_id), r.user_id.name or ""))
        for manager in managers:
            # In the manager's language, whoever runs the job.
            env = manager._helpdesk_info_lang_env()
            lines = [
                env._(
                    "%(who)s: %(done)s of %(quota)s visits, %(short)s short",
                    who=row.user_id.name or env._("Department"),
                    done=row.done_count,
                    quota=row.quota,
                    short=row.shortfall,
                )
                for row in rows
            ]
            self.with_context(lang=env.lang).activity_schedule(
                "helpdesk_property_info.mail_activity_visit_quota_short",
                summary=env._(
                    "Customer visits of %(month)s ended short",
                    month=self.month.strftime("%Y-%m"),
                ),
                note=Markup("<br/>").join(lines),
                user_id=manager.id,
            )
