import logging
from datetime import datetime, time

import pytz
from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .helpdesk_info_guard_mixin import in_action_scope

VISIT_KINDS = [
    ("random", "Random Draw"),
    ("new_owner", "New-Owner Visit"),
    ("floor", "Floor Visit"),
    ("key_customer", "Key Customer"),
    ("major_problem", "Major Problem Home Visit"),
    ("other", "Other"),
]

SATISFACTION_LEVELS = [
    ("1", "Very Dissatisfied"),
    ("2", "Dissatisfied"),
    ("3", "Neutral"),
    ("4", "Satisfied"),
    ("5", "Very Satisfied"),
]

CS_MANAGER_GROUP = "helpdesk_property_info.group_cs_manager"

_logger = logging.getLogger(__name__)


class HelpdeskInfoVisit(models.Model):
    """A customer visit (客户访问, seed 001 §9, seed 004 9.2), the record of
    《访问客户记录表》: who visited which unit (or floor) when, what the
    customer said and how satisfied they are. Done visits count toward the
    monthly quotas of the visitor and of the department."""

    _name = "helpdesk.info.visit"
    _description = "Customer Visit"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "helpdesk.info.guard.mixin",
        "helpdesk.info.personal.data.mixin",
    ]
    _order = "planned_date desc, id desc"
    _check_company_auto = True

    user_id = fields.Many2one(
        "res.users",
        string="Visitor",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
        help="Who visits the customer; the visit counts toward their monthly quota "
        "once done.",
    )
    kind = fields.Selection(
        VISIT_KINDS,
        required=True,
        default="random",
        tracking=True,
        index=True,
        help="Random draw: drawn from the units register. New owner: within a month "
        "of moving in. Floor visit: a floor of a building, each quarter. Key "
        "customer and major problem: home visits.",
    )
    method = fields.Selection(
        [
            ("home", "Home Visit"),
            ("phone", "Telephone"),
            ("public_place", "Community Public Area"),
            ("office", "Customer's Office"),
        ],
        string="Visit Method",
        required=True,
        default="home",
        tracking=True,
        help="How the customer was met (seed 001 §9): at home, by telephone, in a "
        "public area of the community or at the customer's office.",
    )
    planned_date = fields.Date(
        string="Visit Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        index=True,
        help="The day the visit is planned for; for a new owner, the latest day it "
        "is due.",
    )
    visited_on = fields.Datetime(
        string="Visit Done On",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        help="When the visit was marked done.",
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        required=True,
        default="planned",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    community_id = fields.Many2one(
        "helpdesk.info.community",
        compute="_compute_community_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
        tracking=True,
        help="The community visited; that of the unit or building.",
    )
    unit_id = fields.Many2one(
        "helpdesk.info.unit",
        index="btree_not_null",
        check_company=True,
        tracking=True,
        domain="[('community_id', '=?', community_id)]",
        help="The home visited, e.g. 3-2-501.",
    )
    building_id = fields.Many2one(
        "helpdesk.info.building",
        compute="_compute_building_floor",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        tracking=True,
        domain="[('community_id', '=?', community_id)]",
        help="The building of the unit, or the building of a floor visit.",
    )
    floor = fields.Integer(
        compute="_compute_building_floor",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="The floor visited, for floor visits (楼层访问).",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer Visited",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        tracking=True,
        help="The owner or resident met; by default a current occupant of the unit.",
    )
    opinions = fields.Text(
        string="Customer's Opinions",
        tracking=True,
        help="What the customer said: opinions, requests, complaints or praise. "
        "An opinion to be handled becomes a ticket with “Turn into Ticket”.",
    )
    satisfaction = fields.Selection(
        SATISFACTION_LEVELS,
        tracking=True,
        help="How satisfied the customer says they are with the property services.",
    )
    ticket_ids = fields.One2many(
        "helpdesk.ticket", "customer_visit_id", string="Tickets", readonly=True
    )
    ticket_count = fields.Integer(
        string="Number of Tickets", compute="_compute_ticket_count"
    )
    occupancy_id = fields.Many2one(
        "helpdesk.info.unit.occupancy",
        string="Move-in",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The owner's move-in this new-owner visit was scheduled from.",
    )
    source_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Major Problem",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The major-problem ticket this home visit follows up.",
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        help="The company of the community visited.",
    )
    note = fields.Text(string="Notes")

    def _guarded_fields(self):
        # State and visit time are what the quotas count: only the buttons
        # write them. Managers plan visits for others; assistants for themselves.
        return (
            dict.fromkeys(
                ("state", "visited_on", "occupancy_id", "source_ticket_id"), None
            )
            | {"user_id": CS_MANAGER_GROUP}
            | super()._guarded_fields()
        )

    def _frozen_fields(self):
        # What a done visit counted is kept: the visitor, the place, the
        # customer and their satisfaction no longer change.
        return {
            "done": dict.fromkeys(
                (
                    "user_id",
                    "kind",
                    "unit_id",
                    "building_id",
                    "floor",
                    "partner_id",
                    "satisfaction",
                    "company_id",
                ),
                None,
            )
        } | super()._frozen_fields()

    def _guard_frozen_hint(self, state):
        if state == "done":
            return self.env._("A done visit keeps what it recorded.")
        return super()._guard_frozen_hint(state)

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("unit_id", "building_id")
    def _compute_community_id(self):
        for visit in self:
            if visit.unit_id:
                visit.community_id = visit.unit_id.community_id
            elif visit.building_id:
                visit.community_id = visit.building_id.community_id

    @api.depends("community_id")
    def _compute_company_id(self):
        for visit in self:
            visit.company_id = (
                visit.community_id.company_id or visit.company_id or self.env.company
            )

    @api.depends("unit_id")
    def _compute_building_floor(self):
        for visit in self:
            if visit.unit_id:
                visit.building_id = visit.unit_id.building_id
                visit.floor = visit.unit_id.floor

    @api.depends("unit_id")
    def _compute_partner_id(self):
        for visit in self:
            if (
                visit.unit_id
                and visit.partner_id not in visit.unit_id.current_partner_ids
            ):
                occupancies = visit.unit_id.occupancy_ids.filtered("current")
                owners = (
                    occupancies.filtered(lambda o: o.relation == "owner") or occupancies
                )
                visit.partner_id = owners[:1].partner_id

    def _compute_ticket_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("customer_visit_id", "in", self.ids)],
                ["customer_visit_id"],
                ["__count"],
            )
        )
        for visit in self:
            visit.ticket_count = counts.get(visit, 0)

    @api.depends("unit_id", "building_id", "floor", "kind", "planned_date")
    @api.depends_context("lang")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for visit in self:
            if visit.unit_id:
                place = visit.unit_id.display_name
            elif visit.building_id:
                place = self.env._(
                    "%(building)s, floor %(floor)s",
                    building=visit.building_id.display_name,
                    floor=visit.floor,
                )
            else:
                place = (
                    visit.partner_id.display_name
                    or visit.community_id.display_name
                    or ""
                )
            visit.display_name = "{} · {}".format(kinds.get(visit.kind, ""), place)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("kind", "unit_id", "building_id", "floor", "partner_id")
    def _check_place(self):
        for visit in self:
            if visit.kind == "floor":
                if not visit.building_id or visit.floor <= 0:
                    raise ValidationError(
                        self.env._("A floor visit names its building and floor.")
                    )
            elif not visit.unit_id and not visit.partner_id:
                raise ValidationError(
                    self.env._(
                        "A customer visit names the unit or the customer visited."
                    )
                )

    @api.constrains("unit_id", "building_id", "community_id")
    def _check_register_consistency(self):
        for visit in self:
            if (
                visit.unit_id
                and visit.building_id
                and visit.unit_id.building_id != visit.building_id
            ):
                raise ValidationError(
                    self.env._(
                        "Unit %(unit)s is not in building %(building)s.",
                        unit=visit.unit_id.display_name,
                        building=visit.building_id.display_name,
                    )
                )
            if (
                visit.building_id
                and visit.community_id
                and visit.building_id.community_id != visit.community_id
            ):
                raise ValidationError(
                    self.env._(
                        "Building %(building)s is not in community %(community)s.",
                        building=visit.building_id.display_name,
                        community=visit.community_id.display_name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        # A done visit counted toward the month's quotas: it stays.
        if not self.env.su and any(visit.state == "done" for visit in self):
            raise UserError(
                self.env._(
                    "A done visit counts toward the quotas and cannot be deleted."
                )
            )

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------

    def _check_visitor_or_manager(self, what):
        user = self.env.user
        for visit in self:
            if (
                visit.user_id != user
                and not user.has_group(CS_MANAGER_GROUP)
                and not self.env.su
            ):
                raise UserError(
                    self.env._(
                        "Only the visitor (%(visitor)s) or a Customer Service "
                        "manager can %(what)s.",
                        visitor=visit.user_id.name,
                        what=what,
                    )
                )

    def action_done(self):
        """The visit took place: its opinions and satisfaction are recorded."""
        self._check_visitor_or_manager(self.env._("mark this visit done"))
        for visit in self:
            if visit.state != "planned":
                raise UserError(
                    self.env._(
                        "Only a planned visit can be marked done: %(visit)s is not.",
                        visit=visit.display_name,
                    )
                )
            missing = [
                visit._fields[name]._description_string(self.env)
                for name in ("opinions", "satisfaction")
                if not (visit[name] or "").strip()
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Record the customer's %(fields)s before marking the visit "
                        "%(visit)s done.",
                        fields=", ".join(missing),
                        visit=visit.display_name,
                    )
                )
        self._write_by_action({"state": "done", "visited_on": fields.Datetime.now()})
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_cancel(self):
        self._check_visitor_or_manager(self.env._("cancel this visit"))
        if any(visit.state != "planned" for visit in self):
            raise UserError(self.env._("Only a planned visit can be cancelled."))
        self._write_by_action({"state": "cancelled"})
        return True

    def action_replan(self):
        """A cancelled visit is planned again."""
        self._check_visitor_or_manager(self.env._("plan this visit again"))
        if any(visit.state != "cancelled" for visit in self):
            raise UserError(self.env._("Only a cancelled visit can be planned again."))
        self._write_by_action({"state": "planned"})
        return True

    def action_create_ticket(self):
        """Turn the customer's opinion into a ticket, once per opinion: a
        second click (or a concurrent one) on the same opinion is refused."""
        self.ensure_one()
        if self.state == "cancelled":
            raise UserError(
                self.env._("A cancelled visit has no opinion to turn into a ticket.")
            )
        if not self.env["helpdesk.ticket"].has_access("create") or not self.has_access(
            "write"
        ):
            raise UserError(self.env._("You cannot create tickets."))
        # Serialise double clicks: the second waits for the first, then finds its
        # ticket.
        self.env.cr.execute(
            "SELECT id FROM helpdesk_info_visit WHERE id = %s FOR UPDATE", [self.id]
        )
        self.invalidate_recordset(["opinions"])
        opinion = (self.opinions or "").strip()
        if not opinion:
            raise UserError(
                self.env._(
                    "Record the customer's opinion before turning it into a ticket."
                )
            )
        if self.sudo().ticket_ids.filtered(
            lambda t: (t.matter or "").strip() == opinion
        ):
            raise UserError(
                self.env._(
                    "This opinion already has its ticket; record a new opinion to "
                    "open another one."
                )
            )
        ticket = in_action_scope(self.env["helpdesk.ticket"], "helpdesk.ticket").create(
            self._ticket_vals(opinion)
        )
        self.message_post(
            body=Markup(self.env._("Ticket %s created from the customer's opinion."))
            % (ticket._get_html_link(title=ticket.number or ticket.name)),
            subtype_xmlid="mail.mt_note",
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": ticket.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _ticket_vals(self, opinion):
        partner = self.partner_id
        first_line = opinion.splitlines()[0]
        return {
            "name": self.env._("Customer visit: %(opinion)s", opinion=first_line[:80]),
            "description": Markup("<p>%s</p>") % opinion,
            "matter": opinion,
            "company_id": self.company_id.id,
            "unit_id": self.unit_id.id,
            "partner_id": partner.id,
            "contact_name": partner.name or self.user_id.name,
            "contact_phone": partner.phone or False,
            "channel_id": self.env.ref(
                "helpdesk_property_info.channel_customer_visit"
            ).id,
            "info_origin": "customer",
            "info_source_id": self.env.ref(
                "helpdesk_property_info.info_source_community"
            ).id,
            "customer_visit_id": self.id,
        }

    @api.model
    def _count_by_unit(self, units):
        return dict(
            self._read_group([("unit_id", "in", units.ids)], ["unit_id"], ["__count"])
        )

    def action_open_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action.update(
            domain=[("customer_visit_id", "=", self.id)], context={"create": False}
        )
        return action

    # ------------------------------------------------------------------
    # Months and quarters in the company's time zone
    # ------------------------------------------------------------------

    @api.model
    def _company_tz(self, company):
        return self.env["helpdesk.info.report"].sudo()._default_tz(company)

    @api.model
    def _company_today(self, company):
        tz = pytz.timezone(self._company_tz(company))
        return pytz.utc.localize(fields.Datetime.now()).astimezone(tz).date()

    @api.model
    def _utc_month_bounds(self, company, month_start):
        """Start and end (excluded) of the month in the company's time zone, as
        naive UTC."""
        tz = pytz.timezone(self._company_tz(company))

        def utc(day):
            return (
                tz.localize(datetime.combine(day, time.min))
                .astimezone(pytz.utc)
                .replace(tzinfo=None)
            )

        return utc(month_start), utc(month_start + relativedelta(months=1))

    @api.model
    def _quarter_start(self, day):
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)

    # ------------------------------------------------------------------
    # Who visits: new owners, key customers, major problems
    # ------------------------------------------------------------------

    @api.model
    def _default_visitor(self, community, company):
        """The visitor of visits planned by the system: the leader of the
        community's management office, else the leader of the company's
        Customer Service team, else a Customer Service manager."""
        team = community.team_id or self.env[
            "helpdesk.ticket.team"
        ].sudo()._get_intake_team(company)
        if team.user_id and not team.user_id.share:
            return team.user_id
        managers = (
            self.env.ref("helpdesk_property_info.group_cs_manager").sudo().all_user_ids
        )
        return managers.filtered(lambda u: not u.share and company in u.company_ids)[:1]

    @api.model
    def _plan_system_visits(self, vals_list):
        """Create visits planned by the system (not the user's own), with an
        activity for each visitor."""
        visits = in_action_scope(self.sudo()).create(vals_list)
        for visit in visits:
            visit = visit.with_env(visit.user_id._helpdesk_info_lang_env())
            visit.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=visit.planned_date,
                summary=visit.display_name,
                user_id=visit.user_id.id,
            )
        return visits.sudo(False)

    @api.model
    def action_plan_home_visits(self):
        """Plan now, in the user's companies, what the daily job would: the
        home visits of key customers and of major problems. For the Customer
        Service managers; opens the visits planned."""
        if not self.env.user.has_group(CS_MANAGER_GROUP):
            raise AccessError(
                self.env._("Only a Customer Service manager plans the home visits.")
            )
        visits = self.browse()
        for company in self.env.companies:
            Visit = self.sudo().with_company(company)
            visits |= Visit._propose_key_customer_visits(
                company
            ) | Visit._propose_major_problem_visits(company)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_property_info.helpdesk_info_visit_action"
        )
        action.update(domain=[("id", "in", visits.ids)], context={})
        return action

    @api.model
    def _cron_propose_home_visits(self):
        """Plan the home visits of key customers not visited this quarter, and
        of the customers whose major-problem tickets were closed without a
        home visit (seed 003)."""
        for company in self.env["res.company"].sudo().search([]):
            # Named in the company's language, whoever runs the job.
            lang = company._helpdesk_info_lang()
            Visit = self.sudo().with_company(company).with_context(lang=lang)
            try:
                with self.env.cr.savepoint():
                    Visit._propose_key_customer_visits(company)
                    Visit._propose_major_problem_visits(company)
            except Exception:
                _logger.exception(
                    "Home visits of company %s (%s) not planned",
                    company.name,
                    company.id,
                )

    @api.model
    def _propose_key_customer_visits(self, company):
        today = self._company_today(company)
        quarter_start = self._quarter_start(today)
        occupancies = (
            self.env["helpdesk.info.unit.occupancy"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("partner_id.key_customer", "=", True),
                    ("relation", "in", ("owner", "tenant")),
                    ("current", "=", True),
                ]
            )
        )
        visited = (
            self.sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("kind", "=", "key_customer"),
                    ("state", "in", ("planned", "done")),
                    ("planned_date", ">=", quarter_start),
                ]
            )
            .partner_id
        )
        vals_list = []
        for partner, partner_occupancies in occupancies.grouped("partner_id").items():
            if partner in visited:
                continue
            unit = partner_occupancies[0].unit_id
            visitor = self._default_visitor(unit.community_id, company)
            if visitor:
                vals_list.append(
                    {
                        "kind": "key_customer",
                        "unit_id": unit.id,
                        "partner_id": partner.id,
                        "user_id": visitor.id,
                        "planned_date": today + relativedelta(days=7),
                        "company_id": company.id,
                    }
                )
        return self._plan_system_visits(vals_list) if vals_list else self.browse()

    @api.model
    def _propose_major_problem_visits(self, company):
        today = self._company_today(company)
        since = fields.Datetime.now() - relativedelta(months=3)
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("stage_id.closed", "=", True),
                    ("closed_date", ">=", since),
                    ("partner_id", "!=", False),
                    # Major problems and major complaints (_leader_opinion_required).
                    "|",
                    ("level_id.leader_opinion_required", "=", True),
                    ("complaint_grade_id.leader_opinion_required", "=", True),
                ]
            )
        )
        if not tickets:
            return self.browse()
        followed = (
            self.sudo()
            .search([("source_ticket_id", "in", tickets.ids)])
            .source_ticket_id
        )
        vals_list = []
        for ticket in tickets - followed:
            community = ticket.unit_id.community_id
            visitor = self._default_visitor(community, company)
            if visitor:
                vals_list.append(
                    {
                        "kind": "major_problem",
                        "unit_id": ticket.unit_id.id,
                        "partner_id": ticket.partner_id.id,
                        "user_id": visitor.id,
                        "source_ticket_id": ticket.id,
                        "planned_date": today + relativedelta(days=7),
                        "company_id": company.id,
                    }
                )
        return self._plan_system_visits(vals_list) if vals_list else self.browse()

    # ------------------------------------------------------------------
    # Personal data: whom the visit met, and where
    # ------------------------------------------------------------------

    @api.model
    def _personal_data_fields(self):
        # The customer met, masked for whoever did not make the visit (the
        # unit masks itself).
        return {"partner_id": "name"}

    @api.model
    def _personal_data_register_fields(self):
        return ("partner_id", "unit_id", "occupancy_id")

    def _personal_data_assigned(self):
        return self.filtered(lambda visit: visit.sudo().user_id.id == self.env.uid)

    def _log_register_read(self, fnames, values_list):
        # The visitor reads the visits he makes.
        if values_list:
            mine = set(
                self.browse([v["id"] for v in values_list])
                ._personal_data_assigned()
                .ids
            )
            values_list = [v for v in values_list if v["id"] not in mine]
        return super()._log_register_read(fnames, values_list)
