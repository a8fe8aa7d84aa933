from odoo import api, fields, models
from odoo.exceptions import UserError

APPROVAL_STATES = [
    ("draft", "Draft"),
    ("pending", "Waiting Approval"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
]


class HelpdeskInfoApprovalMixin(models.AbstractModel):
    """A document that its reviewers approve through tier validation before it
    takes effect: draft, waiting approval, then approved, or rejected with
    the reviewers' reason and back to draft.

    Whoever asked for the approval (``_requester_field``) never gives it;
    the state, the approver and the approval date are written by the actions
    only; what the approval covers (``_approval_content_fields``) no longer
    changes once it is asked for. The state waiting for the approval is
    ``_state_from``'s, "pending" unless the document names it otherwise."""

    _name = "helpdesk.info.approval.mixin"
    _inherit = ["mail.thread", "mail.activity.mixin", "helpdesk.info.tier.guard.mixin"]
    _description = "Document Approved Through Tier Validation"

    _state_from = ["pending"]
    _state_to = ["approved"]
    _tier_validation_manual_config = False
    _requester_field = "requested_by_id"

    approved_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True
    )
    approved_date = fields.Datetime(
        string="Approved On", readonly=True, copy=False, tracking=True
    )
    rejection_reason = fields.Text(readonly=True, copy=False)

    def _approval_content_fields(self):
        """The fields the approval covers."""
        return set()

    def _requester(self):
        return self[self._requester_field]

    def _guarded_fields(self):
        return (
            dict.fromkeys(
                (
                    "state",
                    self._requester_field,
                    "approved_by_id",
                    "approved_date",
                    "rejection_reason",
                ),
                None,
            )
            | super()._guarded_fields()
        )

    def _tier_excluded_reviewers(self):
        return self._requester()

    @property
    def _waiting_state(self):
        return self._state_from[0]

    def write(self, vals):
        if self._approval_content_fields() & set(vals):
            frozen = self.filtered(lambda d: d.state not in ("draft", "rejected"))
            if frozen:
                raise UserError(
                    self.env._(
                        "%(document)s is waiting for approval or decided: what its "
                        "reviewers approve no longer changes.",
                        document=frozen[0].display_name,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        kept = self.filtered(lambda d: d.state not in ("draft", "rejected"))
        if kept:
            raise UserError(
                self.env._(
                    "%s is waiting for approval or decided: it is kept.",
                    kept[0].display_name,
                )
            )

    def _get_tier_validation_readonly_domain(self):
        return f"state == '{self._waiting_state}'"

    @api.depends("state", "review_ids")
    def _compute_need_validation(self):
        # Declared dependencies, so that a value computed before the state or
        # the reviews changed is not reused within the same transaction.
        return super()._compute_need_validation()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _check_submittable(self):
        """Raise when a document is not ready to be submitted."""
        for document in self:
            if document.state not in ("draft", "rejected"):
                raise UserError(
                    self.env._(
                        "Only a draft or rejected document is submitted for "
                        "approval: %s is not.",
                        document.display_name,
                    )
                )

    def action_submit(self):
        """Ask the reviewers' approval."""
        self.check_access("write")
        self._check_submittable()
        self._write_by_action(self._submission_vals())
        self.invalidate_recordset(["need_validation"])
        reviews = self.request_validation()
        for document in self:
            if not reviews.filtered(lambda r, d=document: r.res_id == d.id):
                raise UserError(
                    self.env._(
                        "No approval tier applies to %s: ask an administrator to "
                        "configure its tiers.",
                        document.display_name,
                    )
                )
        return True

    def _submission_vals(self):
        return {"state": self._waiting_state, "rejection_reason": False}

    def validate_tier(self):
        self.ensure_one()
        if self._requester() == self.env.user:
            raise UserError(
                self.env._(
                    "%s is yours or you asked for its approval: another reviewer "
                    "gives it.",
                    self.display_name,
                )
            )
        if not self.env.su and not self.review_ids.filtered(
            lambda r: r.status == "pending" and self.env.user in r.reviewer_ids
        ):
            raise UserError(
                self.env._(
                    "%s waits for its reviewers' approval: you are not among them.",
                    self.display_name,
                )
            )
        # True rather than None: XML-RPC callers cannot receive None.
        return super().validate_tier() or True

    def reject_tier(self):
        """A rejection states its reason."""
        return self._reject_asking_reason()

    def _validate_tier(self, tiers=False):
        result = super()._validate_tier(tiers)
        if self.state == self._waiting_state and self.validation_status == "validated":
            self._approve()
        return result

    def _rejected_tier(self, tiers=False):
        result = super()._rejected_tier(tiers)
        if self.state == self._waiting_state and self.validation_status == "rejected":
            self._tier_scope().with_context(skip_validation_check=True).write(
                {"state": "rejected", "rejection_reason": self._rejection_reasons()}
            )
            self._after_rejection()
        return result

    def _approve(self):
        self.ensure_one()
        approvers = self.review_ids.filtered(
            lambda r: (
                r.status == "approved" and r.done_by and r.done_by != self._requester()
            )
        ).done_by
        if not approvers:
            raise UserError(
                self.env._(
                    "%s is approved by a reviewer other than who asked for it.",
                    self.display_name,
                )
            )
        self.invalidate_recordset(["need_validation"])
        self._write_by_action(self._approval_vals(approvers[-1], fields.Datetime.now()))
        self._after_approval()

    def _approval_vals(self, approver, now):
        return {
            "state": "approved",
            "approved_by_id": approver.id,
            "approved_date": now,
        }

    def _after_approval(self):
        """What an approval starts at once."""

    def _after_rejection(self):
        """What a rejection starts at once."""

    def action_draft(self):
        """Back to draft, to revise a rejected document."""
        for document in self:
            if document.state != "rejected":
                raise UserError(
                    self.env._(
                        "Only a rejected document goes back to draft: %s is not.",
                        document.display_name,
                    )
                )
        self._write_by_action({"state": "draft"})
        return True
