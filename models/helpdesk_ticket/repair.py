from datetime import datetime, time, timedelta

import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from .helpdesk_ticket import DISPATCHER_GROUPS

REPAIR_STATES = [
    ("new", "To Dispatch"),
    ("dispatched", "Dispatched"),
    ("accepted", "Accepted"),
    ("on_site", "On Site"),
    ("done", "Work Done"),
    ("confirmed", "Confirmed by Owner"),
]
WORKER_GROUP = "helpdesk_property_info.group_maintenance_worker"
# The urgency the roster's worker on call answers at any hour.
EMERGENCY = "helpdesk_property_info.repair_urgency_emergency"


class HelpdeskTicket(models.Model):
    """Repairs (报修): the urgency and the time on site it promises, the
    maintenance worker's order from dispatch to the owner's confirmation."""

    _inherit = "helpdesk.ticket"

    is_repair = fields.Boolean(
        compute="_compute_is_repair",
        store=True,
        help="The ticket's kind is Repair: it has an urgency, a worker and an "
        "arrival deadline.",
    )
    repair_urgency_id = fields.Many2one(
        "helpdesk.info.repair.urgency",
        string="Urgency",
        compute="_compute_repair_urgency_id",
        store=True,
        readonly=False,
        tracking=True,
        index="btree_not_null",
        help="Emergency, urgent or ordinary: how many minutes the worker has to be "
        "on site.",
    )
    appointment_date = fields.Datetime(
        string="Appointment",
        tracking=True,
        copy=False,
        help="For an ordinary repair: the time agreed with the owner for the worker "
        "to come.",
    )
    arrival_deadline = fields.Datetime(
        string="On Site By",
        compute="_compute_arrival_deadline",
        store=True,
        tracking=True,
        help="Report time plus the urgency's minutes, or the appointment, or the "
        "end of the day reported.",
    )
    repair_state = fields.Selection(
        REPAIR_STATES,
        string="Repair Status",
        compute="_compute_repair_state",
        store=True,
        tracking=True,
        index="btree_not_null",
    )
    repair_worker_id = fields.Many2one(
        "res.users",
        string="Maintenance Worker",
        tracking=True,
        copy=False,
        index="btree_not_null",
        domain=lambda self: [("group_ids", "in", self.env.ref(WORKER_GROUP).id)],
        help="The worker (维修工) the repair is dispatched to.",
    )
    repair_dispatch_date = fields.Datetime(
        string="Dispatched On", copy=False, readonly=True
    )
    repair_accept_date = fields.Datetime(
        string="Accepted On", copy=False, readonly=True
    )
    repair_arrival_date = fields.Datetime(
        string="Arrived On", copy=False, readonly=True, tracking=True
    )
    repair_done_date = fields.Datetime(
        string="Work Done On", copy=False, readonly=True, tracking=True
    )
    repair_confirm_date = fields.Datetime(
        string="Owner Confirmed On", copy=False, readonly=True
    )
    repair_materials = fields.Text(
        string="Materials Used",
        copy=False,
        help="What the worker used, as recorded on completion.",
    )
    repair_arrival_minutes = fields.Integer(
        string="Response (minutes)",
        compute="_compute_repair_arrival",
        store=True,
        aggregator="avg",
        help="Minutes from the report to the worker's arrival on site.",
    )
    repair_on_time = fields.Boolean(
        string="Arrived on Time",
        compute="_compute_repair_arrival",
        store=True,
        help="The worker arrived on site by the arrival deadline.",
    )
    repair_late_alerted = fields.Boolean(
        string="Late Arrival Alerted",
        copy=False,
        readonly=True,
        help="The repair team's leader and the community's manager on call (or "
        "else the Customer Service managers) were told, once, that nobody was on "
        "site by the deadline.",
    )
    repair_next_check = fields.Datetime(
        compute="_compute_repair_next_check",
        store=True,
        copy=False,
        groups="base.group_user",
        help="When the arrival watcher next has something to do for this repair.",
    )

    # The worker's card: which community (the building numbers repeat from
    # one community to the next), and whether the arrival is already late.
    repair_community_id = fields.Many2one(
        "helpdesk.info.community",
        string="Community",
        compute="_compute_repair_community_id",
        help="The community of the repair's unit, "
        "or else the only one its team serves.",
    )
    repair_arrival_overdue = fields.Boolean(
        string="Arrival Overdue",
        compute="_compute_repair_arrival_overdue",
        help="The arrival deadline has passed and nobody is on site yet.",
    )

    _repair_next_check_idx = models.Index(
        "(repair_next_check) WHERE repair_next_check IS NOT NULL"
    )

    @api.model
    def _repair_type_id(self):
        return self.env["ir.model.data"]._xmlid_to_res_id(
            "helpdesk_property_info.ticket_type_repair", raise_if_not_found=False
        )

    @api.model
    def _init_repair_orders(self):
        """Repairs recorded before the repair orders (on install and update):
        ordinary, done if closed, and without an arrival deadline, so that the
        watcher never alerts on them. In SQL: closed and locked tickets too,
        without tracking messages."""
        ordinary_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "helpdesk_property_info.repair_urgency_ordinary", raise_if_not_found=False
        )
        if not ordinary_id:
            return
        self.env.cr.execute(
            SQL(
                """UPDATE helpdesk_ticket t
                  SET repair_urgency_id = %s,
                      repair_state = CASE WHEN s.closed THEN 'confirmed'
                                          ELSE t.repair_state END
                 FROM helpdesk_ticket_stage s
                WHERE s.id = t.stage_id AND t.is_repair
                  AND t.repair_urgency_id IS NULL""",
                ordinary_id,
            )
        )
        self.invalidate_model(["repair_urgency_id", "repair_state"])

    @api.depends("type_id")
    def _compute_is_repair(self):
        repair_type_id = self._repair_type_id()
        for ticket in self:
            ticket.is_repair = (
                bool(repair_type_id) and ticket.type_id.id == repair_type_id
            )

    @api.depends("is_repair")
    def _compute_repair_urgency_id(self):
        ordinary = self.env["helpdesk.info.repair.urgency"].browse(
            self.env["ir.model.data"]._xmlid_to_res_id(
                "helpdesk_property_info.repair_urgency_ordinary",
                raise_if_not_found=False,
            )
        )
        for ticket in self:
            if ticket.is_repair and not ticket.repair_urgency_id:
                ticket.repair_urgency_id = ordinary

    @api.depends("is_repair")
    def _compute_repair_state(self):
        for ticket in self:
            if not ticket.is_repair:
                ticket.repair_state = False
            elif not ticket.repair_state:
                ticket.repair_state = "new"

    @api.depends(
        "is_repair",
        "intake_date",
        "repair_urgency_id.arrival_minutes",
        "appointment_date",
    )
    def _compute_arrival_deadline(self):
        for ticket in self:
            urgency = ticket.repair_urgency_id
            if not ticket.is_repair or not urgency or not ticket.intake_date:
                ticket.arrival_deadline = False
            elif urgency.arrival_minutes:
                ticket.arrival_deadline = ticket.intake_date + timedelta(
                    minutes=urgency.arrival_minutes
                )
            else:
                ticket.arrival_deadline = (
                    ticket.appointment_date or ticket._end_of_intake_day()
                )

    def _end_of_intake_day(self):
        """The last minute of the day the repair was reported, in the team's
        (or else the company's) time zone, in UTC."""
        tz = pytz.timezone(
            self.team_id.resource_calendar_id.tz
            or self.company_id.resource_calendar_id.tz
            or "UTC"
        )
        local_day = pytz.utc.localize(self.intake_date).astimezone(tz).date()
        end = tz.localize(datetime.combine(local_day, time(23, 59)))
        return end.astimezone(pytz.utc).replace(tzinfo=None)

    @api.depends("unit_id.community_id", "team_id")
    def _compute_repair_community_id(self):
        teams = self.filtered(lambda t: not t.unit_id).team_id
        by_team = {}
        if teams:
            communities = (
                self.env["helpdesk.info.community"]
                .sudo()
                .search([("team_id", "in", teams.ids)])
            )
            for team in teams:
                served = communities.filtered(lambda c, team=team: c.team_id == team)
                by_team[team] = served if len(served) == 1 else served.browse()
        for ticket in self:
            community = ticket.unit_id.sudo().community_id or by_team.get(
                ticket.team_id
            )
            ticket.repair_community_id = (
                community.with_env(self.env) if community else False
            )

    @api.depends("arrival_deadline", "repair_arrival_date", "repair_state")
    def _compute_repair_arrival_overdue(self):
        now = fields.Datetime.now()
        for ticket in self:
            ticket.repair_arrival_overdue = bool(
                ticket.arrival_deadline
                and ticket.arrival_deadline < now
                and not ticket.repair_arrival_date
                and ticket.repair_state in ("new", "dispatched", "accepted")
            )

    @api.depends("repair_arrival_date", "arrival_deadline", "intake_date")
    def _compute_repair_arrival(self):
        for ticket in self:
            arrival = ticket.repair_arrival_date
            ticket.repair_arrival_minutes = (
                int((arrival - ticket.intake_date).total_seconds() // 60)
                if arrival and ticket.intake_date
                else 0
            )
            ticket.repair_on_time = bool(
                arrival
                and ticket.arrival_deadline
                and arrival <= ticket.arrival_deadline
            )

    @api.depends(
        "arrival_deadline", "repair_arrival_date", "repair_late_alerted", "repair_state"
    )
    def _compute_repair_next_check(self):
        for ticket in self:
            waiting = ticket.repair_state in ("new", "dispatched", "accepted")
            ticket.repair_next_check = (
                ticket.arrival_deadline
                if waiting
                and not ticket.repair_arrival_date
                and not ticket.repair_late_alerted
                else False
            )

    @api.constrains("appointment_date", "intake_date")
    def _check_appointment_date(self):
        for ticket in self:
            if (
                ticket.appointment_date
                and ticket.intake_date
                and ticket.appointment_date < ticket.intake_date
            ):
                raise ValidationError(
                    self.env._(
                        "Ticket %s: the appointment cannot be before the repair was "
                        "reported.",
                        ticket.number or ticket.name,
                    )
                )

    @api.constrains("repair_worker_id")
    def _check_repair_worker(self):
        for ticket in self:
            worker = ticket.repair_worker_id
            if worker and not worker.has_group(WORKER_GROUP):
                raise ValidationError(
                    self.env._("%s is not a maintenance worker.", worker.name)
                )

    # Hooks of create and write (helpdesk_ticket.py)

    def _after_create_repair(self):
        """Create: an emergency goes to the worker on call, the arrival
        watcher is triggered at the deadline."""
        self._repair_dispatch_on_call()
        self._schedule_repair_watch()

    def _after_write_repair(self, vals):
        """Write: an emergency goes to the worker on call, a new arrival
        deadline triggers the watcher at it."""
        if vals.keys() & {"type_id", "repair_urgency_id"}:
            self._repair_dispatch_on_call()
        if vals.keys() & {
            "type_id",
            "repair_urgency_id",
            "appointment_date",
            "intake_date",
        }:
            self._schedule_repair_watch()

    # Actions of the repair order

    def _repair_check_state(self, allowed):
        for ticket in self:
            if not ticket.is_repair:
                raise UserError(self.env._("Ticket %s is not a repair.", ticket.number))
            if ticket.repair_state not in allowed:
                states = dict(
                    self._fields["repair_state"]._description_selection(self.env)
                )
                raise UserError(
                    self.env._(
                        "Repair %(number)s is %(state)s: this step is not possible "
                        "now.",
                        number=ticket.number,
                        state=states.get(ticket.repair_state, ""),
                    )
                )

    def _repair_is_dispatcher(self):
        return self.env.su or self.env.user.has_groups(DISPATCHER_GROUPS)

    def _repair_check_worker(self):
        """Only the worker the repair is dispatched to, or a Customer Service
        manager on their behalf, moves it on site and to done."""
        manager = self.env.su or self.env.user.has_group(
            "helpdesk_property_info.group_cs_manager"
        )
        for ticket in self:
            if ticket.repair_worker_id != self.env.user and not manager:
                raise AccessError(
                    self.env._(
                        "Repair %s is dispatched to another worker: only they record "
                        "their work.",
                        ticket.number,
                    )
                )

    def action_repair_dispatch(self):
        if not self._repair_is_dispatcher():
            raise AccessError(
                self.env._(
                    "Customer Service or the repair department dispatches repairs."
                )
            )
        self._repair_check_state(("new", "dispatched", "accepted"))
        for ticket in self:
            if not ticket.repair_worker_id:
                raise UserError(
                    self.env._(
                        "Repair %s: choose the maintenance worker first.", ticket.number
                    )
                )
        self._write_by_action(
            {
                "repair_state": "dispatched",
                "repair_dispatch_date": fields.Datetime.now(),
            }
        )
        for ticket in self:
            ticket.message_subscribe(partner_ids=ticket.repair_worker_id.partner_id.ids)
            ticket.activity_schedule(
                "helpdesk_property_info.mail_activity_repair_order",
                # Due today where the worker is, whoever dispatches.
                date_deadline=fields.Date.context_today(
                    ticket.with_context(tz=ticket.repair_worker_id.tz)
                ),
                summary=ticket.repair_worker_id._helpdesk_info_lang_env()._(
                    "On site by %s", ticket._format_datetime(ticket.arrival_deadline)
                ),
                user_id=ticket.repair_worker_id.id,
            )
        return True

    def _repair_dispatch_on_call(self):
        """An emergency recorded without a worker is dispatched at once to
        the community's worker on call at that minute (the duty roster, asked
        once for the batch), as Customer Service would dispatch it. When the
        roster names no maintenance worker (nobody on call, or only a manager
        on call who is not one), it stays for Customer Service."""
        emergency_id = self.env["ir.model.data"]._xmlid_to_res_id(
            EMERGENCY, raise_if_not_found=False
        )
        repairs = self.filtered(
            lambda t: (
                t.is_repair
                and t.repair_urgency_id.id == emergency_id
                and not t.repair_worker_id
                and t.repair_state == "new"
                and t.repair_community_id
            )
        )
        if not emergency_id or not repairs:
            return
        # The roster dispatches, whoever recorded the repair (an owner on
        # the portal, an agent of another team).
        repairs = repairs.sudo()
        on_duty = (
            self.env["helpdesk.info.duty.shift"]
            .sudo()
            ._on_duty(repairs.repair_community_id, ["worker_on_call"])
        )
        by_worker = {}
        for ticket in repairs:
            holders = on_duty[(ticket.repair_community_id, "worker_on_call")]
            worker = holders.filtered(lambda u: u.has_group(WORKER_GROUP))[:1]
            if worker:
                by_worker[worker] = by_worker.get(worker, repairs.browse()) | ticket
        for worker, tickets in by_worker.items():
            tickets._write_by_action({"repair_worker_id": worker.id})
            tickets.action_repair_dispatch()

    def action_repair_accept(self):
        self._repair_check_worker()
        self._repair_check_state(("dispatched",))
        self._write_by_action(
            {"repair_state": "accepted", "repair_accept_date": fields.Datetime.now()}
        )
        return True

    def action_repair_arrive(self):
        self._repair_check_worker()
        self._repair_check_state(("dispatched", "accepted"))
        now = fields.Datetime.now()
        for ticket in self:
            ticket._write_by_action(
                {
                    "repair_state": "on_site",
                    "repair_accept_date": ticket.repair_accept_date or now,
                    "repair_arrival_date": now,
                }
            )
        return True

    def action_repair_done(self):
        self._repair_check_worker()
        self._repair_check_state(("on_site",))
        self._write_by_action(
            {"repair_state": "done", "repair_done_date": fields.Datetime.now()}
        )
        self.activity_feedback(["helpdesk_property_info.mail_activity_repair_order"])
        return True

    def action_repair_confirm(self):
        """The owner confirmed the work (signed the repair order, or on the phone)."""
        if not self._repair_is_dispatcher():
            raise AccessError(
                self.env._("Customer Service records the owner's confirmation.")
            )
        self._repair_check_state(("done",))
        self._write_by_action(
            {"repair_state": "confirmed", "repair_confirm_date": fields.Datetime.now()}
        )
        return True

    def _repair_reopen(self, reason):
        """Back to the same worker: the owner is not satisfied with the work."""
        repairs = self.filtered(lambda t: t.repair_state in ("done", "confirmed"))
        if not repairs:
            return
        repairs._write_by_action(
            {
                "repair_state": "dispatched",
                "repair_done_date": False,
                "repair_confirm_date": False,
                "repair_dispatch_date": fields.Datetime.now(),
            }
        )
        for ticket in repairs:
            worker = ticket.repair_worker_id or self.env.user
            ticket.activity_schedule(
                "helpdesk_property_info.mail_activity_repair_order",
                date_deadline=fields.Date.context_today(
                    ticket.with_context(tz=worker.tz)
                ),
                summary=worker._helpdesk_info_lang_env()._(
                    "Repair reopened: %s", reason
                ),
                user_id=worker.id,
            )
            ticket.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "Repair reopened and sent back to %(worker)s: %(reason)s",
                    worker=ticket.repair_worker_id.name or "",
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def action_record_return_visit(self, solved, satisfaction, opinion=""):
        result = super().action_record_return_visit(solved, satisfaction, opinion)
        unhappy = self.filtered(
            lambda t: (
                t.is_repair
                and (
                    t.return_visit_solved == "no"
                    or t.return_visit_satisfaction in ("1", "2")
                )
            )
        )
        for ticket in unhappy:
            stage = ticket.team_id._get_applicable_stages().filtered(
                lambda s: not s.closed
            )[:1]
            if stage:
                ticket.stage_id = stage
            ticket._repair_reopen(
                opinion or self.env._("the owner is not satisfied with the repair")
            )
        return result
