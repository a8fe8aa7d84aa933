from odoo import models


class ResGroups(models.Model):
    """Users added to a role from the group's side land on the role's work
    too (see ``res_users/home.py``)."""

    _inherit = "res.groups"

    def write(self, vals):
        res = super().write(vals)
        if {"user_ids", "all_user_ids"} & set(vals):
            privilege = self.env.ref(
                "helpdesk_property_info.res_groups_privilege_property_info",
                raise_if_not_found=False,
            )
            roles = self.filtered(lambda group: group.privilege_id == privilege)
            if privilege and roles:
                roles.all_user_ids._set_role_home_action()
        return res
