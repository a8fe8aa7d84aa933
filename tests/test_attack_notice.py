"""Attacks on the notices' 24-hour rule, their withdrawal, and the survey
loop: the notice before the survey, the manager's reason for closing below
the goals, the results notice and the report to the leaders."""

from datetime import timedelta
from itertools import count

from odoo import fields
from odoo.tests import tagged

from .attack_common import Attack, Call, PropertyAttackCase, attack_tests
from .survey_common import published_notice

SEQUENCE = count(1)


def fmt(value):
    return fields.Datetime.to_string(value)


NOTICE_ATTACKS = [
    Attack(
        "context_defaults",
        "helpdesk.info.publication",
        "create a notice with default_state=published",
        roles=("agent", "manager"),
        calls=(
            Call(
                "create",
                lambda case, t: {"vals_list": [case.notice_vals()]},
                context={"default_state": "published"},
                on_target=False,
            ),
        ),
        no_new=(("helpdesk.info.publication", [("kind", "=", "notice")]),),
    ),
    Attack(
        "notice_timing",
        "helpdesk.info.publication",
        "move the outage start after approval by write, then publish",
        roles=("agent", "manager"),
        target="target_notice_approved",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {"outage_start": fmt(case.now + timedelta(hours=3))}
                },
            ),
            Call("action_publish"),
        ),
        # The write sends it back for approval; publishing is refused.
        unchanged=("published_date", "published_by_id"),
    ),
    Attack(
        "notice_timing",
        "helpdesk.info.publication",
        "move the posting time after approval, then publish",
        roles=("agent",),
        target="target_notice_approved",
        calls=(
            Call(
                "write",
                lambda case, t: {"vals": {"planned_post_date": fmt(t.outage_start)}},
            ),
            Call("action_publish"),
        ),
        unchanged=("published_date", "published_by_id"),
    ),
    Attack(
        "notice_timing",
        "helpdesk.info.publication",
        "move the outage start under approval",
        roles=("agent", "manager"),
        target="target_notice_pending",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {"outage_start": fmt(case.now + timedelta(hours=3))}
                },
                context={"skip_validation_check": True},
            ),
        ),
        unchanged=("state", "outage_start"),
    ),
    Attack(
        "notice_timing",
        "helpdesk.info.publication",
        "publish an outage notice too late",
        roles=("agent", "manager"),
        target="target_notice_approved_too_late",
        calls=(Call("action_publish"),),
        unchanged=("state", "published_date"),
    ),
    Attack(
        "notice_timing",
        "helpdesk.info.publication",
        "approve an outage notice too late",
        roles=("leader",),
        target="target_notice_pending_too_late",
        calls=(Call("validate_tier"),),
        unchanged=("state", "approved_date"),
    ),
    Attack(
        "notice_timing",
        "helpdesk.info.publication",
        "submit an outage notice posted too late",
        roles=("agent",),
        target="target_notice_draft_too_late",
        calls=(Call("action_submit"),),
        unchanged=("state",),
        no_new=(
            (
                "tier.review",
                lambda case, t: [("model", "=", t._name), ("res_id", "=", t.id)],
            ),
        ),
    ),
    Attack(
        "notice_timing",
        "helpdesk.info.publication",
        "write a published notice back to published after withdrawal",
        roles=("agent", "manager"),
        target="target_notice_withdrawn",
        calls=(Call("write", {"vals": {"state": "published"}}),),
        unchanged=("state",),
    ),
    Attack(
        "notice_timing",
        "helpdesk.info.publication",
        "extend a published notice's validity",
        roles=("agent", "manager"),
        target="target_notice_published",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {"valid_until": fmt(case.now + timedelta(days=90))}
                },
            ),
        ),
        unchanged=("state", "valid_until"),
    ),
    Attack(
        "gate_fields",
        "helpdesk.info.survey.campaign",
        "agent writes the reason for missing the goals",
        roles=("agent", "handler", "leader"),
        target="target_campaign_below_goals",
        calls=(
            Call("write", {"vals": {"shortfall_reason": "Nobody home"}}),
            Call("action_close"),
        ),
        unchanged=("state", "shortfall_reason"),
    ),
    Attack(
        "gate_fields",
        "helpdesk.info.survey.campaign",
        "create a campaign with the reason as a default",
        roles=("agent",),
        calls=(
            Call(
                "create",
                lambda case, t: {"vals_list": [case.campaign_vals()]},
                context={"default_shortfall_reason": "Written in advance"},
                on_target=False,
            ),
        ),
        no_new=(
            (
                "helpdesk.info.survey.campaign",
                lambda case, t: [("shortfall_reason", "!=", False)],
            ),
        ),
    ),
    Attack(
        "gate_fields",
        "helpdesk.info.survey.campaign",
        "forge the report's sending or the results notice",
        roles=("agent", "manager"),
        target="target_campaign_closed",
        calls=(Call("write", {"vals": {"report_sent_date": False}}),),
        unchanged=("report_sent_date", "results_notice_id"),
    ),
    Attack(
        "gate_fields",
        "helpdesk.info.survey.campaign",
        "link a results notice by hand",
        roles=("agent", "manager"),
        target="target_campaign_closed",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {"results_notice_id": published_notice(t.community_id).id}
                },
            ),
        ),
        unchanged=("results_notice_id",),
    ),
    Attack(
        "state_machines",
        "helpdesk.info.survey.campaign",
        "close below the goals without a reason",
        roles=("manager",),
        target="target_campaign_below_goals",
        calls=(Call("action_close"),),
        unchanged=("state", "report_sent_date"),
    ),
    Attack(
        "state_machines",
        "helpdesk.info.survey.campaign",
        "start a campaign whose notice is not published",
        roles=("agent", "manager"),
        target="target_campaign_with_draft_notice",
        calls=(Call("action_open"),),
        unchanged=("state",),
    ),
    Attack(
        "state_machines",
        "helpdesk.info.survey.campaign",
        "start with another community's notice",
        roles=("agent", "manager"),
        target="target_campaign_with_foreign_notice",
        calls=(Call("action_open"),),
        unchanged=("state",),
    ),
    Attack(
        "state_machines",
        "helpdesk.info.survey.campaign",
        "send the report twice or as an agent",
        roles=("agent", "manager"),
        target="target_campaign_closed",
        calls=(Call("action_send_report"),),
        unchanged=("report_sent_date",),
        no_new=(
            (
                "ir.attachment",
                lambda case, t: [("res_model", "=", t._name), ("res_id", "=", t.id)],
            ),
        ),
    ),
]


@tagged("post_install", "-at_install")
class TestNoticeAttacks(PropertyAttackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.now = fields.Datetime.now().replace(microsecond=0)

    def _community(self):
        return self.env["helpdesk.info.community"].create(
            {"name": f"Notice Garden {next(SEQUENCE)}", "team_id": self.cs_team.id}
        )

    def notice_vals(self, **overrides):
        return {
            "name": "Water supply interrupted",
            "kind": "notice",
            "content": "<p>Water stops from 9:00 to 17:00.</p>",
            "community_id": self._community().id,
            "outage_type": "water",
            "outage_start": fmt(self.now + timedelta(days=3)),
            "outage_end": fmt(self.now + timedelta(days=3, hours=8)),
            "valid_until": fmt(self.now + timedelta(days=4)),
            **overrides,
        }

    def _notice(self, **overrides):
        return (
            self.env["helpdesk.info.publication"]
            .with_user(self.users["agent"])
            .create(self.notice_vals(**overrides))
        )

    def target_notice_draft_too_late(self):
        return self._notice(outage_start=fmt(self.now + timedelta(hours=20))).sudo()

    def target_notice_pending(self):
        notice = self._notice()
        notice.action_submit()
        return notice.sudo()

    def target_notice_pending_too_late(self):
        notice = self.target_notice_pending()
        # The outage was moved closer while the rule was not yet checked.
        notice.env.cr.execute(
            "UPDATE helpdesk_info_publication SET outage_start = %s WHERE id = %s",
            (self.now + timedelta(hours=20), notice.id),
        )
        notice.invalidate_recordset()
        return notice

    def target_notice_approved(self):
        notice = self.target_notice_pending()
        notice.with_user(self.users["leader2"]).validate_tier()
        return notice

    def target_notice_approved_too_late(self):
        notice = self.target_notice_approved()
        notice.env.cr.execute(
            "UPDATE helpdesk_info_publication SET outage_start = %s WHERE id = %s",
            (self.now + timedelta(hours=20), notice.id),
        )
        notice.invalidate_recordset()
        return notice

    def target_notice_published(self):
        notice = self.target_notice_approved()
        notice.with_user(self.users["agent"]).action_publish()
        return notice

    def target_notice_withdrawn(self):
        notice = self.target_notice_published()
        notice.with_user(self.users["agent"]).action_withdraw()
        return notice

    def campaign_vals(self):
        return {"community_id": self._community().id, "year": 2026, "half": "first"}

    def _campaign(self, **vals):
        return self.env["helpdesk.info.survey.campaign"].create(
            {**self.campaign_vals(), **vals}
        )

    def target_campaign_below_goals(self):
        campaign = self._campaign()
        campaign.pre_notice_id = published_notice(campaign.community_id)
        campaign.action_open()
        return campaign

    def target_campaign_closed(self):
        campaign = self._campaign()
        campaign.pre_notice_id = published_notice(campaign.community_id)
        campaign.shortfall_reason = "Nobody was handed a questionnaire."
        campaign.action_open()
        campaign.action_close()
        return campaign

    def target_campaign_with_draft_notice(self):
        campaign = self._campaign()
        campaign.pre_notice_id = self.env["helpdesk.info.publication"].create(
            self.notice_vals(
                community_id=campaign.community_id.id,
                outage_type=False,
                outage_start=False,
                outage_end=False,
            )
        )
        return campaign

    def target_campaign_with_foreign_notice(self):
        campaign = self._campaign()
        campaign.pre_notice_id = published_notice(self._community())
        return campaign


attack_tests(TestNoticeAttacks, NOTICE_ATTACKS)
