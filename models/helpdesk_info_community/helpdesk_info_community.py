from odoo import api, fields, models


class HelpdeskInfoCommunity(models.Model):
    """A residential community (小区) the company manages, with its owners:
    the population a satisfaction survey is handed out to."""

    _name = "helpdesk.info.community"
    _description = "Residential Community"
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True)
    code = fields.Char(help="Short identifier, used by integrations and imports.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Management Office",
        check_company=True,
        help="The team that serves the community day to day; non-conforming "
        "survey answers without a department of their own go to it.",
    )
    manager_id = fields.Many2one(
        "res.users",
        string="Project Manager",
        domain="[('share', '=', False)]",
        help="The community's project manager (项目经理): approves the written "
        "replies of the corrective actions of its satisfaction surveys.",
    )
    owner_ids = fields.Many2many(
        "res.partner",
        "helpdesk_info_community_owner_rel",
        "community_id",
        "partner_id",
        string="Owners",
        help="The owners (业主) of the community's homes: satisfaction surveys "
        "are handed out to them, and the distribution rate counts against them.",
    )
    owner_count = fields.Integer(
        string="Number of Owners", compute="_compute_owner_count"
    )
    note = fields.Text(string="Notes")
    building_ids = fields.One2many(
        "helpdesk.info.building",
        "community_id",
        string="Buildings",
        help="The buildings (楼栋) of the community in the units register.",
    )
    unit_count = fields.Integer(string="Number of Units", compute="_compute_unit_count")

    _code_company_uniq = models.UniqueIndex(
        "(company_id, code) WHERE code IS NOT NULL",
        "This code is already used by another community of the company.",
    )

    @api.depends("owner_ids")
    def _compute_owner_count(self):
        for community in self:
            community.owner_count = len(community.owner_ids)

    def _compute_unit_count(self):
        counts = self.env["helpdesk.info.unit"]._count_by("community_id", self)
        for community in self:
            community.unit_count = counts.get(community, 0)

    def action_open_units(self):
        self.ensure_one()
        return self.env["helpdesk.info.unit"]._action_open(
            [("community_id", "=", self.id)], {"default_community_id": self.id}
        )
