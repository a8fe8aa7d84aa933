from odoo import api, fields, models
from odoo.exceptions import UserError


class SurveyUserInputLine(models.Model):
    """An answer of a satisfaction survey: its score, its department, whether
    it conforms, and the ticket opened when it does not."""

    _name = "survey.user_input.line"
    _inherit = ["survey.user_input.line", "helpdesk.info.guard.mixin"]

    campaign_id = fields.Many2one(
        related="user_input_id.campaign_id", store=True, index="btree_not_null"
    )
    satisfaction_score = fields.Integer(
        related="suggested_answer_id.satisfaction_score", store=True, aggregator="avg"
    )
    helpdesk_team_id = fields.Many2one(
        related="question_id.helpdesk_team_id",
        store=True,
        string="Responsible Department",
    )
    non_conforming = fields.Boolean(
        string="Non-Conforming",
        compute="_compute_non_conforming",
        store=True,
        help="Scored below the campaign's lowest conforming score.",
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The ticket opened for this non-conforming answer.",
    )

    @api.depends("satisfaction_score", "campaign_id.conforming_score")
    def _compute_non_conforming(self):
        for line in self:
            line.non_conforming = bool(
                line.campaign_id
                and line.satisfaction_score
                and line.satisfaction_score < line.campaign_id.conforming_score
            )

    def _guarded_fields(self):
        # Opened by the campaign's action_create_tickets only.
        return {"ticket_id": None} | super()._guarded_fields()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed_campaign(self):
        if self.campaign_id.filtered(lambda campaign: campaign.state == "closed"):
            raise UserError(
                self.env._("The answers of a closed satisfaction survey are kept.")
            )
