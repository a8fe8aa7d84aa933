from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tools import SQL

INVOICE_STATUSES = [
    ("none", "Not Invoiced"),
    ("invoiced", "Invoiced"),
    ("cancelled", "Invoice Cancelled"),
]
INVOICE_CANCELLERS = (
    "helpdesk_property_info.group_cs_manager,account.group_account_invoice"
)


class HelpdeskTicket(models.Model):
    """Paid repairs (有偿服务): the fee stated to the owner and agreed before
    the work starts, then one customer invoice per paid repair on completion."""

    _inherit = "helpdesk.ticket"

    repair_paid = fields.Boolean(
        string="Paid Repair",
        tracking=True,
        copy=False,
        help="The owner pays for this repair (有偿服务): its fee is agreed before "
        "the work starts and invoiced on completion. Free repairs create no "
        "invoice.",
    )
    repair_fee_line_ids = fields.One2many(
        "helpdesk.ticket.repair.fee.line", "ticket_id", string="Fee Lines", copy=False
    )
    repair_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Repair Currency"
    )
    repair_fee = fields.Monetary(
        string="Fee",
        compute="_compute_repair_fee",
        store=True,
        currency_field="repair_currency_id",
        aggregator="sum",
    )
    repair_fee_agreed_date = fields.Datetime(
        string="Fee Agreed On",
        copy=False,
        readonly=True,
        tracking=True,
        help="When the owner agreed to the fee; from then on it no longer changes.",
    )
    repair_fee_agreed_by_id = fields.Many2one(
        "res.users",
        string="Fee Agreed With",
        copy=False,
        readonly=True,
        help="Who stated the fee to the owner and recorded the agreement.",
    )
    repair_invoice_id = fields.Many2one(
        "account.move",
        copy=False,
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        groups="account.group_account_invoice",
    )
    repair_invoice_status = fields.Selection(
        INVOICE_STATUSES,
        string="Invoicing",
        default="none",
        copy=False,
        readonly=True,
        tracking=True,
    )

    @api.depends("repair_fee_line_ids.price_subtotal")
    def _compute_repair_fee(self):
        for ticket in self:
            ticket.repair_fee = sum(ticket.repair_fee_line_ids.mapped("price_subtotal"))

    def action_repair_agree_fee(self):
        """The fee was stated to the owner, who agreed to it: it is frozen.
        Recorded by Customer Service or by the repair's own worker."""
        if not self._repair_is_dispatcher():
            self._repair_check_worker()
        for ticket in self:
            if not ticket.repair_paid:
                raise UserError(
                    self.env._(
                        "Repair %s is free: it has no fee to agree.", ticket.number
                    )
                )
            if ticket.repair_fee_agreed_date:
                raise UserError(
                    self.env._("Repair %s: the fee is already agreed.", ticket.number)
                )
        self._repair_check_state(("new", "dispatched", "accepted", "on_site"))
        for ticket in self:
            if ticket.repair_fee <= 0:
                raise UserError(
                    self.env._("Repair %s: state the fee's lines first.", ticket.number)
                )
            if not ticket.partner_id:
                raise UserError(
                    self.env._(
                        "Repair %s: choose the customer who pays the fee (the owner).",
                        ticket.number,
                    )
                )
        now = fields.Datetime.now()
        self._write_by_action(
            {"repair_fee_agreed_date": now, "repair_fee_agreed_by_id": self.env.uid}
        )
        for ticket in self:
            ticket.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "Fee of %(amount)s agreed with the owner.",
                    amount=ticket._repair_format_amount(ticket.repair_fee),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _repair_format_amount(self, amount):
        return f"{self.repair_currency_id.symbol or ''}{amount:,.2f}"

    def action_repair_done(self):
        unagreed = self.filtered(
            lambda t: t.repair_paid and not t.repair_fee_agreed_date
        )
        if unagreed:
            raise UserError(
                self.env._(
                    "Repair %s is paid: state the fee to the owner and record the "
                    "agreement before the work is done.",
                    unagreed[0].number,
                )
            )
        result = super().action_repair_done()
        self.sudo()._repair_create_invoices()
        return result

    def _repair_create_invoices(self):
        """One customer invoice per paid repair that has none (or only a
        cancelled one), posted; free repairs create nothing."""
        todo = self.filtered(
            lambda t: t.repair_paid and t.repair_fee_agreed_date and t.repair_fee > 0
        )
        if not todo:
            return self.env["account.move"]
        # Two calls for the same repair: the second waits, then finds it invoiced.
        self.env.cr.execute(
            SQL(
                "SELECT id FROM helpdesk_ticket WHERE id IN %s ORDER BY id FOR NO "
                "KEY UPDATE",
                tuple(todo.ids),
            )
        )
        todo.invalidate_recordset(["repair_invoice_id", "repair_invoice_status"])
        todo = todo.filtered(lambda t: t.repair_invoice_status != "invoiced")
        moves = self.env["account.move"]
        for ticket in todo:
            journal = self.env["account.journal"].search(
                [("type", "=", "sale"), ("company_id", "=", ticket.company_id.id)],
                limit=1,
            )
            if not journal:
                raise UserError(
                    self.env._(
                        "%s has no sales journal to invoice the repair in.",
                        ticket.company_id.name,
                    )
                )
            move = (
                self.env["account.move"]
                .with_company(ticket.company_id)
                .create(ticket._repair_invoice_vals(journal))
            )
            move.action_post()
            ticket._write_by_action(
                {"repair_invoice_id": move.id, "repair_invoice_status": "invoiced"}
            )
            ticket.message_post(
                body=Markup("%s %s")
                % (self.env._("Paid repair invoiced:"), move._get_html_link()),
                subtype_xmlid="mail.mt_note",
            )
            moves |= move
        return moves

    def _repair_invoice_vals(self, journal):
        self.ensure_one()
        # Charged to the community's property project: its fee statement
        # counts the repair's income.
        project = self.sudo().unit_id.community_id.analytic_account_id
        distribution = {str(project.id): 100} if project else {}
        return {
            "move_type": "out_invoice",
            "journal_id": journal.id,
            "company_id": self.company_id.id,
            "partner_id": self.partner_id.id,
            "invoice_origin": self.number,
            "ref": self.number,
            "narration": self.name,
            "currency_id": self.repair_currency_id.id,
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": line.product_id.id,
                        "name": line.name,
                        "quantity": line.quantity,
                        "price_unit": line.price_unit,
                        # The fee agreed with the owner is the amount due.
                        "tax_ids": [Command.clear()],
                        "analytic_distribution": distribution,
                    }
                )
                for line in self.repair_fee_line_ids
            ],
        }

    def action_repair_cancel_invoice(self):
        if not (self.env.su or self.env.user.has_groups(INVOICE_CANCELLERS)):
            raise AccessError(
                self.env._(
                    "A Customer Service manager or an accountant cancels a repair's "
                    "invoice."
                )
            )
        for ticket in self:
            if ticket.repair_invoice_status != "invoiced":
                raise UserError(
                    self.env._("Repair %s has no invoice to cancel.", ticket.number)
                )
            move = ticket.sudo().repair_invoice_id
            if move.state == "posted":
                move.button_draft()
            move.button_cancel()
        return True

    def _repair_invoice_cancelled(self, reason, move):
        """``move``, the repairs' invoice, was cancelled, deleted or reversed."""
        for ticket in self.filtered(lambda t: t.repair_invoice_status == "invoiced"):
            ticket._write_by_action({"repair_invoice_status": "cancelled"})
            ticket.message_post(
                body=Markup("%s %s") % (reason, move._get_html_link()),
                subtype_xmlid="mail.mt_note",
            )

    def action_repair_invoice(self):
        """Invoice again a completed paid repair whose invoice was cancelled."""
        if not (self.env.su or self.env.user.has_groups(INVOICE_CANCELLERS)):
            raise AccessError(
                self.env._(
                    "A Customer Service manager or an accountant invoices a repair "
                    "again."
                )
            )
        for ticket in self:
            if (
                ticket.repair_state not in ("done", "confirmed")
                or not ticket.repair_paid
            ):
                raise UserError(
                    self.env._(
                        "Repair %s is not a completed paid repair.", ticket.number
                    )
                )
        self.sudo()._repair_create_invoices()
        return True
