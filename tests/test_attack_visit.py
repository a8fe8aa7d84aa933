"""Hostile calls against customer visits: the state and the visit time that
the quotas count, the visitor, marking another's visit done, and turning
an opinion into tickets."""

from odoo.tests import tagged

from .attack_common import Attack, Call, PropertyAttackCase, attack_tests

VISIT_VALUES = ("state", "visited_on", "user_id", "satisfaction")


def _visit_vals(case, target):
    return {
        "vals_list": [
            {"unit_id": case.unit.id, "opinions": "Forged", "satisfaction": "5"}
        ]
    }


VISIT_ATTACKS = [
    Attack(
        "public_methods",
        "helpdesk.info.visit",
        "plan the home visits without being a manager",
        roles=("agent", "handler", "leader", "portal"),
        calls=(Call("action_plan_home_visits", on_target=False),),
        no_new=(("helpdesk.info.visit", []),),
    ),
    Attack(
        "context_defaults",
        "helpdesk.info.visit",
        "create with default_state=done/default_visited_on",
        roles=("agent", "manager"),
        calls=(
            Call(
                "create",
                _visit_vals,
                context={
                    "default_state": "done",
                    "default_visited_on": "2026-01-05 02:00:00",
                },
                on_target=False,
            ),
        ),
        no_new=(("helpdesk.info.visit", []),),
    ),
    Attack(
        "gate_fields",
        "helpdesk.info.visit",
        "create a visit already done",
        roles=("agent", "manager"),
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [
                        dict(
                            _visit_vals(case, t)["vals_list"][0],
                            state="done",
                            visited_on="2026-01-05 02:00:00",
                        )
                    ]
                },
                on_target=False,
            ),
        ),
        no_new=(("helpdesk.info.visit", []),),
    ),
    Attack(
        "gate_fields",
        "helpdesk.info.visit",
        "write state=done and visited_on on a planned visit",
        roles=("agent", "manager"),
        target="target_own_visit",
        calls=(
            Call(
                "write",
                {"vals": {"state": "done", "visited_on": "2026-01-05 02:00:00"}},
            ),
        ),
        unchanged=VISIT_VALUES,
    ),
    Attack(
        "gate_fields",
        "helpdesk.info.visit",
        "hand one's visit to another assistant",
        roles=("agent",),
        target="target_own_visit",
        calls=(
            Call(
                "write", lambda case, t: {"vals": {"user_id": case.users["manager"].id}}
            ),
        ),
        unchanged=VISIT_VALUES,
    ),
    Attack(
        "gate_fields",
        "helpdesk.info.visit",
        "plan a visit in another assistant's name",
        roles=("agent",),
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [
                        dict(
                            _visit_vals(case, t)["vals_list"][0],
                            user_id=case.users["manager"].id,
                        )
                    ]
                },
                on_target=False,
            ),
        ),
        no_new=(("helpdesk.info.visit", []),),
    ),
    Attack(
        "gate_fields",
        "helpdesk.info.visit",
        "change the satisfaction of a done visit",
        roles=("agent", "manager"),
        target="target_done_visit",
        calls=(Call("write", {"vals": {"satisfaction": "1"}}),),
        unchanged=VISIT_VALUES,
    ),
    Attack(
        "gate_fields",
        "helpdesk.info.visit",
        "copy a done visit",
        roles=("manager",),
        target="target_done_visit",
        calls=(Call("copy"), Call("write", {"vals": {"state": "done"}})),
        unchanged=VISIT_VALUES,
        no_new=(("helpdesk.info.visit", [("state", "=", "done")]),),
    ),
    Attack(
        "actions",
        "helpdesk.info.visit",
        "mark another's visit done",
        roles=("agent",),
        target="target_others_visit",
        calls=(Call("action_done"),),
        unchanged=VISIT_VALUES,
    ),
    Attack(
        "actions",
        "helpdesk.info.visit",
        "mark a visit done without opinions or satisfaction",
        roles=("agent",),
        target="target_own_empty_visit",
        calls=(Call("action_done"),),
        unchanged=VISIT_VALUES,
    ),
    Attack(
        "actions",
        "helpdesk.info.visit",
        "leaders and handlers mark a visit done",
        roles=("leader", "handler", "portal"),
        target="target_own_visit",
        calls=(Call("action_done"),),
        unchanged=VISIT_VALUES,
    ),
    Attack(
        "actions",
        "helpdesk.info.visit",
        "turn a visit into a ticket as portal, handler or leader",
        roles=("portal", "handler", "leader"),
        target="target_own_visit",
        calls=(Call("action_create_ticket"),),
        no_new=(("helpdesk.ticket", []),),
    ),
    Attack(
        "actions",
        "helpdesk.info.visit",
        "turn another's visit into a ticket",
        roles=("agent",),
        target="target_others_visit",
        calls=(Call("action_create_ticket"),),
        no_new=(("helpdesk.ticket", []),),
    ),
    Attack(
        "actions",
        "helpdesk.info.visit",
        "turn the same opinion into a second ticket",
        roles=("agent", "manager"),
        target="target_ticketed_visit",
        calls=(Call("action_create_ticket"),),
        no_new=(("helpdesk.ticket", []),),
    ),
    Attack(
        "deletion",
        "helpdesk.info.visit",
        "delete a done visit",
        roles=("agent", "manager", "leader"),
        target="target_done_visit",
        calls=(Call("unlink"),),
        unchanged=VISIT_VALUES,
    ),
    Attack(
        "read",
        "helpdesk.info.visit",
        "read visits as portal or handler",
        roles=("portal", "handler"),
        target="target_done_visit",
        calls=(Call("read", {"fields": ["opinions", "partner_id"]}),),
    ),
    Attack(
        "gate_fields",
        "helpdesk.ticket",
        "link a ticket to a visit by hand",
        roles=("agent", "manager"),
        target="target_visit_and_ticket",
        calls=(
            Call(
                "write",
                lambda case, t: {"vals": {"customer_visit_id": case.own_visit.id}},
            ),
        ),
        unchanged=("customer_visit_id",),
    ),
    Attack(
        "gate_fields",
        "helpdesk.info.visit.quota",
        "forge a quota row",
        roles=("agent", "manager"),
        calls=(
            Call(
                "create",
                lambda case, t: {
                    "vals_list": [
                        {
                            "company_id": case.company.id,
                            "month": "2026-01-01",
                            "scope": "department",
                            "alert_sent": True,
                        }
                    ]
                },
                on_target=False,
            ),
        ),
        no_new=(("helpdesk.info.visit.quota", []),),
    ),
]


@tagged("post_install", "-at_install")
class TestVisitAttacks(PropertyAttackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        community = env["helpdesk.info.community"].create({"name": "Attack Garden"})
        building = env["helpdesk.info.building"].create(
            {"community_id": community.id, "code": "9"}
        )
        cls.unit = env["helpdesk.info.unit"].create(
            {
                "building_id": building.id,
                "room": "901",
                "occupancy_ids": [
                    (0, 0, {"partner_id": cls.customer.id, "relation": "owner"})
                ],
            }
        )

    def _visit(self, role, **vals):
        return (
            self.env["helpdesk.info.visit"]
            .with_user(self.users[role])
            .create(
                dict(
                    {
                        "unit_id": self.unit.id,
                        "opinions": "The lift is slow.",
                        "satisfaction": "3",
                    },
                    **vals,
                )
            )
        )

    def target_own_visit(self):
        return self._visit("agent")

    def target_own_empty_visit(self):
        return self._visit("agent", opinions=False, satisfaction=False)

    def target_others_visit(self):
        return self._visit("manager")

    def target_done_visit(self):
        visit = self._visit("agent")
        visit.with_user(self.users["agent"]).action_done()
        return visit

    def target_ticketed_visit(self):
        visit = self._visit("agent")
        visit.with_user(self.users["agent"]).action_create_ticket()
        return visit

    def target_visit_and_ticket(self):
        self.own_visit = self._visit("agent")
        return self.env["helpdesk.ticket"].create(
            {
                "name": "Unrelated",
                "description": "<p>Unrelated</p>",
                "channel_id": self.env.ref(
                    "helpdesk_mgmt.helpdesk_ticket_channel_phone"
                ).id,
                "contact_name": "钱女士",
                "contact_phone": "13912345678",
                "matter": "Unrelated",
            }
        )


attack_tests(TestVisitAttacks, VISIT_ATTACKS)
