from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestWholeFlow(HttpCase):
    """A telephone complaint from intake to return visit, as each person clicks it."""

    def test_complaint_from_intake_to_return_visit(self):
        env = self.env
        env.company.country_id = env.ref("base.cn")
        env.company.helpdesk_mgmt_ticket_auto_assign = False
        department = env.ref("helpdesk_property_info.team_after_sales_department")

        def user(login, group):
            return new_test_user(
                env,
                login=login,
                groups=f"helpdesk_property_info.{group}",
                company_id=env.company.id,
                tz="Asia/Shanghai",
            )

        agent = user("flow_agent", "group_cs_agent")
        handler = user("flow_handler", "group_department_handler")
        leader = user("flow_leader", "group_company_leader")
        env.ref("helpdesk_property_info.team_customer_service").user_ids = [
            (4, agent.id)
        ]
        department.user_ids = [(4, handler.id)]
        env["res.partner"].create({"name": "Mrs Sun", "email": "sun@example.com"})

        self.start_tour(
            "/odoo/helpdesk-tickets/new",
            "helpdesk_property_info_flow_intake",
            login=agent.login,
        )
        ticket = env["helpdesk.ticket"].search(
            [("name", "=", "Water leaking from the roof")]
        )
        self.assertEqual(ticket.team_id, department)
        self.assertEqual(ticket.contact_phone, "+8613812345678")

        ticket_url = f"/odoo/helpdesk-tickets/{ticket.id}"
        self.start_tour(
            ticket_url, "helpdesk_property_info_record_reply", login=handler.login
        )
        self.assertEqual(ticket.reply_method, "phone")

        self.start_tour(
            ticket_url, "helpdesk_property_info_flow_written_reply", login=agent.login
        )
        reply = ticket.publication_ids
        self.assertEqual(reply.state, "to_approve")

        publication_url = (
            "/odoo/action-helpdesk_property_info.helpdesk_info_publication_action/"
            f"{reply.id}"
        )
        self.start_tour(
            publication_url,
            "helpdesk_property_info_flow_leader_approval",
            login=leader.login,
        )
        self.assertEqual(reply.state, "approved")
        self.assertEqual(reply.approver_ids, leader)

        self.start_tour(
            publication_url, "helpdesk_property_info_flow_send", login=agent.login
        )
        self.assertEqual(reply.state, "published")
        self.assertIn(reply.reply_message_id, ticket.message_ids)

        self.start_tour(
            ticket_url, "helpdesk_property_info_flow_return_visit", login=agent.login
        )
        self.assertTrue(ticket.closed)
        self.assertTrue(ticket.return_visit_date)

    def test_reception_expense_from_refusal_to_export(self):
        env = self.env
        company = env.company
        tea = env.ref("helpdesk_property_info.reception_policy_tea")
        Expense = env["helpdesk.reception.expense"]
        # This month: 40 of the 100 already used, nothing else waiting to be exported.
        Expense.search(
            [("company_id", "=", company.id), ("state", "!=", "cancelled")]
        )._write_by_action({"state": "cancelled"})
        account = env["account.account"].create(
            {
                "name": "Reception",
                "code": "HPIFLOW",
                "account_type": "expense",
                "company_ids": company.ids,
            }
        )
        tea.account_id = account
        supplier = env["res.partner"].create({"name": "Green Leaf Tea House"})
        used = Expense.create(
            {
                "policy_id": tea.id,
                "amount": 40,
                "purpose": "Tea",
                "supplier_id": supplier.id,
            }
        )
        used.action_confirm()
        self.assertEqual(used.state, "approved")

        agent = new_test_user(
            env,
            login="flow_agent",
            groups="helpdesk_property_info.group_cs_agent",
            company_id=company.id,
        )
        accountant = new_test_user(
            env,
            login="flow_accountant",
            groups="account.group_account_invoice",
            company_id=company.id,
        )
        before = Expense.search([])
        self.start_tour(
            "/odoo/helpdesk-reception-expenses/new",
            "helpdesk_property_info_flow_expense_limits",
            login=agent.login,
        )
        expense = Expense.search([]) - before
        self.assertRecordValues(expense, [{"amount": 60, "state": "approved"}])
        expense.supplier_id = supplier

        self.start_tour(
            "/odoo/reception-expenses-to-export",
            "helpdesk_reception_export_bills",
            login=accountant.login,
        )
        self.assertEqual((used | expense).mapped("state"), ["exported", "exported"])
        self.assertEqual((used | expense).move_id.invoice_line_ids.account_id, account)
