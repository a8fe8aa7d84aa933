import logging
from datetime import datetime, time, timedelta

import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import is_html_empty

_logger = logging.getLogger(__name__)

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
    _inherit = ["mail.thread", "mail.activity.mixin", "helpdesk.info.tier.guard.mixin"]
    _order = "deadline, id"
    _check_company_auto = True

    _state_from = ["submitted"]
    _state_to = ["approved"]
    _cancel_state = "cancel"
    _tier_validation_manual_config = False

    campaign_id = fields.Many2one(
        "helpdesk.info.survey.campaign",
        string="Satisfaction Survey",
        required=True,
        ondelete="restrict",
        index=True,
        help="The survey whose results found the department non-conforming.",
    )
    community_id = fields.Many2one(related="campaign_id.community_id", store=True, string="Community")
    company_id = fields.Many2one(related="campaign_id.company_id", store=True, index=True, string="Company")
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
        string="Owner",
        required=True,
        tracking=True,
        domain="[('share', '=', False)]",
        help="Who sees to the correction and writes the department's reply. "
        "Set by the Customer Service managers.",
    )
    deadline = fields.Date(
        required=True,
        tracking=True,
        help="The day by which the written reply must be approved. Set by the Customer Service managers.",
    )
    findings = fields.Html(
        readonly=True,
        sanitize=True,
        help="What the survey found about the department, from its results.",
    )
    reply = fields.Html(
        string="Written Reply",
        help="The department's written reply: causes and the corrective measures with their dates.",
    )
    state = fields.Selection(
        CORRECTIVE_STATES, default="draft", required=True, readonly=True, copy=False, tracking=True, index=True
    )
    submitted_date = fields.Datetime(string="Reply Submitted On", readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False)
    approved_date = fields.Datetime(string="Approved On", readonly=True, copy=False, tracking=True)
    rejection_reason = fields.Text(readonly=True, copy=False)
    done_date = fields.Datetime(string="Done On", readonly=True, copy=False, tracking=True)
    deadline_alerted = fields.Boolean(
        string="Overdue Reported",
        readonly=True,
        copy=False,
        help="The owner and the Customer Service managers were told the reply was not approved in time.",
    )
    deadline_next_check = fields.Datetime(
        compute="_compute_deadline_next_check",
        store=True,
        copy=False,
        help="When the deadline watcher next has something to do for this corrective action.",
    )
    overdue = fields.Boolean(compute="_compute_overdue", help="The reply was not approved by the deadline.")

    _campaign_team_uniq = models.UniqueIndex(
        "(campaign_id, team_id)", "A department has one corrective action per satisfaction survey."
    )
    _deadline_next_check_idx = models.Index("(deadline_next_check) WHERE deadline_next_check IS NOT NULL")

    def _guarded_fields(self):
        managers = CS_MANAGER
        return (
            dict.fromkeys(
                (
                    "campaign_id", "team_id", "findings", "state", "submitted_date", "approved_by_id",
                    "approved_date", "rejection_reason", "done_date", "deadline_alerted",
                    "deadline_next_check",
                ),
                None,
            )
            | {"owner_id": managers, "deadline": managers}
            | super()._guarded_fields()
        )

    def _tier_excluded_reviewers(self):
        self.ensure_one()
        return self.owner_id

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
        tz = pytz.timezone(self.env["helpdesk.info.report"].sudo()._default_tz(self.company_id))
        end = tz.localize(datetime.combine(self.deadline + timedelta(days=1), time.min))
        return end.astimezone(pytz.utc).replace(tzinfo=None)

    @api.depends("state", "deadline", "deadline_alerted")
    def _compute_deadline_next_check(self):
        for action in self:
            watched = action.state in OPEN_STATES and action.deadline and not action.deadline_alerted
            action.deadline_next_check = action._deadline_end() if watched else False

    @api.depends("state", "deadline")
    def _compute_overdue(self):
        now = fields.Datetime.now()
        for action in self:
            action.overdue = bool(
                action.state in OPEN_STATES and action.deadline and now >= action._deadline_end()
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        actions = super().create(vals_list)
        actions._schedule_deadline_watch()
        return actions

    def write(self, vals):
        if "reply" in vals:
            self._check_reply_writable()
        if "deadline" in vals and self.filtered(lambda a: a.state not in OPEN_STATES):
            raise UserError(self.env._("The deadline of an approved corrective action no longer changes."))
        result = super().write(vals)
        if "deadline" in vals:
            # A new deadline is watched afresh.
            self.filtered("deadline_alerted")._write_by_action({"deadline_alerted": False})
            self._schedule_deadline_watch()
        return result

    def _check_reply_writable(self):
        user = self.env.user
        for action in self:
            if action.state not in ("draft", "rejected"):
                raise UserError(
                    self.env._(
                        "%s: the written reply is submitted; it changes only after a rejection.",
                        action.display_name,
                    )
                )
            if not (self.env.su or user == action.owner_id or user in action.team_id.user_ids
                    or user.has_groups(CS_MANAGER)):
                raise AccessError(
                    self.env._(
                        "%s: only its owner, the department's members or a Customer Service manager "
                        "write its reply.",
                        action.display_name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(action.state != "draft" for action in self):
            raise UserError(self.env._("A corrective action with a submitted reply is kept with its survey."))

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
                if not team or not result.nonconforming_count or (campaign, team) in existing:
                    continue
                vals_list.append({
                    "campaign_id": campaign.id,
                    "team_id": team.id,
                    "owner_id": (team.user_id or campaign.user_id or self.env.user).id,
                    "deadline": self._default_deadline(),
                    "findings": self._findings(result),
                })
        return self._tier_scope().create(vals_list).with_env(self.env)

    @api.model
    def _findings(self, result):
        lines = result.campaign_id._answer_lines(
            [("non_conforming", "=", True), ("question_id.helpdesk_team_id", "=", result.team_id.id)]
        )
        by_question = {}
        for line in lines:
            by_question[line.question_id.title] = by_question.get(line.question_id.title, 0) + 1
        items = Markup("").join(
            Markup("<li>%s: %s</li>") % (title, count) for title, count in sorted(by_question.items())
        )
        summary = self.env._(
            "Average satisfaction %(score).2f, conforming answers %(rate).1f%%, "
            "%(count)s non-conforming answers.",
            score=result.average_score,
            rate=result.satisfied_rate,
            count=result.nonconforming_count,
        )
        return Markup("<p>%s</p><ul>%s</ul>") % (summary, items) if items else Markup("<p>%s</p>") % summary

    # ------------------------------------------------------------------
    # Approval of the written reply
    # ------------------------------------------------------------------

    def _get_tier_validation_readonly_domain(self):
        return "state == 'submitted'"

    def _get_under_validation_exceptions(self):
        # The deadline is watched, and may be moved, while the reply is reviewed.
        return super()._get_under_validation_exceptions() + [
            "deadline", "owner_id", "deadline_alerted", "deadline_next_check",
        ]

    @api.depends("state", "review_ids")
    def _compute_need_validation(self):
        return super()._compute_need_validation()

    def action_submit_reply(self):
        """Ask the project manager and the management-department manager to
        approve the written reply."""
        self.check_access("write")
        user = self.env.user
        for action in self:
            if action.state not in ("draft", "rejected"):
                raise UserError(self.env._("Only a draft or rejected reply is submitted for approval."))
            if not (self.env.su or user == action.owner_id or user in action.team_id.user_ids
                    or user.has_groups(CS_MANAGER)):
                raise AccessError(
                    self.env._("%s: its owner or the department submits its reply.", action.display_name)
                )
            if is_html_empty(action.reply):
                raise UserError(self.env._("Write the department's reply before asking for its approval."))
            if not action.sudo().project_manager_id:
                raise UserError(
                    self.env._(
                        "%s has no project manager: set one on the community before asking for the approval.",
                        action.community_id.name,
                    )
                )
            if action.sudo().project_manager_id == action.owner_id:
                raise UserError(
                    self.env._(
                        "The owner of %s is the community's project manager, who approves the reply: "
                        "a Customer Service manager gives it another owner.",
                        action.display_name,
                    )
                )
        self._write_by_action({"state": "submitted", "submitted_date": fields.Datetime.now(),
                               "rejection_reason": False})
        self.invalidate_recordset(["need_validation"])
        reviews = self.request_validation()
        for action in self:
            if not reviews.filtered(lambda r, rec=action: r.res_id == rec.id):
                raise UserError(
                    self.env._(
                        "No approval tier applies to %s: ask an administrator to configure the "
                        "corrective action tiers.",
                        action.display_name,
                    )
                )
        return True

    def validate_tier(self):
        self.ensure_one()
        if self.owner_id == self.env.user:
            raise UserError(self.env._("You own %s: others approve its reply.", self.display_name))
        if not self.env.su and not self.review_ids.filtered(
            lambda r: r.status == "pending" and self.env.user in r.reviewer_ids
        ):
            raise UserError(
                self.env._(
                    "The reply of %s waits for another reviewer: you are not among its current reviewers.",
                    self.display_name,
                )
            )
        return super().validate_tier() or True

    def reject_tier(self):
        return self._reject_asking_reason()

    def _validate_tier(self, tiers=False):
        result = super()._validate_tier(tiers)
        if self.state == "submitted" and self.validation_status == "validated":
            self._approve()
        return result

    def _rejected_tier(self, tiers=False):
        result = super()._rejected_tier(tiers)
        if self.state == "submitted" and self.validation_status == "rejected":
            self._tier_scope().with_context(skip_validation_check=True).write(
                {"state": "rejected", "rejection_reason": self._rejection_reasons()}
            )
            self.message_post(
                body=self.env._("Written reply rejected: %s", self.rejection_reason or ""),
                partner_ids=self.owner_id.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )
        return result

    def _approve(self):
        self.ensure_one()
        approvers = self.review_ids.filtered(
            lambda r: r.status == "approved" and r.done_by and r.done_by != self.owner_id
        ).done_by
        if not approvers:
            raise UserError(self.env._("A corrective action's reply is approved by others than its owner."))
        self.invalidate_recordset(["need_validation"])
        self._write_by_action(
            {"state": "approved", "approved_by_id": approvers[-1].id, "approved_date": fields.Datetime.now()}
        )
        self.message_post(
            body=self.env._("Written reply approved by %s.", ", ".join(approvers.mapped("name"))),
            partner_ids=self.owner_id.partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )

    def action_draft(self):
        """Back to draft to revise a rejected reply."""
        for action in self:
            if action.state != "rejected":
                raise UserError(self.env._("Only a rejected reply goes back to draft."))
        self.check_access("write")
        self._write_by_action({"state": "draft"})
        return True

    def action_done(self):
        """The corrective measures of the approved reply are carried out."""
        self.check_access("write")
        user = self.env.user
        for action in self:
            if action.state != "approved":
                raise UserError(self.env._("%s: its reply is approved before it is done.", action.display_name))
            if not (self.env.su or user == action.owner_id or user.has_groups(CS_MANAGER)):
                raise AccessError(
                    self.env._("%s: its owner or a Customer Service manager marks it done.", action.display_name)
                )
        self._write_by_action({"state": "done", "done_date": fields.Datetime.now()})
        return True

    # ------------------------------------------------------------------
    # Deadline watcher
    # ------------------------------------------------------------------

    def _schedule_deadline_watch(self):
        checks = {action.deadline_next_check for action in self if action.deadline_next_check}
        if not checks:
            return
        cron_id = self.env["ir.model.data"]._xmlid_to_res_id(DEADLINE_CRON, raise_if_not_found=False)
        if cron_id:
            self.env["ir.cron"].sudo().browse(cron_id)._trigger(sorted(checks))

    @api.model
    def _cron_watch_deadlines(self, batch_size=200):
        """Report the replies not approved by their deadline. Selects only
        those, through the partial index on ``deadline_next_check``: a run
        with nothing due costs one query. Each action leaves the selection
        once reported."""
        Cron = self.env["ir.cron"]
        failed = []
        domain = Domain("deadline_next_check", "<=", fields.Datetime.now())
        while actions := self.search(
            domain & Domain("id", "not in", failed), limit=batch_size, order="deadline_next_check, id"
        ):
            locked = actions.try_lock_for_update()
            if not locked:
                break
            for action in locked:
                try:
                    with self.env.cr.savepoint():
                        action._alert_overdue()
                except Exception:
                    _logger.exception("Corrective action %s: overdue alert failed, left for the next run", action.id)
                    failed.append(action.id)
            remaining = len(actions) == batch_size
            if not Cron._commit_progress(len(locked), remaining=int(remaining)) or not remaining:
                break

    def _company_users(self, group):
        group_id = self.env["ir.model.data"]._xmlid_to_res_id(f"helpdesk_property_info.{group}")
        users = self.env["res.groups"].sudo().browse(group_id).all_user_ids
        return users.filtered(lambda u: not u.share and self.company_id in u.company_ids).sudo(False)

    def _alert_overdue(self):
        self.ensure_one()
        if self.state not in OPEN_STATES or self.deadline_alerted:
            return
        users = (self.owner_id | self._company_users("group_cs_manager")).filtered(
            lambda u: not u.share and self.company_id in u.company_ids
        )
        summary = self.env._(
            "Corrective action of %(department)s: the written reply was not approved by %(deadline)s.",
            department=self.team_id.name,
            deadline=fields.Date.to_string(self.deadline),
        )
        activity_type = self.env.ref("helpdesk_property_info.mail_activity_corrective_action_overdue")
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create([
            {
                "activity_type_id": activity_type.id,
                "res_model_id": self.env["ir.model"]._get_id(self._name),
                "res_id": self.id,
                "user_id": user.id,
                "summary": summary,
                "date_deadline": fields.Date.context_today(self),
                "automated": True,
            }
            for user in users
        ])
        self.message_post(
            body=Markup("<p>%s</p>") % summary,
            partner_ids=users.partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )
        self._write_by_action({"deadline_alerted": True})
