from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, new_test_user, users

from .common import PropertyInfoCase

SHIFT = "helpdesk.info.duty.shift"
PLAN = "helpdesk.info.duty.roster.plan"


@freeze_time("2026-09-20 02:00:00")
class TestDutyRoster(PropertyInfoCase):
    """The duty roster (客服中心值班制度): a month planned at once, holidays
    staffed, who is on duty at any minute, swaps approved by a Customer
    Service manager, and nobody taking himself off duty."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Shift = cls.env[SHIFT]
        cls.community = cls.env["helpdesk.info.community"].create(
            {"name": "Harmony Garden", "code": "TDR1"}
        )
        cls.community2 = cls.env["helpdesk.info.community"].create(
            {"name": "Harmony Garden II", "code": "TDR2"}
        )
        cls.manager2 = new_test_user(
            cls.env,
            login="hpi_manager2",
            groups="helpdesk_property_info.group_cs_manager",
            company_id=cls.company.id,
        )

        def staff(login):
            return new_test_user(
                cls.env,
                login=login,
                groups="base.group_user",
                company_id=cls.company.id,
            )

        cls.desk = [staff(f"hpi_desk_{n}") for n in range(6)]
        cls.workers = [staff(f"hpi_worker_{n}") for n in range(2)]
        cls.on_call = [staff(f"hpi_on_call_{n}") for n in range(2)]
        # The State Council's 2026 holidays: National Day from 1 October.
        with freeze_time("2026-01-10"):
            cls.env["helpdesk.info.holiday.import"].with_user(cls.manager).create(
                {"calendar_id": cls.calendar.id, "year": 2026}
            ).action_import()

    def plan(self, community, role, people, pattern="three_shifts", month="2026-10-01"):
        with Form(self.env[PLAN].with_user(self.manager)) as form:
            form.community_id = community
            form.role = role
            form.month = date.fromisoformat(month)
            form.pattern = pattern
            for person in people:
                with form.line_ids.new() as line:
                    line.user_id = person
            plan = form.save()
        action = plan.action_plan()
        return self.Shift.browse(action["domain"][0][2])

    def shift(self, user, start, hours=8, **vals):
        start = datetime.fromisoformat(start)
        return self.Shift.with_user(self.manager).create(
            {
                "community_id": self.community.id,
                "role": "cs_desk",
                "user_id": user.id,
                "start": start,
                "stop": start + timedelta(hours=hours),
                **vals,
            }
        )

    # ------------------------------------------------------------------
    # Planning a month
    # ------------------------------------------------------------------

    def test_planning_a_month_staffs_every_hour_of_every_day_holidays_included(self):
        shifts = self.plan(self.community, "cs_desk", self.desk[:3])
        self.assertEqual(len(shifts), 31 * 3)
        ordered = shifts.sorted("start")
        # 1 October 00:00 to 1 November 00:00 in Shanghai, without a gap.
        self.assertEqual(ordered[0].start, datetime(2026, 9, 30, 16, 0))
        self.assertEqual(ordered[-1].stop, datetime(2026, 10, 31, 16, 0))
        for before, after in zip(ordered, ordered[1:], strict=False):
            self.assertEqual(before.stop, after.start)
        # National Day is staffed round the clock and shown as a holiday.
        national_day = ordered.filtered(
            lambda s: datetime(2026, 9, 30, 16) <= s.start < datetime(2026, 10, 1, 16)
        )
        self.assertEqual(len(national_day), 3)
        self.assertTrue(all(national_day.mapped("is_holiday")))
        self.assertEqual(set(national_day.mapped("user_id")), set(self.desk[:3]))
        ordinary = ordered.filtered(lambda s: s.start >= datetime(2026, 10, 9))
        self.assertFalse(any(ordinary.mapped("is_holiday")))
        self.assertEqual(
            self.Shift.search_count(
                [("id", "in", shifts.ids), ("is_holiday", "=", True)]
            ),
            len(ordered.filtered("is_holiday")),
        )
        # The turn moves on each day: nobody keeps the night shift all month.
        nights = ordered[::3]
        self.assertEqual(
            [night.user_id for night in nights[:4]], [*self.desk[:3], self.desk[0]]
        )

    def test_24_hour_shifts_run_from_eight_to_eight(self):
        shifts = self.plan(
            self.community, "worker_on_call", self.workers, pattern="day_24h"
        ).sorted("start")
        self.assertEqual(len(shifts), 31)
        self.assertEqual(shifts[0].start, datetime(2026, 10, 1, 0, 0))
        self.assertEqual(shifts[0].stop, datetime(2026, 10, 2, 0, 0))
        self.assertEqual(
            [s.user_id for s in shifts[:3]], [*self.workers, self.workers[0]]
        )

    def test_a_month_planned_twice_is_refused(self):
        self.plan(self.community, "cs_desk", self.desk[:3])
        with self.assertRaisesRegex(UserError, "already has"):
            self.plan(self.community, "cs_desk", self.desk[3:])
        # Another role of the same month is planned.
        self.assertEqual(
            len(self.plan(self.community, "worker_on_call", self.workers, "day_24h")),
            31,
        )

    def test_only_a_cs_manager_plans_a_month(self):
        wizard = self.env[PLAN].create(
            {
                "community_id": self.community.id,
                "role": "cs_desk",
                "month": "2026-10-01",
                "line_ids": [(0, 0, {"user_id": self.agent.id})],
            }
        )
        with self.assertRaises(AccessError):
            wizard.with_user(self.agent).action_plan()

    # ------------------------------------------------------------------
    # Who is on duty
    # ------------------------------------------------------------------

    def test_who_is_on_duty_at_two_on_a_holiday_night_in_one_query(self):
        self.plan(self.community, "cs_desk", self.desk[:3])
        self.plan(self.community2, "cs_desk", self.desk[3:])
        self.plan(self.community, "worker_on_call", self.workers, "day_24h")
        self.plan(self.community, "manager_on_call", self.on_call[:1], "day_24h")
        self.plan(self.community2, "manager_on_call", self.on_call[1:], "day_24h")
        communities = self.community | self.community2
        roles = ["cs_desk", "worker_on_call", "security_supervisor"]
        # 2 October (National Day holidays) 02:00 in Shanghai.
        at = datetime(2026, 10, 1, 18, 0)
        Shift = self.Shift.with_user(self.agent)
        Shift._on_duty(communities, roles, at)  # access rights read once
        with self.assertQueryCount(1):
            on_duty = Shift._on_duty(communities, roles, at)
        night = self.Shift.search(
            [
                ("community_id", "=", self.community.id),
                ("role", "=", "cs_desk"),
                ("start", "=", datetime(2026, 10, 1, 16, 0)),
            ]
        )
        self.assertTrue(night.is_holiday)
        self.assertEqual(on_duty[(self.community, "cs_desk")], night.user_id)
        self.assertEqual(night.user_id, self.desk[1])
        self.assertEqual(on_duty[(self.community2, "cs_desk")], self.desk[4])
        # The worker on call of 1 October, until 08:00 on 2 October.
        self.assertEqual(on_duty[(self.community, "worker_on_call")], self.workers[0])
        # Nobody holds these roles: the manager on call answers.
        self.assertEqual(
            on_duty[(self.community, "security_supervisor")], self.on_call[0]
        )
        self.assertEqual(on_duty[(self.community2, "worker_on_call")], self.on_call[1])
        self.assertEqual(
            on_duty[(self.community2, "security_supervisor")], self.on_call[1]
        )
        # Outside the planned month nobody is on duty.
        self.assertFalse(
            any(Shift._on_duty(communities, roles, datetime(2026, 12, 15)).values())
        )

    def test_on_duty_now_follows_the_clock(self):
        shift = self.shift(self.desk[0], "2026-09-20 00:00:00")
        later = self.shift(self.desk[0], "2026-09-20 08:00:00")
        self.assertEqual(
            self.Shift._on_duty(self.community, ["cs_desk"])[
                (self.community, "cs_desk")
            ],
            self.desk[0],
        )
        found = self.Shift.search(
            [("on_duty_now", "=", True), ("community_id", "=", self.community.id)]
        )
        self.assertEqual(found, shift)
        self.assertFalse(later.on_duty_now)

    # ------------------------------------------------------------------
    # Rules of the roster
    # ------------------------------------------------------------------

    def test_nobody_holds_two_shifts_at_once(self):
        self.shift(self.desk[0], "2026-10-05 00:00:00")
        with self.assertRaises(ValidationError):
            self.shift(self.desk[0], "2026-10-05 04:00:00", role="worker_on_call")
        # Back to back is not an overlap.
        self.shift(self.desk[0], "2026-10-05 08:00:00")

    def test_a_shift_ends_after_it_begins(self):
        with self.assertRaises(ValidationError):
            self.shift(self.desk[0], "2026-10-05 00:00:00", hours=-1)

    def test_everyone_internal_reads_the_roster_but_only_cs_managers_write_it(self):
        shift = self.shift(self.desk[0], "2026-10-05 00:00:00")
        for user in (self.agent, self.handler, self.leader, self.desk[1]):
            with self.subTest(user=user.login):
                self.assertEqual(shift.with_user(user).user_id, self.desk[0])
                with self.assertRaises(AccessError):
                    shift.with_user(user).write({"user_id": user.id})
                with self.assertRaises(AccessError):
                    shift.with_user(user).unlink()
                with self.assertRaises(AccessError):
                    self.Shift.with_user(user).create(
                        {
                            "community_id": self.community.id,
                            "role": "cs_desk",
                            "user_id": user.id,
                            "start": "2026-11-05 00:00:00",
                            "stop": "2026-11-05 08:00:00",
                        }
                    )
        self.assertEqual(shift.user_id, self.desk[0])

    @users("hpi_manager")
    def test_a_cs_manager_never_takes_himself_off_his_own_shift(self):
        own = self.shift(self.manager, "2026-10-05 00:00:00").with_user(self.manager)
        for vals in (
            {"user_id": self.desk[0].id},
            {"start": "2026-10-06 00:00:00", "stop": "2026-10-06 08:00:00"},
            {"community_id": self.community2.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                own.write(vals)
        with self.assertRaises(AccessError):
            own.unlink()
        self.assertEqual(own.user_id, self.manager)
        self.assertEqual(own.start, datetime(2026, 10, 5))
        # Another manager rearranges it; he rearranges the shifts of others.
        own.with_user(self.manager2).write({"user_id": self.desk[0].id})
        self.assertEqual(own.user_id, self.desk[0])
        own.write({"start": "2026-10-05 01:00:00"})
        own.unlink()

    # ------------------------------------------------------------------
    # Swaps
    # ------------------------------------------------------------------

    def swap(self, shift, colleague, requester):
        swap = (
            self.env["helpdesk.info.duty.swap"]
            .with_user(requester)
            .create(
                {
                    "shift_id": shift.id,
                    "colleague_id": colleague.id,
                    "reason": "Family matter",
                }
            )
        )
        swap.action_submit()
        return swap

    def test_a_swap_approved_by_a_cs_manager_hands_the_shift_over(self):
        shift = self.shift(self.desk[0], "2026-10-05 00:00:00")
        swap = self.swap(shift, self.desk[1], self.desk[0])
        self.assertEqual(swap.state, "pending")
        self.assertEqual(swap.holder_id, self.desk[0])
        # Nothing changes hands before the approval.
        self.assertEqual(shift.user_id, self.desk[0])
        with self.assertRaises(UserError):
            swap.with_user(self.desk[0]).write({"colleague_id": self.desk[2].id})
        swap.with_user(self.manager).validate_tier()
        self.assertEqual(swap.state, "approved")
        self.assertEqual(swap.approved_by_id, self.manager)
        self.assertEqual(shift.user_id, self.desk[1])
        self.assertTrue(
            [m for m in shift.message_ids if self.desk[1].name in str(m.body)],
            "the shift tells who took it over",
        )

    def test_an_agent_asks_a_swap_for_the_holder_but_nobody_else_does(self):
        shift = self.shift(self.desk[0], "2026-10-05 00:00:00")
        swap = self.swap(shift, self.desk[1], self.agent)
        self.assertEqual(swap.requested_by_id, self.agent)
        with self.assertRaises(AccessError):
            self.swap(shift, self.desk[2], self.desk[3])

    def test_nobody_approves_a_swap_that_concerns_him(self):
        own = self.shift(self.manager, "2026-10-05 00:00:00")
        taken = self.shift(self.desk[0], "2026-10-06 00:00:00")
        asked = self.shift(self.desk[1], "2026-10-07 00:00:00")
        cases = (
            ("holder", self.swap(own, self.desk[2], self.agent)),
            ("colleague", self.swap(taken, self.manager, self.desk[0])),
            ("requester", self.swap(asked, self.desk[2], self.manager)),
        )
        for who, swap in cases:
            with self.subTest(who=who):
                with self.assertRaises(UserError):
                    swap.with_user(self.manager).validate_tier()
                self.assertEqual(swap.state, "pending")
                swap.with_user(self.manager2).validate_tier()
                self.assertEqual(swap.state, "approved")
        self.assertEqual(own.user_id, self.desk[2])
        self.assertEqual(taken.user_id, self.manager)

    def test_a_swap_to_a_colleague_already_on_duty_is_refused(self):
        shift = self.shift(self.desk[0], "2026-10-05 00:00:00")
        self.shift(self.desk[1], "2026-10-05 04:00:00")
        with self.assertRaisesRegex(UserError, "already on duty"):
            self.swap(shift, self.desk[1], self.desk[0])

    def test_a_past_shift_is_not_swapped(self):
        shift = self.shift(self.desk[0], "2026-09-19 00:00:00")
        with self.assertRaisesRegex(UserError, "over"):
            self.swap(shift, self.desk[1], self.desk[0])
