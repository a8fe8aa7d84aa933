from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

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

    Declared as base_tier_validation declares it: ``_state_from`` is the
    state waiting for the approval ("pending" unless the document names it
    otherwise; a document reviewed in its draft names "draft"), ``_state_to``
    the approved one, ``_cancel_state`` the cancelled one, besides
    ``_rejected_state`` (where a rejection leads; ``None`` keeps the state,
    the reviews then say it is rejected), ``_submittable_states`` (submitted
    from there, revised there) and ``_requester_field`` (who asks for the
    approval on the document; ``False`` when it is whoever asks). The
    document fills the hooks: ``_check_submittable``,
    ``_check_ready_for_review``, ``_check_approval``, ``_approval_vals``,
    ``_after_approval``, ``_after_rejection``.

    Whoever asked for the approval (the requester, and who requested the
    reviews) never gives it; the state, the approver and the approval date
    are written by the actions only; what the approval covers
    (``_approval_content_fields``) no longer changes once it is asked for,
    and a change of ``_reapproval_fields`` on an approved document sends it
    back for approval."""

    _name = "helpdesk.info.approval.mixin"
    _inherit = ["mail.thread", "mail.activity.mixin", "helpdesk.info.tier.guard.mixin"]
    _description = "Document Approved Through Tier Validation"

    _state_from = ["pending"]
    _state_to = ["approved"]
    _tier_validation_manual_config = False
    _requester_field = "requested_by_id"
    _rejected_state = "rejected"
    _submittable_states = ("draft", "rejected")

    approved_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True
    )
    approved_date = fields.Datetime(
        string="Approved On", readonly=True, copy=False, tracking=True
    )
    rejection_reason = fields.Text(readonly=True, copy=False)

    def _approval_content_fields(self):
        """The fields the approval covers: frozen once it is asked for."""
        return set()

    def _reapproval_fields(self):
        """The fields that an approved document may still change, going back
        for approval when they do."""
        return set()

    def _requester(self):
        if not self._requester_field:
            return self.env["res.users"]
        return self[self._requester_field]

    def _guarded_fields(self):
        names = ["state", "approved_by_id", "approved_date", "rejection_reason"]
        if self._requester_field:
            names.append(self._requester_field)
        return dict.fromkeys(names, None) | super()._guarded_fields()

    def _approval_frozen_states(self):
        """The states in which what the approval covers no longer changes:
        every state but those the document is submitted from."""
        selection = self._fields[self._state_field].get_values(self.env)
        return [state for state in selection if state not in self._submittable_states]

    def _frozen_fields(self):
        frozen = super()._frozen_fields()
        content = self._approval_content_fields()
        if content:
            for state in self._approval_frozen_states():
                frozen[state] = dict.fromkeys(content, None) | frozen.get(state, {})
        return frozen

    def _tier_excluded_reviewers(self):
        return self._requester()

    @property
    def _waiting_state(self):
        return self._state_from[0]

    @property
    def _reviewed_in_draft(self):
        """Reviewed without leaving its draft (a written budget): the
        reviews, not the state, say that it waits for approval."""
        return self._waiting_state in self._submittable_states

    def write(self, vals):
        resubmitted = self.browse()
        if self._reapproval_fields() & set(vals):
            resubmitted = self.filtered(
                lambda d: d[self._state_field] in self._state_to
            )
        result = super().write(vals)
        if resubmitted:
            resubmitted._back_to_approval()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        kept = self.filtered(
            lambda d: d[self._state_field] not in self._submittable_states
        )
        if kept:
            raise UserError(
                self.env._(
                    "%s is waiting for approval or decided: it is kept.",
                    kept[0].display_name,
                )
            )

    def _get_tier_validation_readonly_domain(self):
        if self._reviewed_in_draft:
            return super()._get_tier_validation_readonly_domain()
        return f"{self._state_field} == '{self._waiting_state}'"

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
            if document[self._state_field] not in self._submittable_states:
                raise UserError(
                    self.env._(
                        "Only a draft or rejected document is submitted for "
                        "approval: %s is not.",
                        document.display_name,
                    )
                )

    def _check_ready_for_review(self):
        """Raise when the reviewers are asked too early or too late (also
        when the validation is asked from the document's own button)."""

    def _no_tier_message(self):
        return self.env._(
            "No approval tier applies to %s: ask an administrator to configure its "
            "tiers.",
            self.display_name,
        )

    def action_submit(self):
        """Ask the reviewers' approval."""
        self.check_access("write")
        self._check_submittable()
        self._write_by_action(self._submission_vals())
        reviews = self.request_validation()
        for document in self:
            if not reviews.filtered(lambda r, d=document: r.res_id == d.id):
                raise UserError(document._no_tier_message())
        return True

    def _submission_vals(self):
        return {self._state_field: self._waiting_state, "rejection_reason": False}

    def request_validation(self):
        self._check_ready_for_review()
        # need_validation is not stored: forget a value computed while
        # reviews existed (before a restart) or before they did.
        self.invalidate_recordset(["need_validation"])
        return super().request_validation()

    def _requester_refusal_message(self):
        return self.env._(
            "%s is yours or you asked for its approval: another reviewer gives it.",
            self.display_name,
        )

    def validate_tier(self):
        self.ensure_one()
        if self.env.user in self._requester():
            raise UserError(self._requester_refusal_message())
        self._check_not_own_request()
        if not self.env.su:
            self._check_reviewer_turn()
        # True rather than None: XML-RPC callers cannot receive None.
        return super().validate_tier() or True

    def _check_reviewer_turn(self):
        """Only a reviewer approves, once the tiers before theirs have."""
        mine = self.review_ids.filtered(
            lambda r: (
                r.status in ("waiting", "pending") and self.env.user in r.reviewer_ids
            )
        )
        if not mine:
            raise AccessError(
                self.env._(
                    "%s waits for its reviewers' approval: you are not among them.",
                    self.display_name,
                )
            )
        if not mine.filtered(lambda r: r.status == "pending"):
            raise UserError(
                self.env._(
                    "%s waits for the approval of an earlier tier before yours.",
                    self.display_name,
                )
            )

    def reject_tier(self):
        """A rejection states its reason."""
        return self._reject_asking_reason()

    def _is_waiting_approval(self):
        return self[self._state_field] == self._waiting_state

    def _validate_tier(self, tiers=False):
        result = super()._validate_tier(tiers)
        if self._is_waiting_approval() and self.validation_status == "validated":
            self._approve()
        return result

    def _rejected_tier(self, tiers=False):
        result = super()._rejected_tier(tiers)
        if self._is_waiting_approval() and self.validation_status == "rejected":
            vals = {"rejection_reason": self._rejection_reasons()}
            if self._rejected_state:
                vals[self._state_field] = self._rejected_state
            self._tier_scope().with_context(skip_validation_check=True).write(vals)
            self._after_rejection()
        return result

    def _approvers(self):
        """Who approved, other than who asked for the approval."""
        self.ensure_one()
        requester = self._requester()
        return self.review_ids.filtered(
            lambda r: (
                r.status == "approved"
                and r.done_by
                and r.done_by != r.requested_by
                and r.done_by not in requester
            )
        ).done_by

    def _no_approver_message(self):
        return self.env._(
            "%s is approved by a reviewer other than who asked for it.",
            self.display_name,
        )

    def _check_approval(self):
        """Raise when the approval comes too late for what it covers."""

    def _approve(self):
        self.ensure_one()
        approvers = self._approvers()
        if not approvers:
            raise UserError(self._no_approver_message())
        self._check_approval()
        self.invalidate_recordset(["need_validation"])
        self._write_by_action(self._approval_vals(approvers[-1], fields.Datetime.now()))
        self._after_approval()

    def _approval_vals(self, approver, now):
        return {
            self._state_field: self._state_to[0],
            "approved_by_id": approver.id,
            "approved_date": now,
        }

    def _after_approval(self):
        """What an approval starts at once."""

    def _after_rejection(self):
        """What a rejection starts at once."""

    def _back_to_approval_message(self):
        return self.env._("Changed after approval: sent back for approval.")

    def _back_to_approval(self):
        """An approved document whose covered content changed is approved
        again: back to waiting (base_tier_validation removes the former
        reviews), and its reviewers are asked again."""
        approved = self.filtered(lambda d: d[self._state_field] in self._state_to)
        if not approved:
            return
        approved._write_by_action(
            {self._state_field: approved._waiting_state, "rejection_reason": False}
        )
        approved.request_validation()
        for document in approved:
            document.message_post(
                body=document._back_to_approval_message(),
                subtype_xmlid="mail.mt_note",
            )

    def _draft_from_states(self):
        """The states from which a document goes back to draft."""
        states = [self._rejected_state] if self._rejected_state else []
        if self._cancel_state in self._fields[self._state_field].get_values(self.env):
            states.append(self._cancel_state)
        return states

    def action_draft(self):
        """Back to draft, to revise a rejected (or cancelled) document."""
        self.check_access("write")
        draft_from = self._draft_from_states()
        for document in self:
            if document[self._state_field] not in draft_from:
                raise UserError(
                    self.env._(
                        "Only a rejected or cancelled document goes back to draft: "
                        "%s is not.",
                        document.display_name,
                    )
                )
        self._write_by_action({self._state_field: "draft"})
        return True
