"""Attacks on the corrective actions of the satisfaction surveys: their state,
approval, deadline watch and reviews are forged over JSON-2 and XML-RPC."""

from itertools import count

from odoo.tests import new_test_user, tagged

from .attack_common import Attack, Call, PropertyAttackCase, attack_tests
from .survey_common import published_notice
from .test_attack_suite import REVIEW_FIELDS, _review_vals, _reviews_of, _user

SEQUENCE = count(1)
MODEL = "helpdesk.info.survey.corrective.action"
DEFINITION = "helpdesk_property_info.tier_definition_corrective_action_project_manager"
TARGET = "target_corrective_action_submitted"

CORRECTIVE_ACTION_ATTACKS = [
    Attack(
        "context_defaults",
        MODEL,
        "create a corrective action already approved",
        roles=("agent", "manager", "handler"),
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [
                        {
                            "campaign_id": case.target_campaign_closed().id,
                            "team_id": case.department.id,
                            "owner_id": case.users["handler"].id,
                            "deadline": "2026-03-01",
                        }
                    ]
                },
                context={"default_state": "approved", "default_approved_by_id": 2},
                on_target=False,
            ),
        ),
        no_new=((MODEL, []),),
    ),
    Attack(
        "gate_fields",
        MODEL,
        "write a submitted reply approved, or its approver",
        roles=("agent", "handler", "manager"),
        target=TARGET,
        calls=(
            Call("write", {"vals": {"state": "approved"}}),
            Call(
                "write",
                lambda case, t: {
                    "vals": {
                        "approved_by_id": case.users["manager"].id,
                        "approved_date": "2026-02-05 02:00:00",
                    }
                },
            ),
        ),
        unchanged=("state", "approved_by_id", "approved_date", "validation_status"),
    ),
    Attack(
        "gate_fields",
        MODEL,
        "silence the deadline watch or rewrite the findings",
        roles=("agent", "handler", "manager"),
        target=TARGET,
        calls=(
            Call("write", {"vals": {"deadline_alerted": True}}),
            Call("write", {"vals": {"deadline_next_check": False}}),
            Call("write", {"vals": {"findings": "<p>All fine</p>"}}),
            Call("write", lambda case, t: {"vals": {"team_id": case.cs_team.id}}),
        ),
        unchanged=("deadline_alerted", "deadline_next_check", "findings", "team_id"),
    ),
    Attack(
        "gate_fields",
        MODEL,
        "move one's own deadline or hand the action over",
        roles=("agent", "handler"),
        target="target_corrective_action_draft",
        calls=(
            Call("write", {"vals": {"deadline": "2099-12-31"}}),
            Call(
                "write", lambda case, t: {"vals": {"owner_id": case.users["agent"].id}}
            ),
        ),
        unchanged=("deadline", "owner_id", "deadline_next_check"),
    ),
    Attack(
        "gate_fields",
        MODEL,
        "write the reply of another department",
        roles=("counsel",),
        target="target_corrective_action_other_department",
        calls=(Call("write", {"vals": {"reply": "<p>Forged reply</p>"}}),),
        unchanged=("reply",),
    ),
    Attack(
        "state_machines",
        MODEL,
        "mark done or draft a reply still under approval",
        roles=("handler", "manager"),
        target=TARGET,
        calls=(Call("action_done"), Call("action_draft")),
        unchanged=("state", "done_date", "validation_status"),
    ),
    # Tier reviews ------------------------------------------------------
    Attack(
        "tier_reviews",
        "tier.review",
        "unlink a corrective action review",
        roles=("agent", "handler"),
        target=f"{TARGET}_review",
        calls=(Call("unlink"),),
        unchanged=REVIEW_FIELDS,
    ),
    Attack(
        "tier_reviews",
        "tier.review",
        "create a corrective action review without requester",
        roles=("agent",),
        target=TARGET,
        calls=(
            Call(
                "create", _review_vals(DEFINITION, requested_by=False), on_target=False
            ),
        ),
        no_new=(("tier.review", _reviews_of),),
    ),
    Attack(
        "tier_reviews",
        "tier.review",
        "create a corrective action review already approved",
        roles=("agent", "leader"),
        target=TARGET,
        calls=(
            Call(
                "create",
                _review_vals(DEFINITION, status="approved", done_by=_user("leader")),
                on_target=False,
            ),
        ),
        no_new=(("tier.review", _reviews_of),),
    ),
    Attack(
        "tier_reviews",
        "tier.review",
        "write a corrective action review's status/done_by",
        roles=("agent", "handler", "manager"),
        target=f"{TARGET}_review",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {"status": "approved", "done_by": case.users["leader"].id}
                },
            ),
        ),
        unchanged=REVIEW_FIELDS,
    ),
    Attack(
        "tier_reviews",
        "tier.review",
        "write a corrective action review's comment",
        roles=("agent", "handler"),
        target=f"{TARGET}_review",
        calls=(Call("write", {"vals": {"comment": "Forged: approved by phone"}}),),
        unchanged=REVIEW_FIELDS,
    ),
    Attack(
        "tier_reviews",
        "tier.review",
        "a leader approves a corrective action review in another's name",
        roles=("leader",),
        target=f"{TARGET}_review",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {"status": "approved", "done_by": case.users["leader2"].id}
                },
            ),
        ),
        unchanged=REVIEW_FIELDS,
    ),
    Attack(
        "tier_reviews",
        MODEL,
        "restart_validation of a submitted corrective action",
        roles=("agent", "handler"),
        target=TARGET,
        calls=(Call("restart_validation"),),
        unchanged=("validation_status", "review_ids"),
        no_new=(("tier.review", _reviews_of),),
    ),
    Attack(
        "tier_reviews",
        MODEL,
        "anyone but the project manager approves the reply",
        roles=("agent", "handler", "manager", "leader"),
        target=TARGET,
        calls=(Call("validate_tier"),),
        unchanged=("state", "validation_status", "approved_by_id"),
    ),
    Attack(
        "tier_reviews",
        MODEL,
        "rewrite the reply under approval with skip_validation_check",
        roles=("handler", "manager"),
        target=TARGET,
        calls=(
            Call(
                "write",
                {"vals": {"reply": "<p>Forged reply</p>"}},
                context={"skip_validation_check": True},
            ),
        ),
        unchanged=("reply", "validation_status"),
    ),
]


@tagged("post_install", "-at_install")
class TestCorrectiveActionAttacks(PropertyAttackCase):
    """The corrective actions' table, as each role, over JSON-2 and XML-RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project_manager = new_test_user(
            cls.env,
            login="hpi_attack_project_manager",
            groups="helpdesk_property_info.group_department_handler",
            company_id=cls.company.id,
        )
        cls.management_manager = new_test_user(
            cls.env,
            login="hpi_attack_management_manager",
            groups="helpdesk_property_info.group_management_manager",
            company_id=cls.company.id,
        )

    def target_campaign_closed(self):
        community = self.env["helpdesk.info.community"].create(
            {
                "name": f"Attack Corrective Garden {next(SEQUENCE)}",
                "team_id": self.cs_team.id,
                "manager_id": self.project_manager.id,
            }
        )
        campaign = self.env["helpdesk.info.survey.campaign"].create(
            {
                "community_id": community.id,
                "year": 2026,
                "half": "first",
                "pre_notice_id": published_notice(community).id,
                "shortfall_reason": "No owner registered yet.",
            }
        )
        campaign.action_open()
        campaign.action_close()
        return campaign

    def _corrective_action(self, owner, team=None):
        return (
            self.env["helpdesk.info.survey.corrective.action"]
            .sudo()
            .create(
                {
                    "campaign_id": self.target_campaign_closed().id,
                    "team_id": (team or self.department).id,
                    "owner_id": owner.id,
                    "deadline": "2026-03-01",
                    "findings": "<p>Cleaning: 2 non-conforming answers.</p>",
                }
            )
        )

    def target_corrective_action_draft(self):
        return self._corrective_action(self.users["handler"])

    def target_corrective_action_other_department(self):
        return self._corrective_action(self.users["handler"], self.cs_team)

    def _submitted(self, owner):
        action = self._corrective_action(owner)
        action.with_user(owner).write({"reply": "<p>Cleaners rescheduled.</p>"})
        action.with_user(owner).action_submit()
        return action.sudo()

    def target_corrective_action_submitted(self):
        return self._submitted(self.users["handler"])

    def target_corrective_action_submitted_review(self):
        return self.target_corrective_action_submitted().review_ids.sorted("sequence")[
            :1
        ]


attack_tests(TestCorrectiveActionAttacks, CORRECTIVE_ACTION_ATTACKS)
