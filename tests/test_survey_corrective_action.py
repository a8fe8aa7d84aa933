from datetime import date, datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, new_test_user

from .survey_common import SurveyCase


class CorrectiveActionCase(SurveyCase):
    """A closed survey that found the property branch (cleaning) and the
    service center (repairs) non-conforming, the customer service conforming;
    the community's project manager and a management-department manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project_manager = new_test_user(
            cls.env,
            login="hpi_project_manager",
            groups="helpdesk_property_info.group_department_handler",
            company_id=cls.company.id,
            context={"lang": "en_US"},
        )
        cls.management_manager = new_test_user(
            cls.env,
            login="hpi_management_manager",
            groups="helpdesk_property_info.group_management_manager",
            company_id=cls.company.id,
            context={"lang": "en_US"},
        )
        cls.outsider = new_test_user(
            cls.env,
            login="hpi_outsider_handler",
            groups="helpdesk_property_info.group_department_handler",
            company_id=cls.company.id,
            context={"lang": "en_US"},
        )
        cls.community.manager_id = cls.project_manager
        cls.property_branch.user_ids = [(4, cls.handler.id)]
        cls.Action = cls.env["helpdesk.info.survey.corrective.action"]
        cls.cron = cls.env.ref(
            "helpdesk_property_info.ir_cron_watch_corrective_actions"
        )

    def closed_campaign(self):
        campaign = self.open_campaign()
        q_service = self.env.ref(
            "helpdesk_property_info.survey_question_customer_service"
        )
        self.answer(
            campaign,
            self.owners[0],
            {self.q_cleaning: 1, self.q_repairs: 2, q_service: 5},
        )
        self.answer(
            campaign,
            self.owners[1],
            {self.q_cleaning: 2, self.q_repairs: 4, q_service: 4},
        )
        self.answer(
            campaign,
            self.owners[2],
            {self.q_cleaning: 4, self.q_repairs: 5, q_service: 5},
        )
        campaign.with_user(self.manager).action_close()
        return campaign

    def create_actions(self, campaign):
        with freeze_time("2026-02-02 02:00:00"):
            campaign.with_user(self.manager).action_create_corrective_actions()
        return campaign.corrective_action_ids

    def branch_action(self, campaign=None):
        campaign = campaign or self.closed_campaign()
        action = self.create_actions(campaign).filtered(
            lambda a: a.team_id == self.property_branch
        )
        action.with_user(self.manager).owner_id = self.handler
        return action

    def submitted(self, action=None):
        action = action or self.branch_action()
        action.with_user(
            self.handler
        ).reply = "<p>Cleaners rescheduled: twice a day in the lobbies.</p>"
        action.with_user(self.handler).action_submit()
        return action

    def overdue_alerts(self, action):
        kind = self.env.ref(
            "helpdesk_property_info.mail_activity_corrective_action_overdue"
        )
        return action.activity_ids.filtered(lambda a: a.activity_type_id == kind)

    def run_watcher(self, at):
        with freeze_time(at), self.enter_registry_test_mode():
            self.cron.method_direct_trigger()
        self.env.invalidate_all()


class TestCorrectiveActionCreation(CorrectiveActionCase):
    def test_one_action_per_non_conforming_department_once(self):
        campaign = self.closed_campaign()
        actions = self.create_actions(campaign)
        self.assertEqual(
            set(actions.team_id), {self.property_branch, self.service_center}
        )
        branch = actions.filtered(lambda a: a.team_id == self.property_branch)
        self.assertEqual(branch.state, "draft")
        self.assertEqual(branch.deadline, date(2026, 2, 17))
        self.assertEqual(branch.company_id, self.company)
        self.assertEqual(branch.project_manager_id, self.project_manager)
        self.assertIn("2 non-conforming answers", branch.findings)
        self.assertIn(self.q_cleaning.title, branch.findings)
        # Again: nothing new.
        campaign.with_user(self.manager).action_create_corrective_actions()
        self.assertEqual(campaign.corrective_action_ids, actions)

    def test_only_a_cs_manager_creates_them_for_a_closed_survey(self):
        campaign = self.open_campaign()
        with self.assertRaises(UserError):
            campaign.with_user(self.manager).action_create_corrective_actions()
        campaign.with_user(self.manager).action_close()
        with self.assertRaises(AccessError):
            campaign.with_user(self.agent).action_create_corrective_actions()
        with self.assertRaises(AccessError):
            self.Action.with_user(self.manager).create(
                {
                    "campaign_id": campaign.id,
                    "team_id": self.department.id,
                    "owner_id": self.handler.id,
                    "deadline": "2026-03-01",
                }
            )
        self.assertFalse(campaign.corrective_action_ids)


class TestCorrectiveActionApproval(CorrectiveActionCase):
    def test_the_project_manager_then_the_management_manager_approve_the_reply(self):
        action = self.submitted()
        self.assertEqual(action.state, "submitted")
        self.assertEqual(len(action.review_ids), 2)
        # Not the management-department manager first, not the owner, not an agent.
        for user in (self.management_manager, self.handler, self.agent):
            with (
                self.subTest(user=user.login),
                self.assertRaises(UserError),
                self.env.cr.savepoint(),
            ):
                action.with_user(user).validate_tier()
        action.with_user(self.project_manager).validate_tier()
        self.assertEqual(action.state, "submitted")
        with self.assertRaises(UserError), self.env.cr.savepoint():
            action.with_user(self.project_manager).validate_tier()
        action.with_user(self.management_manager).validate_tier()
        self.assertRecordValues(
            action,
            [{"state": "approved", "approved_by_id": self.management_manager.id}],
        )
        self.assertEqual(set(action.review_ids.mapped("status")), {"approved"})
        # The approved reply stays as approved.
        with self.assertRaises(UserError):
            action.with_user(self.handler).reply = "<p>Changed afterwards</p>"
        action.with_user(self.handler).action_done()
        self.assertEqual(action.state, "done")

    def test_a_rejected_reply_is_revised_and_submitted_again(self):
        action = self.submitted()
        wizard = action.with_user(self.project_manager).reject_tier()
        self.env[wizard["res_model"]].with_user(self.project_manager).with_context(
            **wizard["context"]
        ).create({"comment": "Say who checks the cleaning, and when."}).add_comment()
        self.assertEqual(action.state, "rejected")
        self.assertIn("who checks", action.rejection_reason)
        action.with_user(
            self.handler
        ).reply = "<p>The supervisor checks every Friday.</p>"
        action.with_user(self.handler).action_submit()
        self.assertEqual(action.state, "submitted")
        self.assertEqual(
            set(action.review_ids.mapped("status")), {"pending", "waiting"}
        )

    def test_a_reply_is_written_before_it_is_submitted_with_a_project_manager(self):
        action = self.branch_action()
        with self.assertRaises(UserError):
            action.with_user(self.handler).action_submit()
        action.with_user(self.handler).reply = "<p>Cleaners rescheduled.</p>"
        self.community.manager_id = False
        with self.assertRaises(UserError):
            action.with_user(self.handler).action_submit()
        # The project manager approves: he does not own it.
        self.community.manager_id = self.handler
        with self.assertRaises(UserError):
            action.with_user(self.handler).action_submit()
        self.assertEqual(action.state, "draft")

    def test_only_the_owner_the_department_or_a_cs_manager_writes_the_reply(self):
        action = self.branch_action()
        with self.assertRaises(UserError):
            action.with_user(self.outsider).reply = "<p>Not my department</p>"
        with self.assertRaises(AccessError):
            action.with_user(self.outsider).action_submit()
        action.with_user(self.manager).reply = "<p>Written with the branch</p>"
        self.assertIn("with the branch", action.reply)

    def test_owner_and_deadline_are_set_by_a_cs_manager_only(self):
        action = self.branch_action()
        for vals in (
            {"owner_id": self.agent.id},
            {"deadline": "2026-12-31"},
            {"state": "approved"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                action.with_user(self.handler).write(vals)
        action.with_user(self.manager).deadline = "2026-03-31"
        self.assertEqual(action.deadline, date(2026, 3, 31))


class TestCorrectiveActionDeadline(CorrectiveActionCase):
    def test_a_reply_not_approved_by_the_deadline_is_reported_once(self):
        action = self.submitted()
        # 17 February ends at 16:00 UTC in Shanghai: the watcher is triggered then.
        end = datetime(2026, 2, 17, 16, 0)
        self.assertEqual(action.deadline_next_check, end)
        triggers = (
            self.env["ir.cron.trigger"]
            .search([("cron_id", "=", self.cron.id)])
            .mapped("call_at")
        )
        self.assertIn(end, triggers)
        self.run_watcher("2026-02-17 15:59:00")
        self.assertFalse(self.overdue_alerts(action))
        with freeze_time("2026-02-17 15:59:00"):
            self.assertFalse(action.overdue)
        self.run_watcher("2026-02-17 16:00:00")
        alerts = self.overdue_alerts(action)
        self.assertIn(self.handler, alerts.user_id)  # the owner
        self.assertIn(self.manager, alerts.user_id)
        self.assertNotIn(self.agent, alerts.user_id)
        self.assertNotIn(self.project_manager, alerts.user_id)
        self.assertTrue(action.deadline_alerted)
        self.assertFalse(action.deadline_next_check)
        with freeze_time("2026-02-18 01:00:00"):
            self.assertTrue(action.overdue)
        self.run_watcher("2026-02-18 01:00:00")
        self.assertEqual(self.overdue_alerts(action), alerts)

    def test_an_approved_reply_is_never_reported(self):
        action = self.submitted()
        action.with_user(self.project_manager).validate_tier()
        action.with_user(self.management_manager).validate_tier()
        self.assertFalse(action.deadline_next_check)
        self.run_watcher("2026-02-18 01:00:00")
        self.assertFalse(self.overdue_alerts(action))

    def test_a_new_deadline_is_watched_afresh(self):
        action = self.submitted()
        self.run_watcher("2026-02-17 16:00:00")
        self.assertTrue(action.deadline_alerted)
        action.with_user(self.manager).deadline = "2026-02-28"
        self.assertFalse(action.deadline_alerted)
        self.assertEqual(action.deadline_next_check, datetime(2026, 2, 28, 16, 0))

    def test_an_idle_run_costs_one_query(self):
        self.submitted()
        self.env.flush_all()
        with freeze_time("2026-02-10 00:00:00"), self.assertQueryCount(1):
            self.Action._cron_watch_deadlines()

    def test_the_deadline_of_an_approved_action_no_longer_changes(self):
        action = self.submitted()
        action.with_user(self.project_manager).validate_tier()
        action.with_user(self.management_manager).validate_tier()
        with self.assertRaises(UserError):
            action.with_user(self.manager).deadline = "2026-04-01"
