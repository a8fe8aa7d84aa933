from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain

from .helpdesk_info_guard_mixin import in_action_scope, is_action


class TierReview(models.Model):
    """Any internal user may create, write and delete tier reviews
    (base_tier_validation's access rights). For the documents of this addon
    (``helpdesk.info.tier.guard.mixin``) a review is created only by
    requesting validation, starts undecided on a tier defined for its model,
    changes only through the document's validation actions, is decided only by
    one of its reviewers in their own name (never by its requester, nor by the
    document's excluded reviewers such as its author), and is deleted only by a
    restart of the validation."""

    _name = "tier.review"
    _inherit = ["tier.review", "helpdesk.info.guard.mixin"]
    _guard_frozen_error = AccessError

    helpdesk_info_company_id = fields.Many2one(
        "res.company",
        string="Document Company",
        compute="_compute_helpdesk_info_company_id",
        store=True,
        index="btree_not_null",
        help="The company of the reviewed document, for this addon's documents.",
    )
    helpdesk_info_document = fields.Boolean(
        compute="_compute_helpdesk_info_access",
        search="_search_helpdesk_info_document",
        help="A review of one of this addon's tier-validated documents.",
    )
    helpdesk_info_readable = fields.Boolean(
        compute="_compute_helpdesk_info_access",
        search="_search_helpdesk_info_readable",
        help="Not one of this addon's documents, or one the current user may read.",
    )

    helpdesk_info_todo_by = fields.Char(
        string="To Do By (Reader's Language)",
        compute="_compute_helpdesk_info_todo_by",
        help="Who is to act on the review, in the language of whoever reads it.",
    )

    @api.depends("model", "res_id")
    def _compute_helpdesk_info_company_id(self):
        for review in self:
            company = self.env["res.company"]
            if self._is_guarded_model(review.model) and review.res_id:
                company = (
                    self.env[review.model]
                    .sudo()
                    .browse(review.res_id)
                    .exists()
                    .company_id
                )
            review.helpdesk_info_company_id = company

    def _compute_helpdesk_info_access(self):
        guarded = self.filtered(lambda review: self._is_guarded_model(review.model))
        readable = self.search(
            [("id", "in", guarded.ids), ("helpdesk_info_readable", "=", True)]
        )
        for review in self:
            review.helpdesk_info_document = review in guarded
            review.helpdesk_info_readable = review not in guarded or review in readable

    def _frozen_fields(self):
        # A review stays on its document; the reviews of this addon's
        # documents change through their validation actions only.
        return {
            "recorded": dict.fromkeys(("model", "res_id"), None),
            "helpdesk_document": dict.fromkeys(
                sorted(
                    name
                    for name, field in self._fields.items()
                    if field.store and name not in models.MAGIC_COLUMNS
                ),
                None,
            ),
        } | super()._frozen_fields()

    def _guard_states(self):
        states = super()._guard_states()
        if self._is_guarded_model(self.model):
            states += ("helpdesk_document",)
        return states

    def _guard_state_label(self, state):
        if state == "helpdesk_document":
            return self.env._(
                "a review of %(document)s", document=self._document_label()
            )
        return super()._guard_state_label(state)

    def _guard_frozen_hint(self, state):
        if state == "helpdesk_document":
            return self.env._(
                "Reviews of %(document)s change only through its validation buttons.",
                document=self._document_label(),
            )
        return super()._guard_frozen_hint(state)

    def _document_label(self):
        return self.env[self[:1].model or "tier.review"]._description

    @tools.ormcache()
    def _guarded_model_names(self):
        # Read by the record rules at every search of reviews: once per registry.
        return tuple(
            name
            for name, model in self.env.registry.items()
            if not model._abstract
            and getattr(model, "_helpdesk_info_tier_guard", False)
        )

    def _search_helpdesk_info_document(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        domain = Domain("model", "in", self._guarded_model_names())
        return domain if (operator == "in") == (True in value) else ~domain

    def _search_helpdesk_info_readable(self, operator, value):
        # Record rules call this as the user, under sudo: the document's access
        # rights and rules are checked without it.
        if operator not in ("in", "not in"):
            return NotImplemented
        env = self.env(su=False)
        names = self._guarded_model_names()
        domain = Domain("model", "not in", names)
        for name in names:
            if env[name].has_access("read"):
                domain |= Domain("model", "=", name) & Domain(
                    "res_id", "in", env[name]._search([])
                )
        return domain if (operator == "in") == (True in value) else ~domain

    # Who is to act, in this addon's words (base_tier_validation's are not in
    # Chinese): stored in the language of whoever requested the validation,
    # and shown to each reader in their own (see ``_read_format``).
    def _helpdesk_info_todo_by_label(self):
        self.ensure_one()
        if self.reviewer_group_id:
            return self.env._("Group %s", self.reviewer_group_id.name)
        num_show = 3
        todo_by = ", ".join(self.reviewer_ids[:num_show].mapped("display_name"))
        if len(self.reviewer_ids) > num_show:
            todo_by = self.env._(
                "%(reviewers)s (and %(count)s more)",
                reviewers=todo_by,
                count=len(self.reviewer_ids) - num_show,
            )
        return todo_by or False

    def _compute_todo_by(self):
        guarded = self._guarded()
        for review in guarded:
            review.todo_by = review._helpdesk_info_todo_by_label()
        return super(TierReview, self - guarded)._compute_todo_by()

    @api.depends_context("lang")
    @api.depends("reviewer_ids", "reviewer_group_id", "todo_by")
    def _compute_helpdesk_info_todo_by(self):
        for review in self:
            review.helpdesk_info_todo_by = (
                review._helpdesk_info_todo_by_label()
                if review._guarded()
                else review.todo_by
            )

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load)
        if "todo_by" in fnames:
            for vals in result:
                review = self.browse(vals["id"])
                if review._guarded():
                    vals["todo_by"] = review.helpdesk_info_todo_by
        return result

    def _notify_review_reminder_body(self):
        if not self._guarded():
            return super()._notify_review_reminder_body()
        delay = (fields.Datetime.now() - self.create_date).days
        return self.env._("A review has been requested %s days ago.", delay)

    def _is_guarded_model(self, model):
        return bool(model) and getattr(
            self.env.registry.get(model), "_helpdesk_info_tier_guard", False
        )

    def _guarded(self):
        return self.filtered(lambda review: self._is_guarded_model(review.model))

    def _check_in_validation_action(self):
        if not is_action(self):
            raise AccessError(
                self.env._(
                    "Reviews of %(document)s change only through its validation "
                    "buttons.",
                    document=self.env[self[:1].model or "tier.review"]._description,
                )
            )

    def _get_reviewers(self):
        reviewers = super()._get_reviewers()
        if self._is_guarded_model(self.model) and self.res_id:
            document = self.env[self.model].sudo().browse(self.res_id).exists()
            if document:
                reviewers -= document._tier_excluded_reviewers() | self.requested_by
        return reviewers

    @api.model_create_multi
    def create(self, vals_list):
        reviews = super().create(vals_list)
        if not self.env.su:
            guarded = reviews._guarded()
            if guarded:
                guarded._check_in_validation_action()
            for review in guarded:
                if review.status not in ("waiting", "pending") or review.done_by:
                    raise AccessError(self.env._("A review starts undecided."))
                if review.definition_id.model != review.model:
                    raise AccessError(
                        self.env._("A review follows a tier defined for its document.")
                    )
                if review.requested_by != self.env.user:
                    raise AccessError(
                        self.env._("A review is requested in its requester's own name.")
                    )
        return reviews

    @api.constrains("status", "done_by")
    def _check_decider(self):
        """A review of this addon's documents is decided by one of its
        reviewers in their own name, never by its requester. The superuser
        records decisions for others (data imports, migrations)."""
        if self.env.su:
            return
        user = self.env.user
        for review in self._guarded():
            if review.status not in ("approved", "rejected"):
                continue
            if review.done_by != user or user not in review.reviewer_ids:
                raise ValidationError(
                    self.env._(
                        "Only a reviewer of this tier approves or rejects it, in "
                        "their own name."
                    )
                )
            if review.status == "approved" and user == review.requested_by:
                raise ValidationError(
                    self.env._("Whoever asked for the approval does not approve it.")
                )

    def unlink(self):
        if not self.env.su and self._guarded():
            self._guarded()._check_in_validation_action()
        return super().unlink()

    def _update_review_status(self):
        # Promoting the next tier to pending is the validation's own doing,
        # whoever's backlog triggers it (the systray counts reviews).
        return super(
            TierReview, in_action_scope(self, "tier.review")
        )._update_review_status()
