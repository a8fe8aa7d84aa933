from collections import defaultdict

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain

from .helpdesk_info_guard_mixin import RECORDED

DUTY_ROLES = [
    ("cs_desk", "Customer Service Desk"),
    ("worker_on_call", "Repair Worker on Call"),
    ("security_supervisor", "Security Supervisor on Duty"),
    ("manager_on_call", "Manager on Call"),
]
# Colours of the roster by role (the calendar's palette).
ROLE_COLORS = {
    "cs_desk": 4,
    "worker_on_call": 2,
    "security_supervisor": 10,
    "manager_on_call": 1,
}
# Who answers for a community when nobody holds the role asked for.
FALLBACK_ROLE = "manager_on_call"
CS_MANAGER = "helpdesk_property_info.group_cs_manager"
# What puts a shift on someone: its holder never changes it himself.
ROSTER_FIELDS = ("user_id", "start", "stop", "community_id", "role")


class HelpdeskInfoDutyShift(models.Model):
    """A shift of the duty roster (客服中心值班制度): who is on duty for a
    community, in which role, from when to when. The hotline is open 24 hours
    a day and an emergency repair is on site within 10 minutes at any hour:
    the roster says who answers. Customer Service managers draw it up; the
    holder of a shift never takes himself off it, he asks for a swap."""

    _name = "helpdesk.info.duty.shift"
    _description = "Duty Shift"
    _inherit = ["mail.thread", "mail.activity.mixin", "helpdesk.info.guard.mixin"]
    _order = "start, community_id, role, id"
    _check_company_auto = True

    community_id = fields.Many2one(
        "helpdesk.info.community",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
        help="The community whose duty the shift covers.",
    )
    company_id = fields.Many2one(
        related="community_id.company_id", store=True, index=True, precompute=True
    )
    role = fields.Selection(
        DUTY_ROLES,
        required=True,
        default="cs_desk",
        tracking=True,
        help="What the person on duty answers for: the Customer Service desk "
        "(hotline), emergency repairs, security, or the manager on call who "
        "answers when nobody else holds the role.",
    )
    role_color = fields.Integer(
        compute="_compute_role_color",
        store=True,
        help="The colour of the role on the roster.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="On Duty",
        required=True,
        index=True,
        domain="[('share', '=', False)]",
        tracking=True,
        help="Who is on duty. He hands the shift to a colleague through a swap "
        "that a Customer Service manager approves.",
    )
    start = fields.Datetime(required=True, tracking=True, help="When the shift begins.")
    stop = fields.Datetime(
        string="End", required=True, tracking=True, help="When the shift ends."
    )
    is_holiday = fields.Boolean(
        string="Public Holiday",
        compute="_compute_is_holiday",
        search="_search_is_holiday",
        help="The shift begins on a public holiday of the company's working hours.",
    )
    on_duty_now = fields.Boolean(
        compute="_compute_on_duty_now",
        search="_search_on_duty_now",
        help="The shift is under way.",
    )
    swap_ids = fields.One2many("helpdesk.info.duty.swap", "shift_id", string="Swaps")
    handover_ids = fields.One2many(
        "helpdesk.info.duty.handover",
        "shift_id",
        string="Handover Record",
        help="The handover record made when the shift was closed.",
    )

    _user_start_idx = models.Index("(user_id, start, stop)")
    _community_role_start_idx = models.Index("(community_id, role, start, stop)")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("role")
    def _compute_role_color(self):
        for shift in self:
            shift.role_color = ROLE_COLORS.get(shift.role, 0)

    def _local_tz(self):
        """The time zone the roster is drawn in: the company's working hours,
        else the user's."""
        calendar = (self.company_id or self.env.company).resource_calendar_id
        return pytz.timezone(calendar.tz or self.env.user.tz or "UTC")

    @api.depends("community_id.name", "role", "user_id.name", "start", "stop")
    @api.depends_context("lang")
    def _compute_display_name(self):
        roles = dict(self._fields["role"]._description_selection(self.env))
        for shift in self:
            when = ""
            if shift.start and shift.stop:
                tz = shift._local_tz()
                start = pytz.utc.localize(shift.start).astimezone(tz)
                stop = pytz.utc.localize(shift.stop).astimezone(tz)
                when = f"{start:%m-%d %H:%M}–{stop:%H:%M}"
            shift.display_name = " · ".join(
                part
                for part in (
                    shift.community_id.name,
                    roles.get(shift.role),
                    shift.user_id.name,
                    when,
                )
                if part
            )

    def _holiday_leaves(self, first_start, last_start, companies):
        """The public holidays (leaves of no resource) of the working hours of
        ``companies`` that a shift beginning between ``first_start`` and
        ``last_start`` may begin in."""
        calendars = companies.resource_calendar_id
        return (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search(
                [
                    ("resource_id", "=", False),
                    ("calendar_id", "in", [*calendars.ids, False]),
                    ("date_from", "<=", last_start),
                    ("date_to", ">", first_start),
                ]
            )
        )

    def _compute_is_holiday(self):
        dated = self.filtered("start")
        leaves = self.env["resource.calendar.leaves"]
        if dated:
            starts = dated.mapped("start")
            leaves = self._holiday_leaves(min(starts), max(starts), dated.company_id)
        for shift in self:
            calendar = shift.company_id.resource_calendar_id
            shift.is_holiday = bool(shift.start) and any(
                leave.date_from <= shift.start < leave.date_to
                and (not leave.calendar_id or leave.calendar_id == calendar)
                for leave in leaves
            )

    def _search_is_holiday(self, operator, value):
        if operator != "in":
            return NotImplemented
        companies = self.env.companies
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search(
                [
                    ("resource_id", "=", False),
                    (
                        "calendar_id",
                        "in",
                        [*companies.resource_calendar_id.ids, False],
                    ),
                ]
            )
        )
        domains = []
        for leave in leaves:
            during = Domain("start", ">=", leave.date_from) & Domain(
                "start", "<", leave.date_to
            )
            if leave.calendar_id:
                during &= Domain(
                    "company_id",
                    "in",
                    companies.filtered(
                        lambda c, cal=leave.calendar_id: c.resource_calendar_id == cal
                    ).ids,
                )
            domains.append(during)
        holiday = Domain.OR(domains) if domains else Domain.FALSE
        return holiday if True in value else ~holiday

    def _compute_on_duty_now(self):
        now = fields.Datetime.now()
        for shift in self:
            shift.on_duty_now = bool(
                shift.start and shift.stop and shift.start <= now < shift.stop
            )

    def _search_on_duty_now(self, operator, value):
        if operator != "in":
            return NotImplemented
        now = fields.Datetime.now()
        now_domain = Domain("start", "<=", now) & Domain("stop", ">", now)
        return now_domain if True in value else ~now_domain

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------

    @api.constrains("start", "stop")
    def _check_stop_after_start(self):
        for shift in self:
            if shift.start and shift.stop and shift.stop <= shift.start:
                raise ValidationError(
                    self.env._(
                        "A shift ends after it begins: %s does not.",
                        shift.display_name,
                    )
                )

    @api.constrains("user_id", "start", "stop")
    def _check_no_overlap(self):
        """Nobody holds two shifts at once."""
        dated = self.filtered(lambda s: s.start and s.stop and s.user_id)
        if not dated:
            return
        others = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("user_id", "in", dated.user_id.ids),
                    ("start", "<", max(dated.mapped("stop"))),
                    ("stop", ">", min(dated.mapped("start"))),
                ]
            )
        )
        by_user = defaultdict(list)
        for other in others:
            by_user[other.user_id.id].append(other)
        for shift in dated:
            for other in by_user[shift.user_id.id]:
                if (
                    other.id != shift.id
                    and other.start < shift.stop
                    and shift.start < other.stop
                ):
                    raise ValidationError(
                        self.env._(
                            "%(user)s would hold two shifts at once: %(shift)s and "
                            "%(other)s.",
                            user=shift.user_id.name,
                            shift=shift.sudo().display_name,
                            other=other.display_name,
                        )
                    )

    def _may_rearrange(self):
        """Whether the current user may move this shift or give it to someone
        else: a Customer Service manager, on another's shift. The holder
        hands his own shift over through a swap."""
        user = self.env.user
        return user.has_group(CS_MANAGER) and self.user_id != user

    def _guarded_fields(self):
        # Only Customer Service managers put anyone on the roster.
        return dict.fromkeys(ROSTER_FIELDS, CS_MANAGER) | super()._guarded_fields()

    def _frozen_fields(self):
        return {
            RECORDED: dict.fromkeys(ROSTER_FIELDS, type(self)._may_rearrange)
        } | super()._frozen_fields()

    def _guard_frozen_hint(self, state):
        return self.env._(
            "Its holder hands it to a colleague through a swap that a Customer "
            "Service manager approves; a manager rearranges the shifts of others."
        )

    def _check_roster_manager(self):
        if not self.env.su and not self.env.user.has_group(CS_MANAGER):
            raise AccessError(
                self.env._("Only a Customer Service manager draws up the duty roster.")
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_never_own_shift(self):
        if self.env.su:
            return
        self._check_roster_manager()
        own = self.filtered(lambda s: s.user_id == self.env.user)
        if own:
            raise AccessError(
                self.env._(
                    "%s is your own shift: nobody takes himself off duty. Ask a "
                    "colleague to take it through a swap.",
                    own[0].display_name,
                )
            )

    # ------------------------------------------------------------------
    # Closing the shift
    # ------------------------------------------------------------------

    def action_close_shift(self):
        """Hand the shift over to the next one (the handover record)."""
        self.ensure_one()
        handover = self.env["helpdesk.info.duty.handover"]._close_shift(self)
        return {
            "type": "ir.actions.act_window",
            "res_model": handover._name,
            "res_id": handover.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Who is on duty
    # ------------------------------------------------------------------

    @api.model
    def _on_duty(self, communities, roles, at=None, fallback=True):
        """{(community, role): users on duty} at ``at`` (now by default), for
        every community and role asked, in one query. A role nobody holds at
        that minute falls back to the community's manager on call, unless
        ``fallback`` is false."""
        at = at or fields.Datetime.now()
        wanted = set(roles) | ({FALLBACK_ROLE} if fallback else set())
        groups = self._read_group(
            [
                ("community_id", "in", communities.ids),
                ("role", "in", list(wanted)),
                ("start", "<=", at),
                ("stop", ">", at),
            ],
            ["community_id", "role"],
            ["user_id:array_agg"],
        )
        Users = self.env["res.users"]
        held = {
            (community.id, role): Users.browse(sorted(set(user_ids)))
            for community, role, user_ids in groups
        }
        result = {}
        for community in communities:
            on_call = held.get((community.id, FALLBACK_ROLE), Users)
            for role in roles:
                result[(community, role)] = held.get((community.id, role)) or (
                    on_call if fallback else Users
                )
        return result

    @api.model
    def _alert_recipients(self, records, community_of, roles=()):
        """Who an alert about each of ``records`` goes to: the people on duty
        in ``roles`` for its community (``community_of(record)``) at this
        minute and the community's manager on call; its company's Customer
        Service managers when nobody is. {record: users}, the roster asked
        once for the whole batch."""
        if not records:
            return {}
        communities = self.env["helpdesk.info.community"].union(
            *(community_of(record) for record in records)
        )
        on_duty = (
            self.sudo()._on_duty(communities, [*roles, FALLBACK_ROLE])
            if communities
            else {}
        )
        Users = self.env["res.users"]
        managers = records.company_id._helpdesk_info_alert_users("group_cs_manager")
        recipients = {}
        for record in records:
            community = community_of(record)
            users = Users.union(
                *(on_duty.get((community, role), Users) for role in roles),
                on_duty.get((community, FALLBACK_ROLE), Users),
            ).sudo(False)
            recipients[record] = users or managers.filtered(
                lambda u, company=record.company_id: company in u.company_ids
            )
        return recipients
