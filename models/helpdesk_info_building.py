from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskInfoBuilding(models.Model):
    """A building (楼栋) of a community: the first part of a unit's code
    (3 in 3-2-501)."""

    _name = "helpdesk.info.building"
    _description = "Building"
    _order = "community_id, sequence, code, id"
    _rec_names_search = ["code", "name", "community_id.name"]
    _check_company_auto = True

    community_id = fields.Many2one(
        "helpdesk.info.community",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        help="The community the building stands in.",
    )
    code = fields.Char(
        required=True,
        help="The building's number as it is written in room numbers: 3 in 3-2-501.",
    )
    name = fields.Char(
        help="What residents call the building, e.g. Building 3; its code when left "
        "empty.",
    )
    floor_count = fields.Integer(
        string="Number of Floors",
        help="Storeys above ground: patrols and floor visits pick their floors "
        "among them. When left empty, the floors of the building's units count.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        related="community_id.company_id", store=True, index=True, precompute=True
    )
    unit_ids = fields.One2many("helpdesk.info.unit", "building_id", string="Units")
    unit_count = fields.Integer(string="Number of Units", compute="_compute_unit_count")

    _community_code_uniq = models.UniqueIndex(
        "(community_id, code)",
        "This building code is already used in the community.",
    )

    @api.depends("community_id.name", "code", "name")
    def _compute_display_name(self):
        for building in self:
            building.display_name = " ".join(
                part
                for part in (building.community_id.name, building.name or building.code)
                if part
            )

    @api.depends("unit_ids")
    def _compute_unit_count(self):
        counts = self.env["helpdesk.info.unit"]._count_by("building_id", self)
        for building in self:
            building.unit_count = counts.get(building, 0)

    def _floors(self):
        """The storeys of the building, 1 to its floor count, or those of its
        units when the count is not known."""
        self.ensure_one()
        if self.floor_count > 0:
            return list(range(1, self.floor_count + 1))
        groups = self.env["helpdesk.info.unit"]._read_group(
            [("building_id", "=", self.id), ("floor", ">", 0)], ["floor"]
        )
        return sorted(floor for (floor,) in groups)

    @api.constrains("floor_count")
    def _check_floor_count(self):
        if any(building.floor_count < 0 for building in self):
            raise ValidationError(
                self.env._("A building has no negative number of floors.")
            )

    def action_open_units(self):
        self.ensure_one()
        return self.env["helpdesk.info.unit"]._action_open(
            [("building_id", "=", self.id)],
            {
                "default_community_id": self.community_id.id,
                "default_building_id": self.id,
            },
        )
