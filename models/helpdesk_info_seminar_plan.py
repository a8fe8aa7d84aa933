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
    _inherit = ["helpdesk.info.approval.mixin"]
    _order = "year desc, id desc"
    _check_company_auto = True

    _state_from = ["submitted"]
    _cancel_state = "cancel"
    _requester_field = "user_id"

    name = fields.Char(
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    year = fields.Integer(
        required=True,
        aggregator=None,  # a year, not a quantity: no sum under the groups
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
    seminar_count = fields.Integer(
        string="Number of Seminars", compute="_compute_seminar_count"
    )
    state = fields.Selection(
        PLAN_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    note = fields.Html(string="Notes")

    _company_year_uniq = models.UniqueIndex(
        "(company_id, year)",
        "The company already has a seminar plan for this year: change it rather than "
        "writing another.",
    )

    def _guarded_fields(self):
        # The responsible draws the plan up and is chosen on its form; they
        # never approve it.
        guarded = super()._guarded_fields()
        guarded.pop("user_id")
        return guarded

    @api.depends("year")
    def _compute_name(self):
        for plan in self:
            plan.name = self.env._("Owners' seminar plan %s", plan.year or "")

    @api.depends("seminar_ids")
    def _compute_seminar_count(self):
        for plan in self:
            plan.seminar_count = len(plan.seminar_ids)

    # What the approval covers: frozen while it waits for the approval;
    # changed on an approved plan, the plan goes back for approval (its
    # seminars do the same, see helpdesk.info.seminar).
    PLAN_CONTENT_FIELDS = ("year", "company_id", "note")

    def _frozen_fields(self):
        frozen = dict.fromkeys((*self.PLAN_CONTENT_FIELDS, "seminar_ids"), None)
        return super()._frozen_fields() | {"submitted": frozen}

    def _guard_frozen_hint(self, state):
        if state == "submitted":
            return self.env._("It changes once approved or rejected.")
        return super()._guard_frozen_hint(state)

    def _reapproval_fields(self):
        return set(self.PLAN_CONTENT_FIELDS)

    def _back_to_approval_message(self):
        return self.env._("The approved plan changed: it waits for a new approval.")

    # ------------------------------------------------------------------
    # Approval
    # ------------------------------------------------------------------

    def _check_submittable(self):
        result = super()._check_submittable()
        for plan in self:
            if not plan.seminar_ids:
                raise UserError(
                    self.env._(
                        "%s has no seminar: plan them before asking for approval.",
                        plan.name,
                    )
                )
        return result

    def _after_rejection(self):
        self.message_post(
            body=self.env._("Seminar plan rejected: %s", self.rejection_reason or ""),
            subtype_xmlid="mail.mt_note",
        )

    def _after_approval(self):
        self.seminar_ids._sync_events()
        approvers = self.review_ids.filtered(lambda r: r.status == "approved").done_by
        self.message_post(
            body=self.env._(
                "Seminar plan approved by %s: its seminars are in the calendar.",
                ", ".join(approvers.mapped("name")),
            ),
            subtype_xmlid="mail.mt_note",
        )

    def action_view_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "calendar.action_calendar_event"
        )
        action.update(
            {
                "domain": [("id", "in", self.seminar_ids.event_id.ids)],
                "context": {"create": False},
            }
        )
        return action
