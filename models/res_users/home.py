from odoo import api, models

# The first role a user holds decides where the web client opens at log on
# (the user's Home Action): each role lands on its own work.
ROLE_HOME_ACTIONS = (
    ("group_company_leader", "helpdesk_ticket_action_awaiting_opinion"),
    ("group_management_manager", "helpdesk_ticket_deadline_extension_action"),
    ("group_legal_counsel", "helpdesk_ticket_action_awaiting_advice"),
    ("group_cs_agent", "helpdesk_mgmt.helpdesk_ticket_action"),
    ("group_department_handler", "helpdesk_mgmt.helpdesk_ticket_action"),
    ("group_maintenance_worker", "helpdesk_ticket_action_my_repairs"),
    ("group_archive_keeper", "helpdesk_info_archive_dossier_action"),
)


class ResUsers(models.Model):
    """Home of the standard's roles: a user given a role, who has no home
    action of their own yet, opens on that role's work (the maintenance worker
    on My Repairs, Customer Service on the tickets, the leader on what awaits
    their opinion, the counsel on what asks for legal advice), and OdooBot's
    onboarding chat does not cover their screen."""

    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._set_role_home_action()
        return users

    def write(self, vals):
        res = super().write(vals)
        if "group_ids" in vals:
            self._set_role_home_action()
        return res

    @api.model
    def _init_role_home_actions(self):
        """On install and update: the role users without a home action get
        their role's (users created before the roles had one)."""
        privilege = self.env.ref(
            "helpdesk_property_info.res_groups_privilege_property_info"
        )
        roles = self.env["res.groups"].search([("privilege_id", "=", privilege.id)])
        self.sudo().search(
            [
                ("action_id", "=", False),
                ("share", "=", False),
                ("group_ids", "in", roles.ids),
            ]
        )._set_role_home_action()

    def _role_home_action(self):
        """The home action of the user's first role, or an empty recordset."""
        self.ensure_one()
        for group, action in ROLE_HOME_ACTIONS:
            if self.has_group(f"helpdesk_property_info.{group}"):
                if "." not in action:
                    action = f"helpdesk_property_info.{action}"
                return self.env.ref(action, raise_if_not_found=False)
        return self.env["ir.actions.actions"]

    def _set_role_home_action(self):
        for user in self.sudo().filtered(lambda u: not u.share and not u.action_id):
            action = user._role_home_action()
            if not action:
                continue
            vals = {"action_id": action.id}
            # mail_bot is not a dependency: its onboarding chat opens over
            # the work of a phone's screen, so the role's users skip it.
            if "odoobot_state" in user._fields and user.odoobot_state in (
                False,
                "not_initialized",
            ):
                vals["odoobot_state"] = "disabled"
            user.write(vals)
