from odoo import models
from odoo.exceptions import AccessError

from ..models.helpdesk_info_guard_mixin import in_action_scope


class CommentWizard(models.TransientModel):
    """The comment that goes with an approval or a rejection: for the
    documents of this addon, only on their own pending reviews and by one of
    their reviewers."""

    _inherit = "comment.wizard"

    def add_comment(self):
        self.ensure_one()
        if not self.env["tier.review"]._is_guarded_model(self.res_model):
            return super().add_comment()
        document = self.env[self.res_model].browse(self.res_id)
        reviews = self.review_ids
        if (
            self.validate_reject not in ("validate", "reject")
            or reviews - document.review_ids
            or any(
                r.status not in ("waiting", "pending")
                or self.env.user not in r.reviewer_ids
                for r in reviews
            )
        ):
            raise AccessError(
                self.env._(
                    "Only a reviewer comments on their own pending reviews of this "
                    "document."
                )
            )
        return super(
            CommentWizard, in_action_scope(self, "tier.review", self.res_model)
        ).add_comment()
