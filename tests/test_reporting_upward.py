from odoo.exceptions import AccessError
from odoo.tests import freeze_time

from .statistics_common import StatisticsCase, shanghai


class TestReportingUpward(StatisticsCase):
    """Important information reaches the CS managers, media information the
    leaders at once; the daily report goes to the CS managers, the weekly
    one to the leaders too, complaints counted apart (seed 000 §6.4, §7.1.3)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.media_channel = cls.env.ref("helpdesk_property_info.channel_website_media")
        cls.complaint = cls.env.ref("helpdesk_property_info.ticket_type_complaint")
        cls.inquiry = cls.env.ref("helpdesk_property_info.ticket_type_inquiry")
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.daily_cron = cls.env.ref(
            "helpdesk_property_info.ir_cron_send_daily_reports"
        )
        # The database's own triggers (a demo's important tickets recorded at
        # install): the tests count the ones their tickets add.
        cls.important_cron = cls.env.ref(
            "helpdesk_property_info.ir_cron_notify_important_information"
        )
        cls.earlier_triggers = cls.env["ir.cron.trigger"].search(
            [("cron_id", "=", cls.important_cron.id)]
        )

    def notices_to(self, ticket, user):
        return ticket.message_ids.filtered(lambda m: user.partner_id in m.partner_ids)

    def important_activities(self, ticket, user):
        kind = self.env.ref(
            "helpdesk_property_info.mail_activity_important_information"
        )
        return ticket.activity_ids.filtered(
            lambda a: a.user_id == user and a.activity_type_id == kind
        )

    def notify_important(self):
        """The transaction commits (its pre-commit hooks run), then the
        scheduled action runs; returns how many tickets it notified."""
        self.env.cr.flush()
        triggers = (
            self.env["ir.cron.trigger"].search(
                [("cron_id", "=", self.important_cron.id)]
            )
            - self.earlier_triggers
        )
        with self.enter_registry_test_mode():
            self.important_cron.method_direct_trigger()
        self.env.invalidate_all()
        return triggers

    def test_important_information_notifies_the_cs_managers(self):
        ticket = self.Ticket.create(self.phone_vals(importance="important"))
        self.assertTrue(ticket.important_notice_pending)
        # Within a minute, not inside the creation.
        self.assertFalse(self.important_activities(ticket, self.manager))
        self.assertTrue(self.notify_important(), "the commit triggers the notice")
        self.assertEqual(len(self.important_activities(ticket, self.manager)), 1)
        self.assertFalse(self.important_activities(ticket, self.agent))
        self.assertFalse(ticket.important_notice_pending)
        # A second run gives no second notice.
        self.notify_important()
        self.assertEqual(len(self.important_activities(ticket, self.manager)), 1)

    def test_a_general_ticket_is_not_marked(self):
        ticket = self.Ticket.create(self.phone_vals())
        self.assertFalse(ticket.important_notice_pending)
        self.assertFalse(self.notify_important(), "nothing to trigger")
        self.assertFalse(self.important_activities(ticket, self.manager))

    def test_one_trigger_a_transaction_notifies_a_batch(self):
        tickets = self.Ticket.create(
            [self.phone_vals(importance="important") for _index in range(3)]
        )
        self.Ticket.create(self.phone_vals(importance="important"))
        self.assertEqual(len(self.notify_important()), 1)
        for ticket in tickets:
            self.assertEqual(len(self.important_activities(ticket, self.manager)), 1)

    def test_raising_to_important_notifies_the_cs_managers_once(self):
        ticket = self.Ticket.create(self.phone_vals())
        self.notify_important()
        self.assertFalse(self.important_activities(ticket, self.manager))
        ticket.importance = "important"
        self.assertTrue(ticket.important_notice_pending)
        self.notify_important()
        self.assertEqual(len(self.important_activities(ticket, self.manager)), 1)
        ticket.write({"importance": "important"})
        self.assertFalse(ticket.important_notice_pending)
        self.notify_important()
        self.assertEqual(len(self.important_activities(ticket, self.manager)), 1)

    def test_a_ticket_lowered_before_its_notice_needs_none(self):
        ticket = self.Ticket.create(self.phone_vals(importance="important"))
        ticket.with_user(self.manager).importance = "general"
        self.notify_important()
        self.assertFalse(self.important_activities(ticket, self.manager))
        self.assertFalse(ticket.important_notice_pending)

    def test_the_caller_cannot_clear_the_mark(self):
        Ticket = self.Ticket.with_user(self.agent)
        vals = self.phone_vals(importance="important")
        ticket = Ticket.create({**vals, "important_notice_pending": False})
        self.assertTrue(ticket.important_notice_pending)
        ticket = Ticket.with_context(default_important_notice_pending=False).create(
            vals
        )
        self.assertTrue(ticket.important_notice_pending)
        with self.assertRaises(AccessError):
            ticket.write({"important_notice_pending": False})
        self.notify_important()
        self.assertEqual(len(self.important_activities(ticket, self.manager)), 1)

    def creation_queries(self, vals):
        """The queries of one ticket's creation, its values stored."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self.Ticket.create(vals)
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_an_important_ticket_costs_the_queries_of_a_general_one(self):
        """The managers' notice is not given inside the creation: an
        important ticket costs no query more than a general one."""
        vals = self.phone_vals(category_id=self.cat_civil.id)
        for importance in ("general", "important"):  # the caches warm
            self.creation_queries({**vals, "importance": importance})
        general = self.creation_queries({**vals, "importance": "general"})
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(general):
            self.Ticket.create({**vals, "importance": "important"})
            self.env.flush_all()

    def test_the_media_channel_notifies_the_leaders_at_once(self):
        self.assertTrue(self.media_channel.escalate_at_once)
        ticket = self.Ticket.create(self.phone_vals(channel_id=self.media_channel.id))
        self.assertTrue(ticket.escalated)
        self.assertTrue(self.notices_to(ticket, self.leader))
        other = self.Ticket.create(self.phone_vals())
        self.assertFalse(other.escalated)
        self.assertFalse(self.notices_to(other, self.leader))

    def test_moving_to_the_media_channel_notifies_the_leaders(self):
        ticket = self.Ticket.create(self.phone_vals())
        ticket.channel_id = self.media_channel
        self.assertEqual(len(self.notices_to(ticket, self.leader)), 1)

    def test_the_media_flag_is_set_once(self):
        self.media_channel.escalate_at_once = False
        self.env["helpdesk.ticket.channel"]._init_media_channel()
        self.assertFalse(self.media_channel.escalate_at_once)

    def test_daily_report_covers_one_day_and_goes_to_the_cs_managers(self):
        report = self.report("daily", "2024-03-05")
        self.assertEqual(str(report.date_to), "2024-03-05")
        self.assertIn(self.manager.partner_id, report.recipient_ids)
        self.assertNotIn(self.leader.partner_id, report.recipient_ids)
        weekly = self.report("weekly", "2024-03-04")
        self.assertIn(self.leader.partner_id, weekly.recipient_ids)

    def test_the_daily_report_goes_out_once_a_day(self):
        self.ticket(shanghai(2024, 3, 5), type_id=self.complaint.id)
        for at in (shanghai(2024, 3, 6, 0, 30), shanghai(2024, 3, 6, 9)):
            with freeze_time(at), self.enter_registry_test_mode():
                self.daily_cron.method_direct_trigger()
        reports = self.Report.search(
            [
                ("kind", "=", "daily"),
                ("company_id", "=", self.company.id),
                ("team_id", "=", False),
            ]
        )
        self.assertEqual(reports.mapped(lambda r: str(r.date_from)), ["2024-03-05"])
        self.assertEqual(reports.state, "sent")
        [mail] = reports.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertIn(self.manager.partner_id, mail.partner_ids)
        self.assertNotIn(self.leader.partner_id, mail.partner_ids)

    def test_complaints_and_return_visits_are_counted_apart(self):
        complaints = self.ticket(
            shanghai(2024, 3, 5), type_id=self.complaint.id
        ) | self.ticket(shanghai(2024, 3, 5, 11), type_id=self.complaint.id)
        self.ticket(shanghai(2024, 3, 5, 12), type_id=self.inquiry.id)
        with freeze_time(shanghai(2024, 3, 5, 15)):
            self.approve_results(complaints)
            complaints.write({"stage_id": self.done.id})
            complaints[0].action_record_return_visit("yes", "5")
        # The second complaint is not visited the next working day.
        with freeze_time(shanghai(2024, 3, 7, 9)), self.enter_registry_test_mode():
            self.env.ref(
                "helpdesk_property_info.ir_cron_watch_return_visits"
            ).method_direct_trigger()
        self.env.invalidate_all()
        figures = self.report("daily", "2024-03-05")._get_report_figures()
        self.assertEqual(
            figures["complaints_apart"],
            {
                "received": 2,
                "others": 1,
                "closed": 2,
                "visited": 1,
                "visit_rate": 50.0,
            },
        )
        visits = figures["visits"]
        self.assertEqual(
            (visits["on_time"], visits["overdue"], visits["rate"]), (1, 1, 50.0)
        )
        self.assertEqual(
            [row["number"] for row in visits["overdue_list"]], [complaints[1].number]
        )

    def test_the_report_queries_do_not_grow_with_the_tickets(self):
        report = self.report("weekly", "2024-03-04")
        report._get_report_figures()  # warm the caches
        counts = []
        for extra in (1, 20):
            for _index in range(extra):
                self.ticket(shanghai(2024, 3, 5, 9), type_id=self.complaint.id)
            # The new tickets' tracking, deferred to the next query, is posted
            # before the cache is emptied: the report reads the tickets itself.
            self.env.cr.flush()
            self.env.invalidate_all()
            with self.recorded_queries() as queries:
                report._get_report_figures()
            counts.append(len(queries))
        self.assertEqual(counts[0], counts[1])

    def test_the_report_prints_the_complaints_and_overdue_visits(self):
        self.ticket(shanghai(2024, 3, 5), type_id=self.complaint.id)
        report = self.report("daily", "2024-03-05")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "helpdesk_property_info.action_report_info_statistics", report.ids
            )[0]
            .decode()
        )
        self.assertIn("o_hpi_section_complaints_apart", html)
        self.assertIn("o_hpi_overdue_visits", html)
