from odoo import models


class ResCompany(models.Model):
    """Whom the addon's alerts reach in a company, and the language it writes
    the company's shared texts in."""

    _inherit = "res.company"

    def _helpdesk_info_alert_users(self, group):
        """Active internal users of the addon's ``group`` (its XML id without
        the module) who work for one of these companies: those every alert,
        notice and report of the addon goes to."""
        # Read as superuser: whoever triggers the alert may not read the
        # other companies those users also work for.
        group_id = self.env["ir.model.data"]._xmlid_to_res_id(
            f"helpdesk_property_info.{group}"
        )
        users = self.env["res.groups"].sudo().browse(group_id).all_user_ids
        companies = self.sudo()
        return users.filtered(lambda u: not u.share and u.company_ids & companies).sudo(
            False
        )

    def _helpdesk_info_lang(self):
        """The language of the environment, or the company's when it has none
        (a scheduled action, OdooBot): the language of the chatter notes and
        record names that code writes for everyone of the company."""
        self.ensure_one()
        return self.env.lang or self.sudo().partner_id.lang or "en_US"

    def _helpdesk_info_lang_env(self):
        self.ensure_one()
        return self.env(context=dict(self.env.context, lang=self._helpdesk_info_lang()))
