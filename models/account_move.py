from odoo import api, fields, models


class AccountMove(models.Model):
    """The entries the addon makes: reception expenses' vendor bills and paid
    repairs' invoices. Cancelling, deleting or fully reversing one returns
    its expenses to approved, to be exported again, and leaves its repairs to
    be invoiced again. A cancelled repair invoice stays cancelled: the repair
    is invoiced again from its ticket, so that it never has two posted
    invoices."""

    _name = "account.move"
    _inherit = ["account.move", "helpdesk.info.guard.mixin"]

    reception_expense_ids = fields.One2many(
        "helpdesk.reception.expense",
        "move_id",
        string="Reception Expenses",
        readonly=True,
    )
    repair_ticket_ids = fields.One2many(
        "helpdesk.ticket", "repair_invoice_id", string="Repairs", readonly=True
    )
    repair_origin_id = fields.Many2one(
        "helpdesk.ticket",
        string="Repair Invoiced",
        compute="_compute_repair_origin_id",
        store=True,
        index="btree_not_null",
        help="The paid repair this invoice bills; kept once a newer invoice "
        "of the repair replaces it.",
    )

    @api.depends("repair_ticket_ids")
    def _compute_repair_origin_id(self):
        for move in self:
            move.repair_origin_id = move.repair_ticket_ids[:1] or move.repair_origin_id

    def _guarded_fields(self):
        return {"repair_origin_id": None} | super()._guarded_fields()

    def _frozen_fields(self):
        return {"repair_cancelled": {"state": None}} | super()._frozen_fields()

    def _guard_states(self):
        states = super()._guard_states()
        if self.state == "cancel" and self.repair_origin_id:
            states += ("repair_cancelled",)
        return states

    def _guard_state_label(self, state):
        if state == "repair_cancelled":
            return self.env._("a cancelled repair invoice")
        return super()._guard_state_label(state)

    def _guard_frozen_hint(self, state):
        if state == "repair_cancelled":
            return self.env._(
                "Invoice the repair again from its ticket: a repair has one "
                "posted invoice."
            )
        return super()._guard_frozen_hint(state)

    def write(self, vals):
        res = super().write(vals)
        if vals.get("state") == "cancel":
            self._release_documents("cancelled")
        return res

    def unlink(self):
        self._release_documents("deleted")
        return super().unlink()

    def _reverse_moves(self, default_values_list=None, cancel=False):
        reverses = super()._reverse_moves(
            default_values_list=default_values_list, cancel=cancel
        )
        if cancel:
            self._release_documents("reversed")
        return reverses

    def _release_documents(self, how):
        expense_reasons = {
            "cancelled": self.env._(
                "Returned to approved: its vendor bill was cancelled."
            ),
            "deleted": self.env._("Returned to approved: its vendor bill was deleted."),
            "reversed": self.env._(
                "Returned to approved: its vendor bill was reversed."
            ),
        }
        repair_reasons = {
            "cancelled": self.env._("Repair invoice cancelled:"),
            "deleted": self.env._("Repair invoice deleted:"),
            "reversed": self.env._("Repair invoice reversed:"),
        }
        moves = self.sudo()
        if moves.reception_expense_ids:
            moves.reception_expense_ids._return_to_approved(expense_reasons[how])
        for move in moves.filtered("repair_ticket_ids"):
            move.repair_ticket_ids._repair_invoice_cancelled(repair_reasons[how], move)
