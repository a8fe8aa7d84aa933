from odoo import api, fields, models
from odoo.exceptions import UserError

# What the budget's approval covers on a line.
LINE_FIELDS = ("budget_id", "sequence", "name", "quantity", "unit_price")


class HelpdeskReceptionBudgetLine(models.Model):
    """One line of a written budget: venue, refreshments, gifts…"""

    _name = "helpdesk.reception.budget.line"
    _description = "Reception Budget Line"
    _inherit = ["helpdesk.info.guard.mixin"]
    _order = "budget_id, sequence, id"

    budget_id = fields.Many2one(
        "helpdesk.reception.budget", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="budget_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="budget_id.currency_id")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Description", required=True)
    quantity = fields.Float(default=1.0, digits="Product Unit")
    unit_price = fields.Monetary()
    amount = fields.Monetary(compute="_compute_amount", store=True)

    _amounts_not_negative = models.Constraint(
        "CHECK(quantity >= 0 AND unit_price >= 0)",
        "Quantities and prices of a budget may not be negative.",
    )

    @api.depends("quantity", "unit_price")
    def _compute_amount(self):
        for line in self:
            line.amount = line.currency_id.round(line.quantity * line.unit_price)

    def _guard_states(self):
        # The budget's states, and its review while it is asked for.
        self.ensure_one()
        budget = self.budget_id
        states = budget._guard_states()
        if budget.state == "draft" and budget.review_ids:
            states += ("under_validation",)
        return states

    def _guard_state_label(self, state):
        if state == "under_validation":
            return self.env._("under validation")
        return self.budget_id._guard_state_label(state)

    def _frozen_fields(self):
        frozen = dict.fromkeys(LINE_FIELDS, None)
        return {"approved": frozen, "cancelled": frozen, "under_validation": frozen}

    def _guard_frozen_hint(self, state):
        return self.env._(
            "The lines of the written budget %(budget)s change while it is a draft "
            "and not under validation: revise it, or restart its validation, first.",
            budget=self.budget_id.name,
        )

    def _check_budget_editable(self):
        for budget in self.budget_id:
            if budget.state != "draft" or budget.review_ids:
                raise UserError(
                    self.env._(
                        "The lines of the written budget %(budget)s change while it "
                        "is a draft and not under validation: revise it, or restart "
                        "its validation, first.",
                        budget=budget.name,
                    )
                )

    @api.constrains("budget_id")
    def _check_joins_editable_budget(self):
        # A line joins a budget, when created or moved, while it is editable.
        self._check_budget_editable()

    @api.ondelete(at_uninstall=False)
    def _unlink_while_editable(self):
        self._check_budget_editable()
