from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, freeze_time

from .common_reception import ReceptionCase

# 16:30 UTC on 31 March is 00:30 on 1 April in Shanghai.
LATE_MARCH_UTC = "2025-03-31 16:30:00"


class TestReceptionTimeZone(ReceptionCase):
    """Calendar months and days before the event are counted in the company's
    reception time zone."""

    @freeze_time(LATE_MARCH_UTC)
    def test_a_new_expense_is_dated_in_the_company_time_zone(self):
        expense = self.expense(self.tea, 10, None)
        self.assertEqual(str(expense.date), "2025-04-01")
        self.company.reception_tz = "UTC"
        self.assertEqual(str(self.expense(self.tea, 10, None).date), "2025-03-31")

    @freeze_time(LATE_MARCH_UTC)
    def test_just_after_midnight_in_shanghai_counts_against_the_new_month(self):
        self.confirmed(self.tea, 100, "2025-03-02")
        with Form(self.Expense.with_user(self.agent)) as form:
            form.policy_id = self.tea
            form.amount = 100
            form.purpose = "Tea after midnight"
        expense = form.record
        expense.action_confirm()
        self.assertEqual(expense.state, "approved", "April has its own 100")
        self.company.reception_tz = "UTC"
        late = self.expense(self.tea, 1, None)
        self.assertEqual(str(late.date), "2025-03-31")
        with self.assertRaises(UserError):
            late.action_confirm()

    @freeze_time("2025-04-02 08:00:00")
    def test_oral_approval_after_midnight_in_shanghai_is_after_the_event(self):
        expense = self.expense(self.visit, 100, "2025-03-31", attendees=2)
        with self.assertRaisesRegex(ValidationError, "is after the event"):
            expense.write(self.oral(when="2025-03-31 16:30:00"))
        expense.write(self.oral(when="2025-03-31 15:59:00"))  # 23:59 in Shanghai
        expense.action_confirm()
        self.assertEqual(expense.state, "approved")
        # the same moment is still 31 March in UTC
        self.company.reception_tz = "UTC"
        other = self.expense(
            self.visit,
            100,
            "2025-03-31",
            attendees=2,
            **self.oral(when="2025-03-31 16:30:00"),
        )
        other.action_confirm()
        self.assertEqual(other.state, "approved")

    @freeze_time(LATE_MARCH_UTC)
    def test_this_month_of_a_policy_follows_the_company_time_zone(self):
        self.confirmed(self.tea, 70, "2025-03-10")
        self.confirmed(self.tea, 20, "2025-04-01")
        self.assertEqual(self.tea.month_used_amount, 20)
        self.company.reception_tz = "UTC"
        self.tea.invalidate_recordset()
        self.assertEqual(self.tea.month_used_amount, 70)

    def test_time_zone_defaults(self):
        company = self.env["res.company"].create(
            {"name": "Harmony Property", "country_id": self.env.ref("base.cn").id}
        )
        self.assertFalse(company.reception_tz)
        self.assertEqual(company._reception_tz_name(), "Asia/Shanghai")
        company.partner_id.tz = "Asia/Urumqi"
        self.assertEqual(company._reception_tz_name(), "Asia/Urumqi")
        company.reception_tz = "Asia/Hong_Kong"
        self.assertEqual(company._reception_tz_name(), "Asia/Hong_Kong")
        elsewhere = self.env["res.company"].create({"name": "Elsewhere Property"})
        elsewhere.partner_id.tz = False
        self.assertEqual(elsewhere._reception_tz_name(), "UTC")
