from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..helpdesk_info_approval_mixin import APPROVAL_STATES


class HelpdeskTicket(models.Model):
    """A complaint closes only once its handling result is approved (seed 001
    §7); the end of the working day the reply to the customer is due by."""

    _inherit = "helpdesk.ticket"

    result_ids = fields.One2many(
        "helpdesk.ticket.result",
        "ticket_id",
        string="Handling Result",
        groups="base.group_user",
    )
    result_approval_required = fields.Boolean(
        compute="_compute_result_approval_required",
        help="A complaint: its handling result is approved before it is closed.",
    )
    result_state = fields.Selection(
        [("none", "Not Written"), *APPROVAL_STATES],
        string="Handling Result Status",
        compute="_compute_result_state",
        groups="base.group_user",
    )

    @api.model
    def _complaint_type_id(self):
        return self.env["ir.model.data"]._xmlid_to_res_id(
            "helpdesk_property_info.ticket_type_complaint", raise_if_not_found=False
        )

    def _result_approval_required(self):
        self.ensure_one()
        complaint = self._complaint_type_id()
        return bool(complaint) and self.type_id.id == complaint

    @api.depends("type_id")
    def _compute_result_approval_required(self):
        for ticket in self:
            ticket.result_approval_required = ticket._result_approval_required()

    @api.depends("result_ids.state")
    def _compute_result_state(self):
        for ticket in self:
            ticket.result_state = ticket.sudo().result_ids[:1].state or "none"

    def _check_close_result(self, created=False):
        """Closing (or created straight into a closed stage): a complaint's
        handling result is approved first. Every user, client and route meets
        the gate (helpdesk_mgmt's portal route closes a customer's own ticket
        as superuser); only the data files of an install or update do not."""
        if self._loading_data():
            return
        blocked = self.filtered(
            lambda t: (
                (t.closed if created else not t.closed)
                and t._result_approval_required()
                and t.sudo().result_ids[:1].state != "approved"
            )
        )
        if blocked:
            raise UserError(
                self.env._(
                    "Complaint %s: the Customer Service manager approves the "
                    "handling result before the complaint is closed.",
                    ", ".join(blocked.mapped("number")),
                )
            )

    def _loading_data(self):
        return self.env.su and self.env.context.get("install_mode")

    def action_open_result(self):
        """The complaint's handling result, a new one if none is written yet."""
        self.ensure_one()
        result = self.result_ids[:1]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Handling Result"),
            "res_model": "helpdesk.ticket.result",
            "view_mode": "form",
            "res_id": result.id or False,
            "context": {"default_ticket_id": self.id},
        }

    def _end_of_working_day(self, moment):
        """The end of the working day ``moment`` (naive UTC) falls on, in the
        team's calendar; after hours or on a day off, of the next working day.
        Without a calendar, midnight in the company's time zone."""
        self.ensure_one()
        calendar = (
            self.team_id.resource_calendar_id or self.company_id.resource_calendar_id
        )
        if calendar:
            tz = pytz.timezone(calendar.tz or "UTC")
            begin = datetime.combine(moment.date(), time.min) - timedelta(days=1)
            for span in (15, 60, 400):
                intervals = calendar._cached_work_intervals(
                    begin, begin + timedelta(days=span)
                )
                by_day = defaultdict(list)
                for start, stop in intervals:
                    by_day[pytz.utc.localize(start).astimezone(tz).date()].append(stop)
                for day in sorted(by_day):
                    end = max(by_day[day])
                    if end > moment:
                        # whole seconds: a day's last interval may end at
                        # 23:59:59.999999
                        return (end + timedelta(microseconds=500000)).replace(
                            microsecond=0
                        )
        tz = pytz.timezone(self._printed_form_tz())
        local = pytz.utc.localize(moment).astimezone(tz)
        end = tz.localize(datetime.combine(local.date() + timedelta(days=1), time.min))
        return end.astimezone(pytz.utc).replace(tzinfo=None)
