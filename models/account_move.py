from odoo import fields, models


class AccountMove(models.Model):
    """The entries the addon makes: reception expenses' vendor bills and paid
    repairs' invoices. Cancelling, deleting or fully reversing one returns
    its expenses to approved, to be exported again, and leaves its repairs to
    be invoiced again."""

    _inherit = "account.move"

    reception_expense_ids = fields.One2many(
        "helpdesk.reception.expense",
        "move_id",
        string="Reception Expenses",
        readonly=True,
    )
    repair_ticket_ids = fields.One2many(
        "helpdesk.ticket", "repair_invoice_id", string="Repairs", readonly=True
    )

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
