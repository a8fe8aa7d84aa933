from odoo import models
from odoo.exceptions import AccessError

from .helpdesk_info_guard_mixin import in_action_scope, is_action


class HelpdeskInfoTierGuardMixin(models.AbstractModel):
    """Tier validation whose reviews no client forges.

    The reviews of these documents are created only by requesting validation,
    decided only through the approve and reject actions by one of their
    reviewers in their own name (see ``tier.review``), and removed only by a
    restart that the document's managers, or its own actions, ask for. The
    requester and the users of ``_tier_excluded_reviewers`` never approve.
    ``skip_validation_check`` and the like count only when the document's own
    code sets them.
    """

    _name = "helpdesk.info.tier.guard.mixin"
    _inherit = ["helpdesk.info.guard.mixin", "tier.validation"]
    _description = "Tier Validation Held Against Forged Reviews"

    _helpdesk_info_tier_guard = True
    _guard_relaxing_context_keys = (
        "skip_validation_check",
        "skip_check_state_condition",
        "tier_validation_defer_compute_can_review",
    )
    # Who may restart any validation by hand; others restart a rejected one.
    _tier_restart_groups = "helpdesk_mgmt.group_helpdesk_manager"

    def _tier_excluded_reviewers(self):
        """Users who never approve this document, besides its requester."""
        self.ensure_one()
        return self.env["res.users"]

    def _tier_scope(self):
        return in_action_scope(self, self._name, "tier.review")

    def request_validation(self):
        return super(HelpdeskInfoTierGuardMixin, self._guard_context()._tier_scope()).request_validation()

    def _write_by_action(self, vals):
        # A state change may remove the reviews (base_tier_validation).
        return self._tier_scope().write(vals)

    def restart_validation(self):
        if not is_action(self) and not self.env.user.has_groups(self._tier_restart_groups):
            for document in self:
                if document.review_ids and document.validation_status != "rejected":
                    raise AccessError(
                        self.env._(
                            "%(document)s is under validation: only a rejected validation is restarted, "
                            "unless a manager restarts it.",
                            document=document.display_name,
                        )
                    )
        return super(HelpdeskInfoTierGuardMixin, self._tier_scope()).restart_validation()

    def validate_tier(self):
        self.ensure_one()
        if not self.env.su and self.review_ids.filtered(
            lambda r: r.status in ("waiting", "pending") and r.requested_by == self.env.user
        ):
            raise AccessError(
                self.env._(
                    "You asked for the approval of %(document)s: another reviewer gives it.",
                    document=self.display_name,
                )
            )
        return super(HelpdeskInfoTierGuardMixin, self._guard_context()._tier_scope()).validate_tier()

    def reject_tier(self):
        return super(HelpdeskInfoTierGuardMixin, self._guard_context()._tier_scope()).reject_tier()

    def _validate_tier(self, tiers=False):
        return super(HelpdeskInfoTierGuardMixin, self._tier_scope())._validate_tier(tiers)

    def _rejected_tier(self, tiers=False):
        return super(HelpdeskInfoTierGuardMixin, self._tier_scope())._rejected_tier(tiers)

    def _update_counter(self, review_counter):
        return super(HelpdeskInfoTierGuardMixin, self._tier_scope())._update_counter(review_counter)
