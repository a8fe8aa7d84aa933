from datetime import datetime

from odoo.tests import freeze_time

from .common import PropertyInfoCase

# Friday 9 January 2026, 10:00 in Shanghai; Monday 12 January is a holiday.
INTAKE = datetime(2026, 1, 9, 2, 0)


def shanghai(day, hour, minute=0):
    """A time of January 2026 in Shanghai, as the naive UTC Odoo stores."""
    return (
        datetime(2026, 1, day, hour - 8, minute)
        if hour >= 8
        else datetime(2026, 1, day - 1, hour + 16, minute)
    )


class TestDeadlines(PropertyInfoCase):
    """Deadlines in the team's working time. The levels reply in the service
    centre's hours (tests/test_deadline_basis.py): the Customer Service team
    counts its replies in working time here."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cs_team.reply_basis = "working"
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Company holiday",
                "calendar_id": cls.calendar.id,
                "date_from": shanghai(12, 0),
                "date_to": datetime(2026, 1, 12, 15, 59, 59),
            }
        )

    def ticket(self, level, **overrides):
        return self.Ticket.create(
            self.phone_vals(
                **{"level_id": level.id, "intake_date": INTAKE, **overrides}
            )
        )

    def test_every_shipped_level_across_weekend_and_holiday(self):
        # As shipped: replies in the service centre's hours, round the clock
        # and holidays included; resolutions in working time.
        self.cs_team.reply_basis = "rule"
        levels = self.env["helpdesk.info.level"].with_context(active_test=False)
        expected = {
            # level: (reply deadline, resolution deadline)
            "general": (shanghai(10, 10), shanghai(15, 10)),
            "complex": (shanghai(11, 10), shanghai(21, 10)),
            "major": (
                shanghai(12, 10),
                shanghai(24, 10),
            ),  # resolution: 15 calendar days
            # reply: twelve hours; resolution: half a working day
            "complaint_minor": (shanghai(9, 22), shanghai(9, 15)),
            "complaint_important": (shanghai(10, 10), shanghai(13, 10)),
            "complaint_major": (shanghai(11, 10), shanghai(24, 10)),
        }
        for code, (reply, resolve) in expected.items():
            level = levels.search([("code", "=", code)])
            with self.subTest(level=code):
                ticket = self.ticket(level)
                self.assertEqual(ticket.reply_deadline, reply)
                self.assertEqual(ticket.resolve_deadline, resolve)

    def test_calendar_time_runs_through_weekend_and_holiday(self):
        self.cs_team.reply_basis = "rule"
        self.level_general.write(
            {"reply_basis": "calendar", "resolve_basis": "calendar"}
        )
        ticket = self.ticket(self.level_general)
        self.assertEqual(ticket.reply_deadline, shanghai(10, 10))
        self.assertEqual(ticket.resolve_deadline, shanghai(12, 10))

    def test_hours_allowance_in_working_time(self):
        self.level_general.write({"reply_allowance": 3, "reply_unit": "hours"})
        ticket = self.ticket(self.level_general, intake_date=shanghai(9, 15))
        # 15:00-17:00 on Friday, then Tuesday 8:00-9:00 after the holiday
        self.assertEqual(ticket.reply_deadline, shanghai(13, 9))

    def test_deadlines_follow_a_change_of_level(self):
        ticket = self.ticket(self.level_general)
        ticket.level_id = self.level_major
        self.assertEqual(ticket.reply_deadline, shanghai(15, 10))

    def test_deadlines_follow_the_team_calendar(self):
        night_shift = self.env["resource.calendar"].create(
            {
                "name": "Around the clock",
                "tz": "Asia/Shanghai",
                "attendance_ids": [
                    (
                        0,
                        0,
                        {
                            "name": f"Day {day}",
                            "dayofweek": str(day),
                            "hour_from": 0,
                            "hour_to": 24,
                            "day_period": "morning",
                        },
                    )
                    for day in range(7)
                ],
            }
        )
        self.cs_team.resource_calendar_id = night_shift
        self.level_general.write({"reply_allowance": 8, "reply_unit": "hours"})
        ticket = self.ticket(self.level_general)
        # 8 working hours of a calendar that never stops: the same evening
        self.assertEqual(ticket.reply_deadline, shanghai(9, 18))

    def test_default_level_is_the_general_problem(self):
        ticket = self.Ticket.create(self.phone_vals())
        self.assertEqual(ticket.level_id, self.level_general)

    def test_a_batch_reads_each_calendar_once_whatever_its_size(self):
        reads = {}
        for size in (1, 40):
            vals = [self.phone_vals(intake_date=INTAKE) for _ in range(size)]
            self.env.invalidate_all()
            self.env.registry.clear_cache()
            with self.recorded_queries() as queries:
                tickets = self.Ticket.create(vals)
            reads[size] = sum("resource_calendar_leaves" in q for q in queries)
            self.assertEqual(set(tickets.mapped("reply_deadline")), {shanghai(13, 10)})
        self.assertEqual(reads[40], reads[1])
        self.assertLessEqual(reads[1], 2)

    def test_tickets_created_one_by_one_share_the_calendars_intervals(self):
        self.env.registry.clear_cache()
        reads = []
        for _ in range(3):
            self.env.invalidate_all()
            with self.recorded_queries() as queries:
                ticket = self.ticket(self.level_general)
            reads.append(sum("resource_calendar_leaves" in q for q in queries))
            self.assertEqual(ticket.reply_deadline, shanghai(13, 10))
        self.assertGreater(reads[0], 0)
        self.assertEqual(reads[1:], [0, 0])

    def test_a_new_holiday_is_counted_at_once(self):
        self.assertEqual(
            self.ticket(self.level_general).reply_deadline, shanghai(13, 10)
        )
        holiday = self.env["resource.calendar.leaves"].create(
            {
                "name": "Extra holiday",
                "calendar_id": self.calendar.id,
                "date_from": shanghai(13, 0),
                "date_to": datetime(2026, 1, 13, 15, 59, 59),
            }
        )
        self.assertEqual(
            self.ticket(self.level_general).reply_deadline, shanghai(14, 10)
        )
        holiday.unlink()
        self.assertEqual(
            self.ticket(self.level_general).reply_deadline, shanghai(13, 10)
        )
        self.calendar.attendance_ids.filtered(lambda a: a.dayofweek == "1").unlink()
        self.assertEqual(
            self.ticket(self.level_general).reply_deadline, shanghai(14, 10)
        )

    @freeze_time("2026-01-13 01:00:00")
    def test_reply_state_from_the_chatter(self):
        ticket = self.ticket(self.level_general)
        self.assertEqual(ticket.reply_state, "due_soon")
        ticket.message_post(
            body="We will repair the roof on Wednesday.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertEqual(ticket.replied_date, datetime(2026, 1, 13, 1, 0))
        self.assertEqual(ticket.reply_method, "message")
        self.assertEqual(ticket.reply_state, "on_time")

    @freeze_time("2026-01-14 01:00:00")
    def test_a_note_is_no_reply_and_a_late_message_is_late(self):
        ticket = self.ticket(self.level_general)
        ticket.message_post(
            body="Internal: waiting for parts", subtype_xmlid="mail.mt_note"
        )
        self.assertFalse(ticket.replied_date)
        self.assertEqual(ticket.reply_state, "overdue")
        ticket.message_post(
            body="Repaired", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertEqual(ticket.reply_state, "late")

    @freeze_time("2026-01-09 06:00:00")
    def test_reply_by_phone_is_recorded_with_its_method(self):
        ticket = self.ticket(self.level_general)
        ticket.with_user(self.agent).action_record_reply(
            "phone", "Called back, repair booked."
        )
        self.assertEqual(ticket.reply_method, "phone")
        self.assertEqual(ticket.reply_state, "on_time")
        self.assertIn("Called back", ticket.message_ids[0].body)

    def holiday(self, calendar, day, **vals):
        """A whole day off of ``calendar`` in January 2026 (Shanghai)."""
        return self.env["resource.calendar.leaves"].create(
            {
                "name": "Holiday",
                "calendar_id": calendar.id,
                "date_from": shanghai(day, 0),
                "date_to": datetime(2026, 1, day, 15, 59, 59),
                **vals,
            }
        )

    def calendar_reads(self, level):
        """The deadlines of a new ticket, and how many queries read holidays
        for them."""
        self.env.invalidate_all()
        with self.recorded_queries() as queries:
            ticket = self.ticket(level)
        reads = sum("resource_calendar_leaves" in q for q in queries)
        return ticket.reply_deadline, reads

    def test_time_off_outside_the_teams_working_time_leaves_the_cache_alone(self):
        self.env.registry.clear_cache()
        self.assertEqual(self.calendar_reads(self.level_general)[0], shanghai(13, 10))
        # Another calendar, which no team uses: its holiday and its hours.
        part_time = self.env["resource.calendar"].create(
            {"name": "Part-time", "tz": "Asia/Shanghai"}
        )
        self.holiday(part_time, 13)
        part_time.attendance_ids[:1].hour_to += 1
        # An employee's time off, on the team's calendar itself.
        worker = self.env["resource.resource"].create(
            {"name": "Plumber", "calendar_id": self.calendar.id}
        )
        self.holiday(self.calendar, 13, resource_id=worker.id).date_to = datetime(
            2026, 1, 14, 15, 59, 59
        )
        self.assertEqual(self.calendar_reads(self.level_general), (shanghai(13, 10), 0))

    def test_a_holiday_of_the_teams_calendar_moves_the_next_deadlines(self):
        self.env.registry.clear_cache()
        self.assertEqual(self.calendar_reads(self.level_general)[0], shanghai(13, 10))
        self.assertEqual(self.calendar_reads(self.level_general)[1], 0)
        holiday = self.holiday(self.calendar, 13)
        deadline, reads = self.calendar_reads(self.level_general)
        self.assertEqual(deadline, shanghai(14, 10))
        self.assertGreater(reads, 0)
        # Moved to the Wednesday: Tuesday is worked again.
        holiday.write(
            {
                "date_from": shanghai(14, 0),
                "date_to": datetime(2026, 1, 14, 15, 59, 59),
            }
        )
        self.assertEqual(self.calendar_reads(self.level_general)[0], shanghai(13, 10))
        holiday.unlink()
        self.assertEqual(self.calendar_reads(self.level_general)[0], shanghai(13, 10))
        # The team's hours: Tuesday starting at 10:00 moves the reply later.
        self.calendar.attendance_ids.filtered(
            lambda a: a.dayofweek == "1" and a.day_period == "morning"
        ).hour_from = 10
        self.assertGreater(self.calendar_reads(self.level_general)[0], shanghai(13, 10))
