import random

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

from ..models.helpdesk_info_guard_mixin import in_action_scope

CS_MANAGER_GROUP = "helpdesk_property_info.group_cs_manager"


class HelpdeskInfoVisitDraw(models.TransientModel):
    """Draw visits (seed 001 §9): units drawn at random from the units
    register among those with occupants, skipping units visited or planned
    in the last months; or floors of the community's buildings not visited
    this quarter. The user sees the proposal, then confirms it into planned
    visits."""

    _name = "helpdesk.info.visit.draw"
    _description = "Draw Customer Visits"

    mode = fields.Selection(
        [("units", "Units"), ("floors", "Floors")],
        required=True,
        default="units",
        help="Units: homes drawn at random for random visits. Floors: floors not "
        "visited this quarter.",
    )
    community_id = fields.Many2one(
        "helpdesk.info.community",
        required=True,
        help="The community the visits are drawn in.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Visitor",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        help="Who makes the visits. Customer assistants draw their own; managers "
        "draw for anyone.",
    )
    number = fields.Integer(
        string="Number of Visits",
        compute="_compute_number",
        store=True,
        readonly=False,
        help="How many to draw: by default what the visitor still has to arrange "
        "this month (the quota less the visits done and planned this month).",
    )
    skip_months = fields.Integer(
        string="Skip Units Visited in the Last (Months)",
        default=3,
        help="Units with a visit done or planned in these last months are not drawn.",
    )
    planned_date = fields.Date(
        string="Visit Date",
        required=True,
        default=fields.Date.context_today,
        help="The day the drawn visits are planned for.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("proposed", "Proposed")], default="draft", required=True
    )
    line_ids = fields.One2many(
        "helpdesk.info.visit.draw.line", "draw_id", string="Proposal"
    )

    @api.depends("user_id", "community_id")
    def _compute_number(self):
        for draw in self:
            company = draw.community_id.company_id or self.env.company
            draw.number = (
                draw._remaining_quota(draw.user_id, company) if draw.user_id else 0
            )

    @api.model
    def _remaining_quota(self, user, company):
        Visit = self.env["helpdesk.info.visit"].sudo()
        today = Visit._company_today(company)
        month_start = today.replace(day=1)
        start, end = Visit._utc_month_bounds(company, month_start)
        done = Visit.search_count(
            [
                ("user_id", "=", user.id),
                ("company_id", "=", company.id),
                ("state", "=", "done"),
                ("visited_on", ">=", start),
                ("visited_on", "<", end),
            ]
        )
        planned = Visit.search_count(
            [
                ("user_id", "=", user.id),
                ("company_id", "=", company.id),
                ("state", "=", "planned"),
                ("planned_date", ">=", month_start),
                ("planned_date", "<", month_start + relativedelta(months=1)),
            ]
        )
        return max(user._visit_monthly_quota(company) - done - planned, 0)

    # ------------------------------------------------------------------
    # The rules of the draw
    # ------------------------------------------------------------------

    def _check_may_draw(self):
        user = self.env.user
        if self.user_id != user and not user.has_group(CS_MANAGER_GROUP):
            raise UserError(
                self.env._("Customer assistants draw visits for themselves only.")
            )
        if self.number <= 0:
            raise UserError(self.env._("Give the number of visits to draw."))
        if self.skip_months < 0:
            raise UserError(self.env._("The months to skip cannot be negative."))

    def _eligible_units(self):
        """Units of the community with current occupants and no visit done or
        planned in the last ``skip_months`` months."""
        Unit = self.env["helpdesk.info.unit"]
        units = Unit.search(
            [
                ("community_id", "=", self.community_id.id),
                ("occupancy_ids.current", "=", True),
            ]
        )
        return units - self._recently_visited_units(units)

    def _recently_visited_units(self, units):
        since = fields.Date.context_today(self) - relativedelta(months=self.skip_months)
        visits = (
            self.env["helpdesk.info.visit"]
            .sudo()
            .search(
                [
                    ("unit_id", "in", units.ids),
                    "|",
                    "&",
                    ("state", "=", "planned"),
                    ("planned_date", ">=", since),
                    "&",
                    ("state", "=", "done"),
                    ("visited_on", ">=", fields.Datetime.to_datetime(since)),
                ]
            )
        )
        return visits.unit_id

    def _eligible_floors(self):
        """(building, floor) of the community not visited (done or planned) this
        quarter."""
        Visit = self.env["helpdesk.info.visit"]
        quarter_start = Visit._quarter_start(fields.Date.context_today(self))
        buildings = self.env["helpdesk.info.building"].search(
            [("community_id", "=", self.community_id.id)]
        )
        visited = {
            (visit.building_id, visit.floor)
            for visit in Visit.sudo().search(
                [
                    ("building_id", "in", buildings.ids),
                    ("kind", "=", "floor"),
                    ("state", "in", ("planned", "done")),
                    ("planned_date", ">=", quarter_start),
                ]
            )
        }
        return [
            (building, floor)
            for building in buildings
            for floor in building._floors()
            if (building, floor) not in visited
        ]

    def action_draw(self):
        """Propose visits drawn at random; drawing again proposes anew."""
        self.ensure_one()
        self._check_may_draw()
        rng = random.SystemRandom()
        if self.mode == "units":
            units = self._eligible_units()
            drawn = rng.sample(list(units), min(self.number, len(units)))
            lines = [Command.create({"unit_id": unit.id}) for unit in drawn]
        else:
            floors = self._eligible_floors()
            drawn = rng.sample(floors, min(self.number, len(floors)))
            lines = [
                Command.create({"building_id": b.id, "floor": f}) for b, f in drawn
            ]
        if not lines:
            raise UserError(
                self.env._(
                    "Nothing to draw: every unit or floor of the community was "
                    "visited lately."
                )
            )
        self.write({"line_ids": [Command.clear()] + lines, "state": "proposed"})
        return self._reopen()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Draw Visits"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def action_confirm(self):
        """Plan the proposed visits, after checking the proposal against the
        rules again (it may have been edited, or drawn by someone else meanwhile)."""
        self.ensure_one()
        self._check_may_draw()
        if not self.line_ids:
            raise UserError(self.env._("Draw the visits first."))
        if self.mode == "units":
            units = self.line_ids.unit_id
            if len(units) != len(self.line_ids) or units - self._eligible_units():
                raise UserError(
                    self.env._(
                        "The proposal lists units that cannot be drawn (outside the "
                        "community, without occupants, listed twice or visited "
                        "lately): draw again."
                    )
                )
            vals_list = [{"kind": "random", "unit_id": unit.id} for unit in units]
        else:
            floors = [(line.building_id, line.floor) for line in self.line_ids]
            if len(set(floors)) != len(floors) or set(floors) - set(
                self._eligible_floors()
            ):
                raise UserError(
                    self.env._(
                        "The proposal lists floors that cannot be drawn (outside the "
                        "community, listed twice or visited this quarter): draw "
                        "again."
                    )
                )
            vals_list = [
                {"kind": "floor", "building_id": b.id, "floor": f} for b, f in floors
            ]
        company = self.community_id.company_id
        for vals in vals_list:
            vals.update(
                user_id=self.user_id.id,
                planned_date=self.planned_date,
                community_id=self.community_id.id,
                company_id=company.id,
            )
        Visit = in_action_scope(self.env["helpdesk.info.visit"].with_company(company))
        visits = Visit.create(vals_list)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_property_info.helpdesk_info_visit_action"
        )
        action.update(domain=[("id", "in", visits.ids)], context={})
        return action
