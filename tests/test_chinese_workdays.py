import base64
from datetime import date, datetime

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form

from .common import PropertyInfoCase
from .statistics_common import shanghai


class TestChineseWorkdays(PropertyInfoCase):
    """Deadlines in working time follow the State Council's holidays and
    make-up workdays (调休上班) imported into the team's working hours."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.level = cls.level_general
        cls.level.write(
            {
                "reply_allowance": 1,
                "reply_unit": "days",
                "reply_basis": "working",
                "resolve_allowance": 3,
                "resolve_unit": "days",
                "resolve_basis": "working",
            }
        )
        cls.Leave = cls.env["resource.calendar.leaves"]
        cls.Workday = cls.env["helpdesk.info.makeup.workday"]

    def ticket(self, intake):
        return self.Ticket.create(
            self.phone_vals(level_id=self.level.id, intake_date=intake)
        )

    def import_year(self, year, user=None):
        wizard = self.env["helpdesk.info.holiday.import"].with_user(
            user or self.manager
        )
        return wizard.create(
            {"calendar_id": self.calendar.id, "year": year}
        ).action_import()

    def import_csv(self, text, user=None):
        wizard = self.env["helpdesk.info.holiday.import"].with_user(
            user or self.manager
        )
        return wizard.create(
            {
                "calendar_id": self.calendar.id,
                "source": "csv",
                "csv_file": base64.b64encode(text.encode()),
                "csv_filename": "holidays.csv",
            }
        ).action_import()

    def leaves(self):
        return self.Leave.search([("calendar_id", "=", self.calendar.id)])

    def test_a_reply_received_before_national_day_is_due_after_the_holiday(self):
        self.import_year(2025)
        # Tuesday 30 September 2025 is worked; 1-8 October are off.
        ticket = self.ticket(shanghai(2025, 9, 30, 10))
        self.assertEqual(ticket.reply_deadline, shanghai(2025, 10, 9, 10))
        # Thursday 9, Friday 10 and the make-up Saturday 11 October
        self.assertEqual(ticket.resolve_deadline, shanghai(2025, 10, 11, 10))

    def test_friday_30_september_is_due_on_the_make_up_saturday_after_the_holiday(self):
        self.import_year(2022)
        # National Day 2022: 1-7 October off, Saturday 8 and Sunday 9 worked.
        ticket = self.ticket(shanghai(2022, 9, 30, 10))
        self.assertEqual(ticket.reply_deadline, shanghai(2022, 10, 8, 10))
        self.assertEqual(ticket.resolve_deadline, shanghai(2022, 10, 10, 10))

    def test_a_reply_received_on_friday_evening_is_due_on_the_make_up_saturday(self):
        self.assertEqual(
            self.ticket(shanghai(2025, 10, 10, 18)).reply_deadline,
            shanghai(2025, 10, 13, 17),
        )
        self.import_year(2025)
        # Saturday 11 October 2025 is worked with Monday's hours, 8:00-17:00.
        ticket = self.ticket(shanghai(2025, 10, 10, 18))
        self.assertEqual(ticket.reply_deadline, shanghai(2025, 10, 11, 17))
        ticket = self.ticket(shanghai(2025, 10, 10, 16))
        self.assertEqual(ticket.reply_deadline, shanghai(2025, 10, 11, 16))

    def test_deadlines_across_the_spring_festival(self):
        self.import_year(2026)
        # Spring Festival 2026: 15-23 February off, Saturdays 14 and 28 worked.
        ticket = self.ticket(shanghai(2026, 2, 13, 10))
        self.assertEqual(ticket.reply_deadline, shanghai(2026, 2, 14, 10))
        self.assertEqual(ticket.resolve_deadline, shanghai(2026, 2, 25, 10))
        self.import_year(2025)
        # Spring Festival 2025: 28 January - 4 February off, Sunday 26 January worked.
        ticket = self.ticket(shanghai(2025, 1, 27, 10))
        self.assertEqual(ticket.reply_deadline, shanghai(2025, 2, 5, 10))
        ticket = self.ticket(shanghai(2025, 1, 24, 10))
        self.assertEqual(ticket.reply_deadline, shanghai(2025, 1, 26, 10))

    def test_the_import_creates_whole_day_holidays_and_make_up_workdays(self):
        self.import_year(2025)
        national_day = self.leaves().filtered(lambda leave: "国庆节" in leave.name)
        self.assertEqual(len(national_day), 1)
        self.assertEqual(
            national_day.name, "国庆节 National Day、中秋 Mid-autumn Festival"
        )
        self.assertEqual(national_day.date_from, datetime(2025, 9, 30, 16, 0))
        self.assertEqual(national_day.date_to, datetime(2025, 10, 8, 15, 59, 59))
        self.assertFalse(national_day.resource_id)
        workdays = self.Workday.search([("calendar_id", "=", self.calendar.id)])
        self.assertEqual(
            workdays.mapped("date"),
            [
                date(2025, 10, 11),
                date(2025, 9, 28),
                date(2025, 4, 27),
                date(2025, 2, 8),
                date(2025, 1, 26),
            ],
        )
        self.assertEqual(set(workdays.mapped("dayofweek")), {"0"})
        self.assertIn("National Day", workdays[0].name)

    def test_importing_a_year_twice_creates_nothing_new(self):
        self.import_year(2025)
        leaves, workdays = self.leaves(), self.Workday.search([])
        self.import_year(2025)
        self.assertEqual(self.leaves(), leaves)
        self.assertEqual(self.Workday.search([]), workdays)

    def test_days_already_off_are_not_imported_again(self):
        self.Leave.create(
            {
                "name": "Company holiday",
                "calendar_id": self.calendar.id,
                "date_from": shanghai(2025, 10, 1, 0),
                "date_to": datetime(2025, 10, 3, 15, 59, 59),
            }
        )
        self.import_year(2025)
        national_day = self.leaves().filtered(lambda leave: "国庆节" in leave.name)
        self.assertEqual(national_day.date_from, datetime(2025, 10, 3, 16, 0))

    def test_a_year_the_library_does_not_know_asks_for_a_csv_file(self):
        with self.assertRaisesRegex(UserError, "CSV"):
            self.import_year(2099)

    def test_the_csv_import(self):
        text = (
            "date,kind,name\n"
            "2027-10-01,holiday,国庆节\n"
            "2027-10-02,holiday,国庆节\n"
            "2027-10-04,休,国庆节\n"
            "2027-10-09,workday,国庆节调休上班\n"
        )
        self.import_csv(text)
        leaves = self.leaves().filtered(lambda leave: leave.name == "国庆节")
        self.assertEqual(
            [(leave.date_from, leave.date_to) for leave in leaves.sorted("date_from")],
            [
                (datetime(2027, 9, 30, 16), datetime(2027, 10, 2, 15, 59, 59)),
                (datetime(2027, 10, 3, 16), datetime(2027, 10, 4, 15, 59, 59)),
            ],
        )
        workday = self.Workday.search([("date", "=", "2027-10-09")])
        self.assertEqual(workday.name, "国庆节调休上班")
        # Friday 8 October 2027, 16:00: one hour, then the make-up Saturday.
        self.assertEqual(
            self.ticket(shanghai(2027, 10, 8, 16)).reply_deadline,
            shanghai(2027, 10, 9, 16),
        )
        self.import_csv(text)
        self.assertEqual(
            len(self.leaves().filtered(lambda leave: leave.name == "国庆节")), 2
        )
        self.assertEqual(len(self.Workday.search([("date", "=", "2027-10-09")])), 1)

    def test_a_wrong_csv_line_is_refused_with_its_number(self):
        for text, message in (
            (
                "2027-10-01,holiday,国庆节\n2027/10/02,holiday,国庆节\n",
                "Line 2.*YYYY-MM-DD",
            ),
            ("2027-10-01,vacation,国庆节\n", "Line 1.*neither"),
            ("2027-10-01,holiday\n", "Line 1.*name"),
            ("2027-10-01,holiday,A\n2027-10-01,workday,B\n", "both"),
            ("date,kind,name\n", "no day"),
        ):
            with self.subTest(text=text), self.assertRaisesRegex(UserError, message):
                self.import_csv(text)
        self.assertFalse(self.Workday.search([("date", ">=", "2027-01-01")]))

    def test_the_cached_intervals_follow_a_new_make_up_workday_at_once(self):
        begin, end = datetime(2025, 10, 10, 16), datetime(2025, 10, 12, 16)
        self.assertEqual(self.calendar._cached_work_intervals(begin, end), ())
        self.assertEqual(
            self.ticket(shanghai(2025, 10, 10, 16)).reply_deadline,
            shanghai(2025, 10, 13, 16),
        )
        workday = self.Workday.with_user(self.manager).create(
            {
                "name": "National Day make-up workday",
                "date": "2025-10-11",
                "calendar_id": self.calendar.id,
            }
        )
        self.assertEqual(
            self.calendar._cached_work_intervals(begin, end),
            (
                (datetime(2025, 10, 11, 0), datetime(2025, 10, 11, 4)),
                (datetime(2025, 10, 11, 5), datetime(2025, 10, 11, 9)),
            ),
        )
        self.assertEqual(
            self.ticket(shanghai(2025, 10, 10, 16)).reply_deadline,
            shanghai(2025, 10, 11, 16),
        )
        # Friday's hours, shortened to 15:00: of 8 working hours, 14:00-15:00
        # on Friday, the Saturday's 6 hours, then Monday 8:00-9:00.
        self.level.write({"reply_allowance": 8, "reply_unit": "hours"})
        self.calendar.attendance_ids.filtered(
            lambda a: a.dayofweek == "4" and a.day_period == "afternoon"
        ).hour_to = 15
        workday.dayofweek = "4"
        self.assertEqual(
            self.ticket(shanghai(2025, 10, 10, 14)).reply_deadline,
            shanghai(2025, 10, 13, 9),
        )
        workday.unlink()
        self.assertEqual(self.calendar._cached_work_intervals(begin, end), ())

    def test_a_holiday_wins_over_a_make_up_workday(self):
        self.Workday.create(
            {"name": "Worked", "date": "2025-10-11", "calendar_id": self.calendar.id}
        )
        self.Leave.create(
            {
                "name": "Typhoon",
                "calendar_id": self.calendar.id,
                "date_from": shanghai(2025, 10, 11, 0),
                "date_to": datetime(2025, 10, 11, 15, 59, 59),
            }
        )
        self.assertEqual(
            self.ticket(shanghai(2025, 10, 10, 16)).reply_deadline,
            shanghai(2025, 10, 13, 16),
        )

    def test_the_team_works_on_a_make_up_saturday(self):
        saturday = date(2025, 10, 11)
        self.assertFalse(self.cs_team._is_working_day(saturday))
        self.Workday.create(
            {"name": "Worked", "date": saturday, "calendar_id": self.calendar.id}
        )
        self.assertTrue(self.cs_team._is_working_day(saturday))

    def test_a_make_up_workday_takes_the_hours_of_a_worked_weekday(self):
        with self.assertRaisesRegex(ValidationError, "no working hours on Sunday"):
            self.Workday.create(
                {
                    "name": "Worked",
                    "date": "2025-10-11",
                    "calendar_id": self.calendar.id,
                    "dayofweek": "6",
                }
            )

    def test_one_make_up_workday_per_day_and_calendar(self):
        self.Workday.create(
            {"name": "A", "date": "2025-10-11", "calendar_id": self.calendar.id}
        )
        with self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.Workday.create(
                {"name": "B", "date": "2025-10-11", "calendar_id": self.calendar.id}
            )

    def test_the_cs_manager_edits_make_up_workdays_others_read_them(self):
        workday = self.Workday.with_user(self.manager).create(
            {"name": "Worked", "date": "2025-10-11", "calendar_id": self.calendar.id}
        )
        for user in (self.agent, self.handler, self.leader):
            with self.subTest(user=user.login):
                self.assertEqual(workday.with_user(user).name, "Worked")
                with self.assertRaises(AccessError):
                    workday.with_user(user).write({"date": "2025-10-12"})
                with self.assertRaises(AccessError):
                    self.Workday.with_user(user).create(
                        {
                            "name": "X",
                            "date": "2025-10-12",
                            "calendar_id": self.calendar.id,
                        }
                    )
                with self.assertRaises(AccessError):
                    self.import_year(2025, user=user)

    def test_make_up_workdays_of_another_company_are_hidden(self):
        other = self.env["res.company"].create({"name": "Other Property Co."})
        calendar = self.env["resource.calendar"].create(
            {"name": "Other hours", "company_id": other.id, "tz": "Asia/Shanghai"}
        )
        self.Workday.create(
            {"name": "Theirs", "date": "2025-10-11", "calendar_id": calendar.id}
        )
        self.assertFalse(
            self.Workday.with_user(self.agent).search(
                [("calendar_id", "=", calendar.id)]
            )
        )

    def test_the_wizard_defaults_to_the_calendar_it_is_opened_from(self):
        calendar = self.env["resource.calendar"].create(
            {"name": "Estate office", "tz": "Asia/Shanghai"}
        )
        wizard = Form(
            self.env["helpdesk.info.holiday.import"]
            .with_user(self.manager)
            .with_context(active_model="resource.calendar", active_id=calendar.id)
        )
        self.assertEqual(wizard.calendar_id, calendar)
        self.assertEqual(wizard.source, "library")
        self.assertEqual(wizard.known_years, "2004–2026")

    def test_holidays_reach_the_working_hours_through_the_import_only(self):
        for user in (self.agent, self.manager, self.handler):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Leave.with_user(user).create(
                    {
                        "name": "Forged holiday",
                        "calendar_id": self.calendar.id,
                        "date_from": shanghai(2025, 10, 9, 0),
                        "date_to": datetime(2025, 10, 10, 15, 59, 59),
                    }
                )
        self.import_year(2025, user=self.manager)
        self.assertTrue(self.leaves())

    def test_the_screens_open_for_the_cs_manager(self):
        Workday = self.Workday.with_user(self.manager)
        views = Workday.get_views([(False, "list"), (False, "search")])["views"]
        self.assertIn('name="dayofweek"', views["list"]["arch"])
        wizard = self.env["helpdesk.info.holiday.import"].with_user(self.manager)
        self.assertIn(
            'name="action_import"',
            wizard.get_views([(False, "form")])["views"]["form"]["arch"],
        )
        calendar = self.calendar.with_user(self.manager)
        calendar_form = calendar.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="makeup_workday_ids"', calendar_form)
        self.assertIn("Import China", calendar_form)
        calendar_form = self.calendar.with_user(self.agent).get_views([(False, "form")])
        self.assertNotIn("Import China", calendar_form["views"]["form"]["arch"])

    def test_a_year_the_library_does_not_know_is_refused_in_chinese(self):
        self.company_in_chinese()
        wizard = self.env["helpdesk.info.holiday.import"].with_user(self.manager)
        wizard = wizard.with_context(lang="zh_CN").create(
            {"calendar_id": self.calendar.id, "year": 2099}
        )
        with self.assertRaisesRegex(
            UserError, "请以 CSV 文件上传国务院公布的 2099 年节假日安排"
        ):
            wizard.action_import()
