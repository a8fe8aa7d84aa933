"""Hostile calls against the mail log: a parcel handed over without a
signature or written handed over, its markers forged, created already
handed over, and its signature, collector or addressee rewritten after the
hand-over or its return."""

from odoo.tests import tagged

from .attack_common import Attack, Call, PropertyAttackCase, attack_tests

PARCEL = "helpdesk.info.parcel"
SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9"
    "awAAAABJRU5ErkJggg=="
)
DESK = ("agent", "manager")
OUTSIDERS = ("handler", "leader", "worker", "security", "portal")
HAND_OVER = ("state", "handed_date", "handed_by_id")


def _forged_create(case, target):
    return {
        "vals_list": [
            {
                "community_id": case.parcel_community().id,
                "partner_id": case.customer.id,
                "tracking_number": "FORGED-PARCEL",
            }
        ],
        "context": {
            "default_state": "handed",
            "default_handed_by_id": case.users["agent"].id,
            "default_handed_date": "2026-01-01 00:00:00",
            "default_wait_alerted": True,
        },
    }


def _forged(case, target):
    return [("tracking_number", "=", "FORGED-PARCEL")]


PARCEL_ATTACKS = [
    Attack(
        "gate_fields",
        PARCEL,
        "write a waiting parcel handed over, or silence its watcher",
        roles=DESK,
        target="target_parcel_told",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {
                        "state": "handed",
                        "handed_by_id": case.users["agent"].id,
                        "handed_date": "2026-01-01 00:00:00",
                    }
                },
            ),
            Call("write", {"vals": {"wait_alerted": True}}),
        ),
        unchanged=(*HAND_OVER, "wait_alerted", "wait_next_check"),
    ),
    Attack(
        "context_defaults",
        PARCEL,
        "create a parcel already handed over with default_ keys",
        roles=DESK,
        calls=(Call("create", _forged_create, on_target=False),),
        no_new=((PARCEL, _forged),),
    ),
    Attack(
        "state_machines",
        PARCEL,
        "hand a parcel over without a signature",
        roles=DESK,
        target="target_parcel_told",
        calls=(Call("action_hand_over"),),
        unchanged=HAND_OVER,
    ),
    Attack(
        "state_machines",
        PARCEL,
        "return a parcel to the sender without a reason",
        roles=DESK,
        target="target_parcel_told",
        calls=(Call("action_return"),),
        unchanged=("state", "returned_date"),
    ),
    Attack(
        "state_machines",
        PARCEL,
        "rewrite the signature, the collector or the addressee after the "
        "hand-over, or return it then",
        roles=DESK,
        target="target_parcel_handed",
        calls=(
            Call("write", {"vals": {"signature": False}}),
            Call("write", {"vals": {"collected_by": "Someone else"}}),
            Call(
                "write",
                lambda case, t: {
                    "vals": {"partner_id": case.users["portal2"].partner_id.id}
                },
            ),
            Call("write", {"vals": {"return_reason": "Refused"}}),
            Call("action_return"),
        ),
        unchanged=(*HAND_OVER, "signature", "collected_by", "return_reason"),
    ),
    Attack(
        "state_machines",
        PARCEL,
        "hand over a parcel returned to the sender, or rewrite its reason",
        roles=DESK,
        target="target_parcel_returned",
        calls=(
            Call("write", {"vals": {"return_reason": "Collected after all"}}),
            Call("action_hand_over"),
        ),
        unchanged=(*HAND_OVER, "return_reason", "returned_date"),
    ),
    Attack(
        "deletion",
        PARCEL,
        "delete a parcel handed over against a signature",
        roles=DESK,
        target="target_parcel_handed",
        calls=(Call("unlink"),),
        unchanged=(*HAND_OVER, "signature"),
    ),
    Attack(
        "read_access",
        PARCEL,
        "outside Customer Service, read or hand over an owner's parcel",
        roles=OUTSIDERS,
        target="target_parcel_told",
        calls=(
            Call("read", {"fields": ["partner_id", "unit_id"]}),
            Call("action_hand_over"),
        ),
        unchanged=HAND_OVER,
    ),
]


@tagged("post_install", "-at_install")
class TestParcelAttacks(PropertyAttackCase):
    """The table above, as each role, over JSON-2 and XML-RPC."""

    def parcel_community(self):
        Community = self.env["helpdesk.info.community"]
        return Community.search([("code", "=", "ATTACK-PARCEL")]) or Community.create(
            {"name": "Attack Parcel Community", "code": "ATTACK-PARCEL"}
        )

    def target_parcel_told(self):
        return (
            self.env[PARCEL]
            .with_user(self.users["agent"])
            .create(
                {
                    "community_id": self.parcel_community().id,
                    "partner_id": self.customer.id,
                    "kind": "parcel",
                    "tracking_number": "SF0000000001",
                }
            )
            .sudo()
        )

    def target_parcel_handed(self):
        parcel = self.target_parcel_told()
        parcel.with_user(self.users["agent"]).write(
            {"collected_by": "Owner", "signature": SIGNATURE}
        )
        parcel.with_user(self.users["agent"]).action_hand_over()
        return parcel

    def target_parcel_returned(self):
        parcel = self.target_parcel_told()
        parcel.with_user(self.users["agent"]).return_reason = "Moved out"
        parcel.with_user(self.users["agent"]).action_return()
        return parcel


attack_tests(TestParcelAttacks, PARCEL_ATTACKS)
