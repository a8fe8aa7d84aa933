from datetime import timedelta

from odoo.tests import HttpCase, new_test_user, tagged

from .common import JsonRpcMixin


@tagged("post_install", "-at_install")
class TestReceptionOverRpc(JsonRpcMixin, HttpCase):
    """The approval gates hold for JSON-RPC callers as in the web client."""

    def setUp(self):
        super().setUp()
        self.company = self.env.company
        self.company.reception_tz = "Asia/Shanghai"
        self.agent = new_test_user(
            self.env,
            login="hpi_rpc_agent",
            groups="helpdesk_property_info.group_cs_agent",
        )
        self.leader = new_test_user(
            self.env,
            login="hpi_rpc_leader",
            groups="helpdesk_property_info.group_company_leader",
        )
        self.visit = self.env.ref("helpdesk_property_info.reception_policy_visit")
        self.large_meeting = self.env.ref(
            "helpdesk_property_info.reception_policy_large_meeting"
        )
        # a day to come, so that an approval given now is given beforehand
        self.event_day = self.company._reception_local_date() + timedelta(days=7)

    def call(self, login, model, method, *args, **kwargs):
        result, error = self.jsonrpc(login, model, method, *args, **kwargs)
        return result, error and error["data"]

    def create_expense(self, **vals):
        values = {
            "policy_id": self.visit.id,
            "date": str(self.event_day),
            "amount": 10,
            "attendees": 2,
            "purpose": "Lunch with a journalist",
        }
        values.update(vals)
        result, error = self.call(
            "hpi_rpc_agent", "helpdesk.reception.expense", "create", [values]
        )
        self.assertFalse(error, error)
        return result[0]

    # pylint: disable-next=method-required-super  # the test's helper, not ORM's
    def read(self, model, record_id, *fields):
        [values] = self.env[model].browse(record_id).read(list(fields))
        return values

    def test_an_oral_approval_dated_after_the_event_is_refused(self):
        Expense = self.env["helpdesk.reception.expense"]
        before = Expense.search_count([])
        # an event three days ago, approved yesterday
        past_event = self.company._reception_local_date() - timedelta(days=3)
        after_event = f"{past_event + timedelta(days=1)} 04:00:00"
        result, error = self.call(
            "hpi_rpc_agent",
            "helpdesk.reception.expense",
            "create",
            [
                {
                    "policy_id": self.visit.id,
                    "date": str(past_event),
                    "amount": 10,
                    "attendees": 2,
                    "purpose": "Lunch",
                    "oral_approver_id": self.leader.id,
                    "oral_approved_on": after_event,
                }
            ],
        )
        self.assertIsNone(result)
        self.assertEqual(error["name"], "odoo.exceptions.ValidationError")
        self.assertIn("is after the event", error["message"])
        self.assertEqual(Expense.search_count([]), before)

    def test_the_state_cannot_be_forced(self):
        expense_id = self.create_expense()
        for context in ({}, {"hpi_reception_action": True}):
            result, error = self.call(
                "hpi_rpc_agent",
                "helpdesk.reception.expense",
                "write",
                [expense_id],
                {"state": "approved"},
                context=context,
            )
            self.assertIn("through its buttons only", error["message"])
        result, error = self.call(
            "hpi_rpc_agent",
            "helpdesk.reception.expense",
            "create",
            [
                {
                    "policy_id": self.visit.id,
                    "amount": 10,
                    "purpose": "x",
                    "state": "approved",
                }
            ],
        )
        self.assertIn("through its buttons only", error["message"])
        self.assertEqual(
            self.read("helpdesk.reception.expense", expense_id, "state")["state"],
            "draft",
        )

    def test_only_a_leader_approves_a_waiting_expense(self):
        expense_id = self.create_expense()
        result, error = self.call(
            "hpi_rpc_agent",
            "helpdesk.reception.expense",
            "action_confirm",
            [expense_id],
        )
        self.assertTrue(result, error)
        self.assertEqual(
            self.read("helpdesk.reception.expense", expense_id, "state")["state"],
            "waiting",
        )
        result, error = self.call(
            "hpi_rpc_agent",
            "helpdesk.reception.expense",
            "action_approve",
            [expense_id],
        )
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        self.assertEqual(
            self.read("helpdesk.reception.expense", expense_id, "state")["state"],
            "waiting",
        )
        result, error = self.call(
            "hpi_rpc_leader",
            "helpdesk.reception.expense",
            "action_approve",
            [expense_id],
        )
        self.assertTrue(result, error)
        values = self.read(
            "helpdesk.reception.expense", expense_id, "state", "oral_approver_id"
        )
        self.assertEqual(values["state"], "approved")
        self.assertEqual(values["oral_approver_id"][0], self.leader.id)

    def test_the_written_budget_gate_holds(self):
        budget_values = {
            "title": "Owners' assembly",
            "policy_id": self.large_meeting.id,
            "date": str(self.event_day),
            "attendees": 30,
            "line_ids": [(0, 0, {"name": "Hall", "quantity": 1, "unit_price": 1000})],
        }
        [budget_id], error = self.call(
            "hpi_rpc_agent", "helpdesk.reception.budget", "create", [budget_values]
        )
        _result, error = self.call(
            "hpi_rpc_agent",
            "helpdesk.reception.budget",
            "request_validation",
            [budget_id],
        )
        self.assertFalse(error, error)
        expense_id = self.create_expense(
            policy_id=self.large_meeting.id,
            amount=900,
            attendees=25,
            budget_id=budget_id,
        )
        self.call(
            "hpi_rpc_agent",
            "helpdesk.reception.expense",
            "action_confirm",
            [expense_id],
        )
        self.assertEqual(
            self.read("helpdesk.reception.expense", expense_id, "state")["state"],
            "waiting",
        )
        # the agent can neither validate, nor decide the review, nor force the state
        self.call(
            "hpi_rpc_agent", "helpdesk.reception.budget", "validate_tier", [budget_id]
        )
        review_ids = self.read("helpdesk.reception.budget", budget_id, "review_ids")[
            "review_ids"
        ]
        _result, error = self.call(
            "hpi_rpc_agent",
            "tier.review",
            "write",
            review_ids,
            {"status": "approved", "done_by": self.leader.id},
        )
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        _result, error = self.call(
            "hpi_rpc_agent",
            "helpdesk.reception.budget",
            "write",
            [budget_id],
            {"state": "approved"},
        )
        self.assertIn("through its buttons only", error["message"])
        _result, error = self.call(
            "hpi_rpc_agent",
            "helpdesk.reception.expense",
            "action_confirm",
            [expense_id],
        )
        self.assertIn("waits for the approval of the written budget", error["message"])
        self.assertEqual(
            self.read("helpdesk.reception.budget", budget_id, "state")["state"], "draft"
        )
        # the leader's validation approves the budget, and the expense with it
        _result, error = self.call(
            "hpi_rpc_leader", "helpdesk.reception.budget", "validate_tier", [budget_id]
        )
        self.assertFalse(error, error)
        self.assertEqual(
            self.read("helpdesk.reception.budget", budget_id, "state")["state"],
            "approved",
        )
        self.assertEqual(
            self.read("helpdesk.reception.expense", expense_id, "state")["state"],
            "approved",
        )
