import importlib.util
from datetime import datetime
from pathlib import Path

from odoo.tests import freeze_time

from .common import PropertyInfoCase
from .statistics_common import shanghai

MIGRATION = (
    Path(__file__).resolve().parent.parent
    / "migrations"
    / "19.0.1.5.0"
    / "post-migration.py"
)
# Tuesday 30 September 2025, 17:00 in Shanghai: the end of the last working
# day before National Day (1-8 October off; Sunday 28 September and
# Saturday 11 October worked).
RECEIVED = shanghai(2025, 9, 30, 17)


def load_migration():
    spec = importlib.util.spec_from_file_location(
        "post_migration_19_0_1_5_0", MIGRATION
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@freeze_time("2025-09-30 09:00:00")
class TestDeadlineBasis(PropertyInfoCase):
    """The hours a deadline counts: the service centre's staffed hours,
    holidays included, for the replies the levels and grades set; the
    working days of China's calendar for the departments that work office
    days (engineering's resolution, the management branch)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.complaint = ref("helpdesk_property_info.ticket_type_complaint")
        cls.minor = ref("helpdesk_property_info.complaint_grade_minor")
        cls.important = ref("helpdesk_property_info.complaint_grade_important")
        cls.engineering = ref("helpdesk_property_info.team_after_sales_department")
        cls.branch = ref("helpdesk_property_info.team_property_branch")
        cls.round_the_clock = ref(
            "helpdesk_property_info.resource_calendar_round_the_clock"
        )
        (cls.engineering | cls.branch).resource_calendar_id = cls.calendar
        # National Day 2025 in the working hours (Mon-Fri 8:00-12:00 and
        # 13:00-17:00): 1-8 October off, Sunday 28 September and Saturday
        # 11 October worked with Monday's hours.
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "国庆节 National Day、中秋 Mid-autumn Festival",
                "calendar_id": cls.calendar.id,
                "date_from": shanghai(2025, 10, 1, 0),
                "date_to": datetime(2025, 10, 8, 15, 59, 59),
            }
        )
        cls.env["helpdesk.info.makeup.workday"].create(
            [
                {"name": "国庆节 调休", "date": day, "calendar_id": cls.calendar.id}
                for day in ("2025-09-28", "2025-10-11")
            ]
        )

    def complaint_ticket(self, grade=None, team=None, **overrides):
        return self.Ticket.create(
            self.phone_vals(
                type_id=self.complaint.id,
                complaint_grade_id=(grade or self.important).id,
                level_id=self.level_general.id,
                team_id=(team or self.cs_team).id,
                **overrides,
            )
        )

    def test_a_complaint_on_30_september_at_17_is_due_on_1_october(self):
        ticket = self.complaint_ticket()
        self.assertEqual(ticket.intake_date, RECEIVED)
        # One day of the service centre, staffed round the clock on holidays:
        # the holiday duty staff answer, not the staff back on 9 October.
        self.assertEqual(ticket.reply_deadline, shanghai(2025, 10, 1, 17))
        self.assertEqual(ticket.reply_deadline_source, "grade")
        # Half a day of the service centre: twelve of its hours.
        minor = self.complaint_ticket(self.minor)
        self.assertEqual(minor.reply_deadline, shanghai(2025, 10, 1, 5))
        # An important complaint is finished within a day of the service
        # centre too, not the level's three working days after the holiday.
        self.assertEqual(ticket.resolve_deadline, shanghai(2025, 10, 1, 17))
        self.assertEqual(ticket.resolve_deadline_source, "grade")

    def test_an_engineering_team_resolves_in_working_days_after_the_holiday(self):
        self.assertEqual(self.engineering.reply_basis, "rule")
        self.assertEqual(self.engineering.resolve_basis, "working")
        ticket = self.complaint_ticket(team=self.engineering)
        # The reply is the service centre's: the same day as at its desk.
        self.assertEqual(ticket.reply_deadline, shanghai(2025, 10, 1, 17))
        # The grade's day in working days: the first after the holiday.
        self.assertEqual(ticket.resolve_deadline, shanghai(2025, 10, 9, 17))
        # Even a rule counting calendar days: fifteen working days for the
        # major level's fifteen days (without the grade's day).
        ticket.write({"complaint_grade_id": False, "level_id": self.level_major.id})
        self.assertEqual(self.level_major.resolve_basis, "calendar")
        # 9-10, 11 (make-up), 13-17, 20-24 and 27-28 October.
        self.assertEqual(ticket.resolve_deadline, shanghai(2025, 10, 28, 17))

    def test_the_management_branch_replies_in_working_days(self):
        ticket = self.complaint_ticket(team=self.branch)
        # One working day: 9 October, after the holiday.
        self.assertEqual(ticket.reply_deadline, shanghai(2025, 10, 9, 17))

    def test_a_team_override_wins_over_the_level_and_the_grade(self):
        self.cs_team.reply_basis = "working"
        ticket = self.complaint_ticket()
        self.assertEqual(ticket.reply_deadline, shanghai(2025, 10, 9, 17))
        self.cs_team.reply_basis = "calendar"
        self.cs_team.resolve_basis = "staffed"
        ticket = self.complaint_ticket()
        self.assertEqual(ticket.reply_deadline, shanghai(2025, 10, 1, 17))
        # The grade's day of the service centre, National Day included.
        self.assertEqual(ticket.resolve_deadline, shanghai(2025, 10, 1, 17))

    def test_the_service_centre_hours_of_the_settings_are_counted(self):
        self.assertEqual(self.company.service_centre_calendar_id, self.round_the_clock)
        day_shift = self.env["resource.calendar"].create(
            {
                "name": "Service centre 8:00-20:00",
                "tz": "Asia/Shanghai",
                "attendance_ids": [
                    (
                        0,
                        0,
                        {
                            "name": f"Day {day}",
                            "dayofweek": str(day),
                            "hour_from": 8,
                            "hour_to": 20,
                            "day_period": "full_day",
                        },
                    )
                    for day in range(7)
                ],
            }
        )
        # Time off of the service centre's own hours does not close it:
        # the roster staffs its hours, holidays included.
        self.env["resource.calendar.leaves"].create(
            [
                {
                    "name": "National Day",
                    "calendar_id": calendar_id,
                    "date_from": shanghai(2025, 10, 1, 0),
                    "date_to": datetime(2025, 10, 8, 15, 59, 59),
                }
                for calendar_id in (day_shift.id, False)
            ]
        )
        settings = self.env["res.config.settings"].create(
            {"service_centre_calendar_id": day_shift.id}
        )
        settings.execute()
        self.assertEqual(self.company.service_centre_calendar_id, day_shift)
        # Half a day of twelve hours: 17:00-20:00, then 8:00-11:00.
        minor = self.complaint_ticket(self.minor)
        self.assertEqual(minor.reply_deadline, shanghai(2025, 10, 1, 11))
        # Without service centre hours, every hour counts: twelve hours.
        self.company.service_centre_calendar_id = False
        minor = self.complaint_ticket(self.minor)
        self.assertEqual(minor.reply_deadline, shanghai(2025, 10, 1, 5))

    def test_the_shipped_rules_reply_in_service_centre_hours(self):
        Level = self.env["helpdesk.info.level"].with_context(active_test=False)
        levels = Level.search([("code", "in", SHIPPED_LEVELS)])
        grades = self.env["helpdesk.info.complaint.grade"].search(
            [("code", "in", ("minor", "important", "major"))]
        )
        self.assertEqual((len(levels), len(grades)), (6, 3))
        self.assertEqual(
            set(levels.mapped("reply_basis") + grades.mapped("reply_basis")),
            {"staffed"},
        )
        self.assertEqual(
            {level.code: level.resolve_basis for level in levels},
            {
                "general": "working",
                "complex": "working",
                "major": "calendar",
                "complaint_minor": "working",
                "complaint_important": "working",
                "complaint_major": "calendar",
            },
        )
        self.assertEqual(self.round_the_clock.hours_per_day, 24)
        self.assertFalse(self.round_the_clock.company_id)
        teams = {
            xmlid: self.env.ref(f"helpdesk_property_info.{xmlid}")
            for xmlid in (
                "team_customer_service",
                "team_after_sales_department",
                "team_property_service_center",
                "team_after_sales_center",
                "team_property_branch",
            )
        }
        self.assertEqual(
            {xmlid: (t.reply_basis, t.resolve_basis) for xmlid, t in teams.items()},
            {
                "team_customer_service": ("rule", "rule"),
                "team_after_sales_department": ("rule", "working"),
                "team_property_service_center": ("rule", "rule"),
                "team_after_sales_center": ("rule", "working"),
                "team_property_branch": ("working", "working"),
            },
        )

    def test_a_batch_reads_the_service_centre_hours_once_whatever_its_size(self):
        reads = {}
        for size in (1, 40):
            vals = [
                self.phone_vals(
                    type_id=self.complaint.id,
                    complaint_grade_id=self.important.id,
                    team_id=team.id,
                )
                for team in [self.cs_team, self.engineering] * size
            ]
            self.env.invalidate_all()
            self.env.registry.clear_cache()
            with self.recorded_queries() as queries:
                tickets = self.Ticket.create(vals)
            reads[size] = sum(
                "resource_calendar_attendance" in q or "resource_calendar_leaves" in q
                for q in queries
            )
            self.assertEqual(
                set(tickets.mapped("reply_deadline")), {shanghai(2025, 10, 1, 17)}
            )
        self.assertEqual(reads[40], reads[1])

    def test_the_update_brings_the_new_defaults_to_the_shipped_values_only(self):
        migration = load_migration()
        general, complex_ = self.level_general, self.level_complex
        cr = self.env.cr
        # A database as 19.0.1.4.0 left it: replies in working time, the
        # teams without a basis of their own and no service centre hours;
        # the company had changed the More Complex Problem's reply to
        # calendar time.
        self.env.flush_all()
        cr.execute("UPDATE helpdesk_info_level SET reply_basis = 'working'")
        cr.execute("UPDATE helpdesk_info_complaint_grade SET reply_basis = 'working'")
        cr.execute(
            "UPDATE helpdesk_info_level SET reply_basis = 'calendar' WHERE id = %s",
            (complex_.id,),
        )
        cr.execute(
            "UPDATE helpdesk_info_level SET description = description "
            "|| jsonb_build_object('en_US', %s::text, 'zh_CN', %s::text) "
            "WHERE id = %s",
            (
                "Handled by Customer Service; reply within 1 working day (§6.5).",
                "由客户服务部处理；1 个工作日内答复（§6.5）。",
                general.id,
            ),
        )
        cr.execute(
            "UPDATE helpdesk_ticket_team SET reply_basis = 'rule', "
            "resolve_basis = 'rule'"
        )
        cr.execute("UPDATE res_company SET service_centre_calendar_id = NULL")
        self.env.invalidate_all()

        migration.migrate(cr, "19.0.1.4.0")
        self.env.invalidate_all()

        self.assertEqual(general.reply_basis, "staffed")
        self.assertEqual(self.important.reply_basis, "staffed")
        self.assertEqual(complex_.reply_basis, "calendar")
        self.assertEqual(
            general.description,
            "Handled by Customer Service; reply within 1 day (§6.5).",
        )
        cr.execute(
            "SELECT description->>'zh_CN' FROM helpdesk_info_level WHERE id = %s",
            (general.id,),
        )
        self.assertEqual(cr.fetchone()[0], "由客户服务部处理；1 天内答复（§6.5）。")
        self.assertEqual(self.engineering.resolve_basis, "working")
        self.assertEqual(self.engineering.reply_basis, "rule")
        self.assertEqual(
            (self.branch.reply_basis, self.branch.resolve_basis),
            ("working", "working"),
        )
        self.assertEqual(self.cs_team.resolve_basis, "rule")
        self.assertEqual(self.company.service_centre_calendar_id, self.round_the_clock)


SHIPPED_LEVELS = (
    "general",
    "complex",
    "major",
    "complaint_minor",
    "complaint_important",
    "complaint_major",
)
