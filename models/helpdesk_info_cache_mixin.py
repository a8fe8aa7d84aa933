from odoo import api, models


class HelpdeskInfoCacheMixin(models.AbstractModel):
    """Records that cached values are computed from: any change clears the
    registry's caches (in every worker)."""

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
