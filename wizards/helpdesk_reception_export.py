import csv
import io

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

# A spreadsheet program reads a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value):
    """Whether a text cell would be read as a formula (CSV/XLSX injection)."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def csv_text(value):
    """``value`` for a CSV cell: a quote in front keeps a formula-like text a text."""
    return "'" + value if looks_like_formula(value) else value


class HelpdeskReceptionExport(models.TransientModel):
    """The accountant hands approved reception expenses to Accounting: as
    vendor bills (one per expense), or as a CSV or XLSX file of the same lines
    for books kept elsewhere. Selected expenses are exported, or, when none
    is selected, those of a company and period."""

    _name = "helpdesk.reception.export"
    _description = "Export Reception Expenses"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date_from = fields.Date(string="From", help="First day of the period (included).")
    date_to = fields.Date(string="To", help="Last day of the period (included).")
    expense_ids = fields.Many2many(
        "helpdesk.reception.expense",
        "helpdesk_reception_export_expense_rel",
        "export_id",
        "expense_id",
        string="Expenses",
        default=lambda self: self._default_expense_ids(),
        help="Leave empty to export the approved expenses of the company and period.",
    )
    journal_id = fields.Many2one(
        "account.journal",
        string="Purchase Journal",
        compute="_compute_journal_id",
        store=True,
        readonly=False,
        domain="[('type', '=', 'purchase'), ('company_id', '=', company_id)]",
        help="The journal of the vendor bills.",
    )

    @api.model
    def _default_expense_ids(self):
        if self.env.context.get("active_model") == "helpdesk.reception.expense":
            return [fields.Command.set(self.env.context.get("active_ids") or [])]
        return []

    @api.depends("company_id")
    def _compute_journal_id(self):
        Expense = self.env["helpdesk.reception.expense"]
        for wizard in self:
            wizard.journal_id = Expense._default_export_journal(wizard.company_id)

    def _check_accountant(self):
        if not self.env.su and not self.env.user.has_group(
            "account.group_account_invoice"
        ):
            raise AccessError(
                self.env._("Only an accountant exports reception expenses.")
            )

    def _expenses(self, states):
        self.ensure_one()
        self._check_accountant()
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise UserError(self.env._("The period ends before it starts."))
        if self.expense_ids:
            others = self.expense_ids.filtered(
                lambda e: e.company_id != self.company_id
            )
            if others:
                raise UserError(
                    self.env._(
                        "%(expenses)s belong to another company than %(company)s.",
                        expenses=", ".join(others.mapped("name")),
                        company=self.company_id.name,
                    )
                )
            return self.expense_ids.filtered(lambda e: e.state in states)
        domain = Domain("company_id", "=", self.company_id.id) & Domain(
            "state", "in", states
        )
        if self.date_from:
            domain &= Domain("date", ">=", self.date_from)
        if self.date_to:
            domain &= Domain("date", "<=", self.date_to)
        return self.env["helpdesk.reception.expense"].search(domain, order="date, id")

    def action_create_moves(self):
        """One vendor bill per approved expense that has none yet."""
        expenses = self._expenses(("approved",))
        if not self.journal_id:
            raise UserError(
                self.env._(
                    "%(company)s has no purchase journal for the vendor bills.",
                    company=self.company_id.name,
                )
            )
        moves = expenses._export_to_moves(self.journal_id)
        if not moves:
            raise UserError(
                self.env._(
                    "Nothing to export: only approved expenses that are not exported "
                    "yet become vendor bills."
                )
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_in_invoice_type"
        )
        action["domain"] = [("id", "in", moves.ids)]
        return action

    def _columns(self):
        """Column labels by the keys of the expenses' export rows."""
        return {
            "reference": self.env._("Reference"),
            "date": self.env._("Date"),
            "company": self.env._("Company"),
            "policy": self.env._("Policy"),
            "supplier": self.env._("Supplier"),
            "supplier_vat": self.env._("Supplier Tax ID"),
            "account_code": self.env._("Account Code"),
            "account": self.env._("Expense Account"),
            "project": self.env._("Property Project"),
            "amount": self.env._("Amount"),
            "currency": self.env._("Currency"),
            "purpose": self.env._("Purpose"),
            "attendees": self.env._("Attendees"),
            "state": self.env._("Status"),
            "bill": self.env._("Vendor Bill"),
        }

    def _file_rows(self):
        expenses = self._expenses(("approved", "exported"))
        if not expenses:
            raise UserError(
                self.env._(
                    "Nothing to export: no approved or exported expense matches."
                )
            )
        return expenses._export_rows()

    def _file_name(self, extension):
        period = "-".join(
            fields.Date.to_string(day) for day in (self.date_from, self.date_to) if day
        ) or fields.Date.to_string(self.company_id._reception_local_date())
        return f"reception-expenses-{period}.{extension}"

    def _download(self, name, content, mimetype):
        attachment = self.env["ir.attachment"].create(
            {
                "name": name,
                "raw": content,
                "mimetype": mimetype,
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def action_export_csv(self):
        rows = self._file_rows()
        columns = self._columns()
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns.values())
        for row in rows:
            writer.writerow(
                [
                    fields.Date.to_string(row[key])
                    if key == "date"
                    else f"{row[key]:.2f}"
                    if key == "amount"
                    else csv_text(row[key])
                    for key in columns
                ]
            )
        # With a byte-order mark, spreadsheet programs read the Chinese right.
        content = "\ufeff" + buffer.getvalue()
        return self._download(self._file_name("csv"), content.encode(), "text/csv")

    def action_export_xlsx(self):
        rows = self._file_rows()
        columns = self._columns()
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = workbook.add_worksheet(self.env._("Reception Expenses"))
        bold = workbook.add_format({"bold": True})
        day = workbook.add_format({"num_format": "yyyy-mm-dd"})
        money = workbook.add_format({"num_format": "#,##0.00"})
        for col, label in enumerate(columns.values()):
            sheet.write(0, col, label, bold)
        for line, row in enumerate(rows, start=1):
            for col, key in enumerate(columns):
                if key == "date":
                    sheet.write_datetime(
                        line, col, fields.Datetime.to_datetime(row[key]), day
                    )
                elif key == "amount":
                    sheet.write_number(line, col, row[key], money)
                elif looks_like_formula(row[key]):
                    sheet.write_string(line, col, row[key])
                else:
                    sheet.write(line, col, row[key])
        sheet.set_column(0, len(columns) - 1, 16)
        workbook.close()
        return self._download(
            self._file_name("xlsx"),
            buffer.getvalue(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
