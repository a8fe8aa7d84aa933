from odoo import fields, models


class HelpdeskInfoSurveyResult(models.Model):
    """The answers of a satisfaction survey summarised for one department
    (满意度调查统计表): each department's score is one of its half-yearly
    appraisal criteria (seed 001 §11)."""

    _name = "helpdesk.info.survey.result"
    _description = "Satisfaction Survey Result per Department"
    _order = "campaign_id, average_score, id"

    campaign_id = fields.Many2one(
        "helpdesk.info.survey.campaign", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="campaign_id.company_id", store=True, index=True
    )
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Department",
        ondelete="cascade",
        help="The department the questions concern; empty for questions on the "
        "service as a whole.",
    )
    answer_count = fields.Integer(string="Answers")
    average_score = fields.Float(
        string="Average Satisfaction",
        digits=(3, 2),
        aggregator="avg",
        help="From 1 (very dissatisfied) to 5 (very satisfied).",
    )
    satisfied_rate = fields.Float(
        string="Conforming (%)",
        digits=(5, 1),
        aggregator="avg",
        help="Share of the answers at or above the campaign's lowest conforming score.",
    )
    nonconforming_count = fields.Integer(string="Non-Conforming")

    _campaign_team_uniq = models.UniqueIndex(
        "(campaign_id, COALESCE(team_id, 0))", "One result per department and survey."
    )
