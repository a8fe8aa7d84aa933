from odoo import models


class HelpdeskInfoParty(models.Model):
    _name = "helpdesk.info.party"
    _description = "Involved Party"
    _inherit = ["helpdesk.info.list.mixin"]
    _order = "sequence, id"
