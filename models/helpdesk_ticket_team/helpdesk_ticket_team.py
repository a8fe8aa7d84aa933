from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

# What decides which team receives a company's new tickets.
INTAKE_TEAM_FIELDS = {"is_intake_team", "company_id", "active"}


class HelpdeskTicketTeam(models.Model):
    _name = "helpdesk.ticket.team"
    _inherit = [
        "helpdesk.ticket.team",
        "mail.activity.mixin",
        "helpdesk.info.guard.mixin",
    ]

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

    opinion_collection_date = fields.Date(
        string="Online Opinion Collected For",
        readonly=True,
        copy=False,
        help="The last day the supervisor was asked to collect online opinion.",
    )
    publication_summary_date = fields.Date(
        string="Monthly Publication Statistics For",
        readonly=True,
        copy=False,
        help="The first day of the last month whose publication statistics were "
        "posted.",
    )

    def _guarded_fields(self):
        # What the scheduled actions have done: written back, they would
        # skip or repeat a collection or a month's statistics.
        return (
            dict.fromkeys(("opinion_collection_date", "publication_summary_date"), None)
            | super()._guarded_fields()
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
        return self.browse(self._intake_team_id(company.id))

    @api.model
    @tools.ormcache("company_id")
    def _intake_team_id(self, company_id):
        # The company's choice, whoever creates the ticket; cached until a
        # team becomes or stops being an intake team (create, write, unlink).
        return (
            self.sudo()
            .search(
                [
                    ("is_intake_team", "=", True),
                    ("company_id", "in", [company_id, False]),
                ],
                order="company_id",
                limit=1,
            )
            .id
        )

    @api.model_create_multi
    def create(self, vals_list):
        teams = super().create(vals_list)
        if teams.filtered("is_intake_team"):
            self.env.registry.clear_cache()
        return teams

    def write(self, vals):
        intake = self.filtered("is_intake_team")
        result = super().write(vals)
        if INTAKE_TEAM_FIELDS & set(vals) and (
            intake or self.filtered("is_intake_team")
        ):
            self.env.registry.clear_cache()
        return result

    def unlink(self):
        if self.filtered("is_intake_team"):
            self.env.registry.clear_cache()
        return super().unlink()

    def _retrieve_dashboard(self):
        """helpdesk_mgmt's dashboard tiles, named in the addon's terms:
        helpdesk_mgmt ships no Chinese for its own."""
        names = {
            "helpdesk_mgmt.helpdesk_ticket_action_unassigned": self.env._(
                "Open Tickets without team"
            ),
            "helpdesk_mgmt.helpdesk_ticket_action_opened": self.env._("Open Tickets"),
        }
        tiles = super()._retrieve_dashboard()
        for tile in tiles:
            tile["name"] = names.get(tile.get("action"), tile["name"])
        return tiles

    def _local_tz(self):
        self.ensure_one()
        return pytz.timezone(self.resource_calendar_id.tz or self.env.user.tz or "UTC")

    def _local_today(self):
        """Today in the team calendar's time zone."""
        return (
            pytz.utc.localize(fields.Datetime.now()).astimezone(self._local_tz()).date()
        )

    def _local_day_start(self, day):
        """Midnight of ``day`` in the team calendar's time zone, as a UTC datetime."""
        start = self._local_tz().localize(datetime.combine(day, time.min))
        return start.astimezone(pytz.utc).replace(tzinfo=None)

    def _is_working_day(self, day):
        """Whether the team's calendar has working time on ``day`` (holidays
        excluded, make-up workdays included)."""
        calendar = self.resource_calendar_id
        if not calendar:
            return day.weekday() < 5
        tz = self._local_tz()
        start = tz.localize(datetime.combine(day, time.min))
        return bool(
            calendar._helpdesk_work_intervals(start, start + timedelta(days=1), tz)
        )
