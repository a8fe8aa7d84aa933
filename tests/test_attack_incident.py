"""Attacks on emergencies: nobody closes an incident without its report
approved by a leader, nobody approves his own report, a non-leader never
confirms the outage notice posted at once, nobody makes a notice an
emergency one to skip the 24 hours, and nobody reads the owners' emergency
contacts outside an open incident and the security role."""

from odoo.tests import tagged

from .attack_common import Attack, Call, PropertyAttackCase, attack_tests

INCIDENT = "helpdesk.info.incident"
STEP = "helpdesk.info.incident.step"
NOTIFICATION = "helpdesk.info.incident.notification"
SHEET = "helpdesk.info.incident.contact.sheet"
PUBLICATION = "helpdesk.info.publication"
LOG = "helpdesk.info.personal.data.log"
INCIDENT_DEFINITION = "helpdesk_property_info.tier_definition_incident_report_leader"
REPORT = {
    "cause": "A corroded joint gave way.",
    "measures": "Valve shut, joint replaced.",
    "losses": "Two storerooms flooded.",
    "lessons": "Inspect the old joints every spring.",
}
EMERGENCY_READS = ((LOG, [("action", "=", "emergency_read")]),)


def _reviews_of(case, target):
    return [("model", "=", target._name), ("res_id", "=", target.id)]


INCIDENT_ATTACKS = [
    Attack(
        "gate_fields",
        INCIDENT,
        "write a declared incident closed, or its report approved",
        roles=("agent", "manager", "leader", "security"),
        target="target_incident_declared",
        calls=(
            Call("write", {"vals": {"state": "closed"}}),
            Call("write", {"vals": {"state": "approved"}}),
            Call(
                "write",
                lambda case, t: {"vals": {"approved_by_id": case.users["leader"].id}},
            ),
            Call("write", {"vals": {"closed_date": "2030-01-01 00:00:00"}}),
        ),
        unchanged=("state", "approved_by_id", "closed_date", "validation_status"),
    ),
    Attack(
        "state_machines",
        INCIDENT,
        "close an incident without its report approved",
        roles=("manager", "leader"),
        target="target_incident_declared",
        calls=(Call("action_close"),),
        unchanged=("state", "closed_date", "closed_by_id"),
    ),
    Attack(
        "state_machines",
        INCIDENT,
        "close an incident whose report waits for a leader",
        roles=("manager", "leader", "agent"),
        target="target_incident_pending",
        calls=(Call("action_close"),),
        unchanged=("state", "closed_date", "closed_by_id"),
    ),
    Attack(
        "state_machines",
        INCIDENT,
        "rewrite the report of a closed incident",
        roles=("manager", "leader"),
        target="target_incident_closed",
        calls=(Call("write", {"vals": {"cause": "Someone else's fault"}}),),
        unchanged=("state", "cause", "validation_status"),
    ),
    Attack(
        "context_defaults",
        INCIDENT,
        "declare an incident already closed with default_state",
        roles=("agent", "security"),
        calls=(
            Call(
                "create",
                lambda case, t: {"vals_list": [case.incident_vals("Forged closed")]},
                context={
                    "default_state": "closed",
                    "default_declared_by_id": 2,
                    "default_approved_by_id": 2,
                },
                on_target=False,
            ),
        ),
        no_new=((INCIDENT, [("name", "=", "Forged closed")]),),
    ),
    Attack(
        "tier_reviews",
        INCIDENT,
        "approve one's own post-incident report",
        roles=("leader",),
        target="target_incident_pending_by_leader",
        calls=(Call("validate_tier"),),
        unchanged=("state", "approved_by_id", "validation_status"),
    ),
    Attack(
        "tier_reviews",
        INCIDENT,
        "anyone but a company leader approves a post-incident report",
        roles=("agent", "manager", "security", "handler", "worker"),
        target="target_incident_pending",
        calls=(Call("validate_tier"),),
        unchanged=("state", "approved_by_id", "validation_status"),
    ),
    Attack(
        "tier_reviews",
        "tier.review",
        "create a post-incident report review already approved",
        roles=("agent", "leader"),
        target="target_incident_pending",
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [
                        {
                            "model": t._name,
                            "res_id": t.id,
                            "definition_id": case.env.ref(INCIDENT_DEFINITION).id,
                            "status": "approved",
                            "done_by": case.users["leader"].id,
                        }
                    ]
                },
                on_target=False,
            ),
        ),
        no_new=(("tier.review", _reviews_of),),
    ),
    Attack(
        "one2many",
        INCIDENT,
        "tick a checklist step off in another's name through the incident",
        roles=("agent", "security"),
        target="target_incident_declared",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {
                        "step_ids": [
                            (
                                1,
                                t.step_ids[:1].id,
                                {"done": True, "done_by_id": case.users["leader"].id},
                            )
                        ]
                    }
                },
            ),
        ),
        unchanged=("step_progress",),
    ),
    Attack(
        "gate_fields",
        STEP,
        "tick a step off in another's name, or delete a step done",
        roles=("agent", "security", "leader"),
        target="target_incident_step_done",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {"done_by_id": case.users["leader"].id, "done": False}
                },
            ),
            Call("unlink"),
        ),
        unchanged=("done", "done_by_id", "done_date"),
    ),
    Attack(
        "state_machines",
        STEP,
        "add or rename a step of a closed incident",
        roles=("manager", "leader"),
        target="target_incident_closed",
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [{"incident_id": t.id, "name": "Forged step"}]
                },
                on_target=False,
            ),
        ),
        no_new=((STEP, [("name", "=", "Forged step")]),),
    ),
    Attack(
        "gate_fields",
        NOTIFICATION,
        "forge who was told of an incident, or erase it",
        roles=("manager", "leader"),
        target="target_incident_notification",
        calls=(
            Call("write", {"vals": {"notified_date": "2030-01-01 00:00:00"}}),
            Call("unlink"),
        ),
        unchanged=("notified_date", "user_id"),
    ),
    # The outage notice posted at once, confirmed afterwards --------------
    Attack(
        "gate_fields",
        PUBLICATION,
        "a non-leader confirms an emergency notice, or writes it confirmed",
        roles=("agent", "manager", "handler", "security"),
        target="target_emergency_notice",
        calls=(
            Call("action_confirm_emergency"),
            Call(
                "write",
                lambda case, t: {
                    "vals": {
                        "emergency_confirmed_date": "2030-01-01 00:00:00",
                        "emergency_confirmed_by_id": case.users["leader"].id,
                    }
                },
            ),
        ),
        unchanged=("emergency_confirmed_date", "emergency_confirmed_by_id"),
    ),
    *(
        Attack(
            "context_defaults",
            PUBLICATION,
            f"make a notice an emergency one to skip the 24 hours ({how})",
            roles=("agent", "manager"),
            target="target_incident_declared",
            calls=(
                Call(
                    "create",
                    lambda case, t, forged=forged: {
                        "vals_list": [
                            {
                                "kind": "notice",
                                "name": "Forged emergency notice",
                                "content": "<p>Water cut</p>",
                                "community_id": t.community_id.id,
                                "outage_type": "water",
                                "outage_start": "2030-01-01 00:00:00",
                                **({"incident_id": t.id} if forged else {}),
                            }
                        ]
                    },
                    context={} if forged else {"default_incident_id": 1},
                    on_target=False,
                ),
            ),
            no_new=((PUBLICATION, [("name", "=", "Forged emergency notice")]),),
        )
        for how, forged in (("in its values", True), ("default_incident_id", False))
    ),
    # Emergency contacts ---------------------------------------------------
    Attack(
        "emergency_contacts",
        INCIDENT,
        "read the owners' emergency contacts once the incident is closed",
        roles=("security", "agent", "manager", "leader"),
        target="target_incident_closed",
        calls=(Call("action_emergency_contacts"),),
        no_new=EMERGENCY_READS,
    ),
    Attack(
        "emergency_contacts",
        INCIDENT,
        "read the owners' emergency contacts outside the security role",
        roles=("agent", "manager", "leader", "handler", "worker"),
        target="target_incident_declared",
        calls=(Call("action_emergency_contacts"),),
        no_new=EMERGENCY_READS,
    ),
    Attack(
        "emergency_contacts",
        SHEET,
        "forge or read a sheet of emergency contacts",
        roles=("security", "agent"),
        target="target_incident_declared",
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [{"incident_id": t.id, "contacts_html": "<p>x</p>"}]
                },
                on_target=False,
            ),
        ),
        no_new=((SHEET, []),),
    ),
]


@tagged("post_install", "-at_install")
class TestIncidentAttacks(PropertyAttackCase):
    """The table above, as each role, over JSON-2 and XML-RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.community = cls.env["helpdesk.info.community"].create(
            {"name": "Attack Suite Emergencies", "code": "ATTACK-INCIDENT"}
        )

    def incident_vals(self, name="Burst main in building 3"):
        return {
            "name": name,
            "kind_id": self.env.ref(
                "helpdesk_property_info.incident_kind_burst_main"
            ).id,
            "community_id": self.community.id,
            "description": "Water pours into the basement.",
        }

    def target_incident_declared(self):
        incident = (
            self.env[INCIDENT]
            .with_user(self.users["agent"])
            .create(self.incident_vals())
        )
        return incident.with_env(self.env)

    def _pending(self, submitter):
        incident = self.target_incident_declared()
        incident.with_user(self.users[submitter]).write(REPORT)
        incident.with_user(self.users[submitter]).action_submit()
        return incident

    def target_incident_pending(self):
        return self._pending("agent")

    def target_incident_pending_by_leader(self):
        return self._pending("leader")

    def target_incident_closed(self):
        incident = self._pending("agent")
        incident.with_user(self.users["leader"]).validate_tier()
        incident.with_user(self.users["manager"]).action_close()
        return incident

    def target_incident_step_done(self):
        step = self.target_incident_declared().step_ids[:1]
        step.with_user(self.users["agent"]).action_done()
        return step

    def target_incident_notification(self):
        return self.target_incident_declared().notification_ids[:1]

    def target_emergency_notice(self):
        incident = self.target_incident_declared()
        action = incident.with_user(self.users["agent"]).action_post_outage_notice()
        return self.env[PUBLICATION].browse(action["res_id"])


attack_tests(TestIncidentAttacks, INCIDENT_ATTACKS)
