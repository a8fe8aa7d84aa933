from odoo import fields, models


class SurveyUserInput(models.Model):
    """A questionnaire handed out to an owner in a satisfaction survey campaign."""

    _inherit = "survey.user_input"

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
