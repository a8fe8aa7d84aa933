from odoo import api, fields, models
from odoo.exceptions import UserError


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

    @api.ondelete(at_uninstall=False)
    def _unlink_except_answered_in_closed_campaign(self):
        # The database deletes a question's answers with it.
        closed = (
            self.env["survey.user_input.line"]
            .sudo()
            .search_count(
                [("question_id", "in", self.ids), ("campaign_id.state", "=", "closed")],
                limit=1,
            )
        )
        if closed:
            raise UserError(
                self.env._(
                    "A question answered in a closed satisfaction survey is kept."
                )
            )
