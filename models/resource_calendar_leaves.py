from odoo import models


class ResourceCalendarLeaves(models.Model):
    """Holidays: the work intervals cached per calendar follow them. Time off
    of one resource (an employee's leave) is no part of the calendar's own
    working time and leaves its cache alone."""

    _name = "resource.calendar.leaves"
    _inherit = ["resource.calendar.leaves", "helpdesk.info.calendar.cache.mixin"]

    def _helpdesk_cached_calendars(self):
        public = self.filtered(lambda leave: not leave.resource_id)
        if any(not leave.calendar_id for leave in public):
            # A holiday of no calendar in particular is every calendar's.
            return (
                self.env["resource.calendar"]
                .sudo()
                .with_context(active_test=False)
                .search([])
            )
        return public.calendar_id
