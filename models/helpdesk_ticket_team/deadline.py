from odoo import fields, models

from ..helpdesk_info_deadline_rule_mixin import TIME_BASES

TEAM_TIME_BASES = [("rule", "As the Level or Grade Says"), *TIME_BASES]


class HelpdeskTicketTeam(models.Model):
    """The hours a team's deadlines count. The service centre is staffed
    every day by its duty roster, so the levels and grades count replies in
    its hours (seed 003 篇3 2.4, seed 002 值班制度); a department whose work
    follows office days (engineering, the management department) counts its
    deadlines in working days, China's holidays and make-up workdays
    included, whatever the level or grade says."""

    _inherit = "helpdesk.ticket.team"

    reply_basis = fields.Selection(
        TEAM_TIME_BASES,
        string="Reply Deadlines Count",
        required=True,
        default="rule",
        help="The hours the reply deadlines of the team's tickets count: as the "
        "problem level or complaint grade says, or always the team's working "
        "time, the service centre's hours or calendar time.",
    )
    resolve_basis = fields.Selection(
        TEAM_TIME_BASES,
        string="Resolution Deadlines Count",
        required=True,
        default="rule",
        help="The hours the resolution deadlines of the team's tickets count: as "
        "the problem level or complaint grade says, or always the team's "
        "working time, the service centre's hours or calendar time.",
    )
