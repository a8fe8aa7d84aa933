from psycopg2.errors import UniqueViolation

from odoo.exceptions import AccessError, UserError
from odoo.fields import Date
from odoo.tools import mute_logger

from .survey_common import SurveyCase, published_notice


class TestSurveyCampaign(SurveyCase):
    """Half-yearly written satisfaction surveys (seed 001 §11, seed 003)."""

    def test_the_standard_questionnaire_is_shipped(self):
        questions = self.survey.question_ids
        scored = questions.filtered(lambda q: q.question_type == "simple_choice")
        self.assertGreaterEqual(len(scored), 8)
        for question in scored:
            self.assertEqual(
                question.suggested_answer_ids.mapped("satisfaction_score"),
                [5, 4, 3, 2, 1],
                question.title,
            )
            self.assertTrue(question.comments_allowed)
        self.assertEqual(self.q_cleaning.helpdesk_team_id, self.property_branch)
        self.assertEqual(self.q_repairs.helpdesk_team_id, self.service_center)
        self.assertEqual(
            self.env.ref(
                "helpdesk_property_info.survey_question_customer_service"
            ).helpdesk_team_id,
            self.cs_team,
        )
        self.assertFalse(self.q_overall.helpdesk_team_id)
        self.assertEqual(self.survey.access_mode, "token")
        self.assertFalse(
            self.survey.lang_ids, "every installed language, Chinese included"
        )

    def test_the_questionnaire_reads_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "helpdesk_property_info")]
        )._update_translations("zh_CN")
        survey = self.survey.with_context(lang="zh_CN")
        self.assertEqual(survey.title, "业主满意度调查表")
        cleaning = self.q_cleaning.with_context(lang="zh_CN")
        self.assertEqual(cleaning.title, "公共区域清洁卫生")
        self.assertEqual(
            cleaning.suggested_answer_ids.mapped("value"),
            ["非常满意", "满意", "一般", "不满意", "非常不满意"],
        )

    def test_campaign_periods_follow_the_standard(self):
        first = self.campaign()
        second = self.campaign(half="second")
        self.assertRecordValues(
            first + second,
            [
                {
                    "date_start": Date.to_date("2026-01-15"),
                    "date_end": Date.to_date("2026-01-30"),
                    "company_id": self.company.id,
                },
                {
                    "date_start": Date.to_date("2026-07-01"),
                    "date_end": Date.to_date("2026-07-15"),
                    "company_id": self.company.id,
                },
            ],
        )
        self.assertIn("Xianghe Garden", first.name)
        self.assertIn("2026", first.name)
        self.assertEqual((first.distribution_goal, first.return_goal), (60, 50))

    @mute_logger("odoo.sql_db")
    def test_one_campaign_per_community_and_half_year(self):
        self.campaign()
        with self.assertRaises(UniqueViolation), self.env.cr.savepoint():
            self.campaign()

    def test_distribution_and_return_rates_against_their_goals(self):
        campaign = self.open_campaign(self.owners[:5])
        self.assertRecordValues(
            campaign,
            [
                {
                    "owner_count": 10,
                    "distributed_count": 5,
                    "distribution_rate": 50.0,
                    "distribution_goal_met": False,
                    "returned_count": 0,
                    "return_rate": 0.0,
                }
            ],
        )
        campaign._distribute(self.owners[:7])
        self.assertRecordValues(
            campaign,
            [
                {
                    "distributed_count": 7,
                    "distribution_rate": 70.0,
                    "distribution_goal_met": True,
                }
            ],
        )
        for owner in self.owners[:3]:
            self.answer(campaign, owner, {self.q_cleaning: 4})
        self.assertRecordValues(
            campaign,
            [{"returned_count": 3, "return_rate": 300 / 7, "return_goal_met": False}],
        )
        self.answer(campaign, self.owners[3], {self.q_cleaning: 5})
        self.assertRecordValues(
            campaign, [{"returned_count": 4, "return_goal_met": True}]
        )

    def test_questionnaires_go_to_owners_of_the_community_only_and_once(self):
        campaign = self.campaign()
        with self.assertRaises(UserError):
            campaign._distribute(self.owners)  # not started
        campaign.action_open()
        stranger = self.env["res.partner"].create({"name": "Passer-by"})
        with self.assertRaises(UserError):
            campaign._distribute(stranger)
        first = campaign._distribute(self.owners[:4])
        again = campaign._distribute(self.owners[:6])
        self.assertEqual(len(first), 4)
        self.assertEqual(again.partner_id, self.owners[4:6])
        self.assertEqual(first.survey_id, self.survey)
        self.assertEqual(set(first.mapped("state")), {"new"})

    def test_the_distribution_wizard_offers_the_owners_without_questionnaire(self):
        campaign = self.open_campaign(self.owners[:3])
        action = campaign.with_user(self.agent).action_distribute()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.agent)
            .with_context(**action["context"])
            .create({"send_email": True})
        )
        self.assertEqual(wizard.partner_ids, self.owners[3:])
        wizard.partner_ids -= self.owners[9]
        wizard.action_distribute()
        self.assertEqual(campaign.distributed_count, 9)
        invitations = self.env["mail.mail"].search(
            [
                ("model", "=", "survey.user_input"),
                ("res_id", "in", campaign.sudo().user_input_ids.ids),
            ]
        )
        with_email = self.owners[3:9].filtered("email")
        self.assertEqual(invitations.recipient_ids, with_email)

    def test_results_are_summarised_per_department(self):
        campaign = self.open_campaign()
        self.answer(
            campaign,
            self.owners[0],
            {self.q_cleaning: 5, self.q_repairs: 2, self.q_overall: 4},
        )
        self.answer(
            campaign,
            self.owners[1],
            {self.q_cleaning: 2, self.q_repairs: 1, self.q_overall: 3},
        )
        self.answer(campaign, self.owners[2], {self.q_cleaning: 5})
        campaign.action_close()
        results = {result.team_id: result for result in campaign.result_ids}
        self.assertEqual(
            set(results),
            {
                self.property_branch,
                self.service_center,
                self.env["helpdesk.ticket.team"],
            },
        )
        self.assertRecordValues(
            results[self.property_branch],
            [
                {
                    "answer_count": 3,
                    "average_score": 4.0,
                    "nonconforming_count": 1,
                    "satisfied_rate": 200 / 3,
                }
            ],
        )
        self.assertRecordValues(
            results[self.service_center],
            [
                {
                    "answer_count": 2,
                    "average_score": 1.5,
                    "nonconforming_count": 2,
                    "satisfied_rate": 0.0,
                }
            ],
        )
        self.assertEqual(campaign.nonconforming_count, 3)
        self.assertAlmostEqual(campaign.average_score, 22 / 7, places=2)
        campaign.action_summarise()
        self.assertEqual(len(campaign.result_ids), 3)

    def test_non_conforming_answers_become_tickets_of_their_department_once(self):
        campaign = self.open_campaign()
        self.answer(
            campaign,
            self.owners[0],
            {self.q_cleaning: 2, self.q_repairs: 5},
            comments={self.q_cleaning: "Stairwell not swept for a week"},
        )
        self.answer(campaign, self.owners[1], {self.q_repairs: 1, self.q_overall: 2})
        campaign.with_user(self.agent).action_create_tickets()
        tickets = campaign.sudo()._answer_lines([("ticket_id", "!=", False)]).ticket_id
        self.assertEqual(len(tickets), 3)
        by_owner_team = {(t.partner_id, t.team_id): t for t in tickets}
        cleaning = by_owner_team[self.owners[0], self.property_branch]
        self.assertRecordValues(
            cleaning,
            [
                {
                    "channel_id": self.env.ref(
                        "helpdesk_property_info.channel_questionnaire"
                    ).id,
                    "info_origin": "customer",
                    "info_nature": "negative",
                    "company_id": self.company.id,
                    "category_id": self.q_cleaning.helpdesk_category_id.id,
                }
            ],
        )
        self.assertIn("Stairwell not swept for a week", cleaning.description)
        self.assertIn((self.owners[1], self.service_center), by_owner_team)
        # The overall question has no department: the community's office takes it.
        self.assertIn((self.owners[1], self.cs_team), by_owner_team)
        self.assertEqual(campaign.ticket_count, 3)
        # Again: nothing new. A late questionnaire brings only its own ticket.
        result = campaign.with_user(self.agent).action_create_tickets()
        self.assertEqual(result["tag"], "display_notification")
        self.answer(campaign, self.owners[2], {self.q_cleaning: 1})
        action = campaign.with_user(self.agent).action_create_tickets()
        new = self.Ticket.search(action["domain"])
        self.assertEqual(new.partner_id, self.owners[2])
        campaign.invalidate_recordset(["ticket_count"])
        self.assertEqual(campaign.ticket_count, 4)

    def test_a_department_of_another_company_is_not_given_the_ticket(self):
        other = self.env["res.company"].create({"name": "Other Property Co"})
        foreign = self.env["helpdesk.ticket.team"].create(
            {"name": "Far Away", "company_id": other.id}
        )
        self.q_cleaning.helpdesk_team_id = foreign
        campaign = self.open_campaign()
        self.answer(campaign, self.owners[0], {self.q_cleaning: 1})
        campaign.action_create_tickets()
        ticket = campaign.sudo()._answer_lines([("ticket_id", "!=", False)]).ticket_id
        self.assertEqual(ticket.team_id, self.cs_team)

    def test_a_campaign_with_questionnaires_cannot_be_deleted(self):
        campaign = self.open_campaign(self.owners[:1])
        with self.assertRaises(UserError):
            campaign.unlink()
        self.campaign(half="second").unlink()

    def test_roles(self):
        campaign = self.open_campaign(self.owners[:2])
        self.answer(campaign, self.owners[0], {self.q_cleaning: 4})
        campaign.action_summarise()
        # Leaders and department handlers read campaigns and results.
        for user in (self.leader, self.handler):
            self.assertEqual(campaign.with_user(user).result_ids.answer_count, 1)
            with self.assertRaises(AccessError):
                campaign.with_user(user).write({"return_goal": 10})
        # Agents run campaigns; only managers delete them.
        mine = self.Campaign.with_user(self.agent).create(
            {
                "community_id": self.community.id,
                "year": 2027,
                "half": "second",
                "pre_notice_id": published_notice(self.community).id,
            }
        )
        mine.action_open()
        with self.assertRaises(AccessError):
            self.campaign(year=2028).with_user(self.agent).unlink()
        self.assertFalse(mine.with_user(self.agent).user_input_ids)
        # Communities are configured by the CS managers.
        with self.assertRaises(AccessError):
            self.community.with_user(self.agent).name = "Renamed"
        self.community.with_user(self.manager).name = "Xianghe Garden Phase I"

    def test_campaigns_are_isolated_per_company(self):
        other = self.env["res.company"].create({"name": "Other Property Co"})
        community = self.env["helpdesk.info.community"].create(
            {"name": "Elsewhere", "company_id": other.id}
        )
        foreign = self.Campaign.create(
            {"community_id": community.id, "year": 2026, "half": "first"}
        )
        self.assertEqual(foreign.company_id, other)
        visible = self.Campaign.with_user(self.manager).search(
            [("id", "=", foreign.id)]
        )
        self.assertFalse(visible)
