from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .helpdesk_info_guard_mixin import is_action
from .helpdesk_info_patrol import PATROL_STATES, patrol_line_state_label


class HelpdeskInfoPatrolFloor(models.Model):
    """A floor checked on a daily patrol: the floor inspection sheet
    (《楼层巡检表》) with one line per checklist item."""

    _name = "helpdesk.info.patrol.floor"
    _description = "Patrol Floor"
    _inherit = ["helpdesk.info.guard.mixin"]
    _order = "patrol_id, building_sequence, building_id, floor, id"
    _check_company_auto = True

    patrol_id = fields.Many2one(
        "helpdesk.info.patrol",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    community_id = fields.Many2one(
        related="patrol_id.community_id", store=True, index=True
    )
    company_id = fields.Many2one(related="patrol_id.company_id", store=True, index=True)
    patrol_state = fields.Selection(related="patrol_id.state", string="Patrol Status")
    building_id = fields.Many2one(
        "helpdesk.info.building",
        required=True,
        index=True,
        check_company=True,
        ondelete="restrict",
        domain="[('community_id', '=', community_id)]",
        help="The building of the floor, in the patrolled community.",
    )
    building_sequence = fields.Integer(related="building_id.sequence", store=True)
    floor = fields.Integer(
        required=True, help="The storey checked, 1 for the ground floor."
    )
    drawn = fields.Boolean(
        string="Drawn at Random",
        readonly=True,
        copy=False,
        help="Proposed at random by the server: only a Customer Service manager "
        "removes it.",
    )
    check_ids = fields.One2many(
        "helpdesk.info.patrol.check",
        "floor_line_id",
        string="Checklist",
        help="The items of the floor inspection sheet, each found in order or with a "
        "problem.",
    )
    checked = fields.Boolean(
        compute="_compute_check_figures",
        help="Every item of the floor's sheet is answered.",
    )
    problem_count = fields.Integer(string="Problems", compute="_compute_check_figures")
    unanswered_count = fields.Integer(
        string="To Check", compute="_compute_check_figures"
    )

    _patrol_floor_uniq = models.UniqueIndex(
        "(patrol_id, building_id, floor)", "This floor is already on the patrol."
    )

    def _guarded_fields(self):
        return (
            dict.fromkeys(
                ("community_id", "company_id", "building_sequence", "drawn"), None
            )
            | super()._guarded_fields()
        )

    _guard_state_field = "patrol_state"

    def _frozen_fields(self):
        # A floor stays on its patrol; a patrol that is done keeps its
        # floors, and a floor already checked stays the floor it is.
        place = dict.fromkeys(("building_id", "floor"), None)
        return {
            "recorded": {"patrol_id": None},
            "done": {"patrol_id": None} | place,
            "checked": place,
        } | super()._frozen_fields()

    def _guard_states(self):
        states = super()._guard_states()
        if self.check_ids.filtered("result"):
            states += ("checked",)
        return states

    def _guard_state_label(self, state):
        if state == "checked":
            return self.env._("checked already")
        if state in dict(PATROL_STATES):
            return patrol_line_state_label(self.env, state)
        return super()._guard_state_label(state)

    def _guard_frozen_hint(self, state):
        if state == "done":
            return self.env._("A patrol that is done keeps its floors.")
        return super()._guard_frozen_hint(state)

    @api.depends("building_id", "floor")
    def _compute_display_name(self):
        for line in self:
            line.display_name = self.env._(
                "%(building)s, floor %(floor)s",
                building=line.building_id.name or line.building_id.code or "",
                floor=line.floor,
            )

    @api.depends("check_ids.result")
    def _compute_check_figures(self):
        for line in self:
            results = line.check_ids.mapped("result")
            line.unanswered_count = sum(1 for result in results if not result)
            line.problem_count = sum(1 for result in results if result == "problem")
            line.checked = bool(results) and not line.unanswered_count

    @api.constrains("building_id", "floor", "patrol_id")
    def _check_floor_in_community(self):
        for line in self:
            if line.building_id.community_id != line.patrol_id.community_id:
                raise ValidationError(
                    self.env._(
                        "The building %(building)s is not in the community "
                        "%(community)s.",
                        building=line.building_id.display_name,
                        community=line.patrol_id.community_id.name,
                    )
                )
            floors = line.building_id._floors()
            if line.floor < 1 or (floors and line.floor not in floors):
                raise ValidationError(
                    self.env._(
                        "The building %(building)s has no floor %(floor)s.",
                        building=line.building_id.display_name,
                        floor=line.floor,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        Item = self.env["helpdesk.info.patrol.item"].sudo()
        checks = []
        for line in lines:
            checks += [
                {"floor_line_id": line.id, "item_id": item.id}
                for item in Item._for_company(line.company_id)
            ]
        self.env["helpdesk.info.patrol.check"].sudo().create(checks)
        return lines

    @api.ondelete(at_uninstall=False)
    def _unlink_unchecked_floors(self):
        self.patrol_id._check_floors_editable()
        if self.check_ids.filtered("result"):
            raise UserError(self.env._("A floor already checked stays on its patrol."))
        if (
            not is_action(self)
            and self.filtered("drawn")
            and not self.env.user.has_group("helpdesk_property_info.group_cs_manager")
        ):
            raise UserError(
                self.env._(
                    "The floors drawn at random are checked as drawn: only a "
                    "Customer Service manager removes one."
                )
            )

    def action_mark_rest_in_order(self):
        """Answer every item not answered yet as in order."""
        self.patrol_id._check_patroller()
        self.check_access("write")
        self.check_ids.filtered(lambda c: not c.result).write({"result": "ok"})
        return True
