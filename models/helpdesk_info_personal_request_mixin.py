from odoo import api, fields, models
from odoo.exceptions import UserError

REQUEST_STATES = [
    ("draft", "Draft"),
    ("pending", "Waiting Approval"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("done", "Done"),
]


class HelpdeskInfoPersonalRequestMixin(models.AbstractModel):
    """A request about personal data that a reviewer approves through tier
    validation before it is carried out: erasure (legal counsel) and
    disclosure outside the company (a company leader). The requester never
    approves; the decision and what follows are written by the actions only."""

    _name = "helpdesk.info.personal.request.mixin"
    _inherit = ["mail.thread", "mail.activity.mixin", "helpdesk.info.tier.guard.mixin"]
    _description = "Personal Data Request"
    _order = "id desc"
    _check_company_auto = True

    _state_from = ["pending"]
    _state_to = ["approved"]
    _cancel_state = "rejected"
    _tier_validation_manual_config = False

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        REQUEST_STATES, default="draft", required=True, readonly=True, copy=False, tracking=True, index=True
    )
    requested_by_id = fields.Many2one(
        "res.users", string="Requested By", required=True, readonly=True,
        default=lambda self: self.env.user, tracking=True,
        help="Who recorded the request and asks for its approval; never its approver.",
    )
    approved_by_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False, tracking=True)
    approved_date = fields.Datetime(string="Approved On", readonly=True, copy=False)
    rejection_reason = fields.Text(readonly=True, copy=False)

    # What the approval covers: it no longer changes once asked for.
    def _request_content_fields(self):
        return set()

    def _guarded_fields(self):
        return dict.fromkeys(
            ("state", "requested_by_id", "approved_by_id", "approved_date", "rejection_reason"), None
        ) | super()._guarded_fields()

    def _tier_excluded_reviewers(self):
        return self.requested_by_id

    def write(self, vals):
        if self._request_content_fields() & set(vals):
            frozen = self.filtered(lambda r: r.state not in ("draft", "rejected"))
            if frozen:
                raise UserError(
                    self.env._(
                        "%(request)s is waiting for approval or decided: what the reviewer approves no longer "
                        "changes.",
                        request=frozen[0].display_name,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(request.state not in ("draft", "rejected") for request in self):
            raise UserError(self.env._("A request waiting for approval or decided is kept."))

    def _get_tier_validation_readonly_domain(self):
        return "state == 'pending'"

    @api.depends("state", "review_ids")
    def _compute_need_validation(self):
        return super()._compute_need_validation()

    def action_submit(self):
        """Ask the reviewer's approval."""
        self.check_access("write")
        for request in self:
            if request.state not in ("draft", "rejected"):
                raise UserError(self.env._("Only a draft or rejected request is submitted for approval."))
        self._write_by_action({"state": "pending", "rejection_reason": False})
        self.invalidate_recordset(["need_validation"])
        reviews = self.request_validation()
        for request in self:
            if not reviews.filtered(lambda r, rec=request: r.res_id == rec.id):
                raise UserError(
                    self.env._(
                        "No approval tier applies to %s: ask an administrator to configure its tiers.",
                        request.display_name,
                    )
                )
        return True

    def validate_tier(self):
        self.ensure_one()
        if self.requested_by_id == self.env.user:
            raise UserError(self.env._("You asked for %s: another reviewer approves it.", self.display_name))
        if not self.env.su and not self.review_ids.filtered(
            lambda r: r.status == "pending" and self.env.user in r.reviewer_ids
        ):
            raise UserError(
                self.env._("%s waits for its reviewers' approval: you are not among them.", self.display_name)
            )
        return super().validate_tier() or True

    def reject_tier(self):
        return self._reject_asking_reason()

    def _validate_tier(self, tiers=False):
        result = super()._validate_tier(tiers)
        if self.state == "pending" and self.validation_status == "validated":
            self._approve()
        return result

    def _rejected_tier(self, tiers=False):
        result = super()._rejected_tier(tiers)
        if self.state == "pending" and self.validation_status == "rejected":
            self._tier_scope().with_context(skip_validation_check=True).write(
                {"state": "rejected", "rejection_reason": self._rejection_reasons()}
            )
        return result

    def _approve(self):
        self.ensure_one()
        approvers = self.review_ids.filtered(
            lambda r: r.status == "approved" and r.done_by and r.done_by != self.requested_by_id
        ).done_by
        if not approvers:
            raise UserError(self.env._("A request is approved by a reviewer other than its requester."))
        self.invalidate_recordset(["need_validation"])
        self._write_by_action(
            {"state": "approved", "approved_by_id": approvers[-1].id, "approved_date": fields.Datetime.now()}
        )
        self._after_approval()

    def _after_approval(self):
        """What an approved request starts at once."""
