"""Hostile calls against the daily patrols: forged dates, states and
verifications, patrols completed with problems left without ticket, tickets
opened by outsiders."""

from odoo.fields import Command
from odoo.tests import tagged

from .attack_common import JSON2, Attack, Call, PropertyAttackCase, attack_tests

PATROL = "helpdesk.info.patrol"
FLOOR = "helpdesk.info.patrol.floor"
CHECK = "helpdesk.info.patrol.check"
VERIFICATION = "helpdesk.info.patrol.verification"
OUTSIDERS = ("handler", "portal")
PATROLLERS = ("agent", "manager")

PATROL_ATTACKS = [
    # The patrol's states and dates
    Attack(
        "gate_fields",
        PATROL,
        "write state done and its finish time",
        roles=PATROLLERS,
        target="target_patrol_in_progress",
        calls=(
            Call(
                "write",
                {"vals": {"state": "done", "finished_at": "2026-01-05 02:00:00"}},
            ),
        ),
        unchanged=("state", "finished_at"),
    ),
    Attack(
        "gate_fields",
        PATROL,
        "write an earlier start time",
        roles=PATROLLERS,
        target="target_patrol_in_progress",
        calls=(Call("write", {"vals": {"started_at": "2020-01-01 00:00:00"}}),),
        unchanged=("started_at",),
    ),
    Attack(
        "gate_fields",
        PATROL,
        "create a patrol already done",
        roles=PATROLLERS,
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [
                        dict(
                            case.patrol_vals(),
                            state="done",
                            finished_at="2026-01-05 02:00:00",
                        )
                    ]
                },
                on_target=False,
            ),
        ),
        no_new=((PATROL, []),),
    ),
    Attack(
        "context_defaults",
        PATROL,
        "create with default_state/default_finished_at",
        roles=PATROLLERS,
        calls=(
            Call(
                "create",
                lambda case, t: {"vals_list": [case.patrol_vals()]},
                on_target=False,
                context={
                    "default_state": "done",
                    "default_finished_at": "2026-01-05 02:00:00",
                },
            ),
        ),
        no_new=((PATROL, []),),
    ),
    Attack(
        "gate_fields",
        PATROL,
        "an agent moves a patrol to another day or takes another's",
        roles=("agent",),
        target="target_patrol_draft",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {"date": "2020-01-01", "user_id": case.users["agent"].id}
                },
            ),
        ),
        unchanged=("date", "user_id"),
    ),
    Attack(
        "gate_fields",
        PATROL,
        "write another company",
        roles=PATROLLERS,
        target="target_patrol_in_progress",
        calls=(
            Call(
                "write", lambda case, t: {"vals": {"company_id": case.other_company.id}}
            ),
        ),
        unchanged=("company_id",),
    ),
    Attack(
        "state_machines",
        PATROL,
        "complete with a problem left without ticket",
        roles=PATROLLERS,
        target="target_patrol_with_finding",
        calls=(Call("action_done"),),
        unchanged=("state", "finished_at"),
    ),
    Attack(
        "state_machines",
        PATROL,
        "complete with fewer floors checked than required",
        roles=PATROLLERS,
        target="target_patrol_in_progress",
        calls=(Call("action_done"),),
        unchanged=("state", "finished_at"),
    ),
    Attack(
        "state_machines",
        PATROL,
        "complete with earlier problems not verified",
        roles=PATROLLERS,
        target="target_patrol_verifying",
        calls=(Call("action_done"),),
        unchanged=("state", "finished_at"),
    ),
    Attack(
        "state_machines",
        PATROL,
        "complete a patrol never started",
        roles=PATROLLERS,
        target="target_patrol_draft",
        calls=(Call("action_done"),),
        unchanged=("state", "finished_at"),
    ),
    Attack(
        "state_machines",
        PATROL,
        "outsiders start a patrol",
        roles=OUTSIDERS + ("leader",),
        target="target_patrol_draft",
        calls=(Call("action_start"),),
        unchanged=("state", "started_at", "user_id"),
    ),
    Attack(
        "deletion",
        PATROL,
        "delete a patrol under way",
        roles=("manager",),
        target="target_patrol_in_progress",
        calls=(Call("unlink"),),
        unchanged=("state",),
    ),
    Attack(
        "read_access",
        PATROL,
        "outsiders read patrols",
        roles=OUTSIDERS,
        target="target_patrol_with_finding",
        calls=(Call("read", {"fields": ["name", "note"]}),),
    ),
    # Findings: the server's dates and the ticket
    Attack(
        "gate_fields",
        CHECK,
        "forge the found-at time of a problem",
        roles=PATROLLERS,
        target="target_finding",
        calls=(Call("write", {"vals": {"found_at": "2099-01-01 00:00:00"}}),),
        unchanged=("found_at", "ticket_next_check"),
    ),
    Attack(
        "gate_fields",
        CHECK,
        "silence the 30-minute watcher",
        roles=PATROLLERS,
        target="target_finding",
        calls=(
            Call(
                "write",
                {"vals": {"ticket_next_check": False, "ticket_late_alerted": True}},
            ),
        ),
        unchanged=("ticket_next_check", "ticket_late_alerted"),
    ),
    Attack(
        "gate_fields",
        CHECK,
        "claim a ticket for a problem",
        roles=PATROLLERS,
        target="target_finding",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {"ticket_id": case.other_ticket.id, "ticket_late": False}
                },
            ),
        ),
        unchanged=("ticket_id", "ticket_late"),
    ),
    Attack(
        "gate_fields",
        CHECK,
        "mark a problem verified fixed",
        roles=PATROLLERS,
        target="target_finding",
        calls=(Call("write", {"vals": {"verified": True}}),),
        unchanged=("verified", "verified_patrol_id"),
    ),
    Attack(
        "gate_fields",
        CHECK,
        "forge the found-at time through the floor (one2many)",
        roles=PATROLLERS,
        target="target_finding",
        # The floor's ids go in the body: JSON-2 only (XML-RPC takes them
        # positionally, from the target).
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "ids": t.floor_line_id.ids,
                    "vals": {
                        "check_ids": [
                            Command.update(t.id, {"found_at": "2099-01-01 00:00:00"})
                        ]
                    },
                },
                model=FLOOR,
                on_target=False,
            ),
        ),
        unchanged=("found_at",),
        protocols=(JSON2,),
    ),
    Attack(
        "gate_fields",
        CHECK,
        "add a checklist line already answered",
        roles=PATROLLERS,
        target="target_finding",
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [
                        {
                            "floor_line_id": t.floor_line_id.id,
                            "item_id": t.item_id.id,
                            "result": "ok",
                        }
                    ]
                },
                on_target=False,
            ),
        ),
        no_new=((CHECK, []),),
    ),
    Attack(
        "state_machines",
        CHECK,
        "answer a checklist line of a patrol done",
        roles=PATROLLERS,
        target="target_check_of_done_patrol",
        calls=(Call("write", {"vals": {"result": "problem", "note": "forged"}}),),
        unchanged=("result", "note", "found_at"),
    ),
    Attack(
        "state_machines",
        CHECK,
        "turn a problem with its ticket back in order",
        roles=PATROLLERS,
        target="target_finding_with_ticket",
        calls=(Call("write", {"vals": {"result": "ok"}}),),
        unchanged=("result",),
    ),
    Attack(
        "state_machines",
        CHECK,
        "outsiders open the ticket of a problem",
        roles=OUTSIDERS + ("leader",),
        target="target_finding",
        calls=(Call("action_create_ticket"),),
        unchanged=("ticket_id",),
        no_new=(("helpdesk.ticket", []),),
    ),
    # Verifications
    Attack(
        "gate_fields",
        VERIFICATION,
        "verify a problem on a patrol not started",
        roles=PATROLLERS,
        target="target_verification",
        calls=(Call("write", {"vals": {"result": "fixed"}}),),
        unchanged=("result",),
    ),
    Attack(
        "gate_fields",
        VERIFICATION,
        "point a verification at another problem",
        roles=PATROLLERS,
        target="target_verification",
        calls=(
            Call(
                "write",
                lambda case, t: {"vals": {"check_id": case.target_finding().id}},
            ),
        ),
        unchanged=("check_id",),
    ),
    Attack(
        "gate_fields",
        VERIFICATION,
        "create a verification",
        roles=PATROLLERS,
        target="target_verification",
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [
                        {
                            "patrol_id": t.patrol_id.id,
                            "check_id": t.check_id.id,
                            "result": "fixed",
                        }
                    ]
                },
                on_target=False,
            ),
        ),
        no_new=((VERIFICATION, []),),
    ),
    # Floors
    Attack(
        "gate_fields",
        FLOOR,
        "add a floor to a patrol done",
        roles=PATROLLERS,
        target="target_patrol_done",
        calls=(
            Call(
                "create",
                lambda case, t: {"vals_list": [case.free_floor_vals(t)]},
                model=FLOOR,
                on_target=False,
            ),
        ),
        no_new=((FLOOR, []),),
    ),
    Attack(
        "gate_fields",
        FLOOR,
        "move a checked floor or give it another company",
        roles=PATROLLERS,
        target="target_checked_floor",
        calls=(
            Call(
                "write",
                lambda case, t: {
                    "vals": {"floor": 10, "company_id": case.other_company.id}
                },
            ),
        ),
        unchanged=("floor", "company_id"),
    ),
    Attack(
        "deletion",
        FLOOR,
        "delete a checked floor",
        roles=PATROLLERS,
        target="target_checked_floor",
        calls=(Call("unlink"),),
        unchanged=("floor",),
    ),
    Attack(
        "deletion",
        FLOOR,
        "an agent swaps a floor drawn at random for one of his choice",
        roles=("agent",),
        target="target_drawn_floor",
        calls=(Call("unlink"),),
        unchanged=("floor", "drawn"),
    ),
    Attack(
        "gate_fields",
        FLOOR,
        "add a floor marked as drawn at random",
        roles=PATROLLERS,
        target="target_patrol_in_progress",
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [dict(case.free_floor_vals(t), drawn=True)]
                },
                model=FLOOR,
                on_target=False,
            ),
        ),
        no_new=((FLOOR, []),),
    ),
    # The ticket a problem became
    Attack(
        "gate_fields",
        "helpdesk.ticket",
        "clear the late mark of a patrol ticket",
        roles=PATROLLERS,
        target="target_patrol_ticket",
        calls=(
            Call(
                "write",
                {"vals": {"patrol_ticket_late": False, "patrol_check_id": False}},
            ),
        ),
        unchanged=("patrol_ticket_late", "patrol_check_id"),
    ),
]


@tagged("post_install", "-at_install")
class TestPatrolAttacks(PropertyAttackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.other_company = env["res.company"].create(
            {"name": "Patrol Attack Other Co"}
        )
        cls.community = env["helpdesk.info.community"].create(
            {"name": "Patrol Attack Garden", "team_id": cls.cs_team.id}
        )
        cls.building = env["helpdesk.info.building"].create(
            {"community_id": cls.community.id, "code": "PA1", "floor_count": 12}
        )
        cls.other_ticket = env["helpdesk.ticket"].create(
            {
                "name": "Unrelated",
                "description": "Unrelated",
                "channel_id": env.ref("helpdesk_property_info.channel_daily_patrol").id,
                "info_origin": "company",
            }
        )
        cls.lighting = env.ref("helpdesk_property_info.patrol_item_lighting")

    def patrol_vals(self):
        return {"community_id": self.community.id}

    def new_patrol(self, **vals):
        return (
            self.env[PATROL]
            .with_user(self.users["manager"])
            .create(dict(self.patrol_vals(), user_id=self.users["agent"].id, **vals))
        )

    def target_patrol_draft(self):
        patrol = self.new_patrol()
        patrol._propose_floors()
        return patrol

    def target_patrol_in_progress(self):
        patrol = self.new_patrol()
        patrol.with_user(self.users["agent"]).action_start()
        return patrol

    def answer_all(self, patrol):
        for line in patrol.floor_ids:
            line.with_user(self.users["agent"]).action_mark_rest_in_order()

    def target_patrol_with_finding(self):
        patrol = self.target_patrol_in_progress()
        check = patrol.floor_ids[0].check_ids.filtered(
            lambda c: c.item_id == self.lighting
        )
        check.with_user(self.users["agent"]).write(
            {"result": "problem", "note": "Light out"}
        )
        self.answer_all(patrol)
        return patrol

    def target_finding(self):
        return self.target_patrol_with_finding().finding_ids

    def target_finding_with_ticket(self):
        finding = self.target_finding()
        finding.with_user(self.users["agent"]).action_create_ticket()
        return finding

    def target_patrol_ticket(self):
        return self.target_finding_with_ticket().ticket_id

    def target_patrol_done(self):
        patrol = self.target_patrol_in_progress()
        self.answer_all(patrol)
        patrol.with_user(self.users["agent"]).action_done()
        return patrol

    def target_check_of_done_patrol(self):
        return self.target_patrol_done().floor_ids[0].check_ids[0]

    def target_checked_floor(self):
        patrol = self.target_patrol_in_progress()
        self.answer_all(patrol)
        return patrol.floor_ids[0]

    def target_verification(self):
        finding = self.target_finding_with_ticket()
        patrol = finding.patrol_id
        patrol.with_user(self.users["agent"]).action_done()
        next_day = self.new_patrol(date=patrol.date.replace(year=patrol.date.year + 1))
        return next_day.verification_ids.filtered(lambda v: v.check_id == finding)

    def target_patrol_verifying(self):
        verification = self.target_verification()
        patrol = verification.patrol_id
        patrol.with_user(self.users["agent"]).action_start()
        self.answer_all(patrol)
        return patrol

    def target_drawn_floor(self):
        return self.target_patrol_in_progress().floor_ids[0]

    def free_floor_vals(self, patrol):
        taken = set(patrol.floor_ids.mapped("floor"))
        number = next(n for n in self.building._floors() if n not in taken)
        return {
            "patrol_id": patrol.id,
            "building_id": self.building.id,
            "floor": number,
        }


attack_tests(TestPatrolAttacks, PATROL_ATTACKS)
