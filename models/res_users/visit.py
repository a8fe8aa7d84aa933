from odoo import api, fields, models


class ResUsers(models.Model):
    """Who has a monthly visit quota: customer assistants (Customer Service
    agents who are not managers) and users flagged as visitors."""

    _inherit = "res.users"

    visit_quota_member = fields.Boolean(
        string="Visits Customers",
        help="Give the user a monthly customer-visit quota even if they are not a "
        "customer assistant.",
    )
    visit_quota = fields.Integer(
        string="Own Monthly Visit Quota",
        help="The user's monthly customer-visit quota; the company's quota per "
        "assistant when 0.",
    )

    @api.model
    def _visit_quota_users(self, company):
        """Internal users of ``company`` with a monthly visit quota."""
        agents = (
            self.env.ref("helpdesk_property_info.group_cs_agent").sudo().all_user_ids
        )
        managers = (
            self.env.ref("helpdesk_property_info.group_cs_manager").sudo().all_user_ids
        )
        flagged = self.sudo().search([("visit_quota_member", "=", True)])
        users = (agents - managers) | flagged
        return users.filtered(
            lambda u: u.active and not u.share and company in u.company_ids
        )

    def _visit_monthly_quota(self, company):
        self.ensure_one()
        return self.visit_quota or company.visit_person_quota
