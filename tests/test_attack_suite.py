"""Every rule holds against a hostile client.

Each row of ATTACKS is a call a client program could make over the JSON-2
API or XML-RPC (or a portal route) to get around a rule of the addon: it
must be refused with a clear error (AccessError, UserError, ValidationError
or MissingError) and leave the database as it was.

To cover a new model or a new gate, add a row: name the fixture building its
target (a ``target_*`` method below, add one if needed), the calls, and the
fields that must not change or the models that must not get a new record.
A feature with models of its own may keep its rows in a test module of its
own: a :class:`PropertyAttackCase` subclass with its fixtures, and
``attack_tests`` over its table.
"""

from datetime import date, datetime, timedelta
from itertools import count

from odoo.tests import TransactionCase, new_test_user, tagged

from .attack_common import (
    ALL_ATTACKS,
    PORTAL_HTTP,
    Attack,
    Call,
    PropertyAttackCase,
    attack_tests,
)
from .survey_common import published_notice

SEQUENCE = count(1)

BUDGET_DEFINITION = "helpdesk_property_info.tier_definition_reception_budget"
PUBLICATION_DEFINITION = "helpdesk_property_info.tier_definition_publication_leader"
RESULT_DEFINITION = "helpdesk_property_info.tier_definition_result_manager"
ERASURE_DEFINITION = "helpdesk_property_info.tier_definition_erasure_counsel"
DISCLOSURE_DEFINITION = "helpdesk_property_info.tier_definition_disclosure_leader"
SWAP_DEFINITION = "helpdesk_property_info.tier_definition_duty_swap_manager"
SHIFT = "helpdesk.info.duty.shift"
SWAP = "helpdesk.info.duty.swap"


def _ref(case, xmlid):
    return case.env.ref(xmlid).id


def _user(role):
    return lambda case, target: case.users[role].id


def _messages_of(case, target):
    return [("model", "=", target._name), ("res_id", "=", target.id)]


def _reviews_of(case, target):
    return [("model", "=", target._name), ("res_id", "=", target.id)]


def _vals_other_kind(case, target):
    return {"vals": {"type_id": _ref(case, "helpdesk_property_info.ticket_type_other")}}


def _vals_closed(case, target):
    return {
        "vals": {"stage_id": _ref(case, "helpdesk_mgmt.helpdesk_ticket_stage_done")}
    }


# What the rule "an important complaint closes once its handling result is
# approved" reads, and what it guards.
_IMPORTANT_COMPLAINT_FIELDS = (
    "type_id",
    "importance",
    "complaint_grade_id",
    "result_approval_required",
    "stage_id",
    "closed",
)


def _review_vals(definition, **vals):
    """Values of a forged review of the target's document."""

    def kwargs(case, target):
        return {
            "vals_list": [
                {
                    "model": target._name,
                    "res_id": target.id,
                    "definition_id": _ref(case, definition),
                    **{
                        k: v(case, target) if callable(v) else v
                        for k, v in vals.items()
                    },
                }
            ]
        }

    return kwargs


REVIEW_FIELDS = (
    "status",
    "done_by",
    "comment",
    "reviewed_date",
    "requested_by",
    "res_id",
    "model",
)


def _later_times(case, target):
    return {
        "vals": {
            "start": str(target.start + timedelta(days=400)),
            "stop": str(target.stop + timedelta(days=400)),
        }
    }


def _duty_swaps_of(case, target):
    shift = target if target._name == SHIFT else target.shift_id
    return [("shift_id", "=", shift.id)]


# A holder tries to put himself off duty, each way on its own row (a row
# stops at its first refused call).
_OFF_DUTY_CALLS = (
    (
        "give his shift to someone else",
        Call("write", lambda case, t: {"vals": {"user_id": case.users["handler"].id}}),
    ),
    ("move his shift away", Call("write", _later_times)),
    ("delete his shift", Call("unlink")),
)
DUTY_ATTACKS = [
    Attack(
        "self_off_duty",
        SHIFT,
        f"the holder ({holder}) of a shift: {name}",
        roles=(holder,),
        target=f"target_duty_shift_of_{holder}",
        calls=(call,),
        unchanged=("user_id", "start", "stop", "community_id", "role"),
    )
    for holder in ("agent", "manager", "worker")
    for name, call in _OFF_DUTY_CALLS
]
# The CS manager approves a swap that concerns him: as the holder, the
# colleague taking the shift, or the requester.
DUTY_SELF_APPROVAL_ATTACKS = [
    Attack(
        "tier_reviews",
        SWAP,
        f"a CS manager approves the swap {name}",
        roles=("manager",),
        target=target,
        calls=(Call("validate_tier"),),
        unchanged=("state", "validation_status", "approved_by_id"),
    )
    for name, target in (
        ("of his own shift", "target_duty_swap_of_manager_shift"),
        ("that gives him a shift", "target_duty_swap_to_manager"),
        ("he asked for", "target_duty_swap_by_manager"),
    )
]

ATTACKS = [
    # 1. Context defaults on create ------------------------------------
    Attack(
        "context_defaults",
        "helpdesk.reception.expense",
        "create with default_state=approved",
        roles=("agent", "manager"),
        calls=(
            Call(
                "create",
                lambda case, t: {"vals_list": [case.expense_vals()]},
                context={"default_state": "approved"},
                on_target=False,
            ),
        ),
        no_new=(("helpdesk.reception.expense", []),),
    ),
    Attack(
        "context_defaults",
        "helpdesk.info.publication",
        "create with default_state=published",
        roles=("agent", "manager"),
        calls=(
            Call(
                "create",
                lambda case, t: {"vals_list": [case.publication_vals()]},
                context={"default_state": "published"},
                on_target=False,
            ),
        ),
        no_new=(("helpdesk.info.publication", []),),
    ),
    Attack(
        "context_defaults",
        "helpdesk.reception.budget",
        "create with default_state=approved",
        roles=("agent", "manager"),
        calls=(
            Call(
                "create",
                lambda case, t: {"vals_list": [case.budget_vals()]},
                context={"default_state": "approved"},
                on_target=False,
            ),
        ),
        no_new=(("helpdesk.reception.budget", []),),
    ),
    Attack(
        "context_defaults",
        "helpdesk.ticket",
        "create with default_resolve_state/default_resolve_alert",
        roles=("agent", "handler"),
        calls=(
            Call(
                "create",
                lambda case, t: {"vals_list": [case.ticket_vals()]},
                context={
                    "default_resolve_state": "on_time",
                    "default_resolve_alert": "overdue",
                    "default_reply_deadline_source": "level",
                },
                on_target=False,
            ),
        ),
        no_new=(("helpdesk.ticket", []),),
    ),
    Attack(
        "deletion",
        "helpdesk.info.complaint.grade",
        "unlink a grade used by a complaint",
        roles=("manager",),
        target="target_complaint_grade",
        calls=(Call("unlink"),),
        unchanged=("name", "code"),
    ),
    Attack(
        "context_defaults",
        "helpdesk.ticket",
        "create with default_leader_opinion/default_counsel_advice",
        roles=("agent", "handler"),
        calls=(
            Call(
                "create",
                lambda case, t: {"vals_list": [case.ticket_vals()]},
                context={
                    "default_leader_opinion": "Forged: agreed",
                    "default_counsel_advice": "Forged: no risk",
                },
                on_target=False,
            ),
        ),
        no_new=(("helpdesk.ticket", []),),
    ),
    # 2. Gate fields written directly ----------------------------------
    Attack(
        "gate_fields",
        "helpdesk.ticket.deadline.extension",
        "write approver_group_id to the handler's group, then approve",
        roles=("handler",),
        target="target_extension",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {
                        "approver_group_id": _ref(
                            case, "helpdesk_property_info.group_department_handler"
                        )
                    }
                },
            ),
            Call("action_approve"),
        ),
        unchanged=("approver_group_id", "state", "decided_by_id"),
    ),
    Attack(
        "gate_fields",
        "helpdesk.ticket",
        "write a major ticket's level down to general",
        roles=("handler",),
        target="target_major_ticket",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {
                        "level_id": _ref(case, "helpdesk_property_info.level_general")
                    }
                },
            ),
        ),
        unchanged=("level_id", "awaiting_leader_opinion"),
    ),
    Attack(
        "gate_fields",
        "helpdesk.ticket",
        "untick litigation_risk",
        roles=("agent", "handler"),
        target="target_legal_ticket",
        calls=(Call("write", {"vals": {"litigation_risk": False}}),),
        unchanged=("litigation_risk", "awaiting_counsel"),
    ),
    Attack(
        "gate_fields",
        "helpdesk.ticket",
        "write replied_date",
        roles=("agent", "handler"),
        target="target_ticket",
        calls=(Call("write", {"vals": {"replied_date": "2026-01-05 03:00:00"}}),),
        unchanged=("replied_date",),
    ),
    Attack(
        "gate_fields",
        "helpdesk.ticket",
        "write the return visit",
        roles=("agent", "handler"),
        target="target_ticket",
        calls=(
            Call(
                "write",
                {
                    "vals": {
                        "return_visit_date": "2026-01-06 03:00:00",
                        "return_visit_satisfaction": "5",
                    }
                },
            ),
        ),
        unchanged=("return_visit_date", "return_visit_satisfaction"),
    ),
    Attack(
        "gate_fields",
        "helpdesk.ticket",
        "clear the return-visit watcher's marks",
        roles=("agent", "manager"),
        target="target_closed_ticket",
        calls=(
            Call(
                "write",
                {
                    "vals": {
                        "return_visit_due_date": False,
                        "return_visit_alerted": True,
                        "return_visit_next_check": False,
                        "return_visit_manual": True,
                    }
                },
            ),
        ),
        unchanged=(
            "return_visit_due_date",
            "return_visit_alerted",
            "return_visit_next_check",
            "return_visit_manual",
        ),
    ),
    Attack(
        "gate_fields",
        "helpdesk.ticket",
        "schedule a return visit outside Customer Service",
        roles=("handler",),
        target="target_ticket",
        calls=(
            Call(
                "action_schedule_return_visit",
                lambda case, t: {
                    "date": "2099-01-01",
                    "user": case.users["handler"].id,
                },
            ),
        ),
        unchanged=("return_visit_due_date", "return_visit_manual"),
    ),
    Attack(
        "gate_fields",
        "helpdesk.ticket",
        "write deadline_next_check",
        roles=("agent", "handler"),
        target="target_ticket",
        calls=(
            Call("write", {"vals": {"deadline_next_check": "2099-01-01 00:00:00"}}),
        ),
        unchanged=("deadline_next_check",),
    ),
    Attack(
        "gate_fields",
        "helpdesk.info.opinion",
        "create with leaders_notified=True",
        roles=("agent", "manager"),
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [dict(case.opinion_vals(), leaders_notified=True)]
                },
                on_target=False,
            ),
        ),
        no_new=(("helpdesk.info.opinion", []),),
    ),
    Attack(
        "gate_fields",
        "helpdesk.info.report",
        "create a report already sent",
        roles=("manager",),
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [
                        {
                            "kind": "weekly",
                            "date_from": str(case.fresh_monday()),
                            "state": "sent",
                        }
                    ]
                },
                on_target=False,
            ),
        ),
        no_new=(("helpdesk.info.report", []),),
    ),
    Attack(
        "gate_fields",
        "helpdesk.ticket.team",
        "write the scheduled actions' markers",
        roles=("manager",),
        target="target_intake_team",
        calls=(
            Call(
                "write",
                {
                    "vals": {
                        "opinion_collection_date": "2099-01-01",
                        "publication_summary_date": "2099-01-01",
                    }
                },
            ),
        ),
        unchanged=("opinion_collection_date", "publication_summary_date"),
    ),
    Attack(
        "gate_fields",
        "helpdesk.info.publication.effect",
        "log an effect note in a leader's name",
        roles=("agent", "manager"),
        target="target_publication_published",
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [
                        {
                            "publication_id": t.id,
                            "note": "Praised online",
                            "user_id": case.users["leader"].id,
                        }
                    ]
                },
                model="helpdesk.info.publication.effect",
                on_target=False,
            ),
        ),
        no_new=(("helpdesk.info.publication.effect", []),),
    ),
    Attack(
        "gate_fields",
        "helpdesk.ticket",
        "write the resolution watcher's marks and the deadline sources",
        roles=("agent", "handler", "manager"),
        target="target_major_complaint",
        calls=(
            Call(
                "write",
                {
                    "vals": {
                        "resolve_state": "on_time",
                        "resolve_alert": "overdue",
                        "resolve_alert_deadline": "2099-01-01 00:00:00",
                        "reply_deadline_source": "level",
                        "resolve_deadline_source": "level",
                    }
                },
            ),
        ),
        unchanged=(
            "resolve_state",
            "resolve_alert",
            "resolve_alert_deadline",
            "reply_deadline_source",
            "resolve_deadline_source",
            "deadline_next_check",
        ),
    ),
    Attack(
        "gate_fields",
        "helpdesk.ticket",
        "lower a major complaint's grade or kind",
        roles=("agent", "handler"),
        target="target_major_complaint",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {
                        "complaint_grade_id": _ref(
                            case, "helpdesk_property_info.complaint_grade_minor"
                        )
                    }
                },
            ),
            Call(
                "write",
                lambda case, t: {
                    "vals": {
                        "type_id": _ref(
                            case, "helpdesk_property_info.ticket_type_inquiry"
                        )
                    }
                },
            ),
        ),
        unchanged=(
            "complaint_grade_id",
            "type_id",
            "awaiting_leader_opinion",
            "resolve_deadline",
        ),
    ),
    Attack(
        "gate_fields",
        "helpdesk.ticket",
        "grade a ticket that is no complaint",
        roles=("agent", "manager"),
        target="target_ticket",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {
                        "complaint_grade_id": _ref(
                            case, "helpdesk_property_info.complaint_grade_minor"
                        )
                    }
                },
            ),
        ),
        unchanged=("complaint_grade_id", "reply_deadline"),
    ),
    Attack(
        "gate_fields",
        "helpdesk.info.complaint.grade",
        "lengthen a grade's allowance",
        roles=("agent", "handler", "leader"),
        target="target_complaint_grade",
        calls=(
            Call(
                "write",
                {"vals": {"reply_allowance": 30, "leader_opinion_required": False}},
            ),
        ),
        unchanged=("reply_allowance", "leader_opinion_required"),
    ),
    Attack(
        "gate_fields",
        "helpdesk.ticket",
        "move the time received",
        roles=("agent", "handler"),
        target="target_ticket",
        calls=(Call("write", {"vals": {"intake_date": "2099-01-01 00:00:00"}}),),
        unchanged=("intake_date", "reply_deadline"),
    ),
    Attack(
        "gate_fields",
        "survey.user_input",
        "hand out a questionnaire outside the campaign",
        roles=("agent", "manager"),
        target="target_campaign_open",
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [{"survey_id": t.survey_id.id, "campaign_id": t.id}]
                },
                model="survey.user_input",
                on_target=False,
            ),
        ),
        no_new=(("survey.user_input", lambda case, t: [("campaign_id", "=", t.id)]),),
    ),
    Attack(
        "gate_fields",
        "survey.user_input",
        "move a questionnaire to another campaign",
        roles=("agent", "manager"),
        target="target_questionnaire",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {"campaign_id": case.target_campaign_open().id}
                },
            ),
        ),
        unchanged=("campaign_id",),
    ),
    Attack(
        "gate_fields",
        "survey.user_input.line",
        "link an answer to a ticket by hand",
        roles=("agent", "manager"),
        target="target_answer",
        calls=(
            Call(
                "write",
                lambda case, t: {"vals": {"ticket_id": case.target_ticket().id}},
            ),
        ),
        unchanged=("ticket_id",),
    ),
    Attack(
        "gate_fields",
        "helpdesk.reception.budget",
        "write state=approved",
        roles=("agent", "leader"),
        target="target_budget_pending",
        calls=(Call("write", {"vals": {"state": "approved"}}),),
        unchanged=("state", "approved_by_id", "validation_status"),
    ),
    Attack(
        "state_machines",
        "helpdesk.reception.budget.line",
        "change or add a line of an approved budget",
        roles=("agent", "manager", "leader"),
        target="target_budget_line_approved",
        calls=(
            Call("write", {"vals": {"unit_price": 5000, "quantity": 90}}),
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [
                        {"budget_id": t.budget_id.id, "name": "More", "unit_price": 9}
                    ]
                },
                on_target=False,
            ),
        ),
        unchanged=("unit_price", "quantity", "amount"),
        no_new=(
            (
                "helpdesk.reception.budget.line",
                lambda case, t: [("budget_id", "=", t.budget_id.id)],
            ),
        ),
    ),
    Attack(
        "state_machines",
        "helpdesk.reception.budget",
        "change an approved budget's lines or date without revising it",
        roles=("agent", "manager", "leader"),
        target="target_budget_approved",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {
                        "date": str(case.event_day + timedelta(days=30)),
                        "line_ids": [(1, t.line_ids[0].id, {"unit_price": 5000})],
                    }
                },
            ),
        ),
        unchanged=("date", "amount_total", "state"),
    ),
    Attack(
        "gate_fields",
        "helpdesk.info.publication",
        "write state=published",
        roles=("agent", "leader"),
        target="target_publication_pending",
        calls=(Call("write", {"vals": {"state": "published"}}),),
        unchanged=("state", "published_date", "validation_status"),
    ),
    Attack(
        "gate_fields",
        "helpdesk.ticket.result",
        "write a pending result approved, or its approver",
        roles=("agent", "handler", "manager"),
        target="target_result_pending",
        calls=(
            Call("write", {"vals": {"state": "approved"}}),
            Call(
                "write",
                lambda case, t: {
                    "vals": {
                        "approved_by_id": case.users["manager"].id,
                        "approved_date": "2026-01-05 02:00:00",
                    }
                },
            ),
            Call(
                "write",
                lambda case, t: {"vals": {"handler_id": case.users["manager"].id}},
            ),
        ),
        unchanged=(
            "state",
            "approved_by_id",
            "approved_date",
            "handler_id",
            "validation_status",
        ),
    ),
    Attack(
        "context_defaults",
        "helpdesk.ticket.result",
        "create a result already approved, with default_state",
        roles=("agent", "handler"),
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [
                        {"ticket_id": case.target_complaint().id, "result": "Forged"}
                    ]
                },
                context={"default_state": "approved", "default_approved_by_id": 2},
                on_target=False,
            ),
        ),
        no_new=(("helpdesk.ticket.result", []),),
    ),
    Attack(
        "gate_fields",
        "helpdesk.ticket.result",
        "write an approved result's reply or the watcher's marks",
        roles=("agent", "handler"),
        target="target_result_approved",
        calls=(
            Call(
                "write",
                {
                    "vals": {
                        "replied_date": "2026-01-05 03:00:00",
                        "reply_method": "phone",
                    }
                },
            ),
            Call(
                "write",
                {
                    "vals": {
                        "reply_deadline": "2099-01-01 00:00:00",
                        "reply_next_check": False,
                        "reply_alert": "overdue",
                    }
                },
            ),
            Call("write", {"vals": {"result": "Changed after the approval"}}),
        ),
        unchanged=(
            "replied_date",
            "reply_method",
            "reply_deadline",
            "reply_next_check",
            "reply_alert",
            "result",
        ),
    ),
    Attack(
        "state_machines",
        "helpdesk.ticket",
        "close a complaint whose result is not approved",
        roles=("agent", "manager", "handler"),
        target="target_result_pending_ticket",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {
                        "stage_id": _ref(
                            case, "helpdesk_mgmt.helpdesk_ticket_stage_done"
                        )
                    }
                },
            ),
        ),
        unchanged=("stage_id", "closed"),
    ),
    Attack(
        "state_machines",
        "helpdesk.ticket",
        "change an important complaint's kind to Other, then close it",
        roles=("handler", "agent"),
        target="target_important_complaint",
        calls=(
            Call("write", _vals_other_kind),
            Call("write", _vals_closed),
        ),
        unchanged=_IMPORTANT_COMPLAINT_FIELDS,
    ),
    Attack(
        "state_machines",
        "helpdesk.ticket",
        "lower an important complaint's importance, then change its kind and close it",
        roles=("handler", "agent"),
        target="target_important_complaint",
        calls=(
            Call("write", lambda case, t: {"vals": {"importance": "general"}}),
            Call("write", _vals_other_kind),
            Call("write", _vals_closed),
        ),
        unchanged=_IMPORTANT_COMPLAINT_FIELDS,
    ),
    Attack(
        "state_machines",
        "helpdesk.ticket",
        "lower an important complaint's grade, then change its kind and close it",
        roles=("handler", "agent"),
        target="target_important_complaint",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {
                        "complaint_grade_id": _ref(
                            case, "helpdesk_property_info.complaint_grade_minor"
                        )
                    }
                },
            ),
            Call("write", _vals_other_kind),
            Call("write", _vals_closed),
        ),
        unchanged=_IMPORTANT_COMPLAINT_FIELDS,
    ),
    Attack(
        "state_machines",
        "helpdesk.ticket",
        "change an important complaint's kind to Other and close it at once",
        roles=("handler", "agent"),
        target="target_important_complaint",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": _vals_other_kind(case, t)["vals"]
                    | _vals_closed(case, t)["vals"]
                },
            ),
        ),
        unchanged=_IMPORTANT_COMPLAINT_FIELDS,
    ),
    Attack(
        "state_machines",
        "helpdesk.ticket",
        "record a phone reply or close a possible litigation before the advice",
        roles=("agent", "handler"),
        target="target_legal_ticket",
        calls=(
            Call(
                "action_record_reply", {"method": "phone", "note": "Told him by phone"}
            ),
            Call(
                "write",
                lambda case, t: {
                    "vals": {
                        "stage_id": _ref(
                            case, "helpdesk_mgmt.helpdesk_ticket_stage_done"
                        )
                    }
                },
            ),
        ),
        unchanged=("replied_date", "reply_method", "stage_id", "closed"),
    ),
    # 3. Tier reviews ---------------------------------------------------
    *[
        row
        for model, target, definition in (
            ("helpdesk.reception.budget", "target_budget_pending", BUDGET_DEFINITION),
            (
                "helpdesk.info.publication",
                "target_publication_pending",
                PUBLICATION_DEFINITION,
            ),
            ("helpdesk.ticket.result", "target_result_pending", RESULT_DEFINITION),
            (
                "helpdesk.info.erasure.request",
                "target_erasure_request_pending",
                ERASURE_DEFINITION,
            ),
            (
                "helpdesk.info.disclosure.request",
                "target_disclosure_request_pending",
                DISCLOSURE_DEFINITION,
            ),
        )
        for label in (model.split(".")[-1],)
        for row in (
            Attack(
                "tier_reviews",
                "tier.review",
                f"unlink a {label} review",
                roles=("agent", "handler"),
                target=f"{target}_review",
                calls=(Call("unlink"),),
                unchanged=REVIEW_FIELDS,
            ),
            Attack(
                "tier_reviews",
                "tier.review",
                f"create a {label} review without requester",
                roles=("agent",),
                target=target,
                calls=(
                    Call(
                        "create",
                        _review_vals(definition, requested_by=False),
                        on_target=False,
                    ),
                ),
                no_new=(("tier.review", _reviews_of),),
            ),
            Attack(
                "tier_reviews",
                "tier.review",
                f"create a {label} review already approved",
                roles=("agent", "leader"),
                target=target,
                calls=(
                    Call(
                        "create",
                        _review_vals(
                            definition, status="approved", done_by=_user("leader")
                        ),
                        on_target=False,
                    ),
                ),
                no_new=(("tier.review", _reviews_of),),
            ),
            Attack(
                "tier_reviews",
                "tier.review",
                f"write a {label} review's status/done_by",
                roles=("agent", "handler"),
                target=f"{target}_review",
                calls=(
                    Call(
                        "write",
                        lambda case, t: {
                            "vals": {
                                "status": "approved",
                                "done_by": case.users["leader"].id,
                            }
                        },
                    ),
                ),
                unchanged=REVIEW_FIELDS,
            ),
            Attack(
                "tier_reviews",
                "tier.review",
                f"write a {label} review's comment",
                roles=("agent",),
                target=f"{target}_review",
                calls=(
                    Call("write", {"vals": {"comment": "Forged: approved by phone"}}),
                ),
                unchanged=REVIEW_FIELDS,
            ),
            Attack(
                "tier_reviews",
                "tier.review",
                f"a leader approves a {label} review in another's name",
                roles=("leader",),
                target=f"{target}_review",
                calls=(
                    Call(
                        "write",
                        lambda case, t: {
                            "vals": {
                                "status": "approved",
                                "done_by": case.users["leader2"].id,
                            }
                        },
                    ),
                ),
                unchanged=REVIEW_FIELDS,
            ),
            Attack(
                "tier_reviews",
                model,
                f"restart_validation of a pending {label}",
                roles=("agent",),
                target=target,
                calls=(Call("restart_validation"),),
                unchanged=("validation_status", "review_ids"),
                no_new=(("tier.review", _reviews_of),),
            ),
        )
    ],
    Attack(
        "tier_reviews",
        "helpdesk.reception.budget",
        "write under approval with skip_validation_check",
        roles=("agent",),
        target="target_budget_pending",
        calls=(
            Call(
                "write",
                {"vals": {"title": "Forged title", "attendees": 200}},
                context={"skip_validation_check": True},
            ),
        ),
        unchanged=("title", "attendees", "validation_status"),
    ),
    Attack(
        "tier_reviews",
        "helpdesk.info.publication",
        "write under approval with skip_validation_check",
        roles=("agent",),
        target="target_publication_pending",
        calls=(
            Call(
                "write",
                {"vals": {"content": "<p>Forged content</p>"}},
                context={"skip_validation_check": True},
            ),
        ),
        unchanged=("content", "validation_status"),
    ),
    Attack(
        "tier_reviews",
        "helpdesk.ticket.result",
        "the handler approves the result he asked for",
        roles=("manager",),
        target="target_result_by_manager",
        calls=(Call("validate_tier"),),
        unchanged=("state", "validation_status", "approved_by_id"),
    ),
    Attack(
        "tier_reviews",
        "helpdesk.ticket.result",
        "a handler or agent approves a pending result",
        roles=("agent", "handler", "leader"),
        target="target_result_pending",
        calls=(Call("validate_tier"),),
        unchanged=("state", "validation_status", "approved_by_id"),
    ),
    Attack(
        "tier_reviews",
        "helpdesk.ticket.result",
        "write under approval with skip_validation_check",
        roles=("agent", "handler"),
        target="target_result_pending",
        calls=(
            Call(
                "write",
                {"vals": {"result": "Forged result"}},
                context={"skip_validation_check": True},
            ),
        ),
        unchanged=("result", "validation_status"),
    ),
    Attack(
        "tier_reviews",
        "helpdesk.info.publication",
        "a leader approves a publication he asked for",
        roles=("leader",),
        target="target_publication_by_leader",
        calls=(Call("validate_tier"),),
        unchanged=("state", "validation_status"),
    ),
    # 4. Messages reaching the customer ---------------------------------
    Attack(
        "customer_messages",
        "helpdesk.ticket",
        "notification on a major ticket before the leader's opinion",
        roles=("agent", "handler"),
        target="target_major_ticket_followed",
        calls=(
            Call(
                "message_post",
                {
                    "body": "Our answer",
                    "message_type": "notification",
                    "subtype_xmlid": "mail.mt_comment",
                },
            ),
        ),
        unchanged=("replied_date",),
        no_new=(("mail.message", _messages_of),),
    ),
    Attack(
        "customer_messages",
        "helpdesk.ticket",
        "note to the customer on a major ticket before the leader's opinion",
        roles=("agent", "handler"),
        target="target_major_ticket",
        calls=(
            Call(
                "message_post",
                lambda case, t: {
                    "body": "Our answer",
                    "subtype_xmlid": "mail.mt_note",
                    "partner_ids": t.partner_id.ids,
                },
            ),
        ),
        unchanged=("replied_date",),
        no_new=(("mail.message", _messages_of),),
    ),
    # 5. Read access ------------------------------------------------------
    Attack(
        "read_access",
        "helpdesk.ticket",
        "portal reads counsel_advice/leader_opinion of his ticket",
        roles=("portal",),
        target="target_advised_ticket",
        calls=(Call("read", {"fields": ["counsel_advice", "leader_opinion"]}),),
    ),
    Attack(
        "read_access",
        "helpdesk.ticket.deadline.extension",
        "handler reads another team's extension request",
        roles=("handler",),
        target="target_other_team_extension",
        calls=(Call("read", {"fields": ["reason", "new_deadline"]}),),
    ),
    Attack(
        "read_access",
        "tier.review",
        "portal reads budget reviews",
        roles=("portal",),
        target="target_budget_pending_review",
        calls=(Call("read", {"fields": ["comment", "status", "reviewer_ids"]}),),
    ),
    # 6. Decisions undone -------------------------------------------------
    Attack(
        "decisions_undone",
        "helpdesk.reception.expense",
        "reset a refused expense to draft",
        roles=("agent",),
        target="target_expense_refused",
        calls=(Call("action_reset_to_draft"),),
        unchanged=("state", "refused_by_id", "oral_approver_id"),
    ),
    Attack(
        "decisions_undone",
        "helpdesk.reception.expense",
        "write the refusing leader as oral approver",
        roles=("agent",),
        target="target_expense_refused",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {
                        "oral_approver_id": case.users["leader"].id,
                        "oral_approved_on": str(t.date - timedelta(days=1))
                        + " 02:00:00",
                    }
                },
            ),
        ),
        unchanged=("state", "refused_by_id", "oral_approver_id", "oral_approved_on"),
    ),
    # 7. State machines ---------------------------------------------------
    Attack(
        "state_machines",
        "helpdesk.info.survey.campaign",
        "agent closes a campaign",
        roles=("agent",),
        target="target_campaign_open",
        calls=(Call("action_close"),),
        unchanged=("state",),
    ),
    Attack(
        "state_machines",
        "helpdesk.info.survey.campaign",
        "agent writes a closed campaign back to draft",
        roles=("agent",),
        target="target_campaign_closed",
        calls=(Call("write", {"vals": {"state": "draft"}}),),
        unchanged=("state",),
    ),
    Attack(
        "state_machines",
        "helpdesk.info.survey.campaign",
        "unlink a closed campaign",
        roles=("agent", "manager"),
        target="target_campaign_closed",
        calls=(Call("unlink"),),
        unchanged=("state", "name"),
    ),
    Attack(
        "state_machines",
        "helpdesk.ticket",
        "record arrival on site without the button",
        roles=("agent", "manager", "handler", "worker"),
        target="target_repair_dispatched",
        calls=(
            Call(
                "write",
                {
                    "vals": {
                        "repair_state": "on_site",
                        "repair_arrival_date": "2026-01-05 02:05:00",
                    }
                },
            ),
        ),
        unchanged=("repair_state", "repair_arrival_date", "repair_on_time"),
    ),
    Attack(
        "state_machines",
        "helpdesk.ticket",
        "arrive or finish a repair dispatched to another worker",
        roles=("agent", "handler", "worker"),
        target="target_repair_other_worker",
        calls=(Call("action_repair_arrive"), Call("action_repair_done")),
        unchanged=("repair_state", "repair_arrival_date", "repair_done_date"),
    ),
    Attack(
        "state_machines",
        "helpdesk.ticket",
        "worker takes a repair or dispatches it",
        roles=("worker",),
        target="target_repair_dispatched",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {"repair_worker_id": case.users["handler"].id}
                },
            ),
            Call("action_repair_dispatch"),
        ),
        unchanged=("repair_worker_id", "repair_state", "repair_dispatch_date"),
    ),
    Attack(
        "state_machines",
        "helpdesk.ticket",
        "clear the arrival watcher's marks",
        roles=("agent", "manager"),
        target="target_repair_dispatched",
        calls=(
            Call(
                "write",
                {
                    "vals": {
                        "repair_next_check": False,
                        "repair_late_alerted": True,
                        "arrival_deadline": "2099-01-01 00:00:00",
                    }
                },
            ),
        ),
        unchanged=("repair_next_check", "repair_late_alerted", "arrival_deadline"),
    ),
    Attack(
        "state_machines",
        "helpdesk.ticket",
        "clear the mark of an important ticket's notice to the CS managers",
        roles=("agent", "manager"),
        target="target_important_complaint",
        calls=(Call("write", {"vals": {"important_notice_pending": False}}),),
        unchanged=("important_notice_pending",),
    ),
    Attack(
        "context_defaults",
        "helpdesk.ticket",
        "create a repair already done, with default_repair_state",
        roles=("agent", "manager"),
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [
                        case.ticket_vals(
                            type_id=_ref(
                                case, "helpdesk_property_info.ticket_type_repair"
                            )
                        )
                    ]
                },
                context={
                    "default_repair_state": "confirmed",
                    "default_repair_arrival_date": "2026-01-05 02:05:00",
                },
                on_target=False,
            ),
        ),
        no_new=(("helpdesk.ticket", []),),
    ),
    Attack(
        "state_machines",
        "helpdesk.ticket.repair.fee.line",
        "change, add or delete a fee line after the owner agreed",
        roles=("agent", "manager", "worker"),
        target="target_repair_fee_line_agreed",
        calls=(
            Call("write", {"vals": {"price_unit": 1}}),
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [
                        {
                            "ticket_id": t.ticket_id.id,
                            "name": "Forged",
                            "price_unit": 500,
                        }
                    ]
                },
                on_target=False,
            ),
            Call("unlink"),
        ),
        unchanged=("price_unit", "quantity", "name"),
        no_new=(
            (
                "helpdesk.ticket.repair.fee.line",
                lambda case, t: [("ticket_id", "=", t.ticket_id.id)],
            ),
        ),
    ),
    Attack(
        "gate_fields",
        "helpdesk.ticket",
        "unfreeze an agreed fee or forge the invoicing",
        roles=("agent", "manager", "worker"),
        target="target_repair_paid_agreed",
        calls=(
            Call("write", {"vals": {"repair_fee_agreed_date": False}}),
            Call("write", {"vals": {"repair_paid": False}}),
            Call("write", {"vals": {"repair_invoice_status": "invoiced"}}),
            Call(
                "write",
                lambda case, t: {
                    "vals": {
                        "repair_fee_line_ids": [
                            (0, 0, {"name": "Forged", "price_unit": 500})
                        ]
                    }
                },
            ),
        ),
        unchanged=(
            "repair_fee_agreed_date",
            "repair_paid",
            "repair_invoice_status",
            "repair_fee",
        ),
    ),
    Attack(
        "gate_fields",
        "helpdesk.ticket",
        "move a repair whose fee the owner agreed to another customer",
        roles=("agent", "handler", "manager", "worker"),
        target="target_repair_paid_agreed",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {"partner_id": case.users["portal2"].partner_id.id}
                },
            ),
            Call(
                "write",
                lambda case, t: {
                    "vals": {
                        "repair_fee_line_ids": [(5, 0, 0)],
                        "partner_id": case.users["portal2"].partner_id.id,
                    }
                },
            ),
        ),
        unchanged=("partner_id", "repair_paid", "repair_fee", "company_id"),
        no_new=(
            (
                "helpdesk.ticket.repair.fee.line",
                lambda case, t: [("ticket_id", "=", t.id)],
            ),
        ),
    ),
    Attack(
        "state_machines",
        "helpdesk.ticket",
        "cancel a repair's invoice without the right",
        roles=("agent", "handler", "worker"),
        target="target_repair_invoiced",
        calls=(Call("action_repair_cancel_invoice"),),
        unchanged=("repair_invoice_status",),
    ),
    Attack(
        "state_machines",
        "account.move",
        "post again a cancelled repair invoice that a newer invoice replaced",
        roles=("accountant",),
        target="target_repair_invoice_replaced",
        calls=(
            Call("button_draft"),
            Call("action_post"),
            Call("write", {"vals": {"state": "posted"}}),
        ),
        unchanged=("state", "repair_origin_id"),
    ),
    Attack(
        "state_machines",
        "account.move",
        "revive a cancelled repair invoice before the repair is invoiced again",
        roles=("accountant",),
        target="target_repair_invoice_cancelled",
        calls=(Call("button_draft"), Call("action_post")),
        unchanged=("state", "repair_origin_id"),
    ),
    Attack(
        "gate_fields",
        "account.move",
        "unlink a cancelled invoice from its repair, then reset it to draft",
        roles=("accountant",),
        target="target_repair_invoice_replaced",
        calls=(
            Call("write", {"vals": {"repair_origin_id": False}}),
            Call("button_draft"),
        ),
        unchanged=("state", "repair_origin_id"),
    ),
    # 8. Exports are no RPC gate: covered by test_reception_export.
    # 9. helpdesk_mgmt's portal route -------------------------------------
    Attack(
        "portal_route",
        "helpdesk.ticket",
        "POST /ticket/close for another customer's ticket",
        roles=("portal2",),
        target="target_ticket",
        protocols=(PORTAL_HTTP,),
        http=lambda case, t: (
            "/ticket/close",
            {
                "ticket_id": t.id,
                "stage_id": _ref(case, "helpdesk_mgmt.helpdesk_ticket_stage_done"),
            },
        ),
        unchanged=("stage_id", "closed"),
    ),
    Attack(
        "portal_route",
        "helpdesk.ticket",
        "POST /ticket/close on one's own complaint before its result is approved",
        roles=("portal",),
        target="target_own_complaint",
        protocols=(PORTAL_HTTP,),
        http=lambda case, t: (
            "/ticket/close",
            {
                "ticket_id": t.id,
                "stage_id": _ref(case, "helpdesk_mgmt.helpdesk_ticket_stage_done"),
            },
        ),
        unchanged=("stage_id", "closed"),
    ),
    # 10. Deletion ---------------------------------------------------------
    Attack(
        "deletion",
        "helpdesk.info.level",
        "unlink a level used by an open major ticket",
        roles=("manager",),
        target="target_level_in_use",
        calls=(Call("unlink"),),
        unchanged=("name", "code"),
    ),
    # 11. Working days of the deadlines ----------------------------------
    Attack(
        "working_days",
        "helpdesk.info.makeup.workday",
        "add, move or delete a make-up workday",
        roles=("agent", "handler", "leader", "worker"),
        target="target_makeup_workday",
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [
                        {
                            "name": "Forged",
                            "date": "2025-10-12",
                            "calendar_id": t.calendar_id.id,
                        }
                    ]
                },
                on_target=False,
            ),
            Call("write", {"vals": {"date": "2025-10-18", "dayofweek": "4"}}),
            Call("unlink"),
        ),
        unchanged=("date", "dayofweek", "calendar_id"),
        no_new=(("helpdesk.info.makeup.workday", []),),
    ),
    Attack(
        "working_days",
        "helpdesk.info.holiday.import",
        "import a year's holidays without being CS manager",
        roles=("agent", "handler", "leader"),
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [
                        {
                            "calendar_id": case.company.resource_calendar_id.id,
                            "year": 2025,
                        }
                    ]
                },
                on_target=False,
            ),
        ),
        no_new=(("helpdesk.info.makeup.workday", []), ("resource.calendar.leaves", [])),
    ),
    Attack(
        "working_days",
        "resource.calendar.leaves",
        "add a holiday to the team's working hours directly",
        roles=("agent", "manager", "handler"),
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [
                        {
                            "name": "Forged holiday",
                            "calendar_id": case.company.resource_calendar_id.id,
                            "date_from": "2025-10-09 00:00:00",
                            "date_to": "2025-10-10 15:59:59",
                        }
                    ]
                },
                on_target=False,
            ),
        ),
        no_new=(("resource.calendar.leaves", []),),
    ),
    # 9. Personal data: masking, reveal, export and the access log ------
    Attack(
        "read_access",
        "helpdesk.ticket",
        "reveal a ticket's personal data without being allowed",
        roles=("leader", "handler", "counsel"),
        target="target_ticket",
        calls=(Call("action_reveal_personal_data"),),
        no_new=(("helpdesk.info.personal.data.log", []),),
    ),
    Attack(
        "read_access",
        "helpdesk.ticket",
        "group tickets by phone to read the numbers in the labels",
        roles=("leader", "handler", "counsel"),
        target="target_ticket",
        calls=(
            Call(
                "formatted_read_group",
                {"domain": [], "groupby": ["contact_phone"], "aggregates": ["__count"]},
                on_target=False,
            ),
        ),
    ),
    Attack(
        "read_access",
        "helpdesk.ticket",
        "search tickets by phone to learn whose number it is",
        roles=("leader", "handler", "counsel", "portal"),
        target="target_ticket",
        calls=(
            Call(
                "search_count",
                {"domain": [("contact_phone", "ilike", "13812345678")]},
                on_target=False,
            ),
        ),
    ),
    Attack(
        "read_access",
        "helpdesk.ticket",
        "aggregate the phones of every ticket in one grouped read",
        roles=("leader", "handler", "counsel"),
        target="target_ticket",
        calls=(
            Call(
                "formatted_read_group",
                {
                    "domain": [],
                    "groupby": ["team_id"],
                    "aggregates": ["contact_phone:array_agg"],
                },
                on_target=False,
            ),
        ),
    ),
    Attack(
        "read_access",
        "helpdesk.ticket",
        "read the callers' names through the older public read_group",
        roles=("leader", "handler", "counsel"),
        target="target_ticket",
        calls=(
            Call(
                "read_group",
                {"domain": [], "fields": ["contact_name"], "groupby": ["contact_name"]},
                on_target=False,
            ),
        ),
    ),
    Attack(
        "read_access",
        "helpdesk.ticket",
        "read the unit's code through a related path of a list specification",
        roles=("leader", "handler", "counsel"),
        target="target_ticket",
        calls=(
            Call(
                "web_search_read",
                {
                    "domain": [],
                    "specification": {"unit_id": {"fields": {"full_code": {}}}},
                },
                on_target=False,
            ),
        ),
    ),
    Attack(
        "read_access",
        "helpdesk.ticket",
        "confirm a caller's e-mail through a dotted search path",
        roles=("leader", "handler", "counsel"),
        target="target_ticket",
        calls=(
            Call(
                "search_count",
                {"domain": [("partner_id.email", "=", "zhang@example.com")]},
                on_target=False,
            ),
        ),
    ),
    Attack(
        "read_access",
        "helpdesk.ticket",
        "ask an onchange for the caller's phone",
        roles=("leader", "handler", "counsel"),
        target="target_ticket",
        calls=(
            Call(
                "onchange",
                {"values": {}, "field_names": [], "fields_spec": {"contact_phone": {}}},
            ),
        ),
    ),
    Attack(
        "read_access",
        "res.partner",
        "search contacts by phone to learn whose number it is",
        roles=("leader", "handler", "counsel"),
        target="target_ticket",
        calls=(
            Call(
                "search_count",
                {"domain": [("phone", "=", "+8613812345678")]},
                model="res.partner",
                on_target=False,
            ),
        ),
    ),
    Attack(
        "read_access",
        "helpdesk.ticket",
        "read the tracked old and new phones of a ticket",
        roles=("leader", "handler", "counsel"),
        target="target_ticket",
        calls=(
            Call(
                "search_read",
                {
                    "domain": [("field_id.name", "=", "contact_phone")],
                    "fields": ["old_value_char", "new_value_char"],
                },
                model="mail.tracking.value",
                on_target=False,
            ),
        ),
    ),
    Attack(
        "read_access",
        "helpdesk.info.unit.occupancy",
        "group the register by the occupants' phones",
        roles=("leader", "handler", "counsel"),
        target="target_occupancy",
        calls=(
            Call(
                "formatted_read_group",
                {"domain": [], "groupby": ["phone"], "aggregates": ["__count"]},
                on_target=False,
            ),
        ),
    ),
    Attack(
        "read_access",
        "helpdesk.ticket",
        "search tickets by room to learn who lives there",
        roles=("leader", "handler", "counsel", "portal"),
        target="target_ticket",
        calls=(
            Call(
                "search_read",
                {"domain": [("room_number", "=", "3-2-1801")], "fields": ["number"]},
                on_target=False,
            ),
        ),
    ),
    Attack(
        "read_access",
        "helpdesk.ticket",
        "export phones without the Export Personal Data group",
        roles=("agent", "manager", "leader"),
        target="target_ticket",
        calls=(
            Call(
                "export_data",
                {"fields_to_export": ["number", "contact_phone", "partner_email"]},
            ),
        ),
        no_new=(("helpdesk.info.personal.data.log", []),),
    ),
    Attack(
        "read_access",
        "helpdesk.info.unit.occupancy",
        "export occupants' phones without the group",
        roles=("agent", "manager", "leader"),
        target="target_occupancy",
        calls=(Call("export_data", {"fields_to_export": ["partner_id", "phone"]}),),
        no_new=(("helpdesk.info.personal.data.log", []),),
    ),
    Attack(
        "gate_fields",
        "helpdesk.ticket",
        "write a masked phone over the real one",
        roles=("handler", "leader"),
        target="target_ticket",
        calls=(Call("write", {"vals": {"contact_phone": "139****0000"}}),),
        unchanged=("contact_phone",),
    ),
    Attack(
        "forged_log",
        "helpdesk.info.personal.data.log",
        "forge an access log entry",
        roles=("agent", "manager", "counsel", "leader"),
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [
                        {
                            "user_id": case.users["leader"].id,
                            "action": "reveal",
                            "res_model": "helpdesk.ticket",
                        }
                    ]
                },
                on_target=False,
            ),
        ),
        no_new=(("helpdesk.info.personal.data.log", []),),
    ),
    Attack(
        "forged_log",
        "helpdesk.info.personal.data.log",
        "rewrite an access log entry",
        roles=("agent", "manager", "counsel"),
        target="target_personal_data_log",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {"user_id": case.users["leader"].id, "res_ids": "0"}
                },
            ),
        ),
        unchanged=("user_id", "res_ids", "action"),
    ),
    Attack(
        "deletion",
        "helpdesk.info.personal.data.log",
        "delete an access log entry",
        roles=("agent", "manager", "counsel"),
        target="target_personal_data_log",
        calls=(Call("unlink"),),
        unchanged=("user_id",),
    ),
    # 7. Personal data: consent, retention, erasure, disclosure ----------
    Attack(
        "context_defaults",
        "helpdesk.info.consent",
        "create a consent already withdrawn or in another's name",
        roles=("agent", "manager"),
        calls=(
            Call(
                "create",
                lambda case, t: {"vals_list": [case.consent_vals()]},
                context={"default_state": "withdrawn"},
                on_target=False,
            ),
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [
                        dict(
                            case.consent_vals(), recorded_by_id=case.users["manager"].id
                        )
                    ]
                },
                on_target=False,
            ),
        ),
        no_new=(("helpdesk.info.consent", []),),
    ),
    Attack(
        "gate_fields",
        "helpdesk.info.consent",
        "withdraw a consent or rewrite its purpose directly",
        roles=("agent", "manager"),
        target="target_consent",
        calls=(
            Call("write", {"vals": {"state": "withdrawn"}}),
            Call("write", {"vals": {"purpose": "Marketing of our partners' offers"}}),
            Call(
                "write",
                lambda case, t: {"vals": {"recorded_by_id": case.users["leader"].id}},
            ),
            Call("unlink"),
        ),
        unchanged=("state", "purpose", "recorded_by_id", "withdrawn_date"),
    ),
    Attack(
        "gate_fields",
        "helpdesk.ticket",
        "fill the caller's WeChat without consent",
        roles=("agent", "manager", "handler"),
        target="target_ticket",
        calls=(Call("write", {"vals": {"contact_wechat": "zhao_wx"}}),),
        unchanged=("contact_wechat",),
    ),
    Attack(
        "context_defaults",
        "helpdesk.ticket",
        "create a ticket with the caller's WeChat without consent",
        roles=("agent", "manager"),
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [case.ticket_vals(contact_wechat="zhao_wx")]
                },
                on_target=False,
            ),
            Call(
                "create",
                lambda case, t: {"vals_list": [case.ticket_vals()]},
                context={"default_contact_wechat": "zhao_wx"},
                on_target=False,
            ),
        ),
        no_new=(("helpdesk.ticket", [("contact_wechat", "!=", False)]),),
    ),
    Attack(
        "gate_fields",
        "res.partner",
        "fill an owner's voluntary data without consent, or mark it erased",
        roles=("agent", "manager"),
        target="target_owner",
        calls=(
            Call(
                "write",
                {
                    "vals": {
                        "wechat_id": "qian_wx",
                        "vehicle_plates": "沪A12345",
                        "emergency_contact_phone": "13800000000",
                    }
                },
            ),
            Call(
                "write", {"vals": {"personal_data_erased_date": "2026-03-02 00:00:00"}}
            ),
        ),
        unchanged=(
            "wechat_id",
            "vehicle_plates",
            "emergency_contact_phone",
            "personal_data_erased_date",
        ),
    ),
    Attack(
        "gate_fields",
        "helpdesk.info.unit",
        "record a family member without consent through the unit",
        roles=("agent", "manager"),
        target="target_unit",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {
                        "occupancy_ids": [
                            (
                                0,
                                0,
                                {
                                    "partner_id": case.users["portal2"].partner_id.id,
                                    "relation": "family",
                                },
                            )
                        ]
                    }
                },
            ),
        ),
        no_new=(("helpdesk.info.unit.occupancy", [("relation", "=", "family")]),),
    ),
    Attack(
        "decisions_undone",
        "helpdesk.ticket",
        "undo an anonymisation or enter the caller again",
        roles=("agent", "manager", "handler"),
        target="target_anonymised_ticket",
        calls=(
            Call("write", {"vals": {"anonymised_date": False}}),
            Call(
                "write",
                {"vals": {"contact_phone": "13812345678", "contact_name": "赵先生"}},
            ),
            Call("write", lambda case, t: {"vals": {"partner_id": case.customer.id}}),
        ),
        unchanged=("anonymised_date", "contact_phone", "contact_name", "partner_id"),
    ),
    Attack(
        "tier_reviews",
        "helpdesk.info.erasure.request",
        "anyone but legal counsel approves an erasure",
        roles=("agent", "manager", "leader"),
        target="target_erasure_request_pending",
        calls=(Call("validate_tier"),),
        unchanged=("state", "validation_status", "approved_by_id", "done_date"),
    ),
    Attack(
        "tier_reviews",
        "helpdesk.info.erasure.request",
        "legal counsel approves the erasure he asked for",
        roles=("counsel",),
        target="target_erasure_request_by_counsel",
        calls=(Call("validate_tier"),),
        unchanged=("state", "validation_status", "approved_by_id", "done_date"),
    ),
    Attack(
        "gate_fields",
        "helpdesk.info.erasure.request",
        "mark an erasure approved or done directly",
        roles=("agent", "manager", "counsel"),
        target="target_erasure_request_pending",
        calls=(
            Call("write", {"vals": {"state": "done"}}),
            Call(
                "write",
                lambda case, t: {"vals": {"approved_by_id": case.users["counsel"].id}},
            ),
            Call("write", {"vals": {"reason": "Changed after submitting"}}),
        ),
        unchanged=("state", "approved_by_id", "reason"),
    ),
    Attack(
        "tier_reviews",
        "helpdesk.info.disclosure.request",
        "anyone but a company leader approves a disclosure",
        roles=("agent", "manager", "counsel"),
        target="target_disclosure_request_pending",
        calls=(Call("validate_tier"),),
        unchanged=("state", "validation_status", "approved_by_id"),
    ),
    Attack(
        "state_machines",
        "helpdesk.info.disclosure.request",
        "mark a disclosure done before a leader approves",
        roles=("agent", "manager", "leader"),
        target="target_disclosure_request_pending",
        calls=(
            Call("action_mark_disclosed"),
            Call(
                "write",
                {"vals": {"state": "done", "disclosed_date": "2026-03-02 00:00:00"}},
            ),
        ),
        unchanged=("state", "disclosed_date", "disclosed_by_id"),
    ),
    # The duty roster ----------------------------------------------------
    *DUTY_ATTACKS,
    Attack(
        "context_defaults",
        SHIFT,
        "create a shift for oneself with default_user_id",
        roles=("agent", "worker", "handler"),
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [
                        {
                            "community_id": case.duty_community().id,
                            "role": "cs_desk",
                            "start": "2031-01-01 00:00:00",
                            "stop": "2031-01-01 08:00:00",
                        }
                    ]
                },
                context={"default_user_id": 2},
                on_target=False,
            ),
        ),
        no_new=((SHIFT, [("start", "=", "2031-01-01 00:00:00")]),),
    ),
    Attack(
        "context_defaults",
        SWAP,
        "create a swap already approved with default_state",
        roles=("worker", "agent", "manager"),
        target="target_duty_shift_of_worker",
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [
                        {
                            "shift_id": t.id,
                            "colleague_id": case.users["handler"].id,
                            "reason": "Forged",
                        }
                    ]
                },
                context={
                    "default_state": "approved",
                    "default_approved_by_id": 2,
                    "default_holder_id": 2,
                },
                on_target=False,
            ),
        ),
        no_new=((SWAP, _duty_swaps_of),),
    ),
    Attack(
        "gate_fields",
        SWAP,
        "write a pending swap approved, or its holder",
        roles=("worker", "agent", "manager"),
        target="target_duty_swap_pending",
        calls=(
            Call("write", {"vals": {"state": "approved"}}),
            Call(
                "write", lambda case, t: {"vals": {"holder_id": case.users["agent"].id}}
            ),
        ),
        unchanged=("state", "holder_id", "approved_by_id", "validation_status"),
    ),
    Attack(
        "state_machines",
        SWAP,
        "change the colleague of a swap waiting for approval",
        roles=("worker", "agent", "manager"),
        target="target_duty_swap_pending",
        calls=(
            Call(
                "write",
                lambda case, t: {"vals": {"colleague_id": case.users["leader"].id}},
            ),
        ),
        unchanged=("colleague_id", "shift_id", "state"),
    ),
    Attack(
        "state_machines",
        SWAP,
        "move the shift through the swap's shift dates",
        roles=("worker", "manager"),
        target="target_duty_swap_pending",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {"shift_start": str(t.shift_start + timedelta(days=400))}
                },
            ),
        ),
        unchanged=("shift_start", "shift_stop"),
    ),
    Attack(
        "one2many",
        SHIFT,
        "an approved swap created through the shift's swaps",
        roles=("manager",),
        target="target_duty_shift_of_manager",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {
                        "swap_ids": [
                            (
                                0,
                                0,
                                {
                                    "colleague_id": case.users["handler"].id,
                                    "reason": "Forged",
                                    "state": "approved",
                                },
                            )
                        ]
                    }
                },
            ),
        ),
        unchanged=("user_id",),
        no_new=((SWAP, _duty_swaps_of),),
    ),
    Attack(
        "one2many",
        SHIFT,
        "approve or redirect a pending swap through the shift's swaps",
        roles=("manager", "worker"),
        target="target_duty_shift_with_pending_swap",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {
                        "swap_ids": [
                            (
                                1,
                                t.swap_ids[:1].id,
                                {
                                    "state": "approved",
                                    "colleague_id": case.users["leader"].id,
                                },
                            )
                        ]
                    }
                },
            ),
        ),
        unchanged=("user_id",),
    ),
    Attack(
        "tier_reviews",
        SWAP,
        "anyone but a Customer Service manager approves a swap",
        roles=("agent", "worker", "handler", "leader"),
        target="target_duty_swap_pending",
        calls=(Call("validate_tier"),),
        unchanged=("state", "validation_status", "approved_by_id"),
    ),
    *DUTY_SELF_APPROVAL_ATTACKS,
    Attack(
        "tier_reviews",
        "tier.review",
        "approve a duty swap review directly, or delete it",
        roles=("worker", "manager"),
        target="target_duty_swap_pending_review",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {"status": "approved", "done_by": case.users["manager"].id}
                },
            ),
            Call("unlink"),
        ),
        unchanged=REVIEW_FIELDS,
    ),
    Attack(
        "tier_reviews",
        "tier.review",
        "create a duty swap review already approved",
        roles=("worker", "manager"),
        target="target_duty_swap_pending",
        calls=(
            Call(
                "create",
                _review_vals(
                    SWAP_DEFINITION, status="approved", done_by=_user("manager")
                ),
                on_target=False,
            ),
        ),
        no_new=(("tier.review", _reviews_of),),
    ),
]


@tagged("post_install", "-at_install")
class TestAttackSuite(PropertyAttackCase):
    """The table above, as each role, over JSON-2 and XML-RPC."""

    # ------------------------------------------------------------------
    # Values a legitimate client would send
    # ------------------------------------------------------------------

    def ticket_vals(self, **overrides):
        return {
            "name": "Water leaking from the roof",
            "description": "<p>Ceiling wet after rain.</p>",
            "channel_id": self.env.ref(
                "helpdesk_mgmt.helpdesk_ticket_channel_phone"
            ).id,
            "contact_name": "赵先生",
            "room_number": "3-2-1801",
            "contact_phone": "13812345678",
            "matter": "Roof leaks in the bedroom; asks for repair.",
            **overrides,
        }

    def expense_vals(self):
        return {
            "policy_id": self.env.ref(
                "helpdesk_property_info.reception_policy_visit"
            ).id,
            "date": str(self.event_day),
            "amount": 10,
            "attendees": 2,
            "purpose": "Lunch with a journalist",
        }

    def budget_vals(self):
        return {
            "title": "Owners' assembly on the lift renovation",
            "policy_id": self.env.ref(
                "helpdesk_property_info.reception_policy_large_meeting"
            ).id,
            "date": str(self.event_day),
            "attendees": 20,
            "line_ids": [(0, 0, {"name": "Tea", "quantity": 20, "unit_price": 25})],
        }

    def publication_vals(self):
        return {
            "name": "Notice: water supply interrupted on Saturday",
            "kind": "outward",
            "content": "<p>Water supply stops from 9:00 to 12:00.</p>",
            "target": "Community notice board",
        }

    def fresh_monday(self):
        """A week no report of the suite covers yet."""
        return date(2026, 1, 5) + timedelta(weeks=next(SEQUENCE))

    def opinion_vals(self):
        return {
            "name": "Owners complain online about the lifts",
            "site": "Community forum",
            "url": "https://forum.example.com/t/123",
            "nature": "negative",
            "importance": "major",
        }

    # ------------------------------------------------------------------
    # Targets: each call builds a fresh one
    # ------------------------------------------------------------------

    def _ticket(self, **overrides):
        vals = self.ticket_vals(
            team_id=self.department.id, partner_id=self.customer.id, **overrides
        )
        return self.env["helpdesk.ticket"].create(vals)

    def target_ticket(self):
        return self._ticket(
            level_id=self.env.ref("helpdesk_property_info.level_general").id
        )

    def target_closed_ticket(self):
        """A closed ticket whose return visit is due."""
        ticket = self.target_ticket()
        ticket.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        return ticket

    def target_major_ticket(self):
        return self._ticket(
            level_id=self.env.ref("helpdesk_property_info.level_major").id
        )

    def target_major_ticket_followed(self):
        """A major ticket whose customer follows it, as one opened from the portal."""
        ticket = self.target_major_ticket()
        ticket.message_subscribe(partner_ids=self.customer.ids)
        return ticket

    def target_legal_ticket(self):
        return self._ticket(
            channel_id=self.env.ref("helpdesk_property_info.channel_legal_letter").id,
            contact_phone=False,
        )

    def target_advised_ticket(self):
        ticket = self.target_major_ticket()
        ticket.with_user(self.users["leader"]).action_record_leader_opinion(
            "Repair at our cost."
        )
        ticket.with_user(self.users["counsel"]).action_record_counsel_advice(
            "Do not admit fault."
        )
        return ticket

    def _extension(self, ticket):
        return (
            self.env["helpdesk.ticket.deadline.extension"]
            .with_user(self.users["manager"])
            .create(
                {
                    "ticket_id": ticket.id,
                    "deadline_type": "reply",
                    "new_deadline": ticket.reply_deadline + timedelta(days=5),
                    "reason": "Parts arrive on Thursday.",
                }
            )
            .sudo()
        )

    def target_extension(self):
        return self._extension(self.target_ticket())

    def target_other_team_extension(self):
        ticket = self.target_ticket()
        ticket.team_id = self.cs_team
        return self._extension(ticket)

    def target_expense_refused(self):
        expense = (
            self.env["helpdesk.reception.expense"]
            .with_user(self.users["agent"])
            .create(self.expense_vals())
        )
        expense.action_confirm()
        expense.with_user(self.users["leader"]).action_refuse()
        return expense.sudo()

    def target_budget_pending(self):
        budget = (
            self.env["helpdesk.reception.budget"]
            .with_user(self.users["agent"])
            .create(self.budget_vals())
        )
        budget.request_validation()
        return budget.sudo()

    def target_budget_pending_review(self):
        return self.target_budget_pending().review_ids[:1]

    def target_budget_approved(self):
        budget = self.target_budget_pending()
        budget.with_user(self.users["leader"]).validate_tier()
        return budget

    def target_budget_line_approved(self):
        return self.target_budget_approved().line_ids[:1]

    def target_publication_pending(self):
        publication = (
            self.env["helpdesk.info.publication"]
            .with_user(self.users["agent"])
            .create(self.publication_vals())
        )
        publication.action_submit()
        return publication.sudo()

    def target_publication_pending_review(self):
        return self.target_publication_pending().review_ids[:1]

    def target_publication_published(self):
        publication = self.target_publication_pending()
        publication.with_user(self.users["leader2"]).validate_tier()
        publication.with_user(self.users["agent"]).action_publish()
        return publication

    def _repair(self, worker):
        ticket = self._ticket(
            type_id=self.env.ref("helpdesk_property_info.ticket_type_repair").id,
            repair_urgency_id=self.env.ref(
                "helpdesk_property_info.repair_urgency_emergency"
            ).id,
            repair_worker_id=worker.id,
        )
        ticket.action_repair_dispatch()
        return ticket

    def target_repair_dispatched(self):
        return self._repair(self.users["worker"])

    def target_repair_other_worker(self):
        other = self.env["res.users"].search(
            [("login", "=", "hpi_attack_worker_other")]
        ) or new_test_user(
            self.env,
            login="hpi_attack_worker_other",
            company_id=self.company.id,
            groups="helpdesk_property_info.group_maintenance_worker",
        )
        return self._repair(other)

    def target_repair_paid_agreed(self):
        ticket = self._repair(self.users["worker"])
        ticket.write(
            {
                "repair_paid": True,
                "repair_fee_line_ids": [
                    (0, 0, {"name": "Unblock a drain", "price_unit": 80})
                ],
            }
        )
        ticket.action_repair_agree_fee()
        return ticket

    def target_repair_fee_line_agreed(self):
        return self.target_repair_paid_agreed().repair_fee_line_ids

    def target_repair_invoiced(self):
        ticket = self.target_repair_paid_agreed()
        ticket.action_repair_arrive()
        ticket.action_repair_done()
        return ticket

    def target_repair_invoice_cancelled(self):
        ticket = self.target_repair_invoiced()
        invoice = ticket.repair_invoice_id
        ticket.action_repair_cancel_invoice()
        return invoice

    def target_repair_invoice_replaced(self):
        """The cancelled invoice of a repair invoiced again since."""
        invoice = self.target_repair_invoice_cancelled()
        invoice.repair_origin_id.action_repair_invoice()
        return invoice

    def target_complaint(self):
        return self._ticket(
            type_id=self.env.ref("helpdesk_property_info.ticket_type_complaint").id
        )

    def _result(self, user):
        result = (
            self.env["helpdesk.ticket.result"]
            .with_user(user)
            .create(
                {
                    "ticket_id": self.target_complaint().id,
                    "result": "Roof resealed; no more leaks.",
                }
            )
        )
        result.action_submit()
        return result.sudo()

    def target_result_pending(self):
        return self._result(self.users["handler"])

    def target_result_pending_review(self):
        return self.target_result_pending().review_ids[:1]

    def target_result_pending_ticket(self):
        return self.target_result_pending().ticket_id

    def target_result_by_manager(self):
        return self._result(self.users["manager"])

    def target_result_approved(self):
        result = self.target_result_pending()
        result.with_user(self.users["manager"]).validate_tier()
        return result

    def target_own_complaint(self):
        """A complaint of the portal customer, its handling result not approved."""
        return self._ticket(
            type_id=self.env.ref("helpdesk_property_info.ticket_type_complaint").id
        )

    def target_intake_team(self):
        return self.cs_team

    def target_publication_by_leader(self):
        publication = (
            self.env["helpdesk.info.publication"]
            .with_user(self.users["leader"])
            .create(self.publication_vals())
        )
        publication.action_submit()
        return publication.sudo()

    def _campaign(self):
        community = self.env["helpdesk.info.community"].create(
            {"name": f"Attack Garden {next(SEQUENCE)}", "team_id": self.cs_team.id}
        )
        campaign = self.env["helpdesk.info.survey.campaign"].create(
            {
                "community_id": community.id,
                "year": 2026,
                "half": "first",
                "pre_notice_id": published_notice(community).id,
                "shortfall_reason": "Nobody was handed a questionnaire.",
            }
        )
        campaign.action_open()
        return campaign

    def target_campaign_open(self):
        return self._campaign()

    def target_questionnaire(self):
        campaign = self._campaign()
        return self.env["survey.user_input"].create(
            {"survey_id": campaign.survey_id.id, "campaign_id": campaign.id}
        )

    def target_answer(self):
        questionnaire = self.target_questionnaire()
        question = questionnaire.survey_id.question_ids.filtered(
            "suggested_answer_ids"
        )[:1]
        return self.env["survey.user_input.line"].create(
            {
                "user_input_id": questionnaire.id,
                "question_id": question.id,
                "answer_type": "suggestion",
                "suggested_answer_id": question.suggested_answer_ids[:1].id,
            }
        )

    def target_campaign_closed(self):
        campaign = self._campaign()
        campaign.action_close()
        return campaign

    def target_makeup_workday(self):
        return self.env["helpdesk.info.makeup.workday"].create(
            {
                "name": "National Day make-up workday",
                "date": str(self.fresh_monday() - timedelta(days=2)),
                "calendar_id": self.company.resource_calendar_id.id,
            }
        )

    def target_major_complaint(self):
        return self._ticket(
            type_id=self.env.ref("helpdesk_property_info.ticket_type_complaint").id,
            complaint_grade_id=self.env.ref(
                "helpdesk_property_info.complaint_grade_major"
            ).id,
            level_id=self.env.ref("helpdesk_property_info.level_major").id,
        )

    def target_important_complaint(self):
        """An important complaint (important information, graded important),
        its handling result not written."""
        return self._ticket(
            type_id=self.env.ref("helpdesk_property_info.ticket_type_complaint").id,
            importance="important",
            complaint_grade_id=self.env.ref(
                "helpdesk_property_info.complaint_grade_important"
            ).id,
        )

    def target_complaint_grade(self):
        """A grade of its own, used by a major complaint."""
        n = next(SEQUENCE)
        grade = self.env.ref("helpdesk_property_info.complaint_grade_major").copy(
            {"name": f"Major complaint (attack {n})", "code": f"attack_grade_{n}"}
        )
        self._ticket(
            type_id=self.env.ref("helpdesk_property_info.ticket_type_complaint").id,
            complaint_grade_id=grade.id,
        )
        return grade

    def target_occupancy(self):
        n = next(SEQUENCE)
        community = self.env["helpdesk.info.community"].create(
            {"name": f"Attack Garden {n}"}
        )
        building = self.env["helpdesk.info.building"].create(
            {"community_id": community.id, "code": "3"}
        )
        unit = self.env["helpdesk.info.unit"].create(
            {"building_id": building.id, "entrance": "2", "room": "501"}
        )
        owner = self.env["res.partner"].create(
            {"name": f"Owner {n}", "phone": "+8613900001111"}
        )
        return self.env["helpdesk.info.unit.occupancy"].create(
            {"unit_id": unit.id, "partner_id": owner.id}
        )

    def target_personal_data_log(self):
        ticket = self.target_ticket()
        return (
            self.env["helpdesk.info.personal.data.log"]
            .with_user(self.users["agent"])
            ._log("reveal", ticket, {"contact_phone"})
            .sudo(False)
            .with_user(self.env.user)
        )

    def target_level_in_use(self):
        n = next(SEQUENCE)
        level = self.env.ref("helpdesk_property_info.level_major").copy(
            {"name": f"Major (attack {n})", "code": f"attack_major_{n}"}
        )
        self._ticket(level_id=level.id)
        return level

    # ------------------------------------------------------------------
    # Personal data
    # ------------------------------------------------------------------

    def consent_vals(self):
        return {
            "partner_id": self.customer.id,
            "purpose": "Repair appointments by WeChat.",
        }

    def target_consent(self):
        return (
            self.env["helpdesk.info.consent"]
            .with_user(self.users["agent"])
            .create(self.consent_vals())
            .sudo()
        )

    def target_owner(self):
        return self.env["res.partner"].create({"name": f"Owner {next(SEQUENCE)}"})

    def target_unit(self):
        community = self.env["helpdesk.info.community"].create(
            {"name": f"Attack Court {next(SEQUENCE)}", "team_id": self.cs_team.id}
        )
        building = self.env["helpdesk.info.building"].create(
            {"community_id": community.id, "code": "3"}
        )
        return self.env["helpdesk.info.unit"].create(
            {
                "building_id": building.id,
                "entrance": "2",
                "room": "501",
                "occupancy_ids": [
                    (0, 0, {"partner_id": self.target_owner().id, "relation": "owner"})
                ],
            }
        )

    def target_anonymised_ticket(self):
        ticket = self.target_closed_ticket()
        ticket._anonymise_personal_data("attack suite")
        return ticket

    def _erasure(self, user):
        request = (
            self.env["helpdesk.info.erasure.request"]
            .with_user(user)
            .create({"partner_id": self.target_owner().id, "reason": "Moved abroad."})
        )
        request.action_submit()
        return request.sudo()

    def target_erasure_request_pending(self):
        return self._erasure(self.users["agent"])

    def target_erasure_request_pending_review(self):
        return self.target_erasure_request_pending().review_ids[:1]

    def target_erasure_request_by_counsel(self):
        return self._erasure(self.users["counsel"])

    def target_disclosure_request_pending(self):
        request = (
            self.env["helpdesk.info.disclosure.request"]
            .with_user(self.users["agent"])
            .create(
                {
                    "partner_id": self.customer.id,
                    "recipient_kind": "court",
                    "recipient": "District Court",
                    "legal_basis": "Court order",
                }
            )
        )
        request.action_submit()
        return request.sudo()

    def target_disclosure_request_pending_review(self):
        return self.target_disclosure_request_pending().review_ids[:1]

    # ------------------------------------------------------------------
    # The duty roster
    # ------------------------------------------------------------------

    def duty_community(self):
        community = self.env["helpdesk.info.community"].search(
            [("code", "=", "ATTACK-DUTY")]
        )
        return community or self.env["helpdesk.info.community"].create(
            {"name": "Attack Suite Community", "code": "ATTACK-DUTY"}
        )

    def _duty_shift(self, role):
        # A fresh day for each shift: nobody holds two at once.
        start = datetime(2030, 1, 1) + timedelta(days=next(SEQUENCE))
        return self.env[SHIFT].create(
            {
                "community_id": self.duty_community().id,
                "role": "cs_desk",
                "user_id": self.users[role].id,
                "start": start,
                "stop": start + timedelta(hours=8),
            }
        )

    def target_duty_shift_of_agent(self):
        return self._duty_shift("agent")

    def target_duty_shift_of_manager(self):
        return self._duty_shift("manager")

    def target_duty_shift_of_worker(self):
        return self._duty_shift("worker")

    def _duty_swap(self, holder, colleague, requester):
        swap = (
            self.env[SWAP]
            .with_user(self.users[requester])
            .create(
                {
                    "shift_id": self._duty_shift(holder).id,
                    "colleague_id": self.users[colleague].id,
                    "reason": "Family matter",
                }
            )
        )
        swap.action_submit()
        return swap.sudo()

    def target_duty_swap_pending(self):
        return self._duty_swap("worker", "handler", "worker")

    def target_duty_swap_pending_review(self):
        return self.target_duty_swap_pending().review_ids[:1]

    def target_duty_swap_of_manager_shift(self):
        return self._duty_swap("manager", "handler", "agent")

    def target_duty_swap_to_manager(self):
        return self._duty_swap("worker", "manager", "worker")

    def target_duty_swap_by_manager(self):
        return self._duty_swap("worker", "handler", "manager")

    def target_duty_shift_with_pending_swap(self):
        return self.target_duty_swap_pending().shift_id


attack_tests(TestAttackSuite, ATTACKS)


class TestEveryGateIsAttacked(TransactionCase):
    """A model joins the suite the day it gets a gate: every model of the
    guard (``helpdesk.info.guard.mixin``) has rows, and every model of the
    tier guard (``helpdesk.info.tier.guard.mixin``) has rows forging its
    reviews."""

    def guarded_models(self, mixin):
        """The concrete models inheriting ``mixin``, directly or through another
        mixin."""
        mixin_class = self.env.registry[mixin]
        return {
            name
            for name, model in self.env.registry.items()
            if not model._abstract and issubclass(model, mixin_class)
        }

    def test_every_guarded_model_has_attacks(self):
        attacked = {attack.model for attack in ALL_ATTACKS}
        self.assertFalse(self.guarded_models("helpdesk.info.guard.mixin") - attacked)

    def test_every_personal_data_request_has_state_attacks(self):
        """The erasure and disclosure requests share their states through
        helpdesk.info.personal.request.mixin: each has rows trying to force
        its state, which must stay as it was."""
        requests = self.guarded_models("helpdesk.info.personal.request.mixin")
        self.assertEqual(
            requests,
            {"helpdesk.info.erasure.request", "helpdesk.info.disclosure.request"},
        )
        for name in requests:
            with self.subTest(model=name):
                self.assertTrue(
                    [
                        a
                        for a in ALL_ATTACKS
                        if a.model == name and "state" in a.unchanged
                    ]
                )

    def test_every_tier_guarded_model_has_review_attacks(self):
        tier_guarded = self.guarded_models("helpdesk.info.tier.guard.mixin")
        self.assertEqual(
            tier_guarded,
            {
                "helpdesk.info.publication",
                "helpdesk.reception.budget",
                "helpdesk.ticket.result",
                "helpdesk.info.erasure.request",
                "helpdesk.info.disclosure.request",
                "helpdesk.info.survey.corrective.action",
                "helpdesk.info.seminar.plan",
                "helpdesk.info.duty.swap",
                "helpdesk.info.incident",
                "helpdesk.info.fee.statement",
                "helpdesk.info.archive.loan",
                "helpdesk.info.archive.destruction",
                "helpdesk.info.unit.decoration",
                "helpdesk.info.unit.transfer",
            },
        )
        for name in tier_guarded:
            with self.subTest(model=name):
                label = name.split(".")[-1]
                self.assertTrue(
                    [
                        a
                        for a in ALL_ATTACKS
                        if a.kind == "tier_reviews" and label in (a.target or "")
                    ]
                )
