from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools import SQL


class HelpdeskReceptionExpense(models.Model):
    """An approved expense handed to Accounting: one vendor bill per expense,
    on its policy's expense account, charged to its property project, with its
    receipt; or the same lines in a file for books kept elsewhere."""

    _inherit = "helpdesk.reception.expense"

    move_id = fields.Many2one(
        "account.move",
        string="Vendor Bill",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        groups="account.group_account_invoice",
        help="The vendor bill the expense was exported as.",
    )

    def _check_exportable(self, journal):
        problems = []
        for expense in self:
            if expense.company_id != journal.company_id:
                problems.append(
                    self.env._(
                        "%(expense)s belongs to %(company)s, not to the journal's "
                        "company.",
                        expense=expense.name,
                        company=expense.company_id.name,
                    )
                )
            if not expense.supplier_id:
                problems.append(
                    self.env._(
                        "%(expense)s has no supplier to make the bill out to.",
                        expense=expense.name,
                    )
                )
            if not expense.policy_id.sudo().account_id:
                problems.append(
                    self.env._(
                        "%(expense)s: the policy “%(policy)s” has no expense account.",
                        expense=expense.name,
                        policy=expense.policy_id.name,
                    )
                )
        if problems:
            raise UserError("\n".join(problems))

    def _prepare_move_vals(self, journal):
        self.ensure_one()
        policy = self.policy_id.sudo()
        line = {
            "name": f"{self.name} {policy.name}: {self.purpose}",
            "account_id": policy.account_id.id,
            "quantity": 1,
            "price_unit": self.amount,
            "tax_ids": [Command.clear()],
        }
        if self.analytic_account_id:
            line["analytic_distribution"] = {str(self.analytic_account_id.id): 100}
        return {
            "move_type": "in_invoice",
            "journal_id": journal.id,
            "company_id": self.company_id.id,
            "partner_id": self.supplier_id.id,
            "invoice_date": self.date,
            "ref": self.name,
            "invoice_origin": self.name,
            "narration": self.purpose,
            "currency_id": self.currency_id.id,
            "invoice_line_ids": [Command.create(line)],
        }

    @api.model
    def _default_export_journal(self, company):
        return self.env["account.journal"].search(
            [("type", "=", "purchase"), ("company_id", "=", company.id)], limit=1
        )

    def _export_to_moves(self, journal=None):
        """One vendor bill per approved expense that has none, on its policy's
        expense account, charged to its property project, with its receipt;
        in the company's first purchase journal unless ``journal`` is given."""
        if not self:
            return self.env["account.move"]
        journal = journal or self._default_export_journal(self.company_id[:1])
        # Two accountants exporting the same expenses: the second one waits,
        # then finds them exported (or fails to serialize and is retried).
        self.env.cr.execute(
            SQL(
                "SELECT id FROM helpdesk_reception_expense WHERE id IN %s ORDER BY "
                "id FOR NO KEY UPDATE",
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["state", "move_id"])
        todo = self.filtered(lambda e: e.state == "approved" and not e.move_id)
        todo._check_exportable(journal)
        moves = (
            self.env["account.move"]
            .with_company(journal.company_id)
            .create([expense._prepare_move_vals(journal) for expense in todo])
        )
        for expense, move in zip(todo, moves, strict=True):
            expense._write_by_action({"state": "exported", "move_id": move.id})
            attachment = expense._receipt_attachment()
            attachment_ids = []
            if attachment:
                attachment_ids = attachment.copy(
                    {
                        "res_model": move._name,
                        "res_id": move.id,
                        "res_field": False,
                        "name": expense.receipt_filename or attachment.name,
                    }
                ).ids
            move.message_post(
                body=self.env._(
                    "Reception expense %(expense)s: %(purpose)s",
                    expense=expense.name,
                    purpose=expense.purpose,
                ),
                attachment_ids=attachment_ids,
            )
            expense.message_post(
                body=Markup("%s %s")
                % (self.env._("Exported to Accounting as"), move._get_html_link()),
            )
        return moves

    def action_open_move(self):
        self.ensure_one()
        return self.move_id._get_records_action(name=self.env._("Vendor Bill"))

    def _receipt_attachment(self):
        self.ensure_one()
        if not self.receipt:
            return self.env["ir.attachment"]
        return (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("res_field", "=", "receipt"),
                ],
                limit=1,
            )
        )

    def _return_to_approved(self, reason):
        """The expense's vendor bill was cancelled or deleted: it waits to be
        exported again."""
        for expense in self.filtered(lambda e: e.state == "exported"):
            expense._write_by_action({"state": "approved", "move_id": False})
            expense.message_post(body=reason)

    def _export_rows(self):
        """The lines a vendor bill would get, for books kept elsewhere."""
        rows = []
        for expense in self.sorted(lambda e: (e.date, e.name)):
            account = expense.policy_id.sudo().account_id
            rows.append(
                {
                    "reference": expense.name,
                    "date": expense.date,
                    "company": expense.company_id.name,
                    "policy": expense.policy_id.name,
                    "supplier": expense.supplier_id.name or "",
                    "supplier_vat": expense.supplier_id.vat or "",
                    "account_code": account.code or "",
                    "account": account.name or "",
                    "project": expense.analytic_account_id.name or "",
                    "amount": expense.amount,
                    "currency": expense.currency_id.name,
                    "purpose": expense.purpose,
                    "attendees": expense.attendees,
                    "state": expense._state_label(),
                    "bill": expense.sudo().move_id.display_name or "",
                }
            )
        return rows
