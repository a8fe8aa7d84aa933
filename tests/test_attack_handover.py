"""Hostile calls against the shift handover: the one who hands over accepts
his own handover (by its button, by writing the acceptance, by creating it
accepted, through the shift's handovers), and the items handed over change
behind the back of the one who hands over, or after the acceptance."""

from datetime import datetime, timedelta
from functools import partialmethod
from itertools import count

from odoo.tests import tagged

from .attack_common import Attack, Call, PropertyAttackCase, attack_tests

HANDOVER = "helpdesk.info.duty.handover"
ITEM = "helpdesk.info.duty.handover.item"
SHIFT = "helpdesk.info.duty.shift"
SEQUENCE = count(1)
# Who holds a shift and hands it over: Customer Service, its manager, and a
# maintenance worker on call. The leader holds the next shift.
GIVERS = ("agent", "manager", "worker")
TAKER = "leader"
SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9"
    "awAAAABJRU5ErkJggg=="
)
ACCEPTANCE = ("state", "accepted_by_id", "accepted_date")


def _handovers_of(case, target):
    shift = target if target._name == SHIFT else target.shift_id
    return [("shift_id", "=", shift.id)]


def _accepted_vals(case, target):
    return {
        "vals": {
            "state": "accepted",
            "accepted_by_id": case.users[TAKER].id,
            "accepted_date": "2026-01-01 00:05:00",
        }
    }


def _forged_create(case, target):
    """A handover of the target shift, accepted by its own holder, all
    through ``default_*`` keys (the context travels with the named
    arguments)."""
    return {
        "vals_list": [{"note": "Forged"}],
        "context": {
            "default_shift_id": target.id,
            "default_community_id": target.community_id.id,
            "default_role": target.role,
            "default_handed_over_by_id": target.user_id.id,
            "default_handed_over_date": "2026-01-01 00:00:00",
            "default_state": "accepted",
            "default_accepted_by_id": target.user_id.id,
        },
    }


HANDOVER_ATTACKS = [
    *(
        Attack(
            "self_acceptance",
            HANDOVER,
            f"the one who handed over ({giver}) accepts it with its button, "
            "once the next shift signed",
            roles=(giver,),
            target=f"target_handover_signed_by_{giver}",
            calls=(Call("action_accept"),),
            unchanged=ACCEPTANCE,
        )
        for giver in GIVERS
    ),
    *(
        Attack(
            "self_acceptance",
            HANDOVER,
            f"the one who handed over ({giver}) signs it himself",
            roles=(giver,),
            target=f"target_handover_by_{giver}",
            calls=(Call("write", {"vals": {"signature": SIGNATURE}}),),
            unchanged=(*ACCEPTANCE, "signature"),
        )
        for giver in GIVERS
    ),
    *(
        Attack(
            "gate_fields",
            HANDOVER,
            f"the one who handed over ({giver}) writes it accepted",
            roles=(giver,),
            target=f"target_handover_by_{giver}",
            calls=(Call("write", _accepted_vals),),
            unchanged=ACCEPTANCE,
        )
        for giver in GIVERS
    ),
    Attack(
        "gate_fields",
        HANDOVER,
        "the next shift writes it accepted without the button, or rewrites "
        "what was open",
        roles=(TAKER,),
        target="target_handover_by_agent",
        calls=(
            Call("write", _accepted_vals),
            Call("write", {"vals": {"open_ticket_ids": [(5, 0, 0)]}}),
        ),
        unchanged=(*ACCEPTANCE, "open_ticket_count", "handed_over_by_id"),
    ),
    *(
        Attack(
            "context_defaults",
            HANDOVER,
            f"the holder ({giver}) creates his shift's handover already "
            "accepted with default_ keys",
            roles=(giver,),
            target=f"target_shift_of_{giver}",
            calls=(Call("create", _forged_create, on_target=False),),
            no_new=((HANDOVER, _handovers_of),),
        )
        for giver in GIVERS
    ),
    Attack(
        "one2many",
        SHIFT,
        "accept the manager's own handover through the shift's handovers",
        roles=("manager",),
        target="target_shift_handed_over_by_manager",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {
                        "handover_ids": [
                            (
                                1,
                                t.handover_ids.id,
                                {
                                    "state": "accepted",
                                    "accepted_by_id": case.users["manager"].id,
                                },
                            )
                        ]
                    }
                },
            ),
        ),
        unchanged=("handover_ids",),
    ),
    Attack(
        "one2many",
        SHIFT,
        "create a handover already accepted through the shift's handovers",
        roles=("manager",),
        target="target_shift_of_agent",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {
                        "handover_ids": [
                            (
                                0,
                                0,
                                {
                                    "state": "accepted",
                                    "accepted_by_id": case.users["manager"].id,
                                    "note": "Forged",
                                },
                            )
                        ]
                    }
                },
            ),
        ),
        no_new=((HANDOVER, _handovers_of),),
    ),
    # The items handed over
    Attack(
        "state_machines",
        HANDOVER,
        "the next shift rewrites the notes or the items of the one who hands over",
        roles=(TAKER,),
        target="target_handover_by_agent",
        calls=(
            Call("write", {"vals": {"note": "Nothing to report"}}),
            Call(
                "write",
                lambda case, t: {
                    "vals": {"item_line_ids": [(2, t.item_line_ids[:1].id)]}
                },
            ),
        ),
        unchanged=("note", "item_line_ids"),
    ),
    Attack(
        "state_machines",
        ITEM,
        "the next shift changes or removes an item handed over",
        roles=(TAKER,),
        target="target_handover_item",
        calls=(Call("write", {"vals": {"quantity": 1}}), Call("unlink")),
        unchanged=("name", "quantity", "handover_id"),
    ),
    Attack(
        "state_machines",
        ITEM,
        "change or remove an item once the handover is accepted",
        roles=("agent", TAKER),
        target="target_handover_item_accepted",
        calls=(Call("write", {"vals": {"quantity": 9}}), Call("unlink")),
        unchanged=("name", "quantity", "handover_id"),
    ),
    Attack(
        "state_machines",
        ITEM,
        "add an item to an accepted handover, or move one to another",
        roles=("agent", TAKER),
        target="target_handover_item_accepted",
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [
                        {"handover_id": t.handover_id.id, "name": "Spare key"}
                    ]
                },
                on_target=False,
            ),
            Call(
                "write",
                lambda case, t: {
                    "vals": {"handover_id": case.target_handover_by_agent().id}
                },
            ),
        ),
        unchanged=("handover_id",),
        no_new=((ITEM, lambda case, t: [("name", "=", "Spare key")]),),
    ),
]


@tagged("post_install", "-at_install")
class TestHandoverAttacks(PropertyAttackCase):
    """The table above, as each role, over JSON-2 and XML-RPC."""

    def community(self):
        community = self.env["helpdesk.info.community"].search(
            [("code", "=", "ATTACK-HANDOVER")]
        )
        return community or self.env["helpdesk.info.community"].create(
            {"name": "Attack Handover Community", "code": "ATTACK-HANDOVER"}
        )

    def _shifts(self, giver):
        """A night shift of ``giver`` over, and the next one, the taker's.
        A fresh day each: nobody holds two shifts at once."""
        night = datetime(2021, 1, 1, 16) + timedelta(days=next(SEQUENCE))
        role = "worker_on_call" if giver == "worker" else "cs_desk"
        shifts = self.env[SHIFT]
        for user, start in ((giver, night), (TAKER, night + timedelta(hours=8))):
            shifts |= self.env[SHIFT].create(
                {
                    "community_id": self.community().id,
                    "role": role,
                    "user_id": self.users[user].id,
                    "start": start,
                    "stop": start + timedelta(hours=8),
                }
            )
        return shifts[0]

    def _handover(self, giver):
        shift = self._shifts(giver)
        handover = self.env[HANDOVER].with_user(self.users[giver])._close_shift(shift)
        handover.with_user(self.users[giver]).write(
            {
                "note": "Pump room keys with the guard.",
                "item_line_ids": [(0, 0, {"name": "Pump room keys", "quantity": 2})],
            }
        )
        return handover.sudo()

    def _signed(self, giver):
        handover = self._handover(giver)
        handover.with_user(self.users[TAKER]).signature = SIGNATURE
        return handover

    # The targets of each one who hands over.
    target_handover_by_agent = partialmethod(_handover, "agent")
    target_handover_by_manager = partialmethod(_handover, "manager")
    target_handover_by_worker = partialmethod(_handover, "worker")
    target_handover_signed_by_agent = partialmethod(_signed, "agent")
    target_handover_signed_by_manager = partialmethod(_signed, "manager")
    target_handover_signed_by_worker = partialmethod(_signed, "worker")
    target_shift_of_agent = partialmethod(_shifts, "agent")
    target_shift_of_manager = partialmethod(_shifts, "manager")
    target_shift_of_worker = partialmethod(_shifts, "worker")

    def target_shift_handed_over_by_manager(self):
        return self._handover("manager").shift_id

    def target_handover_item(self):
        return self._handover("agent").item_line_ids

    def target_handover_item_accepted(self):
        handover = self._signed("agent")
        handover.with_user(self.users[TAKER]).action_accept()
        return handover.item_line_ids


attack_tests(TestHandoverAttacks, HANDOVER_ATTACKS)
