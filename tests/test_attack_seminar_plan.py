"""Attacks on the owners' seminar plan: its approval, its reviews and the
calendar events of its seminars are forged over JSON-2 and XML-RPC."""

from datetime import timedelta

from odoo.tests import tagged

from .attack_common import Attack, Call, PropertyAttackCase, attack_tests
from .test_attack_suite import REVIEW_FIELDS, _review_vals, _reviews_of, _user

PLAN = "helpdesk.info.seminar.plan"
SEMINAR = "helpdesk.info.seminar"
DEFINITION = "helpdesk_property_info.tier_definition_seminar_plan_leader"
TARGET = "target_seminar_plan_submitted"

SEMINAR_PLAN_ATTACKS = [
    Attack(
        "context_defaults",
        PLAN,
        "create a seminar plan already approved",
        roles=("agent", "manager"),
        calls=(
            Call(
                "create",
                {"vals_list": [{"year": 2039}]},
                context={"default_state": "approved", "default_approved_by_id": 2},
                on_target=False,
            ),
        ),
        no_new=((PLAN, [("year", "=", 2039)]),),
    ),
    Attack(
        "gate_fields",
        PLAN,
        "write a submitted plan approved, or its approver",
        roles=("agent", "manager", "leader"),
        target=TARGET,
        calls=(
            Call("write", {"vals": {"state": "approved"}}),
            Call(
                "write",
                lambda case, t: {"vals": {"approved_by_id": case.users["leader"].id}},
            ),
        ),
        unchanged=("state", "approved_by_id", "validation_status"),
    ),
    Attack(
        "state_machines",
        PLAN,
        "change a plan under approval through its seminars",
        roles=("agent", "manager"),
        target=TARGET,
        calls=(
            Call(
                "write",
                {
                    "vals": {
                        "seminar_ids": [
                            (
                                0,
                                0,
                                {
                                    "topic": "Forged",
                                    "date_start": "2026-05-01 02:00:00",
                                    "place": "Roof",
                                },
                            )
                        ]
                    }
                },
            ),
            Call("write", {"vals": {"note": "<p>Forged</p>"}}),
        ),
        unchanged=("seminar_ids", "note", "state"),
    ),
    Attack(
        "gate_fields",
        SEMINAR,
        "link a seminar to a forged calendar event",
        roles=("agent", "manager"),
        target="target_seminar_draft",
        calls=(
            Call(
                "write", lambda case, t: {"vals": {"event_id": case.forged_event().id}}
            ),
        ),
        unchanged=("event_id",),
    ),
    Attack(
        "state_machines",
        SEMINAR,
        "move a seminar of a plan under approval",
        roles=("agent", "manager"),
        target="target_seminar_submitted",
        calls=(
            Call(
                "write",
                {"vals": {"date_start": "2026-11-11 02:00:00", "place": "Elsewhere"}},
            ),
            Call("unlink"),
        ),
        unchanged=("date_start", "place"),
    ),
    Attack(
        "state_machines",
        "calendar.event",
        "move an approved seminar's calendar event by 60 days",
        roles=("agent", "manager"),
        target="target_seminar_event_approved",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {
                        "start": str(t.start + timedelta(days=60)),
                        "stop": str(t.stop + timedelta(days=60)),
                    }
                },
            ),
            Call("write", {"vals": {"allday": True}}),
            Call("write", {"vals": {"location": "Elsewhere"}}),
        ),
        unchanged=("start", "stop", "allday", "location"),
    ),
    # Tier reviews ------------------------------------------------------
    Attack(
        "tier_reviews",
        "tier.review",
        "unlink a seminar plan review",
        roles=("agent", "manager"),
        target=f"{TARGET}_review",
        calls=(Call("unlink"),),
        unchanged=REVIEW_FIELDS,
    ),
    Attack(
        "tier_reviews",
        "tier.review",
        "create a seminar plan review without requester",
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
        "create a seminar plan review already approved",
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
        "write a seminar plan review's status/done_by",
        roles=("agent", "manager"),
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
        "a leader approves a seminar plan review in another's name",
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
        PLAN,
        "restart_validation of a submitted seminar plan",
        roles=("agent",),
        target=TARGET,
        calls=(Call("restart_validation"),),
        unchanged=("validation_status", "review_ids"),
        no_new=(("tier.review", _reviews_of),),
    ),
    Attack(
        "tier_reviews",
        PLAN,
        "anyone but a company leader approves the plan",
        roles=("agent", "manager", "handler"),
        target=TARGET,
        calls=(Call("validate_tier"),),
        unchanged=("state", "validation_status", "approved_by_id"),
    ),
    Attack(
        "tier_reviews",
        PLAN,
        "a leader approves the seminar plan he submitted",
        roles=("leader",),
        target="target_seminar_plan_by_leader",
        calls=(Call("validate_tier"),),
        unchanged=("state", "validation_status", "approved_by_id"),
    ),
]


@tagged("post_install", "-at_install")
class TestSeminarPlanAttacks(PropertyAttackCase):
    """The seminar plans' table, as each role, over JSON-2 and XML-RPC."""

    _years = iter(range(2040, 2200))

    def _plan(self, user):
        year = next(self._years)
        return (
            self.env[PLAN]
            .with_user(user)
            .create(
                {
                    "year": year,
                    "seminar_ids": [
                        (
                            0,
                            0,
                            {
                                "topic": "Fees and the year's service plan",
                                "date_start": f"{year}-03-21 07:00:00",
                                "place": "Management office meeting room",
                            },
                        )
                    ],
                }
            )
        )

    def _submitted(self, user):
        plan = self._plan(user)
        plan.action_submit()
        return plan.sudo()

    def target_seminar_plan_submitted(self):
        return self._submitted(self.users["agent"])

    def target_seminar_plan_submitted_review(self):
        return self.target_seminar_plan_submitted().review_ids[:1]

    def target_seminar_plan_by_leader(self):
        return self._submitted(self.users["leader"])

    def target_seminar_draft(self):
        return self._plan(self.users["agent"]).sudo().seminar_ids

    def target_seminar_submitted(self):
        return self.target_seminar_plan_submitted().seminar_ids

    def target_seminar_event_approved(self):
        plan = self.target_seminar_plan_submitted()
        plan.with_user(self.users["leader"]).validate_tier()
        return plan.seminar_ids.event_id

    def forged_event(self):
        return self.env["calendar.event"].create(
            {
                "name": "Forged seminar",
                "start": "2026-03-01 01:00:00",
                "stop": "2026-03-01 02:00:00",
            }
        )


attack_tests(TestSeminarPlanAttacks, SEMINAR_PLAN_ATTACKS)
