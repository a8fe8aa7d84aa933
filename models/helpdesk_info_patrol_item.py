from odoo import fields, models


class HelpdeskInfoPatrolItem(models.Model):
    """A line of the floor inspection sheet (《楼层巡检表》, seed 001 §10):
    what the inspector looks at on every floor of a daily patrol."""

    _name = "helpdesk.info.patrol.item"
    _description = "Patrol Checklist Item"
    _order = "sequence, id"

    name = fields.Char(
        required=True, translate=True, help="What is checked, e.g. Lighting."
    )
    description = fields.Text(
        translate=True,
        help="What the inspector looks for, shown under the item on the sheet.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(
        default=True,
        help="Archived items are no longer put on the sheets of new floors.",
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to check the item in every company.",
    )

    def _for_company(self, company):
        return self.search(
            ["|", ("company_id", "=", False), ("company_id", "=", company.id)]
        )
