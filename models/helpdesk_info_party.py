from odoo import fields, models


class HelpdeskInfoParty(models.Model):
    _name = "helpdesk.info.party"
    _description = "Involved Party"
    _inherit = ["helpdesk.info.list.mixin"]
    _order = "sequence, id"

    escalate_at_once = fields.Boolean(
        string="Leaders Notified at Once",
        help="Information involving this party (the media, a group of customers) "
        "is escalated and the company leaders are notified as soon as it is "
        "recorded.",
    )
