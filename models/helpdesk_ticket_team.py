from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    resource_calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        string="Working Hours",
        default=lambda self: self.env.company.resource_calendar_id,
        help="Deadlines counted in working time follow these hours, skip the "
        "company's holidays and use this calendar's time zone.",
    )
    is_intake_team = fields.Boolean(
        string="Receives New Information",
        help="The team where every new ticket of its company lands when no team "
        "is given: the Customer Service Department of the standard. At most one "
        "per company.",
    )

    @api.constrains("is_intake_team", "company_id", "active")
    def _check_single_intake_team(self):
        for team in self.filtered("is_intake_team"):
            others = self.search_count(
                [
                    ("id", "!=", team.id),
                    ("is_intake_team", "=", True),
                    ("company_id", "=", team.company_id.id),
                ]
            )
            if others:
                raise ValidationError(
                    self.env._(
                        "Only one team per company can receive new information; "
                        "unset it on the other team before setting it on “%s”.",
                        team.name,
                    )
                )

    @api.model
    def _get_intake_team(self, company):
        """The team that receives new tickets of ``company`` (its own team first,
        else a shared one)."""
        return self.search(
            [("is_intake_team", "=", True), ("company_id", "in", [company.id, False])],
            order="company_id",
            limit=1,
        )
