from datetime import datetime, time, timedelta

import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import is_html_empty

from .helpdesk_info_guard_mixin import RECORDED

CORRECTIVE_STATES = [
    ("draft", "Draft"),
    ("submitted", "Reply Submitted"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("done", "Done"),
]
# States in which the department still owes an approved written reply.
OPEN_STATES = ("draft", "submitted", "rejected")
DEADLINE_CRON = "helpdesk_property_info.ir_cron_watch_corrective_actions"
CS_MANAGER = "helpdesk_property_info.group_cs_manager"


class HelpdeskInfoSurveyCorrectiveAction(models.Model):
    """The corrective action (整改) of a department that a satisfaction survey
    found non-conforming (seed 001 §11, seed 003 二.1): an owner and a
    deadline; the department's written reply is approved by the community's
    project manager, then by the management-department manager. A reply not
    approved by the deadline is reported to its owner and the Customer
    Service managers, once."""

    _name = "helpdesk.info.survey.corrective.action"
    _description = "Survey Corrective Action"
    _inherit = ["helpdesk.info.approval.mixin", "helpdesk.info.watcher.mixin"]
    _order = "deadline, id"
    _check_company_auto = True

    _state_from = ["submitted"]
    _cancel_state = "cancel"
    _requester_field = "owner_id"

    campaign_id = fields.Many2one(
        "helpdesk.info.survey.campaign",
        string="Satisfaction Survey",
        required=True,
        ondelete="restrict",
        index=True,
        help="The survey whose results found the department non-conforming.",
    )
    community_id = fields.Many2one(
        related="campaign_id.community_id", store=True, string="Community"
    )
    company_id = fields.Many2one(
        related="campaign_id.company_id", store=True, index=True, string="Company"
    )
    project_manager_id = fields.Many2one(
        related="campaign_id.community_id.manager_id",
        string="Project Manager",
        help="The community's project manager: the first to approve the written reply.",
    )
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Department",
        required=True,
        ondelete="restrict",
        index=True,
        help="The non-conforming department that corrects and replies in writing.",
    )
    owner_id = fields.Many2one(
        "res.users",
        required=True,
        tracking=True,
        domain="[('share', '=', False)]",
        help="Who sees to the correction and writes the department's reply. "
        "Set by the Customer Service managers.",
    )
    deadline = fields.Date(
        required=True,
        tracking=True,
        help="The day by which the written reply must be approved. Set by the Customer "
        "Service managers.",
    )
    findings = fields.Html(
        readonly=True,
        sanitize=True,
        help="What the survey found about the department, from its results.",
    )
    reply = fields.Html(
        string="Written Reply",
        help="The department's written reply: causes and the corrective measures with "
        "their dates.",
    )
    state = fields.Selection(
        CORRECTIVE_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    submitted_date = fields.Datetime(
        string="Reply Submitted On", readonly=True, copy=False
    )
    done_date = fields.Datetime(
        string="Done On", readonly=True, copy=False, tracking=True
    )
    deadline_alerted = fields.Boolean(
        string="Overdue Reported",
        readonly=True,
        copy=False,
        help="The owner and the Customer Service managers were told the reply was not "
        "approved in time.",
    )
    deadline_next_check = fields.Datetime(
        compute="_compute_deadline_next_check",
        store=True,
        copy=False,
        help="When the deadline watcher next has something to do for this corrective "
        "action.",
    )
    overdue = fields.Boolean(
        compute="_compute_overdue", help="The reply was not approved by the deadline."
    )

    _campaign_team_uniq = models.UniqueIndex(
        "(campaign_id, team_id)",
        "A department has one corrective action per satisfaction survey.",
    )
    _deadline_next_check_idx = models.Index(
        "(deadline_next_check) WHERE deadline_next_check IS NOT NULL"
    )

    def _guarded_fields(self):
        return (
            super()._guarded_fields()
            | dict.fromkeys(
                (
                    "campaign_id",
                    "team_id",
                    "findings",
                    "submitted_date",
                    "done_date",
                    "deadline_alerted",
                    "deadline_next_check",
                ),
                None,
            )
            | {"owner_id": CS_MANAGER, "deadline": CS_MANAGER}
        )

    @api.depends("campaign_id.name", "team_id.name")
    def _compute_display_name(self):
        for action in self:
            action.display_name = self.env._(
                "Corrective action of %(department)s (%(campaign)s)",
                department=action.team_id.name or "",
                campaign=action.campaign_id.name or "",
            )

    def _deadline_end(self):
        """The end of the deadline day in the company's time zone, naive UTC."""
        self.ensure_one()
        tz = pytz.timezone(
            self.env["helpdesk.info.report"].sudo()._default_tz(self.company_id)
        )
        end = tz.localize(datetime.combine(self.deadline + timedelta(days=1), time.min))
        return end.astimezone(pytz.utc).replace(tzinfo=None)

    @api.depends("state", "deadline", "deadline_alerted")
    def _compute_deadline_next_check(self):
        for action in self:
            watched = (
                action.state in OPEN_STATES
                and action.deadline
                and not action.deadline_alerted
            )
            action.deadline_next_check = action._deadline_end() if watched else False

    @api.depends("state", "deadline")
    def _compute_overdue(self):
        now = fields.Datetime.now()
        for action in self:
            action.overdue = bool(
                action.state in OPEN_STATES
                and action.deadline
                and now >= action._deadline_end()
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        actions = super().create(vals_list)
        actions._schedule_deadline_watch()
        return actions

    def _approval_content_fields(self):
        return {"reply"}

    def _frozen_fields(self):
        # The deadline is watched, and may be moved, until the reply is approved.
        frozen = super()._frozen_fields()
        for state in self._approval_frozen_states():
            if state not in OPEN_STATES:
                frozen[state] = frozen.get(state, {}) | {"deadline": None}
        frozen[RECORDED] = frozen.get(RECORDED, {}) | {
            "reply": type(self)._may_write_reply
        }
        return frozen

    def _guard_frozen_hint(self, state):
        if state == "submitted":
            return self.env._("The written reply changes only after a rejection.")
        if state == RECORDED:
            return self.env._(
                "%s: only its owner, the department's members or a Customer "
                "Service manager write its reply.",
                self.display_name,
            )
        return super()._guard_frozen_hint(state)

    def write(self, vals):
        result = super().write(vals)
        if "deadline" in vals:
            # A new deadline is watched afresh.
            self.filtered("deadline_alerted")._write_by_action(
                {"deadline_alerted": False}
            )
            self._schedule_deadline_watch()
        return result

    def _may_write_reply(self):
        """Who writes the reply: its owner, the department, a Customer
        Service manager (a rule on people, not on groups)."""
        user = self.env.user
        return (
            user == self.owner_id
            or user in self.team_id.user_ids
            or user.has_groups(CS_MANAGER)
        )

    def _unlink_only_drafts(self):
        if any(action.state != "draft" for action in self):
            raise UserError(
                self.env._(
                    "A corrective action with a submitted reply is kept with its "
                    "survey."
                )
            )

    # ------------------------------------------------------------------
    # Creation from a survey's results
    # ------------------------------------------------------------------

    @api.model
    def _default_deadline(self):
        return fields.Date.context_today(self) + timedelta(days=15)

    @api.model
    def _create_for_campaigns(self, campaigns):
        """One corrective action per non-conforming department of each
        campaign that has none yet; returns the new ones."""
        existing = {
            (action.campaign_id, action.team_id)
            for action in self.sudo().search([("campaign_id", "in", campaigns.ids)])
        }
        vals_list = []
        for campaign in campaigns:
            for result in campaign.sudo().result_ids:
                team = result.team_id
                if (
                    not team
                    or not result.nonconforming_count
                    or (campaign, team) in existing
                ):
                    continue
                vals_list.append(
                    {
                        "campaign_id": campaign.id,
                        "team_id": team.id,
                        "owner_id": (
                            team.user_id or campaign.user_id or self.env.user
                        ).id,
                        "deadline": self._default_deadline(),
                        "findings": self._findings(result),
                    }
                )
        return self._tier_scope().create(vals_list).with_env(self.env)

    @api.model
    def _findings(self, result):
        lines = result.campaign_id._answer_lines(
            [
                ("non_conforming", "=", True),
                ("question_id.helpdesk_team_id", "=", result.team_id.id),
            ]
        )
        by_question = {}
        for line in lines:
            by_question[line.question_id.title] = (
                by_question.get(line.question_id.title, 0) + 1
            )
        items = Markup("").join(
            Markup("<li>%s: %s</li>") % (title, count)
            for title, count in sorted(by_question.items())
        )
        summary = self.env._(
            "Average satisfaction %(score).2f, conforming answers %(rate).1f%%, "
            "%(count)s non-conforming answers.",
            score=result.average_score,
            rate=result.satisfied_rate,
            count=result.nonconforming_count,
        )
        return (
            Markup("<p>%s</p><ul>%s</ul>") % (summary, items)
            if items
            else Markup("<p>%s</p>") % summary
        )

    # ------------------------------------------------------------------
    # Approval of the written reply
    # ------------------------------------------------------------------

    def _get_under_validation_exceptions(self):
        # The deadline is watched, and may be moved, while the reply is reviewed.
        return super()._get_under_validation_exceptions() + [
            "deadline",
            "owner_id",
            "deadline_alerted",
            "deadline_next_check",
        ]

    def _check_submittable(self):
        result = super()._check_submittable()
        user = self.env.user
        for action in self:
            if not (
                self.env.su
                or user == action.owner_id
                or user in action.team_id.user_ids
                or user.has_groups(CS_MANAGER)
            ):
                raise AccessError(
                    self.env._(
                        "%s: its owner or the department submits its reply.",
                        action.display_name,
                    )
                )
            if is_html_empty(action.reply):
                raise UserError(
                    self.env._(
                        "Write the department's reply before asking for its approval."
                    )
                )
            if not action.sudo().project_manager_id:
                raise UserError(
                    self.env._(
                        "%s has no project manager: set one on the community before "
                        "asking for the approval.",
                        action.community_id.name,
                    )
                )
            if action.sudo().project_manager_id == action.owner_id:
                raise UserError(
                    self.env._(
                        "The owner of %s is the community's project manager, who "
                        "approves the reply: "
                        "a Customer Service manager gives it another owner.",
                        action.display_name,
                    )
                )
        return result

    def _submission_vals(self):
        return super()._submission_vals() | {"submitted_date": fields.Datetime.now()}

    def _after_rejection(self):
        self.message_post(
            body=self.env._("Written reply rejected: %s", self.rejection_reason or ""),
            partner_ids=self.owner_id.partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )

    def _after_approval(self):
        approvers = self.review_ids.filtered(lambda r: r.status == "approved").done_by
        self.message_post(
            body=self.env._(
                "Written reply approved by %s.", ", ".join(approvers.mapped("name"))
            ),
            partner_ids=self.owner_id.partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )

    def action_done(self):
        """The corrective measures of the approved reply are carried out."""
        self.check_access("write")
        user = self.env.user
        for action in self:
            if action.state != "approved":
                raise UserError(
                    self.env._(
                        "%s: its reply is approved before it is done.",
                        action.display_name,
                    )
                )
            if not (
                self.env.su or user == action.owner_id or user.has_groups(CS_MANAGER)
            ):
                raise AccessError(
                    self.env._(
                        "%s: its owner or a Customer Service manager marks it done.",
                        action.display_name,
                    )
                )
        self._write_by_action({"state": "done", "done_date": fields.Datetime.now()})
        return True

    # ------------------------------------------------------------------
    # Deadline watcher
    # ------------------------------------------------------------------

    def _schedule_deadline_watch(self):
        checks = {
            action.deadline_next_check for action in self if action.deadline_next_check
        }
        if not checks:
            return
        cron_id = self.env["ir.model.data"]._xmlid_to_res_id(
            DEADLINE_CRON, raise_if_not_found=False
        )
        if cron_id:
            self.env["ir.cron"].sudo().browse(cron_id)._trigger(sorted(checks))

    @api.model
    def _cron_watch_deadlines(self, batch_size=200):
        """Report the replies not approved by their deadline. Selects only
        those, through the partial index on ``deadline_next_check``: a run
        with nothing due costs one query. Each action leaves the selection
        once reported."""
        self._watch_next_checks("deadline_next_check", "_alert_overdue", batch_size)

    def _alert_overdue(self):
        self.ensure_one()
        if self.state not in OPEN_STATES or self.deadline_alerted:
            return
        users = (
            self.owner_id
            | self.company_id._helpdesk_info_alert_users("group_cs_manager")
        ).filtered(lambda u: not u.share and self.company_id in u.company_ids)

        def summary(env):
            return env._(
                "Corrective action of %(department)s: the written reply was not "
                "approved by "
                "%(deadline)s.",
                department=self.team_id.with_env(env).name,
                deadline=fields.Date.to_string(self.deadline),
            )

        activity_type = self.env.ref(
            "helpdesk_property_info.mail_activity_corrective_action_overdue"
        )
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            [
                {
                    "activity_type_id": activity_type.id,
                    "res_model_id": self.env["ir.model"]._get_id(self._name),
                    "res_id": self.id,
                    "user_id": user.id,
                    "summary": summary(user._helpdesk_info_lang_env()),
                    "date_deadline": fields.Date.context_today(self),
                    "automated": True,
                }
                for user in users
            ]
        )
        self.message_post(
            body=Markup("<p>%s</p>") % summary(self.env),
            partner_ids=users.partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )
        self._write_by_action({"deadline_alerted": True})
