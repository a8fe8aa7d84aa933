from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .helpdesk_info_approval_mixin import APPROVAL_STATES
from .helpdesk_info_guard_mixin import RECORDED

KEEPER = "helpdesk_property_info.group_archive_keeper"


class HelpdeskInfoArchiveDestruction(models.Model):
    """Destroying a dossier whose retention is over: the archive keeper asks,
    a company leader approves through tier validation, never the keeper
    alone; then the keeper records that it was destroyed."""

    _name = "helpdesk.info.archive.destruction"
    _description = "Dossier Destruction Request"
    _inherit = ["helpdesk.info.approval.mixin"]
    _order = "id desc"
    _check_company_auto = True

    dossier_id = fields.Many2one(
        "helpdesk.info.archive.dossier",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
        tracking=True,
        domain="[('state', '=', 'closed')]",
    )
    company_id = fields.Many2one(
        related="dossier_id.company_id", store=True, index=True, precompute=True
    )
    retention_until = fields.Date(related="dossier_id.retention_until")
    reason = fields.Text(
        required=True,
        help="Why the dossier may go: its retention is over, nothing still "
        "depends on it.",
    )
    requested_by_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        readonly=True,
        copy=False,
        tracking=True,
    )
    state = fields.Selection(
        [*APPROVAL_STATES, ("done", "Destroyed")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    destroyed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    destroyed_date = fields.Datetime(string="Destroyed On", readonly=True, copy=False)

    @api.depends("dossier_id.display_name")
    def _compute_display_name(self):
        for request in self:
            request.display_name = self.env._(
                "Destruction of %s", request.dossier_id.display_name or ""
            )

    def _guarded_fields(self):
        return (
            dict.fromkeys(("destroyed_by_id", "destroyed_date"), None)
            | super()._guarded_fields()
        )

    def _approval_content_fields(self):
        return {"dossier_id", "reason"}

    def _frozen_fields(self):
        return {RECORDED: {"dossier_id": None}} | super()._frozen_fields()

    def _guard_frozen_hint(self, state):
        return self.env._("Ask for another destruction instead.")

    def _requester_refusal_message(self):
        return self.env._(
            "%s: you asked for it, a company leader approves it.", self.display_name
        )

    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        if not self.env.su and not self.env.user.has_group(KEEPER):
            raise AccessError(
                self.env._("The archive keeper asks for a dossier's destruction.")
            )
        return requests

    def _check_destroyable(self):
        for request in self:
            dossier = request.dossier_id
            if dossier.state != "closed" or not dossier.past_retention:
                raise UserError(
                    self.env._(
                        "%s is not a closed dossier past its retention: it is kept.",
                        dossier.display_name,
                    )
                )
            if dossier.lent:
                raise UserError(self.env._("%s is lent out.", dossier.display_name))

    def _check_submittable(self):
        result = super()._check_submittable()
        self._check_destroyable()
        return result

    def _check_approval(self):
        self._check_destroyable()

    def action_mark_destroyed(self):
        """The keeper destroyed the approved dossier."""
        self.check_access("write")
        if not self.env.su and not self.env.user.has_group(KEEPER):
            raise AccessError(
                self.env._("The archive keeper records a dossier's destruction.")
            )
        for request in self:
            if request.state != "approved":
                raise UserError(
                    self.env._(
                        "%s is not approved by a company leader: the dossier is kept.",
                        request.display_name,
                    )
                )
        self._check_destroyable()
        for request in self:
            request._write_by_action(
                {
                    "state": "done",
                    "destroyed_by_id": self.env.uid,
                    "destroyed_date": fields.Datetime.now(),
                }
            )
            request.dossier_id.sudo()._mark_destroyed()
            request.dossier_id.sudo().message_post(
                body=self.env._(
                    "Destroyed by %(keeper)s, approved by %(leader)s.",
                    keeper=self.env.user.name,
                    leader=request.approved_by_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True
