from odoo import models


class ResourceCalendarLeaves(models.Model):
    """Holidays: the work intervals cached per calendar follow them."""

    _name = "resource.calendar.leaves"
    _inherit = ["resource.calendar.leaves", "helpdesk.info.cache.mixin"]
