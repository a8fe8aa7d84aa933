from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, new_test_user, tagged

from .common import PropertyInfoCase


class VisitCase(PropertyInfoCase):
    """A community with building 3 of 6 floors, four occupied units and one
    empty, and a second assistant."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Visit = cls.env["helpdesk.info.visit"]
        cls.agent2 = new_test_user(
            cls.env,
            login="hpi_agent2",
            groups="helpdesk_property_info.group_cs_agent",
            company_id=cls.company.id,
        )
        cls.portal = new_test_user(
            cls.env, login="hpi_visit_portal", groups="base.group_portal"
        )
        cls.office = cls.env["helpdesk.ticket.team"].create(
            {"name": "Sunny Garden Office", "user_id": cls.agent2.id}
        )
        cls.community = cls.env["helpdesk.info.community"].create(
            {"name": "Sunny Garden", "team_id": cls.office.id}
        )
        cls.building = cls.env["helpdesk.info.building"].create(
            {"community_id": cls.community.id, "code": "3", "floor_count": 6}
        )
        cls.units = cls.env["helpdesk.info.unit"]
        cls.owners = cls.env["res.partner"]
        for room in ("101", "201", "301", "401"):
            owner = cls.env["res.partner"].create(
                {"name": f"Owner {room}", "phone": "13800000" + room}
            )
            unit = cls.env["helpdesk.info.unit"].create(
                {
                    "building_id": cls.building.id,
                    "room": room,
                    "occupancy_ids": [
                        (
                            0,
                            0,
                            {
                                "partner_id": owner.id,
                                "relation": "owner",
                                "date_start": "2019-01-01",
                            },
                        )
                    ],
                }
            )
            cls.units |= unit
            cls.owners |= owner
        cls.empty_unit = cls.env["helpdesk.info.unit"].create(
            {"building_id": cls.building.id, "room": "501"}
        )

    def visit(self, user=None, **vals):
        user = user or self.agent
        return self.Visit.with_user(user).create(
            dict({"unit_id": self.units[0].id}, **vals)
        )

    def record(
        self, visit, opinions="The lift is slow in the morning.", satisfaction="3"
    ):
        visit.write({"opinions": opinions, "satisfaction": satisfaction})
        return visit


class TestVisitRecord(VisitCase):
    def test_a_visit_takes_the_unit_and_its_occupant(self):
        visit = self.visit()
        self.assertEqual(visit.user_id, self.agent)
        self.assertEqual(visit.community_id, self.community)
        self.assertEqual(visit.building_id, self.building)
        self.assertEqual(visit.floor, 1)
        self.assertEqual(visit.partner_id, self.owners[0])
        self.assertEqual(visit.state, "planned")
        self.assertEqual(visit.company_id, self.company)

    def test_the_form_fills_the_customer_from_the_unit(self):
        with Form(self.Visit.with_user(self.agent)) as form:
            form.unit_id = self.units[1]
            self.assertEqual(form.partner_id, self.owners[1])
            self.assertEqual(form.community_id, self.community)

    def test_done_requires_the_opinions_and_the_satisfaction(self):
        visit = self.visit()
        with self.assertRaisesRegex(UserError, "Opinions.*Satisfaction"):
            visit.action_done()
        visit.opinions = "All fine"
        with self.assertRaisesRegex(UserError, "Satisfaction"):
            visit.action_done()
        visit.satisfaction = "5"
        with freeze_time("2026-11-10 02:00:00"):
            visit.action_done()
        self.assertEqual(visit.state, "done")
        self.assertEqual(visit.visited_on, datetime(2026, 11, 10, 2, 0))
        with self.assertRaises(UserError):
            visit.action_done()

    def test_only_the_visitor_or_a_manager_marks_it_done(self):
        visit = self.record(self.visit())
        with self.assertRaises(UserError):
            visit.with_user(self.agent2).action_done()
        self.assertEqual(visit.state, "planned")
        visit.with_user(self.manager).action_done()
        self.assertEqual(visit.state, "done")

    def test_state_and_visit_time_change_through_the_buttons_only(self):
        visit = self.record(self.visit())
        for vals in ({"state": "done"}, {"visited_on": fields.Datetime.now()}):
            for user in (self.agent, self.manager):
                with (
                    self.subTest(vals=vals, user=user.login),
                    self.assertRaises(AccessError),
                ):
                    visit.with_user(user).write(vals)
        with self.assertRaises(AccessError):
            self.Visit.with_user(self.agent).create(
                {"unit_id": self.units[0].id, "state": "done"}
            )
        forged = self.Visit.with_user(self.agent).with_context(
            default_state="done", default_visited_on="2026-01-01 00:00:00"
        )
        with self.assertRaises(AccessError):
            forged.create({"unit_id": self.units[0].id})
        self.assertEqual(visit.state, "planned")
        self.assertFalse(visit.visited_on)

    def test_an_assistant_plans_for_themselves_a_manager_for_anyone(self):
        with self.assertRaises(AccessError):
            self.Visit.with_user(self.agent).create(
                {"unit_id": self.units[0].id, "user_id": self.agent2.id}
            )
        visit = self.Visit.with_user(self.manager).create(
            {"unit_id": self.units[0].id, "user_id": self.agent2.id}
        )
        self.assertEqual(visit.user_id, self.agent2)
        with self.assertRaises(AccessError):
            visit.with_user(self.agent2).write({"user_id": self.agent.id})

    def test_a_done_visit_keeps_what_it_counted(self):
        visit = self.record(self.visit())
        visit.action_done()
        with self.assertRaises(UserError):
            visit.with_user(self.manager).write({"satisfaction": "5"})
        with self.assertRaises(UserError):
            visit.with_user(self.manager).write({"unit_id": self.units[1].id})
        visit.opinions = "Also: the garden lights are off."
        self.assertEqual(visit.satisfaction, "3")
        with self.assertRaises(UserError):
            visit.with_user(self.manager).unlink()
        planned = self.visit(unit_id=self.units[1].id)
        planned.with_user(self.manager).unlink()
        self.assertFalse(planned.exists())

    def test_cancel_and_plan_again(self):
        visit = self.visit()
        with self.assertRaises(UserError):
            visit.with_user(self.agent2).action_cancel()
        visit.action_cancel()
        self.assertEqual(visit.state, "cancelled")
        with self.assertRaises(UserError):
            visit.action_done()
        visit.action_replan()
        self.assertEqual(visit.state, "planned")

    def test_a_floor_visit_names_its_building_and_floor(self):
        with self.assertRaises(ValidationError):
            self.Visit.with_user(self.agent).create(
                {"kind": "floor", "building_id": self.building.id}
            )
        visit = self.Visit.with_user(self.agent).create(
            {"kind": "floor", "building_id": self.building.id, "floor": 4}
        )
        self.assertEqual(visit.community_id, self.community)
        self.assertIn("floor 4", visit.display_name)
        with self.assertRaises(ValidationError):
            self.Visit.with_user(self.agent).create({"kind": "other"})


class TestVisitTicket(VisitCase):
    def test_an_opinion_becomes_one_ticket(self):
        visit = self.record(
            self.visit(), opinions="Water leaks from the ceiling of the bathroom."
        )
        action = visit.action_create_ticket()
        ticket = self.Ticket.browse(action["res_id"])
        self.assertEqual(ticket.customer_visit_id, visit)
        self.assertEqual(ticket.unit_id, self.units[0])
        self.assertEqual(ticket.partner_id, self.owners[0])
        self.assertEqual(ticket.matter, "Water leaks from the ceiling of the bathroom.")
        self.assertIn("Water leaks", str(ticket.description))
        self.assertEqual(
            ticket.channel_id,
            self.env.ref("helpdesk_property_info.channel_customer_visit"),
        )
        self.assertEqual(ticket.info_source_id, self.source_community)
        self.assertEqual(
            ticket.type_id, self.env.ref("helpdesk_property_info.ticket_type_other")
        )
        self.assertEqual(visit.ticket_count, 1)
        with self.assertRaisesRegex(UserError, "already has its ticket"):
            visit.action_create_ticket()
        self.assertEqual(len(visit.ticket_ids), 1)
        visit.opinions = "The corridor light on floor 1 is broken."
        visit.action_create_ticket()
        self.assertEqual(len(visit.ticket_ids), 2)

    def test_no_ticket_without_an_opinion_or_from_a_cancelled_visit(self):
        visit = self.visit()
        with self.assertRaises(UserError):
            visit.action_create_ticket()
        self.record(visit).action_cancel()
        with self.assertRaises(UserError):
            visit.action_create_ticket()
        self.assertFalse(visit.ticket_ids)

    def test_another_assistant_and_the_portal_cannot_turn_it_into_a_ticket(self):
        visit = self.record(self.visit())
        with self.assertRaises(UserError):
            visit.with_user(self.agent2).action_create_ticket()
        with self.assertRaises(AccessError):
            visit.with_user(self.portal).action_create_ticket()
        self.assertFalse(visit.ticket_ids)

    def test_a_ticket_is_not_linked_to_a_visit_by_hand(self):
        visit = self.record(self.visit())
        ticket = self.Ticket.create(self.phone_vals())
        with self.assertRaises(AccessError):
            ticket.with_user(self.agent).write({"customer_visit_id": visit.id})
        self.assertFalse(visit.ticket_ids)


class TestVisitAccess(VisitCase):
    def test_access_per_group(self):
        visit = self.record(self.visit())
        visit.with_user(self.agent2).check_access("read")
        with self.assertRaises(AccessError):
            visit.with_user(self.agent2).write({"opinions": "changed"})
        visit.with_user(self.manager).write({"note": "Seen"})
        visit.with_user(self.leader).check_access("read")
        with self.assertRaises(AccessError):
            visit.with_user(self.leader).write({"note": "x"})
        with self.assertRaises(AccessError):
            visit.with_user(self.agent).unlink()
        for user in (self.handler, self.portal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                visit.with_user(user).check_access("read")

    def test_another_company_visits_are_hidden(self):
        other = self.env["res.company"].create({"name": "Other Property Co"})
        community = self.env["helpdesk.info.community"].create(
            {"name": "Far Garden", "company_id": other.id}
        )
        building = self.env["helpdesk.info.building"].create(
            {"community_id": community.id, "code": "1"}
        )
        unit = self.env["helpdesk.info.unit"].create(
            {"building_id": building.id, "room": "101"}
        )
        foreign = self.Visit.with_company(other).create(
            {
                "unit_id": unit.id,
                "partner_id": self.owners[0].id,
                "company_id": other.id,
            }
        )
        self.assertFalse(
            self.Visit.with_user(self.manager).search([("id", "=", foreign.id)])
        )
        with self.assertRaises(AccessError):
            self.Visit.with_user(self.agent).create({"unit_id": unit.id})


class TestVisitDraw(VisitCase):
    def draw(self, user=None, **vals):
        user = user or self.agent
        return (
            self.env["helpdesk.info.visit.draw"]
            .with_user(user)
            .create(dict({"community_id": self.community.id}, **vals))
        )

    def test_the_number_defaults_to_the_remaining_quota(self):
        self.company.visit_person_quota = 20
        self.record(self.visit()).action_done()
        self.visit(unit_id=self.units[1].id)
        self.assertEqual(self.draw().number, 18)
        self.agent.visit_quota = 5
        self.assertEqual(self.draw().number, 3)

    def test_draws_occupied_units_not_visited_lately_without_duplicates(self):
        recent = self.visit(unit_id=self.units[0].id)
        self.record(recent).action_done()
        self.visit(
            unit_id=self.units[1].id,
            planned_date=date.today() - relativedelta(months=5),
        )
        for _attempt in range(5):
            draw = self.draw(number=10, skip_months=3)
            draw.action_draw()
            units = draw.line_ids.unit_id
            self.assertEqual(len(units), len(draw.line_ids), "no unit drawn twice")
            self.assertEqual(
                units, self.units[1:], "the visited unit and the empty unit are skipped"
            )
        self.assertIn(
            self.units[1], units, "a visit older than the months skipped does not count"
        )
        draw = self.draw(number=2)
        draw.action_draw()
        self.assertEqual(len(draw.line_ids), 2)
        self.assertLessEqual(set(draw.line_ids.unit_id.ids), set(self.units[1:].ids))

    def test_confirm_plans_the_drawn_visits(self):
        draw = self.draw(number=3, planned_date=date.today() + relativedelta(days=2))
        draw.action_draw()
        action = draw.action_confirm()
        visits = self.Visit.search(action["domain"])
        self.assertEqual(len(visits), 3)
        self.assertEqual(set(visits.mapped("kind")), {"random"})
        self.assertEqual(visits.user_id, self.agent)
        self.assertEqual(set(visits.mapped("state")), {"planned"})
        self.assertEqual(visits.unit_id, draw.line_ids.unit_id)
        again = self.draw(number=10)
        again.action_draw()
        self.assertFalse(
            again.line_ids.unit_id & visits.unit_id, "planned units are skipped"
        )

    def test_a_proposal_breaking_the_rules_is_refused(self):
        draw = self.draw(number=2)
        draw.action_draw()
        draw.line_ids[0].unit_id = self.empty_unit
        with self.assertRaises(UserError):
            draw.action_confirm()
        draw.action_draw()
        self.visit(user=self.agent2, unit_id=draw.line_ids[0].unit_id.id)
        with self.assertRaises(UserError):
            draw.action_confirm()
        self.assertEqual(self.Visit.search_count([("user_id", "=", self.agent.id)]), 0)

    def test_an_assistant_draws_for_themselves_only(self):
        draw = self.draw(user_id=self.agent2.id, number=2)
        with self.assertRaises(UserError):
            draw.action_draw()
        draw = self.draw(user=self.manager, user_id=self.agent2.id, number=2)
        draw.action_draw()
        visits = self.Visit.search(draw.action_confirm()["domain"])
        self.assertEqual(visits.user_id, self.agent2)

    def test_floors_not_visited_this_quarter(self):
        with freeze_time("2026-11-15 04:00:00"):
            self.Visit.with_user(self.agent).create(
                {"kind": "floor", "building_id": self.building.id, "floor": 2}
            )
            self.Visit.with_user(self.agent).create(
                {
                    "kind": "floor",
                    "building_id": self.building.id,
                    "floor": 3,
                    "planned_date": "2026-09-20",
                }
            )
            draw = self.draw(mode="floors", number=10)
            draw.action_draw()
            floors = sorted(draw.line_ids.mapped("floor"))
            self.assertEqual(
                floors,
                [1, 3, 4, 5, 6],
                "floor 2 was visited this quarter, floor 3 the last",
            )
            visits = self.Visit.search(draw.action_confirm()["domain"])
            self.assertEqual(set(visits.mapped("kind")), {"floor"})
            self.assertEqual(len(visits), 5)


class TestPlannedVisits(VisitCase):
    def test_a_new_owner_is_visited_within_a_month_of_moving_in(self):
        buyer = self.env["res.partner"].create({"name": "New Owner Sun"})
        move_in = date.today() - relativedelta(days=3)
        occupancy = (
            self.env["helpdesk.info.unit.occupancy"]
            .with_user(self.manager)
            .create(
                {
                    "unit_id": self.empty_unit.id,
                    "partner_id": buyer.id,
                    "relation": "owner",
                    "date_start": move_in,
                }
            )
        )
        visit = self.Visit.search([("occupancy_id", "=", occupancy.id)])
        self.assertEqual(len(visit), 1)
        self.assertEqual(visit.kind, "new_owner")
        self.assertEqual(visit.planned_date, move_in + relativedelta(months=1))
        self.assertEqual(visit.partner_id, buyer)
        self.assertEqual(
            visit.user_id, self.agent2, "the community's management office leader"
        )
        self.assertEqual(visit.activity_ids.user_id, self.agent2)
        visit.with_user(self.agent2).write(
            {"opinions": "Welcome pack handed over", "satisfaction": "5"}
        )
        visit.with_user(self.agent2).action_done()
        self.assertFalse(visit.activity_ids, "the to-do is done with the visit")
        occupancy.date_start = move_in + relativedelta(days=1)
        self.assertEqual(
            self.Visit.search_count([("occupancy_id", "=", occupancy.id)]),
            1,
            "once per move-in",
        )

    def test_no_new_owner_visit_for_tenants_or_old_move_ins(self):
        tenant = self.env["res.partner"].create({"name": "Tenant Li"})
        Occupancy = self.env["helpdesk.info.unit.occupancy"]
        Occupancy.create(
            {
                "unit_id": self.empty_unit.id,
                "partner_id": tenant.id,
                "relation": "tenant",
                "date_start": date.today(),
            }
        )
        Occupancy.create(
            {
                "unit_id": self.empty_unit.id,
                "partner_id": tenant.id,
                "relation": "owner",
                "date_start": date.today() - relativedelta(months=2),
            }
        )
        self.assertFalse(self.Visit.search([("unit_id", "=", self.empty_unit.id)]))

    def test_key_customers_get_a_home_visit_each_quarter(self):
        self.owners[2].key_customer = True
        visits = self.Visit._propose_key_customer_visits(self.company)
        mine = visits.filtered(lambda v: v.partner_id == self.owners[2])
        self.assertEqual(len(mine), 1)
        self.assertEqual(mine.kind, "key_customer")
        self.assertEqual(mine.unit_id, self.units[2])
        self.assertFalse(
            self.Visit._propose_key_customer_visits(self.company).filtered(
                lambda v: v.partner_id == self.owners[2]
            ),
            "planned this quarter already",
        )

    def test_a_manager_plans_the_home_visits_at_once(self):
        self.owners[2].key_customer = True
        with self.assertRaises(AccessError):
            self.Visit.with_user(self.agent).action_plan_home_visits()
        self.assertFalse(self.Visit.search([("kind", "=", "key_customer")]))
        action = self.Visit.with_user(self.manager).action_plan_home_visits()
        planned = self.Visit.search(action["domain"]).filtered(
            lambda v: v.partner_id == self.owners[2]
        )
        self.assertEqual(planned.kind, "key_customer")
        self.assertEqual(planned.unit_id, self.units[2])
        again = self.Visit.with_user(self.manager).action_plan_home_visits()
        self.assertFalse(
            self.Visit.search(again["domain"]), "planned this quarter already"
        )

    def test_a_major_problem_closed_without_a_home_visit_gets_one(self):
        ticket = self.Ticket.create(
            dict(
                self.phone_vals(),
                partner_id=self.owners[3].id,
                unit_id=self.units[3].id,
                level_id=self.level_major.id,
            )
        )
        self.assertTrue(ticket._leader_opinion_required())
        closed = self.env["helpdesk.ticket.stage"].search(
            [("closed", "=", True)], limit=1
        )
        self.assertTrue(closed)
        # Closing a major problem takes the leader's opinion and a result:
        # here only the outcome matters.
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET stage_id = %s, closed_date = now() at time "
            "zone 'utc' WHERE id = %s",
            [closed.id, ticket.id],
        )
        ticket.invalidate_recordset()
        self.assertTrue(ticket.closed)
        self.assertEqual(ticket.partner_id, self.owners[3])
        self.assertTrue(ticket._leader_opinion_required())
        visits = self.Visit._propose_major_problem_visits(self.company)
        visit = visits.filtered(lambda v: v.source_ticket_id == ticket)
        self.assertEqual(len(visit), 1)
        self.assertEqual(
            (visit.kind, visit.partner_id, visit.unit_id),
            ("major_problem", self.owners[3], self.units[3]),
        )
        self.assertFalse(
            self.Visit._propose_major_problem_visits(self.company).filtered(
                lambda v: v.source_ticket_id == ticket
            )
        )


@tagged("post_install", "-at_install")
class TestVisitQuotas(PropertyInfoCase):
    """A company of its own, in Shanghai time, with two assistants."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company2 = cls.env["res.company"].create({"name": "Quota Property Co"})
        cls.company2.resource_calendar_id.tz = "Asia/Shanghai"
        cls.company2.partner_id.tz = "Asia/Shanghai"
        cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Quota CS",
                "company_id": cls.company2.id,
                "is_intake_team": True,
                "resource_calendar_id": cls.company2.resource_calendar_id.id,
            }
        )

        def user(login, group):
            return new_test_user(
                cls.env,
                login=login,
                groups=f"helpdesk_property_info.{group}",
                company_id=cls.company2.id,
                company_ids=[(6, 0, cls.company2.ids)],
            )

        cls.wang = user("hpi_q_wang", "group_cs_agent")
        cls.zhao = user("hpi_q_zhao", "group_cs_agent")
        cls.boss = user("hpi_q_boss", "group_cs_manager")
        # Alerts read in their recipient's language: this one reads English.
        cls.boss.lang = "en_US"
        community = cls.env["helpdesk.info.community"].create(
            {"name": "Quota Garden", "company_id": cls.company2.id}
        )
        building = cls.env["helpdesk.info.building"].create(
            {"community_id": community.id, "code": "1"}
        )
        cls.unit = cls.env["helpdesk.info.unit"].create(
            {"building_id": building.id, "room": "101"}
        )
        cls.customer = cls.env["res.partner"].create({"name": "Owner Qu"})
        cls.Visit = cls.env["helpdesk.info.visit"].with_company(cls.company2)
        cls.Quota = cls.env["helpdesk.info.visit.quota"]

    def done_visit(self, user, at, customer=None):
        """A done visit of ``user`` at ``at``, to ``customer`` or else to a
        customer nobody has visited."""
        customer = customer or self.env["res.partner"].create({"name": f"Owner {at}"})
        with freeze_time(at):
            visit = self.Visit.with_user(user).create(
                {
                    "unit_id": self.unit.id,
                    "partner_id": customer.id,
                    "company_id": self.company2.id,
                    "opinions": "Fine",
                    "satisfaction": "4",
                }
            )
            visit.with_user(user).action_done()
        return visit

    def rows(self, month):
        rows = self.Quota.search(
            [("company_id", "=", self.company2.id), ("month", "=", month)]
        )
        return {row.user_id: row for row in rows}

    def test_progress_counts_done_visits_of_the_month_in_local_time(self):
        self.company2.write({"visit_person_quota": 4, "visit_department_quota": 10})
        self.zhao.visit_quota = 2
        # 17:00 UTC on 31 October is 1 November in Shanghai.
        self.done_visit(self.wang, "2026-10-31 17:00:00")
        self.done_visit(self.wang, "2026-11-10 03:00:00")
        self.done_visit(self.wang, "2026-10-31 15:00:00")  # still October
        self.done_visit(self.zhao, "2026-11-20 03:00:00")
        self.done_visit(self.zhao, "2026-11-21 03:00:00")
        # The quotas count people: a customer visited twice counts once.
        self.done_visit(self.zhao, "2026-11-22 03:00:00", self.customer)
        self.done_visit(self.zhao, "2026-11-23 03:00:00", self.customer)
        # The department's quota counts its manager's visits, apart from the
        # assistants' own.
        self.done_visit(self.boss, "2026-11-12 03:00:00", self.customer)
        with freeze_time("2026-11-25 04:00:00"):
            action = (
                self.Quota.with_user(self.boss)
                .with_company(self.company2)
                .action_open_this_month()
            )
        self.assertIn(("month", "in", [date(2026, 11, 1)]), action["domain"])
        rows = self.rows(date(2026, 11, 1))
        self.assertEqual(
            set(rows),
            {self.wang, self.zhao, self.boss.browse()},
            "managers have no quota",
        )
        self.assertEqual((rows[self.wang].done_count, rows[self.wang].quota), (2, 4))
        self.assertEqual(rows[self.wang].progress, 50.0)
        self.assertEqual(rows[self.wang].shortfall, 2)
        self.assertEqual(
            (
                rows[self.zhao].done_count,
                rows[self.zhao].quota,
                rows[self.zhao].shortfall,
            ),
            (3, 2, 0),
        )
        department = rows[self.boss.browse()]
        self.assertEqual(
            (department.scope, department.done_count, department.quota),
            ("department", 1, 10),
        )
        self.assertEqual(department.progress, 10.0)
        # Opening the screen again counts anew, without new rows.
        self.done_visit(self.zhao, "2026-11-25 05:00:00")
        with freeze_time("2026-11-25 06:00:00"):
            self.Quota.with_user(self.wang).with_company(
                self.company2
            ).action_open_this_month()
        rows = self.rows(date(2026, 11, 1))
        self.assertEqual(len(rows), 3)
        self.assertEqual(rows[self.zhao].done_count, 4)

    def test_a_flagged_user_gets_a_quota(self):
        clerk = new_test_user(
            self.env,
            login="hpi_q_clerk",
            company_id=self.company2.id,
            company_ids=[(6, 0, self.company2.ids)],
        )
        self.assertNotIn(clerk, self.env["res.users"]._visit_quota_users(self.company2))
        clerk.visit_quota_member = True
        self.assertIn(clerk, self.env["res.users"]._visit_quota_users(self.company2))

    def test_quota_rows_are_written_by_the_server_only(self):
        with freeze_time("2026-11-25 04:00:00"):
            self.Quota.with_company(self.company2)._refresh(
                self.company2, date(2026, 11, 1)
            )
        row = self.rows(date(2026, 11, 1))[self.wang]
        for user in (self.wang, self.boss):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                row.with_user(user).write({"done_count": 99})
            with self.assertRaises(AccessError):
                self.Quota.with_user(user).create(
                    {
                        "company_id": self.company2.id,
                        "month": "2026-12-01",
                        "scope": "department",
                        "alert_sent": True,
                    }
                )

    def test_the_month_end_alert_tells_the_managers_once(self):
        self.company2.write({"visit_person_quota": 3, "visit_department_quota": 5})
        for day in ("2026-11-03", "2026-11-04", "2026-11-05"):
            self.done_visit(self.wang, f"{day} 03:00:00")
        self.done_visit(self.zhao, "2026-11-06 03:00:00")
        for day in ("2026-11-07", "2026-11-08", "2026-11-09", "2026-11-10"):
            self.done_visit(self.boss, f"{day} 03:00:00")
        activity_type = self.env.ref(
            "helpdesk_property_info.mail_activity_visit_quota_short"
        )

        def alerts():
            return self.env["mail.activity"].search(
                [
                    ("activity_type_id", "=", activity_type.id),
                    ("user_id", "=", self.boss.id),
                ]
            )

        # 23:30 on 30 November in Shanghai: November is not over.
        with freeze_time("2026-11-30 15:30:00"):
            self.Quota._cron_alert_month_end()
        self.assertFalse(alerts())
        self.assertFalse(self.rows(date(2026, 11, 1)))
        # 00:30 on 1 December in Shanghai.
        with freeze_time("2026-11-30 16:30:00"):
            self.Quota._cron_alert_month_end()
        alert = alerts()
        self.assertEqual(len(alert), 1)
        self.assertIn("hpi_q_zhao", alert.note)
        self.assertIn("1 of 3 visits, 2 short", alert.note)
        self.assertIn("Department: 4 of 5 visits, 1 short", alert.note)
        self.assertNotIn("hpi_q_wang", alert.note)
        rows = self.rows(date(2026, 11, 1))
        self.assertTrue(rows[self.boss.browse()].alert_sent)
        self.assertEqual(rows[self.zhao].shortfall, 2)
        with freeze_time("2026-12-01 10:00:00"):
            self.Quota._cron_alert_month_end()
        self.assertEqual(alerts(), alert, "once per closed month")

    def test_a_month_on_quota_sends_no_alert(self):
        self.company2.write({"visit_person_quota": 1, "visit_department_quota": 2})
        self.done_visit(self.wang, "2026-11-03 03:00:00")
        self.done_visit(self.zhao, "2026-11-04 03:00:00")
        self.done_visit(self.boss, "2026-11-05 03:00:00")
        self.done_visit(self.boss, "2026-11-06 03:00:00")
        with freeze_time("2026-12-01 01:00:00"):
            self.Quota._cron_alert_month_end()
        self.assertFalse(
            self.env["mail.activity"].search(
                [
                    (
                        "activity_type_id",
                        "=",
                        self.env.ref(
                            "helpdesk_property_info.mail_activity_visit_quota_short"
                        ).id,
                    ),
                    ("user_id", "=", self.boss.id),
                ]
            )
        )
        self.assertTrue(self.rows(date(2026, 11, 1))[self.boss.browse()].alert_sent)
