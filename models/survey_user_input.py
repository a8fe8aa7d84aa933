from odoo import api, fields, models
from odoo.exceptions import UserError


class SurveyUserInput(models.Model):
    """A questionnaire handed out to an owner in a satisfaction survey campaign."""

    _name = "survey.user_input"
    _inherit = ["survey.user_input", "helpdesk.info.guard.mixin"]

    campaign_id = fields.Many2one(
        "helpdesk.info.survey.campaign",
        string="Satisfaction Survey",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
    )

    _campaign_partner_uniq = models.UniqueIndex(
        "(campaign_id, partner_id) WHERE campaign_id IS NOT NULL",
        "An owner receives one questionnaire per satisfaction survey.",
    )

    def _guarded_fields(self):
        # Handed out by the campaign only (``_distribute``).
        return {"campaign_id": None} | super()._guarded_fields()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed_campaign(self):
        if self.campaign_id.filtered(lambda campaign: campaign.state == "closed"):
            raise UserError(
                self.env._(
                    "The questionnaires of a closed satisfaction survey are kept."
                )
            )
