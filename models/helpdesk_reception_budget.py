from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date
from odoo.tools.misc import formatLang

from .helpdesk_info_guard_mixin import is_action
from .helpdesk_reception_policy import lock_for_check

BUDGET_STATES = [
    ("draft", "Draft"),
    ("approved", "Approved"),
    ("cancelled", "Cancelled"),
]
# Once approved, what the approval covered no longer changes: a revision
# goes back to draft and through the approval again.
APPROVED_FIELDS = {"company_id", "policy_id", "date", "attendees", "line_ids"}


class HelpdeskReceptionBudget(models.Model):
    """The written budget of an owners' meeting of ten or more people (十人以上
    业主见面会): its lines are approved by a company leader through tier
    validation before the meeting, and the meeting's expenses may not exceed
    it; spending more needs a revised budget approved again."""

    _name = "helpdesk.reception.budget"
    _description = "Reception Budget"
    _inherit = ["mail.thread", "mail.activity.mixin", "helpdesk.info.tier.guard.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    _state_from = ["draft"]
    _state_to = ["approved"]
    _cancel_state = "cancelled"
    _tier_validation_manual_config = False

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
        help="When the budget was first approved; the meeting's expenses need it on "
        "or before the meeting.",
    )
    approved_on = fields.Datetime(string="Last Approved On", readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
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
            dict.fromkeys(
                ("state", "first_approved_on", "approved_on", "approved_by_id"), None
            )
            | super()._guarded_fields()
        )

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

    def write(self, vals):
        if not is_action(self):
            for budget in self:
                if budget.state != "draft" and APPROVED_FIELDS & set(vals):
                    raise UserError(
                        self.env._(
                            "The written budget %(budget)s is no longer a draft: "
                            "revise it to change it, and have the revision approved.",
                            budget=budget.name,
                        )
                    )
        return super().write(vals)

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
    def request_validation(self):
        for budget in self:
            if not budget.line_ids or budget.currency_id.is_zero(budget.amount_total):
                raise UserError(
                    self.env._(
                        "Write the lines of the budget %(budget)s before asking for "
                        "its approval.",
                        budget=budget.name,
                    )
                )
            if (
                not budget.first_approved_on
                and budget.company_id._reception_local_date() > budget.date
            ):
                raise UserError(
                    self.env._(
                        "The meeting of %(date)s has already taken place: a written "
                        "budget is approved before the meeting.",
                        date=format_date(self.env, budget.date),
                    )
                )
        # need_validation has no dependencies: forget a value computed while
        # reviews existed (before a restart) or before they did.
        self.invalidate_recordset(["need_validation"])
        return super().request_validation()

    def _validate_tier(self, tiers=False):
        res = super()._validate_tier(tiers)
        if self.state == "draft" and self.validation_status == "validated":
            self._approve()
        return res

    def _approve(self):
        """Every review is approved: the budget is approved, if a company
        leader of its company (other than who asked) approved it, and, for a
        first approval, before the meeting."""
        self.ensure_one()
        now = fields.Datetime.now()
        leaders = self.review_ids.filtered(
            lambda r: (
                r.status == "approved"
                and r.done_by
                and r.done_by != r.requested_by
                and self.env["helpdesk.reception.expense"]._is_leader(
                    r.done_by, self.company_id
                )
            )
        ).done_by
        if not leaders:
            raise UserError(
                self.env._(
                    "A written budget is approved by a company leader other than the "
                    "one who asked."
                )
            )
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
        # See request_validation: a stale True would ask for a validation again.
        self.invalidate_recordset(["need_validation"])
        self._write_by_action(
            {
                "state": "approved",
                "approved_on": now,
                "approved_by_id": leaders[-1].id,
                "first_approved_on": self.first_approved_on or now,
            }
        )
        self.message_post(
            body=self.env._(
                "Written budget of %(amount)s approved by %(leader)s.",
                amount=self._money(self.amount_total),
                leader=", ".join(leaders.mapped("name")),
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
                        "The written budget %(budget)s has confirmed expenses: "
                        "cancel them first.",
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
                    "%(approved)s, after the meeting of %(date)s.",
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
                "%(expenses)s: the written budget %(budget)s allows "
                "%(budget_amount)s and %(spent)s is already spent; %(amount)s more "
                "exceeds it by %(excess)s. Revise the budget and have the revision "
                "approved first.",
                expenses=", ".join(expenses.mapped("name")),
                budget=self.name,
                budget_amount=self._money(self.amount_total),
                spent=self._money(spent),
                amount=self._money(total - spent),
                excess=self._money(total - self.amount_total),
            )
        return None
