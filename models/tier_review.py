from odoo import api, models
from odoo.exceptions import AccessError

# Documents whose reviews only their reviewers decide, whatever is sent over RPC.
GUARDED_MODELS = ("helpdesk.info.publication", "helpdesk.reception.budget")
# What base_tier_validation itself writes on a review as the acting user.
DECISION_FIELDS = {"status", "done_by", "reviewed_date", "comment", "last_reminder_date"}


class TierReview(models.Model):
    """Any internal user may write tier reviews (base_tier_validation's access
    rights). For publications and written budgets, a review follows a tier
    defined for its model, starts undecided, stays on its document, and is
    decided only by one of its reviewers, in their own name. The author of a
    publication is never one of them."""

    _inherit = "tier.review"

    def _get_reviewers(self):
        reviewers = super()._get_reviewers()
        if self.model == "helpdesk.info.publication" and self.res_id:
            reviewers -= self.env[self.model].sudo().browse(self.res_id).author_id
        return reviewers

    @api.model_create_multi
    def create(self, vals_list):
        reviews = super().create(vals_list)
        if not self.env.su:
            for review in reviews.filtered(lambda r: r.model in GUARDED_MODELS):
                if review.status not in ("waiting", "pending") or review.done_by:
                    raise AccessError(self.env._("A review starts undecided."))
                if review.definition_id.model != review.model:
                    raise AccessError(self.env._("A review follows a tier defined for its document."))
        return reviews

    def write(self, vals):
        if not self.env.su:
            guarded = self.filtered(lambda r: r.model in GUARDED_MODELS)
            if vals.get("model") in GUARDED_MODELS or (guarded and set(vals) - DECISION_FIELDS):
                raise AccessError(self.env._("A review stays on its document and its tier."))
            if guarded and (vals.get("status") in ("approved", "rejected") or "done_by" in vals):
                for review in guarded:
                    if vals.get("done_by", self.env.uid) != self.env.uid or self.env.user not in review.reviewer_ids:
                        raise AccessError(
                            self.env._("Only a reviewer of this tier approves or rejects it, in their own name.")
                        )
        return super().write(vals)
