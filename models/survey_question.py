from odoo import fields, models


class SurveyQuestion(models.Model):
    """A satisfaction question concerns one service area, handled by one
    department: its non-conforming answers become that department's tickets."""

    _inherit = "survey.question"

    helpdesk_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Responsible Department",
        help="The department that answers for this service area: results are "
        "summarised per department and non-conforming answers become its tickets.",
    )
    helpdesk_category_id = fields.Many2one(
        "helpdesk.ticket.category",
        string="Content Type",
        help="Content type of the tickets opened for non-conforming answers.",
    )
