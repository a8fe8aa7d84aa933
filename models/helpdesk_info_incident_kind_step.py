from odoo import fields, models


class HelpdeskInfoIncidentKindStep(models.Model):
    """A step of an emergency plan, copied onto the checklist of each
    incident of its kind at declaration."""

    _name = "helpdesk.info.incident.kind.step"
    _description = "Emergency Plan Step"
    _order = "kind_id, sequence, id"

    kind_id = fields.Many2one(
        "helpdesk.info.incident.kind",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Step", required=True, translate=True)
    company_id = fields.Many2one(related="kind_id.company_id", store=True)
