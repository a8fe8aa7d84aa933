from datetime import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time

from .survey_common import SurveyCase, published_notice


class TestSurveyCampaignLoop(SurveyCase):
    """The owners are told before the survey; a survey below its goals closes
    with the manager's reason; its results are published in a notice and its
    written report goes to the leaders."""

    def bare_campaign(self, **vals):
        return self.Campaign.create(
            {
                "community_id": self.community.id,
                "year": 2026,
                "half": "first",
                **vals,
            }
        )

    @freeze_time("2026-01-10 02:00:00")
    def test_the_survey_starts_once_its_notice_is_published(self):
        campaign = self.bare_campaign()
        with self.assertRaisesRegex(UserError, "notice to the owners is published"):
            campaign.with_user(self.agent).action_open()
        action = campaign.with_user(self.agent).action_create_pre_notice()
        notice = campaign.pre_notice_id
        self.assertEqual(action["res_id"], notice.id)
        self.assertRecordValues(
            notice,
            [
                {
                    "kind": "notice",
                    "state": "draft",
                    "community_id": self.community.id,
                    "author_id": self.agent.id,
                    "valid_until": datetime(2026, 1, 31),
                }
            ],
        )
        self.assertIn("2026-01-15", notice.content)
        self.assertTrue(notice.notice_place_ids)
        # A second click opens the same notice.
        self.assertEqual(
            campaign.with_user(self.agent).action_create_pre_notice()["res_id"],
            notice.id,
        )
        notice.with_user(self.agent).action_submit()
        with self.assertRaisesRegex(UserError, "notice to the owners is published"):
            campaign.with_user(self.agent).action_open()
        notice.with_user(self.leader).validate_tier()
        with self.assertRaisesRegex(UserError, "notice to the owners is published"):
            campaign.with_user(self.agent).action_open()
        notice.with_user(self.agent).action_publish()
        campaign.with_user(self.agent).action_open()
        self.assertEqual(campaign.state, "open")

    def test_the_notice_is_one_to_the_community_owners(self):
        other = self.env["helpdesk.info.community"].create({"name": "Elsewhere Garden"})
        campaign = self.bare_campaign(pre_notice_id=published_notice(other).id)
        with self.assertRaisesRegex(UserError, "community's owners"):
            campaign.with_user(self.agent).action_open()
        outward = (
            self.env["helpdesk.info.publication"]
            .sudo()
            .create(
                {
                    "name": "Article",
                    "kind": "outward",
                    "content": "<p>Hello</p>",
                    "state": "published",
                    "published_date": datetime(2026, 1, 1),
                }
            )
        )
        campaign.pre_notice_id = outward
        with self.assertRaisesRegex(UserError, "community's owners"):
            campaign.with_user(self.agent).action_open()

    @freeze_time("2026-02-01 02:00:00")
    def test_closing_below_the_goals_needs_the_managers_reason(self):
        campaign = self.bare_campaign(pre_notice_id=published_notice(self.community).id)
        campaign.action_open()
        campaign._distribute(self.owners[:5])  # 50% handed out: below 60%
        for owner in self.owners[:4]:
            self.answer(campaign, owner, {self.q_cleaning: 4})
        with self.assertRaisesRegex(UserError, "writes the reason first"):
            campaign.with_user(self.manager).action_close()
        self.assertEqual(campaign.state, "open")
        with self.assertRaises(AccessError):
            campaign.with_user(self.agent).write({"shortfall_reason": "Owners away"})
        campaign.with_user(self.manager).write({"shortfall_reason": "   "})
        with self.assertRaisesRegex(UserError, "writes the reason first"):
            campaign.with_user(self.manager).action_close()
        campaign.with_user(self.manager).write(
            {"shortfall_reason": "Half the owners rent out."}
        )
        campaign.with_user(self.manager).action_close()
        self.assertEqual(campaign.state, "closed")

    def test_meeting_the_goals_needs_no_reason(self):
        campaign = self.bare_campaign(pre_notice_id=published_notice(self.community).id)
        campaign.action_open()
        campaign._distribute(self.owners[:6])
        for owner in self.owners[:3]:
            self.answer(campaign, owner, {self.q_cleaning: 4})
        campaign.with_user(self.manager).action_close()
        self.assertEqual(campaign.state, "closed")
        self.assertFalse(campaign.shortfall_reason)

    def test_an_agent_cannot_write_the_reason_when_creating(self):
        with self.assertRaises(AccessError):
            self.Campaign.with_user(self.agent).create(
                {
                    "community_id": self.community.id,
                    "year": 2027,
                    "half": "first",
                    "shortfall_reason": "Written in advance",
                }
            )
        with self.assertRaises(AccessError):
            self.Campaign.with_user(self.agent).with_context(
                default_shortfall_reason="Written in advance"
            ).create({"community_id": self.community.id, "year": 2027, "half": "first"})

    def test_the_results_notice_carries_the_rates_and_departments(self):
        campaign = self.open_campaign()
        self.answer(campaign, self.owners[0], {self.q_cleaning: 5, self.q_repairs: 2})
        with self.assertRaises(UserError):
            campaign.with_user(self.agent).action_create_results_notice()
        campaign.with_user(self.manager).action_close()
        campaign.with_user(self.agent).action_create_results_notice()
        notice = campaign.results_notice_id
        self.assertRecordValues(
            notice,
            [{"kind": "notice", "state": "draft", "community_id": self.community.id}],
        )
        self.assertIn("100.0%", notice.content)  # handed out to every owner
        self.assertIn(self.property_branch.name, notice.content)
        self.assertIn(self.service_center.name, notice.content)
        self.assertEqual(campaign.results_notice_state, "draft")
        notice.with_user(self.agent).action_submit()
        notice.with_user(self.leader).validate_tier()
        notice.with_user(self.agent).action_publish()
        campaign.invalidate_recordset()
        self.assertEqual(campaign.results_notice_state, "published")
        with self.assertRaises(AccessError):
            campaign.with_user(self.agent).write({"results_notice_id": False})

    def test_the_written_report_goes_to_the_leaders_once(self):
        campaign = self.open_campaign()
        self.answer(campaign, self.owners[0], {self.q_cleaning: 5, self.q_repairs: 2})
        with self.assertRaises(UserError):
            campaign.with_user(self.manager).action_send_report()
        campaign.with_user(self.manager).action_close()
        self.assertTrue(campaign.report_sent_date)
        messages = campaign.message_ids.filtered("attachment_ids")
        self.assertEqual(len(messages), 1)
        self.assertIn(self.leader.partner_id, messages.partner_ids)
        self.assertNotIn(self.agent.partner_id, messages.partner_ids)
        self.assertEqual(messages.attachment_ids.mimetype, "application/pdf")
        with self.assertRaisesRegex(UserError, "already sent"):
            campaign.with_user(self.manager).action_send_report()
        campaign.with_user(self.manager).action_reopen()
        campaign.with_user(self.manager).action_close()
        self.assertEqual(len(campaign.message_ids.filtered("attachment_ids")), 1)
        with self.assertRaises(AccessError):
            campaign.with_user(self.manager).write({"report_sent_date": False})

    def test_an_agent_does_not_send_the_report(self):
        campaign = self.open_campaign()
        campaign.action_close()
        campaign.sudo()._write_by_action({"report_sent_date": False})
        with self.assertRaises(AccessError):
            campaign.with_user(self.agent).action_send_report()
        campaign.with_user(self.manager).action_send_report()
        self.assertTrue(campaign.report_sent_date)

    def test_the_report_reads_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "helpdesk_property_info")]
        )._update_translations("zh_CN")
        self.company.partner_id.lang = "zh_CN"
        campaign = self.open_campaign()
        self.answer(campaign, self.owners[0], {self.q_cleaning: 5})
        campaign.action_close()
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "helpdesk_property_info.action_report_survey_campaign", campaign.ids
        )
        html = html.decode()
        self.assertIn("满意度调查报告", html)
        self.assertIn("Many owners away for the holidays.", html)
