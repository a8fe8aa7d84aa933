from odoo import api, fields, models


class HelpdeskInfoSurveyDistribute(models.TransientModel):
    """Hand out a satisfaction survey's questionnaires (发放、登记) to owners of
    its community: all those who have none yet, unless some are left out."""

    _name = "helpdesk.info.survey.distribute"
    _description = "Hand Out Satisfaction Questionnaires"

    campaign_id = fields.Many2one(
        "helpdesk.info.survey.campaign", required=True, ondelete="cascade"
    )
    owner_ids = fields.Many2many(
        related="campaign_id.community_id.owner_ids", string="Community Owners"
    )
    partner_ids = fields.Many2many(
        "res.partner",
        string="Owners",
        compute="_compute_partner_ids",
        store=True,
        readonly=False,
        domain="[('id', 'in', owner_ids)]",
        help="Owners who receive a questionnaire now; those who already have one are "
        "not listed.",
    )
    send_email = fields.Boolean(
        string="Send by E-mail",
        help="Owners with an e-mail address also receive the link to answer online.",
    )

    @api.depends("campaign_id")
    def _compute_partner_ids(self):
        for wizard in self:
            campaign = wizard.campaign_id.sudo()
            wizard.partner_ids = (
                campaign.community_id.owner_ids - campaign.user_input_ids.partner_id
            )

    def action_distribute(self):
        self.ensure_one()
        self.campaign_id._distribute(self.partner_ids, send_email=self.send_email)
        return {"type": "ir.actions.act_window_close"}
