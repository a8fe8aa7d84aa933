from odoo import models


class HelpdeskInfoSource(models.Model):
    _name = "helpdesk.info.source"
    _description = "Information Source Location"
    _inherit = ["helpdesk.info.list.mixin"]
    _order = "sequence, id"
