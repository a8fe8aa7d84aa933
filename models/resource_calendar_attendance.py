from odoo import models


class ResourceCalendarAttendance(models.Model):
    """Working hours: the work intervals cached per calendar follow them."""

    _name = "resource.calendar.attendance"
    _inherit = ["resource.calendar.attendance", "helpdesk.info.calendar.cache.mixin"]
