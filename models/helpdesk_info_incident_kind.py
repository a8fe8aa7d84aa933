from odoo import fields, models

from .helpdesk_info_publication.helpdesk_info_publication import OUTAGE_TYPES


class HelpdeskInfoIncidentKind(models.Model):
    """A kind of emergency (突发事件: group incident, burst main, fire, power
    or water cut, lift entrapment, media event …) and the emergency plan it
    starts (seed 004 第六条.2): a checklist the company edits, copied onto
    every incident of the kind when it is declared."""

    _name = "helpdesk.info.incident.kind"
    _description = "Emergency Kind"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Empty: the kind is offered to every company.",
    )
    outage_type = fields.Selection(
        OUTAGE_TYPES,
        string="Usual Outage",
        help="What the emergency usually cuts off: its outage notice says so "
        "unless the incident says otherwise.",
    )
    step_ids = fields.One2many(
        "helpdesk.info.incident.kind.step",
        "kind_id",
        string="Emergency Plan",
        copy=True,
        help="The steps of the emergency plan, in order: each incident of the "
        "kind gets its own checklist of them.",
    )
    description = fields.Text(
        help="When the kind applies, for whoever declares an incident."
    )
