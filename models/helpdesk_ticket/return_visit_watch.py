from datetime import datetime, time, timedelta

import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

VISIT_CRON = "helpdesk_property_info.ir_cron_watch_return_visits"
VISIT_STATES = [
    ("pending", "Visit Pending"),
    ("overdue", "Visit Overdue"),
    ("on_time", "Visited on Time"),
    ("late", "Visited Late"),
]


class HelpdeskTicket(models.Model):
    """Return visits enforced (seed 001 回访): a visit not recorded one working
    day (of the Customer Service Department's calendar) after closing alerts
    the community's Customer Service desk on duty and its manager on call, or
    else the Customer Service managers, once. Visits after rescue work or a large
    community event are scheduled by hand, on any ticket, open or closed."""

    _inherit = "helpdesk.ticket"

    return_visit_due_date = fields.Datetime(
        string="Return Visit Due",
        readonly=True,
        copy=False,
        tracking=True,
        groups="base.group_user",
        help="One working day of the Customer Service Department after closing, "
        "or the end of the day a visit was scheduled for by hand.",
    )
    return_visit_manual = fields.Boolean(
        string="Return Visit Scheduled by Hand",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="A return visit scheduled by hand (after rescue work, a large "
        "community event): it stays due when the ticket is reopened.",
    )
    return_visit_alerted = fields.Boolean(
        string="Overdue Return Visit Reported",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="The people on duty (else the Customer Service managers) were told "
        "that the return visit is overdue.",
    )
    return_visit_state = fields.Selection(
        VISIT_STATES,
        compute="_compute_return_visit_watch",
        store=True,
        index="btree_not_null",
        groups="base.group_user",
    )
    return_visit_next_check = fields.Datetime(
        compute="_compute_return_visit_watch",
        store=True,
        copy=False,
        groups="base.group_user",
        help="When the return-visit watcher next has something to do for this ticket.",
    )

    _return_visit_next_check_idx = models.Index(
        "(return_visit_next_check) WHERE return_visit_next_check IS NOT NULL"
    )

    @api.depends("return_visit_date", "return_visit_due_date", "return_visit_alerted")
    def _compute_return_visit_watch(self):
        for ticket in self:
            due, visited = ticket.return_visit_due_date, ticket.return_visit_date
            if visited:
                ticket.return_visit_state = (
                    "late" if due and visited > due else "on_time"
                )
            elif due:
                ticket.return_visit_state = (
                    "overdue" if ticket.return_visit_alerted else "pending"
                )
            else:
                ticket.return_visit_state = False
            ticket.return_visit_next_check = (
                due
                if due and not visited and not ticket.return_visit_alerted
                else False
            )

    # ------------------------------------------------------------------
    # Scheduling
    # ------------------------------------------------------------------

    def _before_write_return_visit_watch(self, vals):
        """Write: the closed tickets ``vals`` move to another stage."""
        if vals.get("stage_id") and not self._vals_close_ticket(vals):
            return self.filtered("closed")
        return self.browse()

    def _after_write_return_visit_watch(self, reopening):
        """Write: a reopened ticket is visited once it is closed again, unless
        the visit was scheduled by hand."""
        reopened = reopening.filtered(
            lambda t: (
                not t.closed
                and t.return_visit_due_date
                and not t.return_visit_date
                and not t.return_visit_manual
            )
        )
        if reopened:
            reopened._write_by_action(
                {"return_visit_due_date": False, "return_visit_alerted": False}
            )

    # pylint: disable-next=missing-return  # writes the tickets, returns nothing
    def _schedule_return_visit(self):
        super()._schedule_return_visit()
        tickets = self.filtered(lambda t: not t.return_visit_date)
        due_dates = tickets._return_visit_due_dates(fields.Datetime.now())
        for ticket in tickets:
            ticket._write_by_action(
                {
                    "return_visit_due_date": due_dates[ticket],
                    "return_visit_alerted": False,
                    "return_visit_manual": False,
                }
            )
        tickets._trigger_return_visit_watch()

    def _return_visit_calendar(self):
        """The working hours return visits are due in: those of the company's
        Customer Service Department (or the company's)."""
        self.ensure_one()
        team = self.env["helpdesk.ticket.team"].sudo()._get_intake_team(self.company_id)
        return team.resource_calendar_id or self.company_id.resource_calendar_id

    def _return_visit_due_dates(self, start):
        """{ticket: one working day after ``start``}: the calendar's hours of a
        day, in its working time (calendar time without a calendar)."""
        Level = self.env["helpdesk.info.level"]
        due, by_calendar = {}, {}
        for ticket in self:
            by_calendar.setdefault(ticket._return_visit_calendar(), []).append(ticket)
        for calendar, tickets in by_calendar.items():
            if not calendar:
                due.update({ticket: start + timedelta(days=1) for ticket in tickets})
                continue
            hours = calendar.hours_per_day or 8
            due.update(
                Level._plan_working_hours(
                    calendar, [(t, start, hours) for t in tickets]
                )
            )
        return due

    def _trigger_return_visit_watch(self):
        dates = sorted(
            {t.return_visit_next_check for t in self if t.return_visit_next_check}
        )
        cron_id = self.env["ir.model.data"]._xmlid_to_res_id(
            VISIT_CRON, raise_if_not_found=False
        )
        if dates and cron_id:
            self.env["ir.cron"].sudo().browse(cron_id)._trigger(dates)

    def action_open_schedule_return_visit_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Schedule Return Visit"),
            "res_model": "helpdesk.ticket.visit.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_ids": self.ids},
        }

    def action_schedule_return_visit(self, date, user, note=""):
        """Schedule a return visit by hand on ``date`` (a day) for ``user``:
        after rescue work or a large community event, on an open ticket too.
        It is due by the end of that day in the calendar's time zone."""
        if not self.env.su and not self.env.user.has_group(
            "helpdesk_property_info.group_cs_agent"
        ):
            raise AccessError(
                self.env._("Only Customer Service schedules return visits.")
            )
        date = fields.Date.to_date(date)
        user = self.env["res.users"].browse(user) if isinstance(user, int) else user
        if not date or not user:
            raise UserError(
                self.env._("Choose the day of the return visit and who visits.")
            )
        if date < fields.Date.context_today(self):
            raise UserError(
                self.env._("A return visit cannot be scheduled in the past (%s).", date)
            )
        user = user.sudo()
        for ticket in self:
            if user.share or ticket.company_id not in user.company_ids:
                raise UserError(
                    self.env._(
                        "%(user)s does not work for %(company)s: choose a colleague of "
                        "ticket %(ticket)s's company.",
                        user=user.name,
                        company=ticket.company_id.name,
                        ticket=ticket.number,
                    )
                )
            if ticket.return_visit_date:
                raise UserError(
                    self.env._("Ticket %s was already visited.", ticket.number)
                )
        for ticket in self:
            tz = pytz.timezone(
                ticket._return_visit_calendar().tz or self.env.user.tz or "UTC"
            )
            end = tz.localize(datetime.combine(date + timedelta(days=1), time.min))
            due = end.astimezone(pytz.utc).replace(tzinfo=None)
            ticket._write_by_action(
                {
                    "return_visit_due_date": due,
                    "return_visit_alerted": False,
                    "return_visit_manual": True,
                }
            )
            ticket.activity_schedule(
                "helpdesk_property_info.mail_activity_return_visit",
                date_deadline=date,
                summary=note
                or user._helpdesk_info_lang_env()._(
                    "Return visit: solved? satisfied? further opinions?"
                ),
                user_id=user.id,
            )
            ticket.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "Return visit scheduled for %(date)s by %(user)s. %(note)s",
                    date=date,
                    user=user.name,
                    note=note or "",
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._trigger_return_visit_watch()
        return True

    # ------------------------------------------------------------------
    # Watcher
    # ------------------------------------------------------------------

    @api.model
    def _cron_watch_return_visits(self, batch_size=200):
        """Report the return visits whose due date has passed unrecorded.
        Selects only those, through the partial index on
        ``return_visit_next_check``: a run with nothing due costs one query.
        Each batch is reported whole, so that the duty roster is asked once
        for it; ticket by ticket only when the batch fails."""
        self._watch_next_checks(
            "return_visit_next_check",
            "_alert_overdue_return_visit",
            batch_size,
            whole_batch=True,
        )

    def _alert_overdue_return_visit(self):
        """Report to the community's Customer Service desk on duty and its
        manager on call at that minute (the duty roster), else to the
        Customer Service managers."""
        recipients = self.env["helpdesk.info.duty.shift"]._alert_recipients(
            self, lambda ticket: ticket.repair_community_id, ("cs_desk",)
        )

        def summary(env, when):
            return env._("Return visit overdue since %s", when)

        activities = []
        for ticket in self:
            users = recipients[ticket]
            when = ticket._format_datetime(ticket.return_visit_due_date)
            activities += [
                ticket._deadline_activity_vals(
                    "mail_activity_return_visit_overdue",
                    user,
                    summary(user._helpdesk_info_lang_env(), when),
                )
                for user in users or self.env.user
            ]
            # The chatter in the company's language when the job runs
            # without one.
            ticket.message_post(
                body=Markup("<p>%s</p>")
                % summary(ticket.company_id._helpdesk_info_lang_env(), when),
                partner_ids=users.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            activities
        )
        self._write_by_action({"return_visit_alerted": True})
