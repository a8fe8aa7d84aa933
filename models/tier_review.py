from odoo import models


class TierReview(models.Model):
    _inherit = "tier.review"

    def _get_reviewers(self):
        """The author of a publication never approves it, whatever the tier."""
        reviewers = super()._get_reviewers()
        if self.model == "helpdesk.info.publication" and self.res_id:
            reviewers -= self.env[self.model].sudo().browse(self.res_id).author_id
        return reviewers
