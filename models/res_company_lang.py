from odoo import models


class ResCompany(models.Model):
    """The language the addon writes a company's shared texts in."""

    _inherit = "res.company"

    def _helpdesk_info_lang(self):
        """The language of the environment, or the company's when it has none
        (a scheduled action, OdooBot): the language of the chatter notes and
        record names that code writes for everyone of the company."""
        self.ensure_one()
        return self.env.lang or self.sudo().partner_id.lang or "en_US"

    def _helpdesk_info_lang_env(self):
        self.ensure_one()
        return self.env(context=dict(self.env.context, lang=self._helpdesk_info_lang()))
