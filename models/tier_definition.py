from odoo import api, models


class TierDefinition(models.Model):
    _inherit = "tier.definition"

    @api.model
    def _get_tier_validation_model_names(self):
        return super()._get_tier_validation_model_names() + [
            "helpdesk.info.publication",
            "helpdesk.reception.budget",
            "helpdesk.info.survey.corrective.action",
            "helpdesk.info.seminar.plan",
            "helpdesk.info.duty.swap",
            "helpdesk.info.archive.loan",
            "helpdesk.info.archive.destruction",
        ]
