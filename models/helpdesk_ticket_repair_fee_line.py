from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .helpdesk_info_guard_mixin import is_action


class HelpdeskTicketRepairFeeLine(models.Model):
    """A line of a paid repair's fee (有偿服务): a repair from the price list,
    or materials, as stated to the owner before the work starts. Frozen once
    the owner has agreed to the fee."""

    _name = "helpdesk.ticket.repair.fee.line"
    _description = "Repair Fee Line"
    _inherit = ["helpdesk.info.guard.mixin"]
    _guard_frozen_error = AccessError
    _order = "ticket_id, sequence, id"

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        required=True,
        ondelete="cascade",
        index=True,
        string="Repair",
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    product_id = fields.Many2one(
        "product.product",
        string="Service or Material",
        domain="[('sale_ok', '=', True), ('company_id', 'in', [company_id, False])]",
        check_company=True,
        help="A repair of the price list (Sales products of the Repair Services "
        "category), or a material.",
    )
    name = fields.Char(
        string="Description",
        compute="_compute_from_product",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        help="What is charged, as explained to the owner.",
    )
    quantity = fields.Float(default=1, required=True, digits="Product Unit")
    price_unit = fields.Monetary(
        string="Unit Price",
        compute="_compute_from_product",
        store=True,
        readonly=False,
        precompute=True,
        currency_field="currency_id",
    )
    price_subtotal = fields.Monetary(
        string="Amount",
        compute="_compute_price_subtotal",
        store=True,
        currency_field="currency_id",
    )

    _quantity_positive = models.Constraint(
        "CHECK(quantity > 0)", "A fee line's quantity must be positive."
    )

    @api.depends("product_id")
    def _compute_from_product(self):
        for line in self.filtered("product_id"):
            line.name = line.product_id.display_name
            line.price_unit = line.product_id.lst_price

    @api.depends("quantity", "price_unit")
    def _compute_price_subtotal(self):
        for line in self:
            line.price_subtotal = line.currency_id.round(
                line.quantity * line.price_unit
            )

    @api.constrains("price_unit")
    def _check_price_unit(self):
        if any(line.price_unit < 0 for line in self):
            raise ValidationError(self.env._("A repair fee cannot be negative."))

    def _frozen_fields(self):
        # A line stays on its repair; the owner agreed to the fee: its lines
        # stay as agreed.
        return {
            "recorded": {"ticket_id": None},
            "fee_agreed": dict.fromkeys(
                (
                    "ticket_id",
                    "sequence",
                    "product_id",
                    "name",
                    "quantity",
                    "price_unit",
                ),
                None,
            ),
        } | super()._frozen_fields()

    def _guard_states(self):
        states = super()._guard_states()
        if self.ticket_id.repair_fee_agreed_date:
            states += ("fee_agreed",)
        return states

    def _guard_state_label(self, state):
        if state == "fee_agreed":
            return self.env._("agreed with the owner")
        return super()._guard_state_label(state)

    def _check_repair_access(self, tickets):
        """Only the users who may change the repair change its fee."""
        if not is_action(self):
            tickets.check_access("write")

    @api.model_create_multi
    def create(self, vals_list):
        self._check_repair_access(
            self.env["helpdesk.ticket"].browse(
                {vals["ticket_id"] for vals in vals_list if vals.get("ticket_id")}
            )
        )
        return super().create(vals_list)

    def write(self, vals):
        self._check_repair_access(self.ticket_id)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_agreed(self):
        self._check_repair_access(self.ticket_id)
        agreed = self.ticket_id.filtered("repair_fee_agreed_date")
        if agreed and not is_action(self):
            raise AccessError(
                self.env._(
                    "Repair %s: the owner agreed to the fee; it no longer changes.",
                    agreed[0].number,
                )
            )
