from odoo import fields, models


class AccountMove(models.Model):
    """A vendor bill exported from reception expenses: cancelling, deleting
    or fully reversing it returns the expenses to approved, to be exported
    again."""

    _inherit = "account.move"

    reception_expense_ids = fields.One2many(
        "helpdesk.reception.expense", "move_id", string="Reception Expenses", readonly=True
    )

    def write(self, vals):
        res = super().write(vals)
        if vals.get("state") == "cancel":
            self._reception_return(self.env._("Returned to approved: its vendor bill was cancelled."))
        return res

    def unlink(self):
        self._reception_return(self.env._("Returned to approved: its vendor bill was deleted."))
        return super().unlink()

    def _reverse_moves(self, default_values_list=None, cancel=False):
        reverses = super()._reverse_moves(default_values_list=default_values_list, cancel=cancel)
        if cancel:
            self._reception_return(self.env._("Returned to approved: its vendor bill was reversed."))
        return reverses

    def _reception_return(self, reason):
        expenses = self.sudo().reception_expense_ids
        if expenses:
            expenses._return_to_approved(reason)
