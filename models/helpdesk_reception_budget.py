from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date
from odoo.tools.misc import formatLang

from .helpdesk_reception_policy import lock_for_check

BUDGET_STATES = [
    ("draft", "Draft"),
    ("approved", "Approved"),
    ("cancelled", "Cancelled"),
]
# Once approved, what the approval covered no longer changes: a revision
# goes back to draft and through the approval again.
APPROVED_FIELDS = ("company_id", "policy_id", "date", "attendees", "line_ids")


class HelpdeskReceptionBudget(models.Model):
    """The written budget of an owners' meeting of ten or more people (十人以上
    业主见面会): its lines are approved by a company leader through tier
    validation before the meeting, and the meeting's expenses may not exceed
    it; spending more needs a revised budget approved again."""

    _name = "helpdesk.reception.budget"
    _description = "Reception Budget"
    _inherit = ["helpdesk.info.approval.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    # Reviewed in its draft, asked from base_tier_validation's button; a
    # rejection leaves it in draft, to be corrected and asked again.
    _state_from = ["draft"]
    _cancel_state = "cancelled"
    _rejected_state = None
    _submittable_states = ("draft",)
    _requester_field = False

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    title = fields.Char(
        string="Owners' Meeting", required=True, help="The meeting the budget is for."
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    policy_id = fields.Many2one(
        "helpdesk.reception.policy",
        required=True,
        check_company=True,
        domain="[('approval_type', '=', 'budget')]",
        tracking=True,
        help="A reception category that asks for a written budget beforehand.",
    )
    date = fields.Date(
        string="Meeting Date",
        required=True,
        tracking=True,
        help="The budget is approved on or before this day.",
    )
    attendees = fields.Integer(string="Expected Attendees", tracking=True)
    line_ids = fields.One2many(
        "helpdesk.reception.budget.line", "budget_id", string="Lines", copy=True
    )
    amount_total = fields.Monetary(
        string="Budget", compute="_compute_amount_total", store=True, tracking=True
    )
    state = fields.Selection(
        BUDGET_STATES,
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    first_approved_on = fields.Datetime(
        readonly=True,
        copy=False,
        help="When the budget was first approved; the meeting's expenses need it on or "
        "before the meeting.",
    )
    approved_on = fields.Datetime(string="Last Approved On", readonly=True, copy=False)
    approved_by_id = fields.Many2one(tracking=False)
    approved_date = fields.Datetime(tracking=False)
    expense_ids = fields.One2many(
        "helpdesk.reception.expense", "budget_id", string="Expenses"
    )
    spent_amount = fields.Monetary(
        string="Spent",
        compute="_compute_spent_amount",
        help="Approved and exported expenses charged to the budget.",
    )
    remaining_amount = fields.Monetary(
        string="Remaining", compute="_compute_spent_amount"
    )

    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        for budget in self:
            budget.amount_total = sum(budget.line_ids.mapped("amount"))

    @api.depends("expense_ids.state", "expense_ids.amount", "amount_total")
    def _compute_spent_amount(self):
        for budget in self:
            spent = sum(
                budget.expense_ids.filtered(
                    lambda e: e.state in ("approved", "exported")
                ).mapped("amount")
            )
            budget.spent_amount = spent
            budget.remaining_amount = budget.amount_total - spent

    @api.constrains("policy_id")
    def _check_policy(self):
        for budget in self:
            if budget.policy_id.approval_type != "budget":
                raise ValidationError(
                    self.env._(
                        "“%(policy)s” does not ask for a written budget.",
                        policy=budget.policy_id.name,
                    )
                )

    def _money(self, amount):
        return formatLang(self.env, amount, currency_obj=self.currency_id)

    def _guarded_fields(self):
        return (
            dict.fromkeys(("first_approved_on", "approved_on"), None)
            | super()._guarded_fields()
        )

    def _frozen_fields(self):
        frozen = dict.fromkeys(APPROVED_FIELDS, None)
        return super()._frozen_fields() | {"approved": frozen, "cancelled": frozen}

    def _guard_frozen_hint(self, state):
        if state == "approved":
            return self.env._("To change it, revise it and have the revision approved.")
        if state == "cancelled":
            return self.env._("To change it, reset it to draft.")
        return super()._guard_frozen_hint(state)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code(
                        "helpdesk.reception.budget", sequence_date=vals.get("date")
                    )
                    or "/"
                )
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for budget in self:
            if budget.state == "approved" or budget.expense_ids:
                raise UserError(
                    self.env._(
                        "The written budget %(budget)s is approved or has expenses: "
                        "cancel it instead.",
                        budget=budget.name,
                    )
                )

    # ------------------------------------------------------------------
    # Tier validation
    # ------------------------------------------------------------------
    def _check_ready_for_review(self):
        for budget in self:
            if not budget.line_ids or budget.currency_id.is_zero(budget.amount_total):
                raise UserError(
                    self.env._(
                        "Write the lines of the budget %(budget)s before asking for "
                        "its approval.",
                        budget=budget.name,
                    )
                )
            budget._check_before_meeting(fields.Datetime.now())

    def _check_before_meeting(self, now):
        """A first approval comes on or before the meeting's day."""
        self.ensure_one()
        if (
            not self.first_approved_on
            and self.company_id._reception_local_date(now) > self.date
        ):
            raise UserError(
                self.env._(
                    "The meeting of %(date)s has already taken place: a written "
                    "budget is approved before the meeting.",
                    date=format_date(self.env, self.date),
                )
            )

    def _approvers(self):
        """A company leader of the budget's company, other than who asked."""
        Expense = self.env["helpdesk.reception.expense"]
        return (
            super()
            ._approvers()
            .filtered(lambda user: Expense._is_leader(user, self.company_id))
        )

    def _no_approver_message(self):
        return self.env._(
            "A written budget is approved by a company leader other than the one "
            "who asked."
        )

    def _check_approval(self):
        self._check_before_meeting(fields.Datetime.now())

    def _approval_vals(self, approver, now):
        return super()._approval_vals(approver, now) | {
            "approved_on": now,
            "first_approved_on": self.first_approved_on or now,
        }

    def _after_approval(self):
        self.message_post(
            body=self.env._(
                "Written budget of %(amount)s approved by %(leader)s.",
                amount=self._money(self.amount_total),
                leader=", ".join(self._approvers().mapped("name")),
            )
        )
        # Expenses that waited for this approval go ahead when it covers them.
        for expense in self.expense_ids.filtered(lambda e: e.state == "waiting").sorted(
            "id"
        ):
            problem = self._cover_problem(expense)
            if problem:
                expense.message_post(body=problem)
            else:
                expense.action_confirm()

    def action_revise(self):
        """Back to draft to change an approved budget; the revision is
        approved again."""
        for budget in self:
            if budget.state != "approved":
                raise UserError(self.env._("Only an approved budget is revised."))
        self._write_by_action({"state": "draft"})
        for budget in self:
            budget.message_post(
                body=self.env._("Revision started: the budget needs a new approval.")
            )
        return True

    def action_cancel(self):
        for budget in self:
            if budget.expense_ids.filtered(
                lambda e: e.state in ("waiting", "approved", "exported")
            ):
                raise UserError(
                    self.env._(
                        "The written budget %(budget)s has confirmed expenses: cancel "
                        "them first.",
                        budget=budget.name,
                    )
                )
        self._write_by_action({"state": "cancelled"})
        return True

    def action_reset_to_draft(self):
        for budget in self:
            if budget.state != "cancelled":
                raise UserError(
                    self.env._("Only a cancelled budget goes back to draft.")
                )
        self._write_by_action({"state": "draft"})
        return True

    # ------------------------------------------------------------------
    # Expenses
    # ------------------------------------------------------------------
    def _check_covers(self, expenses):
        problem = self._cover_problem(expenses)
        if problem:
            raise UserError(problem)

    def _cover_problem(self, expenses):
        """Whether the approved budget covers ``expenses`` on top of the
        expenses already approved on it: None, or the figures that say why not.
        Locks the budget first, like the policies' limits."""
        self.ensure_one()
        lock_for_check(self.env.cr, self._table, self.ids)
        approved_on = self.company_id._reception_local_date(self.first_approved_on)
        for expense in expenses:
            if approved_on > expense.date:
                return self.env._(
                    "%(expense)s: the written budget %(budget)s was approved on "
                    "%(approved)s, "
                    "after the meeting of %(date)s.",
                    expense=expense.name,
                    budget=self.name,
                    approved=format_date(self.env, approved_on),
                    date=format_date(self.env, expense.date),
                )
        [(spent,)] = (
            self.env["helpdesk.reception.expense"]
            .sudo()
            ._read_group(
                [
                    ("budget_id", "=", self.id),
                    ("state", "in", ("approved", "exported")),
                    ("id", "not in", expenses.ids),
                ],
                aggregates=["amount:sum"],
            )
        )
        spent = spent or 0.0
        total = spent + sum(expenses.mapped("amount"))
        if self.currency_id.compare_amounts(total, self.amount_total) > 0:
            return self.env._(
                "%(expenses)s: the written budget %(budget)s allows %(budget_amount)s "
                "and %(spent)s is "
                "already spent; %(amount)s more exceeds it by %(excess)s. Revise the "
                "budget and have "
                "the revision approved first.",
                expenses=", ".join(expenses.mapped("name")),
                budget=self.name,
                budget_amount=self._money(self.amount_total),
                spent=self._money(spent),
                amount=self._money(total - spent),
                excess=self._money(total - self.amount_total),
            )
        return None
