from datetime import timedelta

from odoo import fields, models

from ..helpdesk_info_report.repairs import repair_rate

OPEN_REPAIR_STATES = ("new", "dispatched", "accepted", "on_site")
RATE_DAYS = 30


class HelpdeskTicketTeam(models.Model):
    """The repairs on a team's dashboard card: those still to do, and how
    often the worker was on site in time over the last 30 days. Two grouped
    queries for all the cards shown, whatever the number of tickets."""

    _inherit = "helpdesk.ticket.team"

    open_repair_count = fields.Integer(
        string="Open Repairs",
        compute="_compute_repair_dashboard",
        help="Repairs of the team not yet done: to dispatch, dispatched, accepted or "
        "with the worker on site.",
    )
    repair_arrived_count = fields.Integer(
        string="Repairs Arrived (30 Days)",
        compute="_compute_repair_dashboard",
        help="Repairs reported in the last 30 days whose worker has arrived on site.",
    )
    repair_on_time_rate = fields.Float(
        string="On-Time Arrival (%)",
        compute="_compute_repair_dashboard",
        digits=(16, 1),
        help="Share of the repairs reported in the last 30 days, with the worker on "
        "site, where the worker arrived by the deadline.",
    )

    def _compute_repair_dashboard(self):
        Ticket = self.env["helpdesk.ticket"]
        teams = [("team_id", "in", self._origin.ids), ("is_repair", "=", True)]
        open_counts = dict(
            Ticket._read_group(
                teams + [("repair_state", "in", OPEN_REPAIR_STATES)],
                ["team_id"],
                ["__count"],
            )
        )
        since = fields.Datetime.now() - timedelta(days=RATE_DAYS)
        arrived = {}
        on_time = {}
        for team, is_on_time, count in Ticket._read_group(
            teams
            + [("intake_date", ">=", since), ("repair_arrival_date", "!=", False)],
            ["team_id", "repair_on_time"],
            ["__count"],
        ):
            arrived[team] = arrived.get(team, 0) + count
            if is_on_time:
                on_time[team] = on_time.get(team, 0) + count
        for team in self:
            origin = team._origin
            team.open_repair_count = open_counts.get(origin, 0)
            team.repair_arrived_count = arrived.get(origin, 0)
            team.repair_on_time_rate = (
                repair_rate(on_time.get(origin, 0), arrived.get(origin, 0)) or 0.0
            )
