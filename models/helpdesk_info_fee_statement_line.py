from odoo import api, fields, models
from odoo.exceptions import AccessError

from .helpdesk_info_guard_mixin import is_action


class HelpdeskInfoFeeStatementLine(models.Model):
    """A figure of a fee statement: the income or spending of one account in
    the period, read from Accounting by the statement's Prepare button and
    never written by hand."""

    _name = "helpdesk.info.fee.statement.line"
    _description = "Fee Statement Figure"
    _inherit = ["helpdesk.info.guard.mixin"]
    _guard_frozen_error = AccessError
    # Created in the order of the accounts' codes.
    _order = "statement_id, kind desc, id"

    statement_id = fields.Many2one(
        "helpdesk.info.fee.statement",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="statement_id.company_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="statement_id.currency_id")
    kind = fields.Selection(
        [("income", "Income"), ("expense", "Spending")], required=True
    )
    account_id = fields.Many2one("account.account", required=True, ondelete="restrict")
    account_code = fields.Char(related="account_id.code")
    name = fields.Char(
        string="Income or Spending Item",
        related="account_id.name",
        help="The account's name: what the owners read.",
    )
    amount = fields.Monetary(currency_field="currency_id")

    def _guarded_fields(self):
        return (
            dict.fromkeys(("statement_id", "kind", "account_id", "amount"), None)
            | super()._guarded_fields()
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_by_prepare_only(self):
        if not is_action(self):
            raise AccessError(
                self.env._(
                    "A statement's figures come from Accounting: prepare the "
                    "statement again to change them."
                )
            )
