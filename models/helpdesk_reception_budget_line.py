from odoo import api, fields, models
from odoo.exceptions import UserError


class HelpdeskReceptionBudgetLine(models.Model):
    """One line of a written budget: venue, refreshments, gifts…"""

    _name = "helpdesk.reception.budget.line"
    _description = "Reception Budget Line"
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

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_budget_editable()
        return lines

    def write(self, vals):
        self._check_budget_editable()
        res = super().write(vals)
        if "budget_id" in vals:
            self._check_budget_editable()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_while_editable(self):
        self._check_budget_editable()
