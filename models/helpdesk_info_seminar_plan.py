from odoo import api, fields, models
from odoo.exceptions import UserError

PLAN_STATES = [
    ("draft", "Draft"),
    ("submitted", "Waiting Approval"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
]


class HelpdeskInfoSeminarPlan(models.Model):
    """The year's owners' seminar plan (业主座谈会计划, seed 003 沟通计划): the
    seminars of the company's communities with their time, place, content
    and participants. A company leader approves it; each seminar of an
    approved plan is held as a calendar event. Changing an approved plan
    sends it back for approval; the events follow the plan as approved."""

    _name = "helpdesk.info.seminar.plan"
    _description = "Owners' Seminar Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "helpdesk.info.tier.guard.mixin"]
    _order = "year desc, id desc"
    _check_company_auto = True

    _state_from = ["submitted"]
    _state_to = ["approved"]
    _cancel_state = "cancel"
    _tier_validation_manual_config = False

    name = fields.Char(
        compute="_compute_name", store=True, readonly=False, precompute=True, required=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company, tracking=True
    )
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
        tracking=True,
        help="The year whose seminars the plan holds.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
        help="Who draws the plan up and asks for its approval.",
    )
    seminar_ids = fields.One2many(
        "helpdesk.info.seminar", "plan_id", string="Seminars", copy=True
    )
    seminar_count = fields.Integer(string="Number of Seminars", compute="_compute_seminar_count")
    state = fields.Selection(
        PLAN_STATES, default="draft", required=True, readonly=True, copy=False, tracking=True, index=True
    )
    approved_by_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False)
    approved_date = fields.Datetime(string="Approved On", readonly=True, copy=False, tracking=True)
    rejection_reason = fields.Text(readonly=True, copy=False)
    note = fields.Html(string="Notes")

    _company_year_uniq = models.UniqueIndex(
        "(company_id, year)",
        "The company already has a seminar plan for this year: change it rather than writing another.",
    )

    def _guarded_fields(self):
        return dict.fromkeys(
            ("state", "approved_by_id", "approved_date", "rejection_reason"), None
        ) | super()._guarded_fields()

    @api.depends("year")
    def _compute_name(self):
        for plan in self:
            plan.name = self.env._("Owners' seminar plan %s", plan.year or "")

    @api.depends("seminar_ids")
    def _compute_seminar_count(self):
        for plan in self:
            plan.seminar_count = len(plan.seminar_ids)

    # Fields whose change on an approved plan sends it back for approval.
    _plan_content_fields = ("year", "company_id", "note")

    def write(self, vals):
        if set(vals) & set(self._plan_content_fields):
            self._check_changeable()
        result = super().write(vals)
        if set(vals) & set(self._plan_content_fields):
            self._back_to_approval()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(plan.state not in ("draft", "rejected") for plan in self):
            raise UserError(self.env._("A seminar plan submitted or approved is kept: change it instead."))

    def _check_changeable(self):
        for plan in self:
            if plan.state == "submitted":
                raise UserError(
                    self.env._("%s waits for its approval: it changes once approved or rejected.", plan.name)
                )

    def _back_to_approval(self):
        """An approved plan that changes is approved again."""
        approved = self.filtered(lambda p: p.state == "approved")
        if not approved:
            return
        # Moving back to the reviewed state removes the former reviews.
        approved._submit()
        for plan in approved:
            plan.message_post(
                body=self.env._("The approved plan changed: it waits for a new approval."),
                subtype_xmlid="mail.mt_note",
            )

    # ------------------------------------------------------------------
    # Approval
    # ------------------------------------------------------------------

    def _get_tier_validation_readonly_domain(self):
        return "state == 'submitted'"

    @api.depends("state", "review_ids")
    def _compute_need_validation(self):
        return super()._compute_need_validation()

    def action_submit(self):
        """Ask a company leader to approve the plan."""
        self.check_access("write")
        for plan in self:
            if plan.state not in ("draft", "rejected"):
                raise UserError(self.env._("Only a draft or rejected seminar plan is submitted for approval."))
        self._submit()
        return True

    def _submit(self):
        for plan in self:
            if not plan.seminar_ids:
                raise UserError(self.env._("%s has no seminar: plan them before asking for approval.", plan.name))
        self._write_by_action({"state": "submitted", "rejection_reason": False})
        self.invalidate_recordset(["need_validation"])
        reviews = self.request_validation()
        for plan in self:
            if not reviews.filtered(lambda r, rec=plan: r.res_id == rec.id):
                raise UserError(
                    self.env._(
                        "No approval tier applies to %s: ask an administrator to configure the "
                        "seminar plan tiers.",
                        plan.name,
                    )
                )

    def validate_tier(self):
        self.ensure_one()
        if not self.env.su and not self.review_ids.filtered(
            lambda r: r.status == "pending" and self.env.user in r.reviewer_ids
        ):
            raise UserError(
                self.env._("%s waits for a company leader's approval: you are not among its reviewers.", self.name)
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
                body=self.env._("Seminar plan rejected: %s", self.rejection_reason or ""),
                subtype_xmlid="mail.mt_note",
            )
        return result

    def _approve(self):
        self.ensure_one()
        approvers = self.review_ids.filtered(lambda r: r.status == "approved" and r.done_by).done_by
        self.invalidate_recordset(["need_validation"])
        self._write_by_action(
            {"state": "approved", "approved_by_id": approvers[-1:].id, "approved_date": fields.Datetime.now()}
        )
        self.seminar_ids._sync_events()
        self.message_post(
            body=self.env._(
                "Seminar plan approved by %s: its seminars are in the calendar.",
                ", ".join(approvers.mapped("name")),
            ),
            subtype_xmlid="mail.mt_note",
        )

    def action_draft(self):
        """Back to draft to revise a rejected plan."""
        for plan in self:
            if plan.state != "rejected":
                raise UserError(self.env._("Only a rejected seminar plan goes back to draft."))
        self.check_access("write")
        self._write_by_action({"state": "draft"})
        return True

    def action_view_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("calendar.action_calendar_event")
        action.update({
            "domain": [("id", "in", self.seminar_ids.event_id.ids)],
            "context": {"create": False},
        })
        return action
