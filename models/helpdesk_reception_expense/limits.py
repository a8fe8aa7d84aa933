from odoo import models
from odoo.exceptions import UserError


class HelpdeskReceptionExpense(models.Model):
    """The limits of its policy and the approval it needs, checked when an
    expense is confirmed."""

    _inherit = "helpdesk.reception.expense"

    def _check_limits(self):
        """Per-event cap, attendee range, monthly amount and monthly count, for
        expenses about to be confirmed together. Raises with every problem."""
        problems = []
        usage = {}
        for expense in self.sorted(lambda e: (e.date, e.id)):
            policy = expense.policy_id
            currency = expense.currency_id
            money = expense._money
            if (
                policy.max_per_event
                and currency.compare_amounts(expense.amount, policy.max_per_event) > 0
            ):
                problems.append(
                    self.env._(
                        "%(expense)s: “%(policy)s” allows at most %(limit)s per event; "
                        "this expense %(amount)s exceeds it by %(excess)s.",
                        expense=expense.name,
                        policy=policy.name,
                        limit=money(policy.max_per_event),
                        amount=money(expense.amount),
                        excess=money(expense.amount - policy.max_per_event),
                    )
                )
            if policy.min_attendees and expense.attendees < policy.min_attendees:
                problems.append(
                    self.env._(
                        "%(expense)s: “%(policy)s” is for at least %(min)s "
                        "attendees; this expense has %(attendees)s.",
                        expense=expense.name,
                        policy=policy.name,
                        min=policy.min_attendees,
                        attendees=expense.attendees,
                    )
                )
            if policy.max_attendees and expense.attendees > policy.max_attendees:
                problems.append(
                    self.env._(
                        "%(expense)s: “%(policy)s” is for at most %(max)s attendees; "
                        "this expense has %(attendees)s.",
                        expense=expense.name,
                        policy=policy.name,
                        max=policy.max_attendees,
                        attendees=expense.attendees,
                    )
                )
            month = expense.date.replace(day=1)
            if (policy, month) not in usage:
                usage[policy, month] = list(policy._month_usage(month, exclude=self))
            used_amount, used_count = usage[policy, month]
            if policy.monthly_max_count and used_count >= policy.monthly_max_count:
                problems.append(
                    self.env._(
                        "%(expense)s: “%(policy)s” allows %(limit)s expense(s) a "
                        "month; %(month)s already has %(used)s.",
                        expense=expense.name,
                        policy=policy.name,
                        limit=policy.monthly_max_count,
                        month=month.strftime("%Y-%m"),
                        used=used_count,
                    )
                )
            if (
                policy.monthly_max_amount
                and currency.compare_amounts(
                    used_amount + expense.amount, policy.monthly_max_amount
                )
                > 0
            ):
                problems.append(
                    self.env._(
                        "%(expense)s: “%(policy)s”, %(month)s: this month %(used)s "
                        "of %(limit)s used; this expense %(amount)s exceeds it by "
                        "%(excess)s.",
                        expense=expense.name,
                        policy=policy.name,
                        month=month.strftime("%Y-%m"),
                        used=money(used_amount),
                        limit=money(policy.monthly_max_amount),
                        amount=money(expense.amount),
                        excess=money(
                            used_amount + expense.amount - policy.monthly_max_amount
                        ),
                    )
                )
            usage[policy, month] = [used_amount + expense.amount, used_count + 1]
        if problems:
            raise UserError("\n".join(problems))

    def _approval_gate(self):
        """'ready' when the approval its policy asks for is in place, 'waiting'
        while it is not yet. Raises when the approval cannot cover it."""
        self.ensure_one()
        kind = self.policy_id.approval_type
        if kind == "oral":
            problem = self._oral_approval_problem()
            if problem:
                raise UserError(problem)
            return (
                "ready"
                if self.oral_approver_id and self.oral_approved_on
                else "waiting"
            )
        if kind == "budget":
            if not self.budget_id:
                raise UserError(
                    self.env._(
                        "%(expense)s: “%(policy)s” needs the meeting's written "
                        "budget: choose it on the expense.",
                        expense=self.name,
                        policy=self.policy_id.name,
                    )
                )
            if self.budget_id.state != "approved":
                return "waiting"
            self.budget_id._check_covers(self)
        return "ready"

    def _waiting_message(self):
        self.ensure_one()
        if self.policy_id.approval_type == "budget":
            return self.env._(
                "%(expense)s waits for the approval of the written budget %(budget)s.",
                expense=self.name,
                budget=self.budget_id.name,
            )
        return self.env._(
            "%(expense)s waits for a company leader's oral approval: record who "
            "approved it and when, or ask a company leader to approve it.",
            expense=self.name,
        )
