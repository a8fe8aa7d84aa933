from contextlib import suppress

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time

from .common_reception import ReceptionCase


class TestOralApproval(ReceptionCase):
    """Small owners' meetings and media or customer receptions need a company
    leader's oral approval, given on or before the day of the event."""

    def test_without_approval_the_expense_waits_and_leaders_are_told(self):
        expense = self.expense(self.visit, 100, "2025-03-05", attendees=2)
        expense.action_confirm()
        self.assertEqual(expense.state, "waiting")
        self.env.flush_all()
        message = expense.message_ids[:1]
        self.assertIn("waits for a company leader's oral approval", str(message.body))
        self.assertIn(self.leader.partner_id, message.partner_ids)
        self.assertNotIn(self.agent.partner_id, message.partner_ids)
        with self.assertRaisesRegex(
            UserError, "waits for a company leader's oral approval"
        ):
            expense.action_confirm()

    def test_agent_records_the_leaders_oral_approval(self):
        expense = self.expense(self.visit, 100, "2025-03-05", attendees=2)
        expense.action_confirm()
        expense.write(self.oral(when="2025-03-04 01:00:00"))
        expense.action_confirm()
        self.assertEqual(expense.state, "approved")
        self.assertEqual(expense.oral_approver_id, self.leader)

    def test_the_form_refuses_an_oral_approval_dated_after_the_event(self):
        form = Form(self.Expense.with_user(self.agent))
        form.policy_id = self.small_meeting
        form.date = "2025-03-05"
        form.amount = 250
        form.attendees = 6
        form.purpose = "Owners' meeting on the lift"
        form.oral_approver_id = self.leader
        form.oral_approved_on = "2025-03-06 02:00:00"
        with self.assertRaisesRegex(ValidationError, "is after the event"):
            form.save()
        form.oral_approved_on = "2025-03-05 02:00:00"  # the same day is fine
        expense = form.save()
        expense.action_confirm()
        self.assertEqual(expense.state, "approved")

    def test_only_a_company_leader_is_recorded_as_approver(self):
        expense = self.expense(self.visit, 100, "2025-03-05", attendees=2)
        for user in (self.agent, self.manager, self.accountant, self.handler):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(ValidationError, "not a company leader"),
            ):
                expense.write(self.oral(leader=user))
        other_company = self.env["res.company"].create({"name": "Other Property Co."})
        foreign_leader = self.user_of(
            other_company, "hpi_foreign_leader", "group_company_leader"
        )
        with self.assertRaisesRegex(ValidationError, "not a company leader"):
            expense.write(self.oral(leader=foreign_leader))

    @freeze_time("2025-03-01 02:00:00")
    def test_an_approval_cannot_be_recorded_ahead_of_time(self):
        expense = self.expense(self.visit, 100, "2025-03-05", attendees=2)
        with self.assertRaisesRegex(ValidationError, "ahead of time"):
            expense.write(self.oral(when="2025-03-02 02:00:00"))

    @freeze_time("2025-03-04 03:00:00")
    def test_a_leader_approves_a_waiting_expense_before_the_event(self):
        expense = self.expense(self.visit, 100, "2025-03-05", attendees=2)
        expense.action_confirm()
        with self.assertRaises(AccessError):
            expense.with_user(self.agent).action_approve()
        with self.assertRaises(AccessError):
            expense.with_user(self.accountant).action_approve()
        expense.with_user(self.leader).action_approve()
        self.assertRecordValues(
            expense, [{"state": "approved", "oral_approver_id": self.leader.id}]
        )
        self.assertEqual(str(expense.oral_approved_on), "2025-03-04 03:00:00")

    def test_a_leader_cannot_approve_after_the_event(self):
        expense = self.expense(self.visit, 100, "2025-03-05", attendees=2)
        expense.action_confirm()
        with freeze_time("2025-03-05 17:00:00"):  # 6 March in Shanghai
            with self.assertRaisesRegex(ValidationError, "is after the event"):
                expense.with_user(self.leader).action_approve()
        self.assertEqual(expense.state, "waiting")

    def test_a_leader_refuses_and_nobody_else_does(self):
        expense = self.expense(self.visit, 100, "2025-03-05", attendees=2)
        expense.action_confirm()
        for user in (self.agent, self.manager, self.accountant):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                expense.with_user(user).action_refuse()
        expense.with_user(self.leader).action_refuse()
        self.assertRecordValues(
            expense, [{"state": "cancelled", "refused_by_id": self.leader.id}]
        )
        # the refusal stands: the agent cannot reopen it and record the leader's
        # approval
        with self.assertRaisesRegex(UserError, "the refusal stands"):
            expense.with_user(self.agent).action_reset_to_draft()
        with self.assertRaises(UserError):
            expense.with_user(self.agent).write({"oral_approver_id": self.leader.id})
        self.assertRecordValues(
            expense, [{"state": "cancelled", "refused_by_id": self.leader.id}]
        )
        # its headroom is free again
        self.confirmed(self.visit, 150, "2025-03-06", attendees=2)
        self.confirmed(self.visit, 150, "2025-03-07", attendees=2)

    def test_the_state_moves_through_the_buttons_only(self):
        expense = self.expense(self.visit, 100, "2025-03-05", attendees=2)
        for user in (self.agent, self.leader, self.accountant):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(UserError, "through its buttons"),
            ):
                expense.with_user(user).write({"state": "approved"})
        with self.assertRaises(UserError):
            self.Expense.with_user(self.agent).create(
                {
                    "policy_id": self.tea.id,
                    "amount": 5,
                    "purpose": "x",
                    "state": "approved",
                }
            )
        with self.assertRaises(UserError):
            expense.with_user(self.agent).with_context(hpi_reception_action=True).write(
                {"state": "approved"}
            )
        self.assertEqual(expense.state, "draft")

    def test_confirmed_figures_are_frozen(self):
        expense = self.confirmed(self.tea, 50, "2025-03-05")
        with self.assertRaisesRegex(UserError, "Amount no longer change"):
            expense.with_user(self.agent).amount = 500
        with self.assertRaisesRegex(UserError, "Date no longer change"):
            expense.with_user(self.agent).date = "2025-04-05"
        expense.with_user(self.agent).meeting = "Visit of the residents' committee"
        with self.assertRaisesRegex(UserError, "only draft or cancelled"):
            expense.with_user(self.agent).unlink()
        expense.action_cancel()
        expense.action_reset_to_draft()
        expense.with_user(self.agent).amount = 60
        expense.with_user(self.agent).unlink()


class TestWrittenBudget(ReceptionCase):
    """Owners' meetings of ten or more people spend within a written budget a
    company leader approves through tier validation before the meeting."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.definition = cls.env.ref(
            "helpdesk_property_info.tier_definition_reception_budget"
        )

    def budget(self, date="2025-03-20", user=None, lines=((1, 1000), (20, 25))):
        return self.Budget.with_user(user or self.agent).create(
            {
                "title": "Owners' assembly on the lift renovation",
                "policy_id": self.large_meeting.id,
                "date": date,
                "attendees": 20,
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "name": f"Line {i}",
                            "quantity": quantity,
                            "unit_price": price,
                        },
                    )
                    for i, (quantity, price) in enumerate(lines)
                ],
            }
        )

    def approve(self, budget, leader=None):
        budget.with_user(budget.create_uid).request_validation()
        budget.with_user(leader or self.leader).validate_tier()
        return budget

    @freeze_time("2025-03-10 02:00:00")
    def test_a_leader_approves_the_budget_through_tier_validation(self):
        budget = self.budget()
        self.assertEqual(budget.amount_total, 1500)
        self.assertTrue(budget.need_validation)
        budget.request_validation()
        self.assertEqual(budget.validation_status, "pending")
        self.assertIn(self.leader, budget.review_ids.reviewer_ids)
        for user in (self.agent, self.manager, self.accountant, self.handler):
            with self.subTest(user=user.login):
                with suppress(AccessError):
                    budget.with_user(user).validate_tier()
                self.assertEqual(budget.state, "draft")
                self.assertEqual(budget.validation_status, "pending")
        budget.with_user(self.leader).validate_tier()
        self.assertRecordValues(
            budget,
            [
                {
                    "state": "approved",
                    "validation_status": "validated",
                    "approved_by_id": self.leader.id,
                }
            ],
        )
        self.assertEqual(str(budget.first_approved_on), "2025-03-10 02:00:00")

    @freeze_time("2025-03-10 02:00:00")
    def test_nobody_else_approves_a_budget(self):
        budget = self.budget()
        budget.request_validation()
        review = budget.review_ids
        with self.assertRaises(AccessError):
            review.with_user(self.agent).write(
                {"status": "approved", "done_by": self.leader.id}
            )
        with self.assertRaises(AccessError):
            review.with_user(self.agent).write({"status": "approved"})
        with self.assertRaises(AccessError):
            review.with_user(self.leader).write(
                {"status": "approved", "done_by": self.second_leader.id}
            )
        with self.assertRaisesRegex(UserError, "through its buttons only"):
            budget.with_user(self.leader).write({"state": "approved"})
        with self.assertRaises(AccessError):
            self.env["tier.review"].with_user(self.agent).create(
                {
                    "model": budget._name,
                    "res_id": budget.id,
                    "definition_id": self.definition.id,
                    "status": "approved",
                }
            )
        self.assertEqual(budget.state, "draft")

    @freeze_time("2025-03-10 02:00:00")
    def test_four_eyes_a_leader_does_not_approve_their_own_budget(self):
        budget = self.budget()
        budget.with_user(self.leader).request_validation()
        self.assertNotIn(self.leader, budget.review_ids.reviewer_ids)
        with self.assertRaisesRegex(AccessError, "You asked for the approval"):
            budget.with_user(self.leader).validate_tier()
        self.assertEqual(budget.state, "draft")
        budget.with_user(self.second_leader).validate_tier()
        self.assertEqual(budget.state, "approved")
        self.assertEqual(budget.approved_by_id, self.second_leader)

    def test_a_budget_is_approved_before_the_meeting(self):
        budget = self.budget(date="2025-03-20")
        with freeze_time("2025-03-20 15:00:00"):  # 23:00 on the day of the meeting
            budget.request_validation()
        with freeze_time("2025-03-20 16:30:00"):  # 00:30 the day after, in Shanghai
            with self.assertRaisesRegex(UserError, "has already taken place"):
                budget.with_user(self.leader).validate_tier()
        self.assertEqual(budget.state, "draft")
        late = self.budget(date="2025-03-01")
        with (
            freeze_time("2025-03-02 02:00:00"),
            self.assertRaisesRegex(UserError, "has already taken place"),
        ):
            late.request_validation()

    @freeze_time("2025-03-10 02:00:00")
    def test_an_approved_budget_is_frozen_until_revised(self):
        budget = self.approve(self.budget())
        with self.assertRaisesRegex(UserError, "revise it"):
            budget.with_user(self.agent).write({"date": "2025-03-25"})
        with self.assertRaisesRegex(UserError, "revise it"):
            budget.line_ids[0].with_user(self.agent).unit_price = 5000
        with self.assertRaisesRegex(UserError, "revise it"):
            budget.with_user(self.agent).write(
                {"line_ids": [(0, 0, {"name": "More", "unit_price": 1})]}
            )
        self.assertEqual(budget.amount_total, 1500)

    @freeze_time("2025-03-10 02:00:00")
    def test_no_line_joins_an_approved_budget(self):
        budget = self.approve(self.budget())
        Line = self.env["helpdesk.reception.budget.line"].with_user(self.agent)
        with self.assertRaisesRegex(UserError, "revise it"), self.env.cr.savepoint():
            Line.create({"budget_id": budget.id, "name": "More", "unit_price": 9})
        draft = self.budget(date="2025-03-25")
        with self.assertRaisesRegex(UserError, "revise it"), self.env.cr.savepoint():
            draft.line_ids[0].with_user(self.agent).budget_id = budget
        self.assertEqual(len(budget.line_ids), 2)
        self.assertEqual(budget.amount_total, 1500)

    def test_the_expense_is_checked_against_the_approved_budget(self):
        with freeze_time("2025-03-10 02:00:00"):
            budget = self.approve(self.budget())
        within = self.expense(
            self.large_meeting, 1200, "2025-03-20", attendees=18, budget_id=budget.id
        )
        within.action_confirm()
        self.assertEqual(within.state, "approved")
        over = self.expense(
            self.large_meeting, 400, "2025-03-20", attendees=18, budget_id=budget.id
        )
        with self.assertRaises(UserError) as caught:
            over.action_confirm()
        message = str(caught.exception)
        self.assertIn(
            f"allows {self.money(1500)} and {self.money(1200)} is already spent; "
            f"{self.money(400)} more exceeds it by {self.money(100)}",
            message,
        )
        self.assertIn("Revise the budget", message)
        self.assertEqual(over.state, "draft")
        self.assertEqual(budget.spent_amount, 1200)
        self.assertEqual(budget.remaining_amount, 300)

    def test_exceeding_the_budget_needs_a_new_approval(self):
        with freeze_time("2025-03-10 02:00:00"):
            budget = self.approve(self.budget())
        expense = self.expense(
            self.large_meeting, 1600, "2025-03-20", attendees=22, budget_id=budget.id
        )
        with freeze_time("2025-03-21 02:00:00"):
            with self.assertRaises(UserError):
                expense.action_confirm()
            budget.with_user(self.agent).action_revise()
            self.assertEqual(budget.state, "draft")
            self.assertFalse(budget.review_ids, "a revision asks for a new approval")
            budget.line_ids[0].with_user(self.agent).unit_price = 1200
            self.assertEqual(budget.amount_total, 1700)
            expense.action_confirm()
            self.assertEqual(
                expense.state, "waiting", "the revision is not approved yet"
            )
            # the revision is approved after the meeting: the first approval came
            # before it
            self.approve(budget, leader=self.second_leader)
        self.assertEqual(budget.state, "approved")
        self.assertEqual(str(budget.first_approved_on), "2025-03-10 02:00:00")
        self.assertEqual(
            expense.state, "approved", "waiting expenses go ahead with the approval"
        )

    def test_an_expense_on_a_budget_approved_after_the_meeting_is_refused(self):
        with freeze_time("2025-03-10 02:00:00"):
            budget = self.approve(self.budget(date="2025-03-20"))
        early = self.expense(
            self.large_meeting, 500, "2025-03-08", attendees=12, budget_id=budget.id
        )
        with self.assertRaisesRegex(UserError, "after the meeting of"):
            early.action_confirm()

    def test_a_budget_policy_expense_names_its_budget(self):
        expense = self.expense(self.large_meeting, 500, "2025-03-20", attendees=12)
        with self.assertRaisesRegex(UserError, "needs the meeting's written budget"):
            expense.action_confirm()
        with self.assertRaisesRegex(ValidationError, "not for"):
            self.expense(
                self.visit, 100, "2025-03-20", attendees=2, budget_id=self.budget().id
            )

    @freeze_time("2025-03-10 02:00:00")
    def test_a_budget_needs_lines_to_be_approved(self):
        budget = self.budget(lines=())
        with self.assertRaisesRegex(UserError, "Write the lines"):
            budget.request_validation()

    @freeze_time("2025-03-10 02:00:00")
    def test_a_rejected_budget_is_corrected_and_asked_again(self):
        budget = self.budget()
        budget.request_validation()
        action = budget.with_user(self.leader).reject_tier()
        self.assertEqual(action["res_model"], "comment.wizard")
        self.assertEqual(budget.validation_status, "pending", "a reason is given")
        self.env["comment.wizard"].with_user(self.leader).with_context(
            **action["context"]
        ).create({"comment": "Fewer gifts, please."}).add_comment()
        self.assertEqual(budget.validation_status, "rejected")
        self.assertEqual(budget.state, "draft")
        self.assertEqual(budget.rejection_reason, "Fewer gifts, please.")
        budget.with_user(self.agent).restart_validation()
        budget.line_ids[0].with_user(self.agent).unit_price = 800
        self.approve(budget)
        self.assertRecordValues(budget, [{"state": "approved", "amount_total": 1300}])
