from odoo import fields, models


class SurveyQuestionAnswer(models.Model):
    _inherit = "survey.question.answer"

    satisfaction_score = fields.Integer(
        help="1 (very dissatisfied) to 5 (very satisfied) for a satisfaction "
        "level; 0 for an answer that is not one.",
    )

    _satisfaction_score_range = models.Constraint(
        "CHECK(satisfaction_score BETWEEN 0 AND 5)",
        "A satisfaction score goes from 1 to 5 (0: not a satisfaction level).",
    )
