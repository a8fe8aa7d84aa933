"""Hostile calls against the front desk's registrations: a move-in or a
rental confirmed without its button (its state or its occupancy written,
created confirmed with default_ keys, rewritten once confirmed), and a
decoration started before the engineering department approved it, approved
by who registered it or by someone who is no reviewer, closed with a
withheld deposit and no reason, or inspected before it starts."""

from datetime import date, timedelta
from itertools import count

from odoo.tests import tagged

from .attack_common import Attack, Call, PropertyAttackCase, attack_tests

REGISTRATION = "helpdesk.info.unit.registration"
DECORATION = "helpdesk.info.unit.decoration"
INSPECTION = "helpdesk.info.unit.decoration.inspection"
TRANSFER = "helpdesk.info.unit.transfer"
SEQUENCE = count(1)
REGISTRATION_GATE = ("state", "confirmed_by_id", "occupancy_id")
DECORATION_GATE = ("state", "approved_by_id", "approved_date", "started_date")


def _registrations_of(case, target):
    return [("unit_id", "=", target.id)]


def _inspections_of(case, target):
    return [("decoration_id", "=", target.id)]


def _forged_registration(case, target):
    return {
        "vals_list": [
            {
                "unit_id": target.id,
                "partner_id": case.customer.id,
                "documents_signed": True,
            }
        ],
        "context": {
            "default_state": "confirmed",
            "default_confirmed_by_id": case.users["agent"].id,
        },
    }


FRONT_DESK_ATTACKS = [
    Attack(
        "gate_fields",
        REGISTRATION,
        "write a move-in confirmed, or its occupancy, without the button",
        roles=("agent", "manager"),
        target="target_move_in_draft",
        calls=(
            Call("write", {"vals": {"state": "confirmed"}}),
            Call(
                "write",
                lambda case, t: {"vals": {"confirmed_by_id": case.users["agent"].id}},
            ),
        ),
        unchanged=REGISTRATION_GATE,
    ),
    Attack(
        "context_defaults",
        REGISTRATION,
        "create a move-in already confirmed with default_ keys",
        roles=("agent",),
        target="target_unit",
        calls=(Call("create", _forged_registration, on_target=False),),
        no_new=((REGISTRATION, _registrations_of),),
    ),
    Attack(
        "state_machines",
        REGISTRATION,
        "rewrite the keys and meters of a confirmed move-in, or delete it",
        roles=("agent", "manager"),
        target="target_move_in_confirmed",
        calls=(
            Call("write", {"vals": {"keys_count": 1, "water_reading": 99}}),
            Call("unlink"),
        ),
        unchanged=("keys_count", "water_reading", "state"),
    ),
    Attack(
        "access",
        REGISTRATION,
        "someone outside Customer Service registers or confirms a move-in",
        roles=("handler", "leader", "worker", "portal"),
        target="target_move_in_draft",
        calls=(Call("action_confirm"),),
        unchanged=REGISTRATION_GATE,
    ),
    Attack(
        "gate_fields",
        DECORATION,
        "write a decoration approved or in progress without the approval",
        roles=("agent", "handler"),
        target="target_decoration_pending",
        calls=(
            Call("write", {"vals": {"state": "in_progress"}}),
            Call("write", {"vals": {"state": "approved"}}),
            Call(
                "write",
                lambda case, t: {"vals": {"approved_by_id": case.users["handler"].id}},
            ),
        ),
        unchanged=DECORATION_GATE,
    ),
    Attack(
        "state_machines",
        DECORATION,
        "start the works before the engineering department approved them",
        roles=("agent", "manager"),
        target="target_decoration_pending",
        calls=(Call("action_start"),),
        unchanged=DECORATION_GATE,
    ),
    Attack(
        "tier_reviews",
        DECORATION,
        "who registered the decoration, or someone who is no reviewer, approves it",
        roles=("agent", "manager", "leader"),
        target="target_decoration_pending",
        calls=(Call("validate_tier"),),
        unchanged=DECORATION_GATE,
    ),
    Attack(
        "state_machines",
        DECORATION,
        "close the works withholding the deposit without a reason",
        roles=("agent",),
        target="target_decoration_inspected",
        calls=(
            Call("write", {"vals": {"deposit_outcome": "withheld"}}),
            Call("action_close"),
        ),
        unchanged=("state", "closed_date"),
    ),
    Attack(
        "one2many",
        DECORATION,
        "record an inspection of works not started, through the decoration",
        roles=("agent", "handler"),
        target="target_decoration_pending",
        calls=(
            Call(
                "write",
                {"vals": {"inspection_ids": [(0, 0, {"kind": "final"})]}},
            ),
        ),
        no_new=((INSPECTION, _inspections_of),),
    ),
    Attack(
        "state_machines",
        INSPECTION,
        "rewrite or move the inspection of closed works",
        roles=("agent", "handler"),
        target="target_inspection_closed",
        calls=(
            Call("write", {"vals": {"result": "pass"}}),
            Call(
                "write",
                lambda case, t: {
                    "vals": {"decoration_id": case.target_decoration_pending().id}
                },
            ),
        ),
        unchanged=("result", "decoration_id"),
    ),
    Attack(
        "gate_fields",
        TRANSFER,
        "write a transfer approved or done without the manager's approval",
        roles=("agent", "manager"),
        target="target_transfer_pending",
        calls=(
            Call("write", {"vals": {"state": "done"}}),
            Call("write", {"vals": {"state": "approved"}}),
        ),
        unchanged=("state", "approved_by_id"),
    ),
    Attack(
        "tier_reviews",
        TRANSFER,
        "who recorded the transfer, or someone who is no manager, approves it; "
        "or it takes effect before the approval",
        roles=("agent", "handler", "leader"),
        target="target_transfer_pending",
        calls=(Call("validate_tier"), Call("action_done")),
        unchanged=("state", "approved_by_id"),
    ),
]


@tagged("post_install", "-at_install")
class TestFrontDeskAttacks(PropertyAttackCase):
    """The table above, as each role, over JSON-2 and XML-RPC."""

    def target_unit(self):
        community = self.env["helpdesk.info.community"].search(
            [("code", "=", "ATTACK-DESK")]
        ) or self.env["helpdesk.info.community"].create(
            {"name": "Attack Front Desk Community", "code": "ATTACK-DESK"}
        )
        building = self.env["helpdesk.info.building"].search(
            [("community_id", "=", community.id)]
        ) or self.env["helpdesk.info.building"].create(
            {"community_id": community.id, "code": "1"}
        )
        return self.env["helpdesk.info.unit"].create(
            {"building_id": building.id, "room": str(100 + next(SEQUENCE))}
        )

    def target_move_in_draft(self):
        return (
            self.env[REGISTRATION]
            .with_user(self.users["agent"])
            .create(
                {
                    "unit_id": self.target_unit().id,
                    "partner_id": self.customer.id,
                    "keys_count": 3,
                    "water_reading": 2.0,
                    "documents_signed": True,
                }
            )
            .sudo()
        )

    def target_move_in_confirmed(self):
        registration = self.target_move_in_draft()
        registration.with_user(self.users["agent"]).action_confirm()
        return registration

    def target_decoration_pending(self):
        decoration = (
            self.env[DECORATION]
            .with_user(self.users["agent"])
            .create(
                {
                    "unit_id": self.target_unit().id,
                    "owner_id": self.customer.id,
                    "contractor": "Anju Decoration",
                    "date_start": date(2026, 1, 5),
                    "date_end": date(2026, 1, 5) + timedelta(days=30),
                    "deposit_amount": 2000,
                    "rules_acknowledged": True,
                    "engineering_team_id": self.department.id,
                }
            )
        )
        decoration.action_submit()
        return decoration.sudo()

    def target_decoration_inspected(self):
        decoration = self.target_decoration_pending()
        decoration.with_user(self.users["handler"]).validate_tier()
        decoration.with_user(self.users["agent"]).action_start()
        self.env[INSPECTION].with_user(self.users["handler"]).create(
            {"decoration_id": decoration.id, "kind": "final", "result": "fail"}
        )
        return decoration

    def target_transfer_pending(self):
        unit = self.target_unit()
        unit.occupancy_ids = [
            (0, 0, {"partner_id": self.customer.id, "relation": "owner"})
        ]
        new_owner = self.env["res.partner"].create({"name": "Attack New Owner"})
        transfer = (
            self.env[TRANSFER]
            .with_user(self.users["agent"])
            .create(
                {
                    "unit_id": unit.id,
                    "old_owner_id": self.customer.id,
                    "new_owner_id": new_owner.id,
                    "date": date(2026, 3, 1),
                }
            )
        )
        transfer.action_submit()
        return transfer.sudo()

    def target_inspection_closed(self):
        decoration = self.target_decoration_inspected()
        decoration.with_user(self.users["agent"]).write(
            {"deposit_outcome": "withheld", "deposit_withheld_reason": "Wall opened."}
        )
        decoration.with_user(self.users["agent"]).action_close()
        return decoration.inspection_ids


attack_tests(TestFrontDeskAttacks, FRONT_DESK_ATTACKS)
