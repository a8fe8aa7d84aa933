from odoo import models


class ResUsers(models.Model):
    """The language the addon writes to a user in."""

    _inherit = "res.users"

    def _helpdesk_info_lang(self):
        """The user's language, or their company's when they have none."""
        user = self.sudo()[:1]
        return user.lang or user.company_id.partner_id.lang or self.env.lang or "en_US"

    def _helpdesk_info_lang_env(self):
        """An environment in the user's language: what code writes to them
        (activity summaries and notes) reads in their language whoever runs
        it, a scheduled action or OdooBot without a language included."""
        return self.env(context=dict(self.env.context, lang=self._helpdesk_info_lang()))
