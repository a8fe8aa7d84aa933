from odoo import api, models
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
        return super(
            HelpdeskInfoTierGuardMixin, self._guard_context()._tier_scope()
        ).request_validation()

    def _write_by_action(self, vals):
        # A state change may remove the reviews (base_tier_validation).
        return self._tier_scope().write(vals)

    def restart_validation(self):
        if not is_action(self) and not self.env.user.has_groups(
            self._tier_restart_groups
        ):
            for document in self:
                if document.review_ids and document.validation_status != "rejected":
                    raise AccessError(
                        self.env._(
                            "%(document)s is under validation: only a rejected "
                            "validation is restarted, unless a manager restarts it.",
                            document=document.display_name,
                        )
                    )
        return super(
            HelpdeskInfoTierGuardMixin, self._tier_scope()
        ).restart_validation()

    def _check_not_own_request(self):
        """Whoever asked for the approval never gives it."""
        self.ensure_one()
        if not self.env.su and self.review_ids.filtered(
            lambda r: (
                r.status in ("waiting", "pending") and r.requested_by == self.env.user
            )
        ):
            raise AccessError(
                self.env._(
                    "You asked for the approval of %(document)s: another reviewer "
                    "gives it.",
                    document=self.display_name,
                )
            )

    def validate_tier(self):
        self.ensure_one()
        self._check_not_own_request()
        return super(
            HelpdeskInfoTierGuardMixin, self._guard_context()._tier_scope()
        ).validate_tier()

    def reject_tier(self):
        return super(
            HelpdeskInfoTierGuardMixin, self._guard_context()._tier_scope()
        ).reject_tier()

    def _reject_asking_reason(self):
        """The rejection dialog of the user's reviews: its comment is the reason."""
        self.ensure_one()
        sequences = self._get_sequences_to_approve(self.env.user)
        reviews = self.review_ids.filtered(lambda r: r.sequence in sequences)
        return self._add_comment("reject", reviews)

    def _rejection_reasons(self):
        self.ensure_one()
        rejected = self.review_ids.filtered(lambda r: r.status == "rejected")
        return "\n".join(filter(None, rejected.mapped("comment")))

    def _validate_tier(self, tiers=False):
        return super(HelpdeskInfoTierGuardMixin, self._tier_scope())._validate_tier(
            tiers
        )

    def _rejected_tier(self, tiers=False):
        return super(HelpdeskInfoTierGuardMixin, self._tier_scope())._rejected_tier(
            tiers
        )

    def _update_counter(self, review_counter):
        return super(HelpdeskInfoTierGuardMixin, self._tier_scope())._update_counter(
            review_counter
        )

    # ------------------------------------------------------------------
    # What the leaders read: base_tier_validation's messages, stated again
    # here so that they are translated from this addon's catalogue (Odoo
    # translates a code term from the catalogue of the module whose code
    # asks for it, and base_tier_validation ships no Chinese for most).
    # Behaviour, recipients and subtypes stay base_tier_validation's.
    # ------------------------------------------------------------------

    def _get_to_validate_message_name(self):
        return (
            self.env["ir.model"]._get(self._name).with_context(lang=self.env.lang).name
            or self._description
        )

    def _get_to_validate_message(self):
        icon = '<i class="fa fa-lg fa-info-circle"></i>'
        pending = self.review_ids.filtered(lambda r: r.status == "pending")[:1]
        todo_by = pending.helpdesk_info_todo_by if pending else False
        if todo_by:
            return self.env._(
                "%(icon)s Pending validation by %(todo_by)s", icon=icon, todo_by=todo_by
            )
        return self.env._(
            "%(icon)s This %(model_name)s needs to be validated",
            icon=icon,
            model_name=self._get_to_validate_message_name(),
        )

    def _get_validated_message(self):
        if self.validation_status != "validated":
            return ""
        return '<i class="fa fa-thumbs-up"></i> ' + self.env._(
            "Operation has been <b>validated</b>!"
        )

    def _get_rejected_message(self):
        if self.validation_status != "rejected":
            return ""
        return '<i class="fa fa-thumbs-down"></i> ' + self.env._(
            "Operation has been <b>rejected</b>."
        )

    # The messages follow the reader's language, not the first one to read them.
    @api.depends_context("lang")
    def _compute_to_validate_message(self):
        return super()._compute_to_validate_message()

    @api.depends_context("lang")
    def _compute_validated_message(self):
        return super()._compute_validated_message()

    @api.depends_context("lang")
    def _compute_rejected_message(self):
        return super()._compute_rejected_message()

    @api.depends_context("lang")
    def _compute_next_review(self):
        for document in self:
            review = document.review_ids.sorted("sequence").filtered(
                lambda r: r.status == "pending"
            )[:1]
            document.next_review = (
                self.env._("Next: %s", review.name) if review else False
            )

    def _add_comment(self, validate_reject, reviews):
        action = super()._add_comment(validate_reject, reviews)
        action["name"] = self.env._("Comment")
        return action

    def _in_company_lang(self):
        """The documents in their company's language when the environment
        has none (validation requested or restarted by a scheduled action
        or OdooBot): the chatter reads in the company's language."""
        if self.env.lang or "company_id" not in self._fields or not self.company_id:
            return self
        return self.with_context(lang=self.company_id[:1]._helpdesk_info_lang())

    def _notify_review_requested(self, tier_reviews):
        return super(
            HelpdeskInfoTierGuardMixin, self._in_company_lang()
        )._notify_review_requested(tier_reviews)

    def _notify_restarted_review(self):
        return super(
            HelpdeskInfoTierGuardMixin, self._in_company_lang()
        )._notify_restarted_review()

    def _notify_created_review_body(self):
        return self.env._(
            "A record to be reviewed has been created by %s.", self.env.user.name
        )

    def _notify_requested_review_body(self, tier_reviews=None):
        if tier_reviews:
            requester = tier_reviews[:1].requested_by or self.env.user
            assignees = ", ".join(
                filter(None, tier_reviews.mapped("helpdesk_info_todo_by"))
            ) or self.env._("the assigned reviewer")
            return self.env._(
                "Review pending for %(assignees)s, requested by %(requester)s.",
                assignees=assignees,
                requester=requester.display_name,
            )
        return self.env._(
            "A review has been requested by %s.", self.env.user.display_name
        )

    def _notify_accepted_reviews_body(self):
        comments = self.review_ids.filtered(
            lambda r: self.env.user in r.reviewer_ids and r.comment
        )
        if comments:
            return self.env._(
                "A review was accepted. (%s)", comments.mapped("comment")[0]
            )
        return self.env._("A review was accepted")

    def _notify_rejected_review_body(self):
        comments = self.review_ids.filtered(
            lambda r: self.env.user in r.reviewer_ids and r.comment
        )
        if comments:
            return self.env._(
                "A review was rejected by %(user)s. (%(comment)s)",
                user=self.env.user.name,
                comment=comments.mapped("comment")[0],
            )
        return self.env._("A review was rejected by %s.", self.env.user.name)

    def _notify_restarted_review_body(self):
        return self.env._("The review has been reset by %s.", self.env.user.name)
