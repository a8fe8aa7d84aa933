from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from ..helpdesk_info_personal_data_mixin import mask_value

UNIT_STATUSES = [
    ("not_delivered", "Not Handed Over"),
    ("occupied", "Owner-occupied"),
    ("rented", "Rented"),
    ("vacant", "Vacant"),
    ("decorating", "Decorating"),
]


class HelpdeskInfoUnit(models.Model):
    """A home (房屋) of the units register: building, entrance unit and room
    (3-2-501) in a community, with its status and the people who live in or
    own it. Tickets, repairs, visits and surveys point to it."""

    _name = "helpdesk.info.unit"
    _description = "Unit"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    # Not by room: the room is Customer Service's (personal_data.py), and
    # every user lists units.
    _order = "community_id, building_id, entrance, floor, id"
    _rec_names_search = ["full_code", "community_id.name"]
    _check_company_auto = True

    community_id = fields.Many2one(
        "helpdesk.info.community",
        compute="_compute_community_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        check_company=True,
        tracking=True,
        help="The community of the unit; that of its building.",
    )
    building_id = fields.Many2one(
        "helpdesk.info.building",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        domain="[('community_id', '=?', community_id)]",
        help="The building (楼栋): 3 in 3-2-501.",
    )
    building_code = fields.Char(
        compute="_compute_building_code",
        inverse="_inverse_building_code",
        help="The building's code. Imports may give it instead of the building: "
        "the community's building with this code is used, and created if missing.",
    )
    entrance = fields.Char(
        string="Entrance Unit",
        tracking=True,
        help="The unit (单元) of the building, its entrance or stairwell: 2 in "
        "3-2-501. Leave empty for buildings without units.",
    )
    room = fields.Char(
        required=True,
        tracking=True,
        help="The room number on the door: 501 in 3-2-501.",
    )
    floor = fields.Integer(
        compute="_compute_floor",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        help="The storey the unit is on: 5 for room 501, 18 for room 1801. "
        "Read from the room number; correct it where the number says otherwise.",
    )
    full_code = fields.Char(
        string="Unit Code",
        compute="_compute_full_code",
        store=True,
        index="trigram",
        help="Building, entrance unit and room, e.g. 3-2-501: type it to pick the "
        "unit on a ticket.",
    )
    status = fields.Selection(
        UNIT_STATUSES,
        string="Occupancy Status",
        compute="_compute_status",
        store=True,
        index=True,
        tracking=True,
        help="Read from the register and the front desk's registrations, never "
        "set by hand. Rented: a tenant's occupancy covers today. Decorating: "
        "decoration works are in progress. Owner-occupied: an owner's occupancy "
        "covers today. Vacant: handed over to an owner, nobody lives in it now. "
        "Not handed over: no owner yet, still with the developer.",
    )
    area = fields.Float(
        string="Floor Area (m²)",
        digits=(10, 2),
        tracking=True,
        help="The built-up area on the title deed, in square metres.",
    )
    occupancy_ids = fields.One2many(
        "helpdesk.info.unit.occupancy", "unit_id", string="Occupants", copy=False
    )
    current_partner_ids = fields.Many2many(
        "res.partner",
        string="Current Occupants",
        compute="_compute_current_partner_ids",
        help="Owners, tenants and family members whose occupancy covers today.",
    )
    company_id = fields.Many2one(
        related="community_id.company_id", store=True, index=True, precompute=True
    )
    active = fields.Boolean(default=True)
    note = fields.Text(string="Notes")
    ticket_ids = fields.One2many("helpdesk.ticket", "unit_id", string="Tickets")
    ticket_count = fields.Integer(
        string="Number of Tickets", compute="_compute_ticket_count"
    )

    _community_code_uniq = models.UniqueIndex(
        "(community_id, full_code)",
        "This unit is already in the register of the community.",
    )

    @api.depends("building_id")
    def _compute_community_id(self):
        for unit in self:
            if unit.building_id:
                unit.community_id = unit.building_id.community_id

    @api.depends("building_id.code")
    def _compute_building_code(self):
        for unit in self:
            unit.building_code = unit.building_id.code

    def _inverse_building_code(self):
        for unit in self:
            code = (unit.building_code or "").strip()
            if code and code != unit.building_id.code:
                unit.building_id = self._building_for_code(unit.community_id, code)

    @api.depends("room")
    def _compute_floor(self):
        for unit in self:
            digits = "".join(c for c in unit.room or "" if c.isdigit())
            unit.floor = int(digits[:-2]) if len(digits) >= 3 else 0

    @api.depends("building_id.code", "entrance", "room")
    def _compute_full_code(self):
        for unit in self:
            parts = (unit.building_id.code, unit.entrance, unit.room)
            unit.full_code = (
                "-".join(part.strip() for part in parts if part and part.strip())
                or False
            )

    @api.depends("community_id.name", "full_code")
    @api.depends_context("uid")
    def _compute_display_name(self):
        shown = self._personal_data_shown_records()
        for unit in self:
            code = unit.sudo().full_code
            unit.display_name = " ".join(
                part
                for part in (
                    unit.community_id.name,
                    code if unit in shown else mask_value("unit", code),
                )
                if part
            )

    @api.depends(
        "occupancy_ids.partner_id", "occupancy_ids.date_start", "occupancy_ids.date_end"
    )
    def _compute_current_partner_ids(self):
        for unit in self:
            unit.current_partner_ids = unit.occupancy_ids.filtered("current").partner_id

    def _compute_ticket_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("unit_id", "in", self.ids)], ["unit_id"], ["__count"]
            )
        )
        for unit in self:
            unit.ticket_count = counts.get(unit, 0)

    @api.model
    def _search_display_name(self, operator, value):
        """3-2-501 finds the unit by its code, 祥和花园一期 by its community,
        and "祥和花园一期 3-2-501" (its display name) both at once."""
        domain = super()._search_display_name(operator, value)
        if operator in ("ilike", "=ilike", "=", "like") and isinstance(value, str):
            community, _sep, code = value.strip().rpartition(" ")
            if community and code:
                domain |= Domain(
                    "community_id.name", operator, community.strip()
                ) & Domain("full_code", operator, code)
        return domain

    @api.model
    def _building_for_code(self, community, code):
        """The community's building with this code, created when missing
        (imports give the building's code)."""
        if not community:
            raise ValidationError(
                self.env._(
                    "Give the community of the unit in building %(code)s.", code=code
                )
            )
        Building = self.env["helpdesk.info.building"]
        building = Building.with_context(active_test=False).search(
            [("community_id", "=", community.id), ("code", "=", code)], limit=1
        )
        return building or Building.create({"community_id": community.id, "code": code})

    @api.model_create_multi
    def create(self, vals_list):
        # The building is required: imports that give its code get it first.
        for vals in vals_list:
            code = (vals.get("building_code") or "").strip()
            if code and not vals.get("building_id"):
                community = self.env["helpdesk.info.community"].browse(
                    vals.get("community_id")
                )
                vals["building_id"] = self._building_for_code(community, code).id
        return super().create(vals_list)

    @api.constrains("community_id", "building_id")
    def _check_building_community(self):
        for unit in self:
            if unit.building_id.community_id != unit.community_id:
                raise ValidationError(
                    self.env._(
                        "Building %(building)s is not in community %(community)s.",
                        building=unit.building_id.display_name,
                        community=unit.community_id.display_name,
                    )
                )

    @api.model
    def _count_by(self, field_name, records):
        """{record: number of units} of ``records`` (buildings, communities)
        that the units point to by ``field_name``."""
        return dict(
            self._read_group(
                [(field_name, "in", records.ids)], [field_name], ["__count"]
            )
        )

    @api.model
    def _action_open(self, domain, context=None):
        """The units action on ``domain``: the smart buttons of buildings,
        communities and contacts."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_property_info.helpdesk_info_unit_action"
        )
        action.update(domain=domain, context=context or {})
        return action

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Units"),
                "template": "/helpdesk_property_info/static/xls/"
                "helpdesk_info_unit_import_template.csv",
            }
        ]

    def action_open_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action["domain"] = [("unit_id", "=", self.id)]
        action["context"] = {"default_unit_id": self.id}
        return action
