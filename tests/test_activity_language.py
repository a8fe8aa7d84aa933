from datetime import datetime

from .common import WatcherCase, load_chinese

# Monday 5 January 2026, 10:00 in Shanghai; the reply is due one working day later.
INTAKE = datetime(2026, 1, 5, 2, 0)


class TestActivityLanguage(WatcherCase):
    """What code writes to a user (activity summaries, notes) reads in the
    user's language, or the company's when the user has none, whoever runs
    it: a scheduled action or OdooBot, which have no language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_chinese(cls.env)
        cls.company.partner_id.lang = "zh_CN"
        (cls.manager | cls.leader).write({"lang": "zh_CN"})
        cls.agent.lang = "en_US"
        cls.odoobot = cls.env.ref("base.user_root")

    def summaries(self, ticket, xmlid):
        activities = self.activities(ticket, xmlid)
        return {activity.user_id: activity.summary for activity in activities}

    def test_the_deadline_watcher_writes_to_each_in_their_language(self):
        vals = self.phone_vals(intake_date=INTAKE, user_id=self.agent.id)
        ticket = self.Ticket.create(vals)
        self.assertEqual(self.cron.user_id, self.odoobot)
        # The scheduler runs the job with an empty context: no language.
        self.run_watcher("2026-01-05 22:30:00")
        due_soon = self.summaries(ticket, "mail_activity_reply_due_soon")
        self.assertTrue(due_soon[self.agent].startswith("Reply due by"), due_soon)
        self.run_watcher("2026-01-06 02:05:00")
        overdue = self.summaries(ticket, "mail_activity_reply_overdue")
        self.assertIn("答复已于", overdue[self.manager])
        self.assertNotIn("overdue", overdue[self.manager])

    def test_a_major_problem_asks_the_leaders_in_chinese_when_odoobot_records_it(self):
        # Code with no language (OdooBot, a mail gateway, a job) records it.
        # pylint: disable-next=context-overridden  # no context, as OdooBot's
        Ticket = self.Ticket.with_user(self.odoobot).with_context({})
        self.assertFalse(Ticket.env.lang)
        ticket = Ticket.create(self.phone_vals(level_id=self.level_major.id))
        summaries = self.summaries(ticket, "mail_activity_leader_opinion")
        self.assertEqual(summaries[self.leader], "重大问题：请签署意见")

    def test_a_user_without_language_reads_the_company_language(self):
        self.leader.partner_id.lang = False
        self.assertEqual(self.leader._helpdesk_info_lang(), "zh_CN")
        ticket = (
            # pylint: disable-next=context-overridden  # no context, as OdooBot's
            self.Ticket.with_user(self.odoobot)
            .with_context({})
            .create(self.phone_vals(level_id=self.level_major.id))
        )
        summaries = self.summaries(ticket, "mail_activity_leader_opinion")
        self.assertEqual(summaries[self.leader], "重大问题：请签署意见")
