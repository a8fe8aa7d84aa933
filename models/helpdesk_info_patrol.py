import logging
import random
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from .helpdesk_info_guard_mixin import in_action_scope, is_action

_logger = logging.getLogger(__name__)

PATROL_STATES = [("draft", "To Do"), ("in_progress", "In Progress"), ("done", "Done")]
PATROLLERS = "helpdesk_property_info.group_cs_agent"
PATROL_MANAGERS = "helpdesk_property_info.group_cs_manager"


def patrol_line_state_label(env, state):
    """How a line of a patrol (floor, checklist line, verification) in the
    patrol's ``state`` reads in a refusal."""
    labels = {
        "draft": env._("on a patrol not started"),
        "in_progress": env._("on a patrol under way"),
        "done": env._("on a patrol that is done"),
    }
    return labels.get(state, state)


class HelpdeskInfoPatrol(models.Model):
    """The daily patrol (日常巡查, seed 001 §10) of a community: at least one a
    day, sampling floors at random with the floor inspection sheet; every
    problem found becomes a ticket within 30 minutes and is checked again on
    the next day's patrol."""

    _name = "helpdesk.info.patrol"
    _description = "Daily Patrol"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "helpdesk.info.guard.mixin",
        "helpdesk.info.watcher.mixin",
    ]
    _order = "date desc, community_id, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    community_id = fields.Many2one(
        "helpdesk.info.community",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
        help="The community patrolled.",
    )
    date = fields.Date(
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.company._reception_local_date(),
        help="The day of the patrol, in the company's time zone.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Inspector",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain=lambda self: [("all_group_ids", "in", self.env.ref(PATROLLERS).id)],
        help="The customer assistant who walks the patrol; whoever starts an "
        "unassigned patrol becomes its inspector. Set by Customer Service managers.",
    )
    state = fields.Selection(
        PATROL_STATES,
        required=True,
        default="draft",
        index=True,
        tracking=True,
        copy=False,
    )
    started_at = fields.Datetime(
        string="Started", readonly=True, copy=False, tracking=True
    )
    finished_at = fields.Datetime(
        string="Finished", readonly=True, copy=False, tracking=True
    )
    company_id = fields.Many2one(
        related="community_id.company_id", store=True, index=True, precompute=True
    )
    floor_ids = fields.One2many(
        "helpdesk.info.patrol.floor",
        "patrol_id",
        string="Floor Inspection Sheets",
        copy=False,
        help="The floors checked with the floor inspection sheet (《楼层巡检表》).",
    )
    # Computed from the floors' sheets, not read back from the database, so
    # that the form shows a problem as soon as a floor's sheet records it,
    # before the patrol is saved: what the completion checks.
    finding_ids = fields.One2many(
        "helpdesk.info.patrol.check",
        string="Findings",
        compute="_compute_finding_figures",
        search="_search_finding_ids",
        help="The problems found on this patrol; each becomes a ticket.",
    )
    verification_ids = fields.One2many(
        "helpdesk.info.patrol.verification",
        "patrol_id",
        string="Verifications",
        copy=False,
        help="The problems found on earlier patrols, checked again on site "
        "(seed 001 §10: by the next day at the latest).",
    )
    note = fields.Html(
        string="Notes",
        help="Grounds, greenery, lobby, car park and what else was seen.",
    )
    required_floor_count = fields.Integer(
        compute="_compute_required_floor_count",
        help="Floors the patrol must check before it is done.",
    )
    checked_floor_count = fields.Integer(
        string="Floors Checked", compute="_compute_checked_floor_count"
    )
    finding_count = fields.Integer(
        string="Problems Found", compute="_compute_finding_figures"
    )
    finding_without_ticket_count = fields.Integer(
        string="Problems without Ticket", compute="_compute_finding_figures"
    )
    verification_open_count = fields.Integer(
        string="Verifications to Answer", compute="_compute_verification_open_count"
    )

    def _guarded_fields(self):
        # The buttons move the patrol and date it; managers plan the day and
        # the inspector of a patrol, agents take a patrol by starting it.
        return (
            dict.fromkeys(("state", "started_at", "finished_at", "company_id"), None)
            | {
                "date": PATROL_MANAGERS,
                "user_id": PATROL_MANAGERS,
            }
            | super()._guarded_fields()
        )

    def _frozen_fields(self):
        # The community patrolled once under way; what a done patrol recorded.
        return {
            "in_progress": {"community_id": None},
            "done": dict.fromkeys(("community_id", "date", "user_id"), None),
        } | super()._frozen_fields()

    @api.depends("community_id.name", "date")
    def _compute_name(self):
        for patrol in self:
            patrol.name = " ".join(
                part
                for part in (
                    patrol.community_id.name,
                    fields.Date.to_string(patrol.date),
                )
                if part
            )

    @api.depends("floor_ids.check_ids.result")
    def _compute_checked_floor_count(self):
        for patrol in self:
            patrol.checked_floor_count = sum(
                1 for floor in patrol.floor_ids if floor.checked
            )

    @api.depends(
        "community_id.building_ids.floor_count", "company_id.patrol_floor_count"
    )
    def _compute_required_floor_count(self):
        """The company's count, or every floor of a smaller community; the
        communities' floors counted once for all the patrols shown."""
        floors = self._community_floor_counts(self.community_id)
        for patrol in self:
            wanted = (patrol.company_id or self.env.company).patrol_floor_count
            patrol.required_floor_count = (
                min(wanted, floors.get(patrol.community_id, 0))
                if patrol.community_id
                else wanted
            )

    @api.model
    def _community_floor_counts(self, communities):
        """{community: number of floors}, counted as ``building._floors()``
        does: a building's floor count, else its units' floors."""
        buildings = self.env["helpdesk.info.building"].search(
            [("community_id", "in", communities.ids)]
        )
        counted = buildings.filtered(lambda b: b.floor_count > 0)
        counts = defaultdict(int)
        for building in counted:
            counts[building.community_id] += building.floor_count
        for building, _floor in self.env["helpdesk.info.unit"]._read_group(
            [("building_id", "in", (buildings - counted).ids), ("floor", ">", 0)],
            ["building_id", "floor"],
        ):
            counts[building.community_id] += 1
        return counts

    @api.depends("floor_ids.check_ids.result", "floor_ids.check_ids.ticket_id")
    def _compute_finding_figures(self):
        for patrol in self:
            checks = patrol.floor_ids.check_ids
            findings = checks.filtered(lambda c: c.result == "problem")
            patrol.finding_ids = findings
            patrol.finding_count = len(findings)
            patrol.finding_without_ticket_count = len(
                findings.filtered(lambda c: not c.ticket_id)
            )

    def _search_finding_ids(self, operator, value):
        if operator not in ("any", "not any"):
            return NotImplemented
        problems = Domain("result", "=", "problem") & Domain(value)
        return Domain("floor_ids.check_ids", operator, problems)

    @api.depends("verification_ids.result")
    def _compute_verification_open_count(self):
        for patrol in self:
            patrol.verification_open_count = len(
                patrol.verification_ids.filtered(lambda v: not v.result)
            )

    def _candidate_floors(self):
        self.ensure_one()
        buildings = self.env["helpdesk.info.building"].search(
            [("community_id", "=", self.community_id.id)]
        )
        return [
            (building, floor) for building in buildings for floor in building._floors()
        ]

    # ------------------------------------------------------------------
    # Creation: floors proposed at random, earlier findings to verify
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        patrols = super().create(vals_list)
        for patrol in patrols:
            patrol._add_verifications()
        return patrols

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(patrol.state != "draft" for patrol in self):
            raise UserError(self.env._("Only a patrol not yet started can be deleted."))

    def _add_verifications(self):
        """A verification line for each problem found on an earlier patrol of
        the community that is not verified fixed and waits on no other open
        patrol."""
        self.ensure_one()
        Check = self.env["helpdesk.info.patrol.check"].sudo()
        findings = Check.search(
            [
                ("community_id", "=", self.community_id.id),
                ("result", "=", "problem"),
                ("verified", "=", False),
                ("patrol_id.date", "<", self.date),
            ]
        )
        pending = (
            self.env["helpdesk.info.patrol.verification"]
            .sudo()
            .search(
                [
                    ("check_id", "in", findings.ids),
                    ("patrol_id.state", "!=", "done"),
                ]
            )
            .check_id
        )
        findings -= pending
        if findings:
            self.env["helpdesk.info.patrol.verification"].sudo().create(
                [{"patrol_id": self.id, "check_id": finding.id} for finding in findings]
            )

    def action_propose_floors(self):
        """Add floors picked at random among the community's buildings until
        the patrol has the floors it needs."""
        self._check_patroller()
        for patrol in self:
            if patrol.state == "done":
                raise UserError(
                    self.env._(
                        "The patrol %s is done: its floors are fixed.", patrol.name
                    )
                )
            patrol._propose_floors()
        return True

    def _propose_floors(self, rng=random):
        self.ensure_one()
        taken = {(floor.building_id, floor.floor) for floor in self.floor_ids}
        candidates = [pair for pair in self._candidate_floors() if pair not in taken]
        missing = self.required_floor_count - len(self.floor_ids)
        if missing <= 0 or not candidates:
            return
        picked = rng.sample(candidates, min(missing, len(candidates)))
        self.env["helpdesk.info.patrol.floor"].sudo().create(
            [
                {
                    "patrol_id": self.id,
                    "building_id": building.id,
                    "floor": floor,
                    "drawn": True,
                }
                for building, floor in sorted(
                    picked, key=lambda pair: (pair[0].sequence, pair[0].id, pair[1])
                )
            ]
        )

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------

    def _check_patroller(self):
        if not self.env.su and not self.env.user.has_group(PATROLLERS):
            raise UserError(self.env._("Only Customer Service walks patrols."))
        self.check_access("write")

    def _check_floors_editable(self):
        if not is_action(self) and any(patrol.state == "done" for patrol in self):
            raise UserError(self.env._("A patrol that is done keeps its floors."))

    def action_start(self):
        """Start the patrol; an unassigned one becomes the caller's."""
        self._check_patroller()
        is_manager = self.env.user.has_group(PATROL_MANAGERS)
        for patrol in self:
            if patrol.state != "draft":
                raise UserError(
                    self.env._("The patrol %s has already started.", patrol.name)
                )
            if patrol.user_id and patrol.user_id != self.env.user and not is_manager:
                raise UserError(
                    self.env._(
                        "The patrol %(patrol)s is %(user)s's.",
                        patrol=patrol.name,
                        user=patrol.user_id.name,
                    )
                )
            vals = {"state": "in_progress", "started_at": fields.Datetime.now()}
            if not patrol.user_id:
                vals["user_id"] = self.env.user.id
            patrol._write_by_action(vals)
            if not patrol.floor_ids:
                patrol._propose_floors()
        return True

    def action_done(self):
        """Close the patrol: enough floors checked, every problem passed on as
        a ticket, every earlier problem verified on site."""
        self._check_patroller()
        for patrol in self:
            if patrol.state != "in_progress":
                raise UserError(self.env._("Only a patrol under way can be completed."))
            patrol._check_completion()
        for patrol in self:
            for line in patrol.verification_ids.filtered(lambda v: v.result == "fixed"):
                line.check_id._write_by_action(
                    {"verified": True, "verified_patrol_id": patrol.id}
                )
            patrol._write_by_action(
                {"state": "done", "finished_at": fields.Datetime.now()}
            )
        return True

    def _check_completion(self):
        self.ensure_one()
        problems = []
        checked, required = self.checked_floor_count, self.required_floor_count
        if checked < required:
            problems.append(
                self.env._(
                    "%(checked)s of the %(required)s floors required are fully "
                    "checked.",
                    checked=checked,
                    required=required,
                )
            )
        unchecked = self.floor_ids.check_ids.filtered(lambda c: not c.result)
        if unchecked:
            problems.append(
                self.env._(
                    "%(count)s checklist items of the floors are not answered: "
                    "%(items)s.",
                    count=len(unchecked),
                    items=self._items_by_floor(unchecked),
                )
            )
        without_ticket = self.finding_ids.filtered(lambda c: not c.ticket_id)
        if without_ticket:
            problems.append(
                self.env._(
                    "%(count)s problems found have no ticket yet: %(items)s.",
                    count=len(without_ticket),
                    items=", ".join(without_ticket.mapped("display_name")),
                )
            )
        unverified = self.verification_ids.filtered(lambda v: not v.result)
        if unverified:
            problems.append(
                self.env._(
                    "%(count)s problems of earlier patrols are not verified yet: "
                    "%(items)s.",
                    count=len(unverified),
                    items=", ".join(unverified.check_id.mapped("display_name")),
                )
            )
        if problems:
            raise UserError(
                self.env._("The patrol %s cannot be completed:", self.name)
                + "\n- "
                + "\n- ".join(problems)
            )

    def _items_by_floor(self, checks):
        """The refusal's list: each floor with its items among ``checks``,
        or "none answered" for a floor not begun."""
        parts = []
        for floor in checks.floor_line_id:
            floor_checks = checks.filtered(
                lambda c, floor=floor: c.floor_line_id == floor
            )
            items = (
                self.env._("none answered")
                if floor_checks == floor.check_ids
                else ", ".join(floor_checks.item_id.mapped("name"))
            )
            parts.append(f"{floor.display_name}: {items}")
        return "; ".join(parts)

    # ------------------------------------------------------------------
    # Daily patrols (seed 001 §10: at least one a day per community)
    # ------------------------------------------------------------------

    @api.model
    def _cron_daily_patrols(self):
        """Give each active community its patrol of the day, and tell its
        manager on call (else the Customer Service managers) when yesterday
        ended without a patrol done.
        Runs hourly and does nothing twice."""
        for community in self.env["helpdesk.info.community"].sudo().search([]):
            try:
                with self.env.cr.savepoint():
                    lang = community.company_id._helpdesk_info_lang()
                    self.sudo().with_context(lang=lang)._plan_day(community)
            except Exception:
                _logger.exception("Daily patrol: community %s skipped", community.id)

    @api.model
    def _plan_day(self, community):
        today = community.company_id._reception_local_date()
        patrols = self.search(
            [
                ("community_id", "=", community.id),
                ("date", "in", [today - timedelta(days=1), today]),
            ]
        )
        todays = patrols.filtered(lambda p: p.date == today)
        if not todays:
            todays = in_action_scope(self).create(
                {
                    "community_id": community.id,
                    "date": today,
                    "user_id": community.team_id.user_id.id,
                }
            )
            todays._propose_floors()
            todays.message_post(
                body=self.env._(
                    "Patrol of the day created, with floors proposed at random."
                ),
                subtype_xmlid="mail.mt_note",
            )
        # Yesterday's patrol exists when the community was patrolled-to-be
        # (the scheduled action made it): a new community is not alerted.
        yesterdays = patrols.filtered(lambda p: p.date == today - timedelta(days=1))
        if yesterdays and not yesterdays.filtered(lambda p: p.state == "done"):
            todays[:1]._alert_missed_day(today - timedelta(days=1))

    def _alert_missed_day(self, day):
        self.ensure_one()
        activity_type = self.env.ref(
            "helpdesk_property_info.mail_activity_patrol_missed"
        )
        if self.activity_ids.filtered(lambda a: a.activity_type_id == activity_type):
            return

        def summary(env):
            return env._(
                "No patrol of %(community)s was completed on %(day)s",
                community=self.community_id.name,
                day=fields.Date.to_string(day),
            )

        # The community's manager on call, else the Customer Service managers.
        recipients = self.env["helpdesk.info.duty.shift"]._alert_recipients(
            self, lambda patrol: patrol.community_id
        )[self]
        self.env["mail.activity"].create(
            [
                {
                    "activity_type_id": activity_type.id,
                    "res_model_id": self.env["ir.model"]._get_id(self._name),
                    "res_id": self.id,
                    "user_id": user.id,
                    "summary": summary(user._helpdesk_info_lang_env()),
                    "date_deadline": self.date,
                    "automated": True,
                }
                for user in recipients
            ]
        )
        self.message_post(
            body=Markup("<p>%s</p>") % summary(self.env), subtype_xmlid="mail.mt_note"
        )
