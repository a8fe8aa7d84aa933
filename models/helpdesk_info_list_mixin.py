from odoo import fields, models


class HelpdeskInfoListMixin(models.AbstractModel):
    """A configurable value list of the standard (sources, involved parties)."""

    _name = "helpdesk.info.list.mixin"
    _description = "Configurable list of the information standard"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Short stable identifier, used by integrations and imports.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        index=True,
        help="Leave empty to share the value between all companies.",
    )

    _code_company_uniq = models.UniqueIndex(
        "(code, COALESCE(company_id, 0))",
        "This code is already used in this company: codes must be unique per company.",
    )
