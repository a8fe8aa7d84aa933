from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

from .test_repair import RepairCase


class TestPaidRepair(RepairCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = cls.env["res.partner"].create({"name": "王建国"})
        category = cls.env.ref(
            "helpdesk_property_info.product_category_repair_services"
        )
        cls.drain = cls.env["product.product"].create(
            {
                "name": "Unblock a drain",
                "type": "service",
                "categ_id": category.id,
                "list_price": 80,
            }
        )
        cls.washer = cls.env["product.product"].create(
            {
                "name": "Tap washer",
                "type": "consu",
                "list_price": 5,
            }
        )
        cls.accountant = cls.env["res.users"].create(
            {
                "name": "Accountant",
                "login": "hpi_repair_accountant",
                "group_ids": [
                    Command.link(cls.env.ref("account.group_account_invoice").id)
                ],
            }
        )

    def paid_on_site(self, **overrides):
        ticket = self.dispatched(
            self.ordinary, partner_id=self.owner.id, repair_paid=True, **overrides
        )
        as_worker = ticket.with_user(self.worker)
        as_worker.action_repair_arrive()
        as_worker.write(
            {
                "repair_fee_line_ids": [
                    Command.create({"product_id": self.drain.id}),
                    Command.create({"product_id": self.washer.id, "quantity": 2}),
                ]
            }
        )
        return ticket

    def invoices(self, ticket):
        return self.env["account.move"].search([("invoice_origin", "=", ticket.number)])

    def test_the_fee_follows_the_price_list_and_is_invoiced_once_on_completion(self):
        ticket = self.paid_on_site()
        self.assertEqual(ticket.repair_fee, 90)
        self.assertEqual(ticket.repair_fee_line_ids[0].name, "Unblock a drain")
        as_worker = ticket.with_user(self.worker)
        as_worker.action_repair_agree_fee()
        self.assertEqual(ticket.repair_fee_agreed_by_id, self.worker)
        as_worker.action_repair_done()
        invoice = self.invoices(ticket)
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.partner_id, self.owner)
        self.assertEqual(invoice.amount_total, 90)
        self.assertEqual(ticket.repair_invoice_status, "invoiced")
        self.assertEqual(ticket.sudo().repair_invoice_id, invoice)
        # Idempotent: invoicing the repair again makes no second invoice.
        ticket.sudo()._repair_create_invoices()
        self.assertEqual(self.invoices(ticket), invoice)

    def test_the_invoice_is_charged_to_the_community_project(self):
        community = self.env["helpdesk.info.community"].create({"name": "Fee Garden"})
        building = self.env["helpdesk.info.building"].create(
            {"community_id": community.id, "code": "3"}
        )
        unit = self.env["helpdesk.info.unit"].create(
            {"building_id": building.id, "room": "501"}
        )
        project = self.env["account.analytic.account"].create(
            {
                "name": "Fee Garden",
                "plan_id": self.env["account.analytic.plan"]
                .create({"name": "Projects"})
                .id,
            }
        )
        community.analytic_account_id = project
        ticket = self.paid_on_site(unit_id=unit.id)
        ticket.with_user(self.worker).action_repair_agree_fee()
        ticket.with_user(self.worker).action_repair_done()
        lines = self.invoices(ticket).invoice_line_ids
        self.assertEqual(len(lines), 2)
        for line in lines:
            self.assertEqual(line.analytic_distribution, {str(project.id): 100})

    def test_the_agreed_fee_no_longer_changes(self):
        ticket = self.paid_on_site()
        ticket.with_user(self.worker).action_repair_agree_fee()
        line = ticket.repair_fee_line_ids[0]
        for user in (self.worker, self.manager):
            with self.assertRaises(AccessError):
                line.with_user(user).price_unit = 1
            with self.assertRaises(AccessError):
                line.with_user(user).unlink()
            with self.assertRaisesRegex(UserError, "fee the owner agreed"):
                ticket.with_user(user).write(
                    {
                        "repair_fee_line_ids": [
                            Command.create({"name": "Extra", "price_unit": 50})
                        ]
                    }
                )
            with self.assertRaisesRegex(UserError, "fee the owner agreed"):
                ticket.with_user(user).repair_paid = False
        with self.assertRaises(AccessError):
            ticket.with_user(self.manager).write({"repair_fee_agreed_date": False})
        self.assertEqual(ticket.repair_fee, 90)

    def test_the_payer_is_frozen_with_the_agreed_fee(self):
        """The invoice goes to the customer who agreed: an agent cannot move
        an agreed repair to another partner, nor to another company."""
        ticket = self.paid_on_site()
        ticket.with_user(self.worker).action_repair_agree_fee()
        other = self.env["res.partner"].create({"name": "李四"})
        for user in (self.agent, self.manager, self.worker):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(UserError, "fee the owner agreed: Contact"),
            ):
                ticket.with_user(user).write({"partner_id": other.id})
        # Rewriting the same customer is no change.
        ticket.with_user(self.agent).write({"partner_id": self.owner.id})
        ticket.with_user(self.worker).action_repair_done()
        self.assertEqual(self.invoices(ticket).partner_id, self.owner)

    def test_the_payer_changes_until_the_fee_is_agreed(self):
        ticket = self.paid_on_site()
        other = self.env["res.partner"].create({"name": "李四"})
        ticket.with_user(self.agent).write({"partner_id": other.id})
        ticket.with_user(self.worker).action_repair_agree_fee()
        ticket.with_user(self.worker).action_repair_done()
        self.assertEqual(self.invoices(ticket).partner_id, other)

    def test_a_paid_repair_is_not_done_before_the_fee_is_agreed(self):
        ticket = self.paid_on_site()
        with self.assertRaisesRegex(UserError, "is paid"):
            ticket.with_user(self.worker).action_repair_done()
        self.assertEqual(ticket.repair_state, "on_site")

    def test_agreement_needs_lines_and_the_paying_owner(self):
        ticket = self.dispatched(self.ordinary, repair_paid=True)
        with self.assertRaisesRegex(UserError, "fee's lines"):
            ticket.with_user(self.worker).action_repair_agree_fee()
        ticket.with_user(self.worker).write(
            {"repair_fee_line_ids": [Command.create({"product_id": self.drain.id})]}
        )
        with self.assertRaisesRegex(UserError, "customer"):
            ticket.with_user(self.worker).action_repair_agree_fee()

    def test_a_free_repair_creates_nothing(self):
        ticket = self.dispatched(self.emergency, partner_id=self.owner.id)
        ticket.with_user(self.worker).action_repair_arrive()
        ticket.with_user(self.worker).action_repair_done()
        self.assertFalse(self.invoices(ticket))
        self.assertEqual(ticket.repair_invoice_status, "none")
        with self.assertRaisesRegex(UserError, "free"):
            ticket.with_user(self.agent).action_repair_agree_fee()

    def test_cancelled_invoice_is_invoiced_again(self):
        ticket = self.paid_on_site()
        ticket.with_user(self.worker).action_repair_agree_fee()
        ticket.with_user(self.worker).action_repair_done()
        first = self.invoices(ticket)
        with self.assertRaises(AccessError):
            ticket.with_user(self.agent).action_repair_cancel_invoice()
        ticket.with_user(self.manager).action_repair_cancel_invoice()
        self.assertEqual(first.state, "cancel")
        self.assertEqual(ticket.repair_invoice_status, "cancelled")
        ticket.with_user(self.manager).action_repair_invoice()
        second = self.invoices(ticket) - first
        self.assertEqual(len(second), 1)
        self.assertEqual(second.state, "posted")
        self.assertEqual(ticket.repair_invoice_status, "invoiced")

    def test_a_cancelled_repair_invoice_stays_cancelled(self):
        """The repair is invoiced again from its ticket: the cancelled invoice
        is never reset to draft nor posted, replaced or not, so that a
        repair has one posted invoice."""
        ticket = self.paid_on_site()
        ticket.with_user(self.worker).action_repair_agree_fee()
        ticket.with_user(self.worker).action_repair_done()
        first = self.invoices(ticket)
        self.assertEqual(first.repair_origin_id, ticket)
        first.with_user(self.accountant).button_draft()
        first.with_user(self.accountant).button_cancel()
        with self.assertRaisesRegex(UserError, "cancelled repair invoice"):
            first.with_user(self.accountant).button_draft()
        ticket.with_user(self.manager).action_repair_invoice()
        second = self.invoices(ticket) - first
        # The first invoice still knows its repair once replaced.
        self.assertFalse(first.repair_ticket_ids)
        self.assertEqual(first.repair_origin_id, ticket)
        self.assertEqual(second.repair_origin_id, ticket)
        with self.assertRaisesRegex(UserError, "cancelled repair invoice"):
            first.with_user(self.accountant).button_draft()
        with self.assertRaisesRegex(UserError, "cancelled repair invoice"):
            first.with_user(self.accountant).write({"state": "posted"})
        with self.assertRaises(AccessError):
            first.with_user(self.accountant).write({"repair_origin_id": False})
        self.assertEqual(first.state, "cancel")
        self.assertEqual(self.invoices(ticket).mapped("state"), ["posted", "cancel"])
        # Other entries are reset to draft as before.
        second.with_user(self.accountant).button_draft()
        self.assertEqual(second.state, "draft")

    def test_an_invoice_cancelled_in_accounting_frees_the_repair(self):
        ticket = self.paid_on_site()
        ticket.with_user(self.worker).action_repair_agree_fee()
        ticket.with_user(self.worker).action_repair_done()
        invoice = self.invoices(ticket).with_user(self.accountant)
        invoice.button_draft()
        invoice.button_cancel()
        self.assertEqual(ticket.repair_invoice_status, "cancelled")
        self.assertIn("Repair invoice cancelled", ticket.message_ids[0].body)

    def test_a_worker_prices_only_his_own_repairs(self):
        other = self.repair(
            self.ordinary, repair_worker_id=self.other_worker.id, repair_paid=True
        )
        with self.assertRaises(AccessError):
            self.env["helpdesk.ticket.repair.fee.line"].with_user(self.worker).create(
                {"ticket_id": other.id, "name": "Forged", "price_unit": 999}
            )
