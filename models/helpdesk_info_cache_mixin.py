from odoo import api, models


class HelpdeskInfoCacheMixin(models.AbstractModel):
    """Configuration that cached values are computed from and that only
    managers change, seldom (the routing rules): any change clears the
    registry's caches (in every worker). The working time of calendars,
    which changes with every holiday, renews the key of the calendars it
    touches instead (``helpdesk.info.calendar.cache.mixin``)."""

    _name = "helpdesk.info.cache.mixin"
    _description = "Cached Configuration"

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()
