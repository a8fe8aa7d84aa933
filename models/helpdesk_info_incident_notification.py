from odoo import api, fields, models
from odoo.exceptions import AccessError

from .helpdesk_info_guard_mixin import RECORDED

NOTIFIED_ROLES = [
    ("cs_manager", "Service-Centre Head"),
    ("leader", "Company Leader"),
    ("on_duty", "Security on Duty"),
]
NOTIFICATION_FIELDS = (
    "incident_id",
    "user_id",
    "role",
    "notified_date",
    "activity",
    "mailed",
)


class HelpdeskInfoIncidentNotification(models.Model):
    """Who was told of an incident and when (seed 004 第六条.2: the
    service-centre head and the company's leaders at once). Written by the
    declaration only, never changed."""

    _name = "helpdesk.info.incident.notification"
    _description = "Emergency Notification"
    _inherit = ["helpdesk.info.guard.mixin"]
    _guard_frozen_error = AccessError
    _order = "incident_id, notified_date, id"
    _rec_name = "user_id"

    incident_id = fields.Many2one(
        "helpdesk.info.incident",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    company_id = fields.Many2one(
        related="incident_id.company_id", store=True, index=True, precompute=True
    )
    user_id = fields.Many2one("res.users", string="Told", required=True, readonly=True)
    role = fields.Selection(NOTIFIED_ROLES, string="As", readonly=True)
    notified_date = fields.Datetime(string="Told On", required=True, readonly=True)
    activity = fields.Boolean(readonly=True, help="An activity was scheduled for them.")
    mailed = fields.Boolean(
        string="Mail", readonly=True, help="A mail was sent to their address."
    )

    def _frozen_fields(self):
        return {
            RECORDED: dict.fromkeys(NOTIFICATION_FIELDS, None)
        } | super()._frozen_fields()

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "Who was told of an incident is recorded by the server only."
                )
            )
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_by_the_server_only(self):
        if not self.env.is_superuser():
            raise AccessError(self.env._("Who was told of an incident stays recorded."))
