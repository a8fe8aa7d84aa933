from odoo.exceptions import UserError
from odoo.tests import freeze_time

from .common_reception import ReceptionCase


class TestReceptionLimits(ReceptionCase):
    """§8: each shipped policy at its limits and just over them."""

    def assertRefused(self, expense, *fragments):
        with self.assertRaises(UserError) as caught:
            expense.action_confirm()
        for fragment in fragments:
            self.assertIn(fragment, str(caught.exception))
        self.assertEqual(expense.state, "draft")
        return str(caught.exception)

    def test_tea_at_most_100_a_month(self):
        self.confirmed(self.tea, 60, "2025-03-03")
        at_limit = self.confirmed(self.tea, 40, "2025-03-20")
        self.assertEqual(at_limit.state, "approved", "no approval is needed for tea")
        over = self.expense(self.tea, 0.01, "2025-03-31")
        self.assertRefused(
            over,
            f"this month {self.money(100)} of {self.money(100)} used; "
            f"this expense {self.money(0.01)} exceeds it by {self.money(0.01)}",
        )
        # the next month starts afresh
        self.assertEqual(self.confirmed(self.tea, 100, "2025-04-01").state, "approved")

    def test_refusal_states_the_figures(self):
        self.confirmed(self.tea, 80, "2025-03-03")
        over = self.expense(self.tea, 30, "2025-03-04")
        message = self.assertRefused(over)
        self.assertIn(over.name, message)
        self.assertIn("2025-03", message)
        self.assertIn(
            f"this month {self.money(80)} of {self.money(100)} used; "
            f"this expense {self.money(30)} exceeds it by {self.money(10)}",
            message,
        )

    def test_small_meeting_once_a_month_300_each_under_10_people(self):
        vals = dict(self.oral(), attendees=9)
        over_cap = self.expense(self.small_meeting, 300.01, "2025-03-10", **vals)
        self.assertRefused(
            over_cap,
            f"at most {self.money(300)} per event",
            f"exceeds it by {self.money(0.01)}",
        )
        too_many = self.expense(
            self.small_meeting, 200, "2025-03-10", **dict(vals, attendees=10)
        )
        self.assertRefused(too_many, "at most 9 attendees; this expense has 10")
        first = self.confirmed(self.small_meeting, 300, "2025-03-10", **vals)
        self.assertEqual(first.state, "approved")
        second = self.expense(self.small_meeting, 50, "2025-03-25", **vals)
        self.assertRefused(second, "allows 1 expense(s) a month; 2025-03 already has 1")
        self.assertEqual(
            self.confirmed(self.small_meeting, 300, "2025-04-02", **vals).state,
            "approved",
        )

    def test_visit_150_each_twice_and_300_a_month_for_5_people_or_fewer(self):
        # 5人以下 counts five in (以下 is inclusive in Chinese normative usage).
        vals = dict(self.oral(), attendees=5)
        self.assertRefused(
            self.expense(self.visit, 150.01, "2025-03-05", **vals),
            f"at most {self.money(150)} per event",
        )
        self.assertRefused(
            self.expense(self.visit, 100, "2025-03-05", **dict(vals, attendees=6)),
            "at most 5 attendees; this expense has 6",
        )
        self.confirmed(self.visit, 150, "2025-03-05", **vals)
        second = self.confirmed(self.visit, 150, "2025-03-06", **vals)
        self.assertEqual(
            second.state, "approved", "twice and 300 a month: at both limits"
        )
        third = self.expense(self.visit, 0.01, "2025-03-07", **vals)
        self.assertRefused(
            third,
            "allows 2 expense(s) a month; 2025-03 already has 2",
            f"this month {self.money(300)} of {self.money(300)} used",
        )

    def test_visit_monthly_amount_alone(self):
        vals = dict(self.oral(), attendees=2)
        self.confirmed(self.visit, 150, "2025-03-05", **vals)
        over = self.expense(self.visit, 150.01, "2025-03-06", **vals)
        message = self.assertRefused(over)
        self.assertIn(
            f"this month {self.money(150)} of {self.money(300)} used", message
        )

    def test_large_meeting_from_10_people(self):
        budget = self.Budget.create(
            {
                "title": "Owners' assembly",
                "policy_id": self.large_meeting.id,
                "date": "2025-03-20",
                "line_ids": [
                    (0, 0, {"name": "Hall", "quantity": 1, "unit_price": 2000})
                ],
            }
        )
        few = self.expense(
            self.large_meeting, 500, "2025-03-20", attendees=9, budget_id=budget.id
        )
        self.assertRefused(few, "at least 10 attendees; this expense has 9")
        enough = self.expense(
            self.large_meeting, 500, "2025-03-20", attendees=10, budget_id=budget.id
        )
        enough.action_confirm()
        self.assertEqual(enough.state, "waiting", "the budget is not approved yet")

    def test_expenses_confirmed_together_are_counted_together(self):
        first = self.expense(self.tea, 60, "2025-03-03")
        second = self.expense(self.tea, 50, "2025-03-04")
        with self.assertRaises(UserError) as caught:
            (first | second).action_confirm()
        self.assertIn(second.name, str(caught.exception))
        self.assertNotIn(first.name, str(caught.exception))
        self.assertEqual((first | second).mapped("state"), ["draft", "draft"])

    def test_every_problem_is_listed_at_once(self):
        vals = dict(self.oral(), attendees=12)
        message = self.assertRefused(
            self.expense(self.small_meeting, 400, "2025-03-10", **vals)
        )
        self.assertIn("per event", message)
        self.assertIn("attendees", message)

    def test_drafts_and_cancelled_expenses_use_no_headroom(self):
        self.expense(self.tea, 90, "2025-03-02")
        cancelled = self.confirmed(self.tea, 90, "2025-03-03")
        cancelled.action_cancel()
        self.assertEqual(self.confirmed(self.tea, 100, "2025-03-04").state, "approved")

    def test_waiting_expenses_hold_their_headroom(self):
        waiting = self.confirmed(self.visit, 150, "2025-03-05", attendees=2)
        self.assertEqual(waiting.state, "waiting")
        self.confirmed(self.visit, 150, "2025-03-06", attendees=2)
        self.assertRefused(
            self.expense(self.visit, 10, "2025-03-07", attendees=2), "already has 2"
        )

    def test_each_policy_counts_its_own_expenses(self):
        self.confirmed(self.tea, 100, "2025-03-03")
        self.assertEqual(
            self.confirmed(
                self.visit, 150, "2025-03-03", attendees=2, **self.oral()
            ).state,
            "approved",
        )

    @freeze_time("2025-03-18 04:00:00")
    def test_usage_per_policy_and_month(self):
        self.confirmed(self.tea, 30, "2025-03-03")
        self.confirmed(self.tea, 45.5, "2025-03-12")
        self.confirmed(self.tea, 20, "2025-02-12")
        self.confirmed(self.visit, 120, "2025-03-05", attendees=3)  # waiting approval
        self.env.flush_all()
        Usage = self.env["helpdesk.reception.usage"].with_user(self.agent)
        march = Usage.search(
            [("policy_id", "=", self.tea.id), ("month", "=", "2025-03-01")]
        )
        self.assertRecordValues(
            march,
            [
                {
                    "used_amount": 75.5,
                    "limit_amount": 100,
                    "remaining_amount": 24.5,
                    "used_count": 2,
                    "has_count_limit": False,
                    "waiting_amount": 0,
                }
            ],
        )
        visit = Usage.search(
            [("policy_id", "=", self.visit.id), ("month", "=", "2025-03-01")]
        )
        self.assertRecordValues(
            visit,
            [
                {
                    "used_amount": 120,
                    "waiting_amount": 120,
                    "remaining_amount": 180,
                    "remaining_count": 1,
                }
            ],
        )
        groups = Usage._read_group(
            [("policy_id", "=", self.tea.id), ("month", "<", "2025-12-01")],
            ["month:month"],
            ["used_amount:sum"],
        )
        self.assertEqual([amount for _month, amount in groups], [20, 75.5])
        # the policy shows this month's headroom
        self.assertRecordValues(
            self.tea.with_user(self.agent),
            [
                {
                    "month_used_amount": 75.5,
                    "month_remaining_amount": 24.5,
                    "month_used_count": 2,
                }
            ],
        )
        self.assertRecordValues(
            self.visit.with_user(self.agent),
            [{"month_used_count": 1, "month_remaining_count": 1}],
        )
