from datetime import date, datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import Form, freeze_time, new_test_user

from .common import PropertyInfoCase

MORNING = "2026-01-05 01:00:00"  # 09:00 in Shanghai, Monday 5 January


class PatrolCase(PropertyInfoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.reception_tz = "Asia/Shanghai"
        cls.Patrol = cls.env["helpdesk.info.patrol"]
        cls.agent2 = new_test_user(
            cls.env,
            login="hpi_agent2",
            groups="helpdesk_property_info.group_cs_agent",
            company_id=cls.company.id,
        )
        # The management office's leader walks the patrols the scheduled
        # action creates.
        cls.office = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Harmony Garden Office",
                "user_id": cls.agent.id,
                "user_ids": [Command.link(cls.agent.id)],
            }
        )
        cls.community = cls.env["helpdesk.info.community"].create(
            {"name": "Harmony Garden", "team_id": cls.office.id}
        )
        cls.building_1 = cls.env["helpdesk.info.building"].create(
            {
                "community_id": cls.community.id,
                "code": "1",
                "name": "Building 1",
                "floor_count": 6,
            }
        )
        cls.building_3 = cls.env["helpdesk.info.building"].create(
            {
                "community_id": cls.community.id,
                "code": "3",
                "name": "Building 3",
                "floor_count": 10,
            }
        )
        cls.unit = cls.env["helpdesk.info.unit"].create(
            {"building_id": cls.building_1.id, "room": "501"}
        )
        cls.items = cls.env["helpdesk.info.patrol.item"].search([])
        cls.lighting = cls.env.ref("helpdesk_property_info.patrol_item_lighting")
        # Other communities of the demo data have their own patrols: the tests
        # look at theirs only.
        cls.env["helpdesk.info.community"].search(
            [("id", "!=", cls.community.id)]
        ).active = False

    def started_patrol(self, user=None):
        user = user or self.agent
        patrol = self.Patrol.with_user(user).create({"community_id": self.community.id})
        patrol.action_start()
        return patrol

    def floor(self, patrol, building, number):
        return patrol.floor_ids.filtered(
            lambda f: f.building_id == building and f.floor == number
        )

    def check_floors(self, patrol, count, problem=False):
        """Answer the open items of ``count`` floors as in order, as the
        inspector does from the form (one2many commands)."""
        floors = patrol.floor_ids[:count]
        for line in floors:
            line.with_user(patrol.user_id).write(
                {
                    "check_ids": [
                        Command.update(check.id, {"result": "ok"})
                        for check in line.check_ids
                        if not check.result
                    ]
                }
            )
        return floors

    def floor_of(self, patrol, building):
        """A floor of ``building`` on the patrol, added if none was drawn."""
        lines = patrol.floor_ids.filtered(lambda f: f.building_id == building)
        if lines:
            return lines[0]
        number = next(
            n for n in building._floors() if not self.floor(patrol, building, n)
        )
        return (
            self.env["helpdesk.info.patrol.floor"]
            .with_user(patrol.user_id)
            .create(
                {"patrol_id": patrol.id, "building_id": building.id, "floor": number}
            )
        )

    def record_problem(self, patrol, user=None, note="Corridor light out", line=None):
        line = line or patrol.floor_ids[0]
        check = line.check_ids.filtered(lambda c: c.item_id == self.lighting)
        line.with_user(user or patrol.user_id).write(
            {
                "check_ids": [
                    Command.update(check.id, {"result": "problem", "note": note})
                ]
            }
        )
        return check


class TestPatrolDay(PatrolCase):
    def test_daily_cron_gives_each_community_one_patrol_with_five_random_floors(self):
        with freeze_time(MORNING):
            self.Patrol._cron_daily_patrols()
            self.Patrol._cron_daily_patrols()
        patrols = self.Patrol.search([("community_id", "=", self.community.id)])
        self.assertEqual(len(patrols), 1)
        self.assertEqual(patrols.date, date(2026, 1, 5))
        self.assertEqual(patrols.state, "draft")
        self.assertEqual(patrols.user_id, self.agent)
        self.assertEqual(len(patrols.floor_ids), 5)
        pairs = {(f.building_id, f.floor) for f in patrols.floor_ids}
        self.assertEqual(len(pairs), 5)
        for building, number in pairs:
            self.assertIn(number, building._floors())
        self.assertEqual(patrols.floor_ids[0].check_ids.item_id, self.items)

    def test_the_local_day_counts_not_the_utc_one(self):
        # 16:30 UTC on the 5th is already the 6th in Shanghai.
        with freeze_time("2026-01-05 16:30:00"):
            self.Patrol._cron_daily_patrols()
        self.assertEqual(
            self.Patrol.search([("community_id", "=", self.community.id)]).date,
            date(2026, 1, 6),
        )

    def test_floor_count_is_configured_on_the_company(self):
        self.company.patrol_floor_count = 7
        with freeze_time(MORNING):
            self.Patrol._cron_daily_patrols()
        patrol = self.Patrol.search([("community_id", "=", self.community.id)])
        self.assertEqual(len(patrol.floor_ids), 7)
        self.assertEqual(patrol.required_floor_count, 7)

    def test_a_day_ended_without_a_patrol_done_alerts_the_managers_once(self):
        with freeze_time("2026-01-04 01:00:00"):
            self.Patrol._cron_daily_patrols()  # Sunday's patrol, never walked
        with freeze_time(MORNING):
            self.Patrol._cron_daily_patrols()
            self.Patrol._cron_daily_patrols()
        today = self.Patrol.search(
            [("community_id", "=", self.community.id), ("date", "=", "2026-01-05")]
        )
        missed = self.env.ref("helpdesk_property_info.mail_activity_patrol_missed")
        alerts = today.activity_ids.filtered(lambda a: a.activity_type_id == missed)
        self.assertIn(self.manager, alerts.user_id)
        self.assertNotIn(self.agent, alerts.user_id)
        self.assertEqual(len(alerts.filtered(lambda a: a.user_id == self.manager)), 1)
        self.assertIn("2026-01-04", alerts[0].summary)

    def test_a_day_with_a_patrol_done_is_not_alerted(self):
        with freeze_time("2026-01-04 01:00:00"):
            patrol = self.started_patrol()
            self.check_floors(patrol, 5)
            patrol.with_user(self.agent).action_done()
        with freeze_time(MORNING):
            self.Patrol._cron_daily_patrols()
        today = self.Patrol.search(
            [("community_id", "=", self.community.id), ("date", "=", "2026-01-05")]
        )
        self.assertTrue(today)
        self.assertFalse(today.activity_ids)


class TestPatrolWalk(PatrolCase):
    def test_starting_takes_an_unassigned_patrol_and_proposes_floors(self):
        with freeze_time(MORNING):
            patrol = self.Patrol.with_user(self.manager).create(
                {"community_id": self.community.id, "user_id": False}
            )
            patrol.with_user(self.agent).action_start()
        self.assertEqual(patrol.user_id, self.agent)
        self.assertEqual(patrol.state, "in_progress")
        self.assertEqual(patrol.started_at, datetime(2026, 1, 5, 1, 0))
        self.assertEqual(len(patrol.floor_ids), 5)

    def test_an_agent_neither_starts_nor_sees_another_agents_patrol(self):
        patrol = self.Patrol.with_user(self.manager).create(
            {"community_id": self.community.id, "user_id": self.agent2.id}
        )
        self.assertFalse(
            self.Patrol.with_user(self.agent).search([("id", "=", patrol.id)])
        )
        with self.assertRaises(AccessError):
            patrol.with_user(self.agent).action_start()
        self.assertEqual(patrol.state, "draft")
        self.assertTrue(
            self.Patrol.with_user(self.manager).search([("id", "=", patrol.id)])
        )

    def test_another_companys_patrols_stay_out_of_sight(self):
        other = self.env["res.company"].create({"name": "Other Property Co"})
        community = self.env["helpdesk.info.community"].create(
            {"name": "Elsewhere", "company_id": other.id}
        )
        self.manager.company_ids = [Command.link(other.id)]
        patrol = self.Patrol.sudo().create(
            {"community_id": community.id, "user_id": False}
        )
        self.assertEqual(patrol.company_id, other)
        # The agent does not work for the other company; the manager sees it
        # only with that company selected.
        self.assertFalse(
            self.Patrol.with_user(self.agent).search([("id", "=", patrol.id)])
        )
        current = self.Patrol.with_user(self.manager).with_context(
            allowed_company_ids=[self.company.id]
        )
        self.assertFalse(current.search([("id", "=", patrol.id)]))
        allowed = self.Patrol.with_user(self.manager).with_context(
            allowed_company_ids=[other.id]
        )
        self.assertEqual(allowed.search([("id", "=", patrol.id)]), patrol)

    def test_completion_needs_five_floors_fully_checked(self):
        patrol = self.started_patrol()
        self.check_floors(patrol, 4)
        with self.assertRaisesRegex(UserError, "4 of the 5 floors"):
            patrol.with_user(self.agent).action_done()
        self.assertEqual(patrol.state, "in_progress")
        self.check_floors(patrol, 5)
        with freeze_time("2026-01-05 02:00:00"):
            patrol.with_user(self.agent).action_done()
        self.assertEqual(patrol.state, "done")
        self.assertEqual(patrol.finished_at, datetime(2026, 1, 5, 2, 0))

    def test_a_floor_outside_its_building_is_refused(self):
        patrol = self.started_patrol()
        with self.assertRaisesRegex(ValidationError, "no floor 7"):
            self.env["helpdesk.info.patrol.floor"].with_user(self.agent).create(
                {"patrol_id": patrol.id, "building_id": self.building_1.id, "floor": 7}
            )

    def test_checklist_is_answered_only_while_the_patrol_is_under_way(self):
        patrol = self.Patrol.with_user(self.agent).create(
            {"community_id": self.community.id}
        )
        patrol.action_propose_floors()
        with self.assertRaisesRegex(UserError, "under way"):
            self.check_floors(patrol, 1)
        patrol.action_start()
        self.check_floors(patrol, 5)
        patrol.action_done()
        with self.assertRaisesRegex(UserError, "under way"):
            patrol.floor_ids[0].check_ids[0].with_user(self.agent).result = "problem"
        building, number = next(
            (building, number)
            for building in (self.building_1, self.building_3)
            for number in building._floors()
            if not self.floor(patrol, building, number)
        )
        with self.assertRaisesRegex(UserError, "keeps its floors"):
            self.env["helpdesk.info.patrol.floor"].with_user(self.agent).create(
                {"patrol_id": patrol.id, "building_id": building.id, "floor": number}
            )

    def test_only_a_manager_removes_a_floor_drawn_at_random(self):
        patrol = self.started_patrol()
        drawn = patrol.floor_ids[0]
        self.assertTrue(drawn.drawn)
        with self.assertRaisesRegex(UserError, "drawn at random"):
            drawn.with_user(self.agent).unlink()
        added = (
            self.env["helpdesk.info.patrol.floor"]
            .with_user(self.agent)
            .create(
                next(
                    {
                        "patrol_id": patrol.id,
                        "building_id": building.id,
                        "floor": number,
                    }
                    for building in (self.building_1, self.building_3)
                    for number in building._floors()
                    if not self.floor(patrol, building, number)
                )
            )
        )
        self.assertFalse(added.drawn)
        added.with_user(self.agent).unlink()
        drawn.with_user(self.manager).unlink()
        self.assertFalse(drawn.exists())

    def test_rest_in_order_answers_the_remaining_items(self):
        patrol = self.started_patrol()
        check = self.record_problem(patrol)
        patrol.floor_ids[0].with_user(self.agent).action_mark_rest_in_order()
        self.assertTrue(patrol.floor_ids[0].checked)
        self.assertEqual(check.result, "problem")


class TestPatrolFindings(PatrolCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("helpdesk_property_info.ir_cron_watch_patrol_findings")

    def run_watcher(self, at):
        with freeze_time(at), self.enter_registry_test_mode():
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def late_alerts(self, patrol):
        kind = self.env.ref("helpdesk_property_info.mail_activity_patrol_finding_late")
        return patrol.activity_ids.filtered(lambda a: a.activity_type_id == kind)

    def test_the_server_dates_a_problem_and_watches_it_for_thirty_minutes(self):
        with freeze_time(MORNING):
            patrol = self.started_patrol()
        with freeze_time("2026-01-05 02:00:00"):
            check = self.record_problem(patrol)
        self.assertEqual(check.found_at, datetime(2026, 1, 5, 2, 0))
        self.assertEqual(check.ticket_deadline, datetime(2026, 1, 5, 2, 30))
        triggers = (
            self.env["ir.cron.trigger"]
            .search([("cron_id", "=", self.cron.id)])
            .mapped("call_at")
        )
        self.assertIn(datetime(2026, 1, 5, 2, 30), triggers)
        self.run_watcher("2026-01-05 02:29:30")
        self.assertFalse(self.late_alerts(patrol))
        self.run_watcher("2026-01-05 02:30:00")
        alerts = self.late_alerts(patrol)
        self.assertIn(self.agent, alerts.user_id)
        self.assertIn(self.manager, alerts.user_id)
        self.assertTrue(check.ticket_late_alerted)
        self.run_watcher("2026-01-05 03:30:00")
        self.assertEqual(self.late_alerts(patrol), alerts)

    def test_setting_a_problem_back_in_order_and_again_gains_no_time(self):
        with freeze_time("2026-01-05 02:00:00"):
            patrol = self.started_patrol()
            check = self.record_problem(patrol)
        with freeze_time("2026-01-05 02:20:00"):
            check.with_user(self.agent).result = "ok"
            self.assertFalse(check.ticket_next_check)
            check.with_user(self.agent).result = "problem"
        self.assertEqual(check.found_at, datetime(2026, 1, 5, 2, 0))
        self.assertEqual(check.ticket_next_check, datetime(2026, 1, 5, 2, 30))

    def test_a_problem_fixed_on_the_spot_needs_no_ticket_but_a_note(self):
        with freeze_time("2026-01-05 02:00:00"):
            patrol = self.started_patrol()
            check = patrol.floor_ids[0].check_ids[:1]
            with self.assertRaisesRegex(UserError, "say in the note what was done"):
                check.with_user(self.agent).result = "fixed"
            check.with_user(self.agent).write(
                {"result": "fixed", "note": "Re-seated the loose fire-door closer."}
            )
        self.assertFalse(check.ticket_next_check)
        with self.assertRaisesRegex(UserError, "say in the note what was done"):
            check.with_user(self.agent).note = ""
        self.run_watcher("2026-01-05 02:30:00")
        self.assertFalse(self.late_alerts(patrol))
        with self.assertRaisesRegex(UserError, "Only a problem found becomes a ticket"):
            check.with_user(self.agent).action_create_ticket()
        self.check_floors(patrol, 5)
        patrol.with_user(self.agent).action_done()
        self.assertEqual(patrol.state, "done")

    def test_a_ticket_within_thirty_minutes_is_on_time_and_never_alerted(self):
        with freeze_time("2026-01-05 02:00:00"):
            patrol = self.started_patrol()
            check = self.record_problem(
                patrol, line=self.floor_of(patrol, self.building_1)
            )
            check.with_user(self.agent).unit_id = self.unit
        with freeze_time("2026-01-05 02:25:00"):
            check.with_user(self.agent).action_create_ticket()
        ticket = check.ticket_id
        self.assertTrue(ticket)
        self.assertEqual(ticket.patrol_check_id, check)
        self.assertFalse(ticket.patrol_ticket_late)
        self.assertFalse(check.ticket_late)
        self.assertEqual(
            ticket.channel_id,
            self.env.ref("helpdesk_property_info.channel_daily_patrol"),
        )
        self.assertEqual(ticket.unit_id, self.unit)
        self.assertEqual(ticket.team_id, self.office)
        self.assertEqual(ticket.info_origin, "company")
        self.assertIn("Corridor light out", ticket.description)
        self.assertIn("Building 1", ticket.name)
        self.assertFalse(check.ticket_next_check)
        self.run_watcher("2026-01-05 02:30:00")
        self.assertFalse(self.late_alerts(patrol))
        # A second click opens the same ticket.
        self.assertEqual(
            check.with_user(self.agent).action_create_ticket()["res_id"], ticket.id
        )
        with self.assertRaisesRegex(UserError, "passed on as a ticket"):
            check.with_user(self.agent).result = "ok"

    def test_a_ticket_after_thirty_minutes_records_that_it_was_late(self):
        with freeze_time("2026-01-05 02:00:00"):
            patrol = self.started_patrol()
            check = self.record_problem(patrol)
        with freeze_time("2026-01-05 02:31:00"):
            check.with_user(self.agent).action_create_ticket()
        self.assertTrue(check.ticket_id.patrol_ticket_late)
        self.assertTrue(check.ticket_late)

    def test_completion_needs_a_ticket_for_every_problem(self):
        patrol = self.started_patrol()
        check = self.record_problem(patrol)
        self.check_floors(patrol, 5)
        self.assertEqual(check.result, "problem")
        with self.assertRaisesRegex(UserError, "1 problems found have no ticket"):
            patrol.with_user(self.agent).action_done()
        check.with_user(self.agent).action_create_ticket()
        patrol.with_user(self.agent).action_done()
        self.assertEqual(patrol.state, "done")

    def test_an_idle_watcher_run_costs_one_query(self):
        with freeze_time("2026-01-05 02:00:00"):
            patrol = self.started_patrol()
            self.record_problem(patrol)
        self.env.flush_all()
        queries = []
        with freeze_time("2026-01-05 02:10:00"):
            for _ in self._patchExecute(queries):
                self.env["helpdesk.info.patrol.check"]._cron_watch_patrol_findings()
        self.assertEqual(len(queries), 1, queries)


class TestPatrolVerification(PatrolCase):
    def walk_with_problem(self, day):
        with freeze_time(f"{day} 01:00:00"):
            patrol = self.started_patrol()
            check = self.record_problem(patrol)
            # Rest in Order keeps the problem: only the items left empty
            # become in order.
            for line in patrol.floor_ids:
                line.with_user(self.agent).action_mark_rest_in_order()
            check.with_user(self.agent).action_create_ticket()
            patrol.with_user(self.agent).action_done()
        return patrol, check

    def test_the_next_days_patrol_verifies_the_problem(self):
        patrol, check = self.walk_with_problem("2026-01-05")
        with freeze_time("2026-01-06 01:00:00"):
            self.Patrol._cron_daily_patrols()
        next_day = self.Patrol.search(
            [("community_id", "=", self.community.id), ("date", "=", "2026-01-06")]
        )
        self.assertEqual(next_day.verification_ids.check_id, check)
        self.assertEqual(next_day.verification_ids.ticket_id, check.ticket_id)
        with freeze_time("2026-01-06 01:30:00"):
            next_day.with_user(self.agent).action_start()
            for line in next_day.floor_ids:
                line.with_user(self.agent).action_mark_rest_in_order()
            with self.assertRaisesRegex(UserError, "not verified yet"):
                next_day.with_user(self.agent).action_done()
            next_day.verification_ids.with_user(self.agent).result = "open"
            next_day.with_user(self.agent).action_done()
        self.assertFalse(check.verified)
        # Still open: it comes back the day after, and is fixed then.
        with freeze_time("2026-01-07 01:00:00"):
            self.Patrol._cron_daily_patrols()
        third = self.Patrol.search(
            [("community_id", "=", self.community.id), ("date", "=", "2026-01-07")]
        )
        self.assertEqual(third.verification_ids.check_id, check)
        with freeze_time("2026-01-07 01:30:00"):
            third.with_user(self.agent).action_start()
            for line in third.floor_ids:
                line.with_user(self.agent).action_mark_rest_in_order()
            third.verification_ids.with_user(self.agent).result = "fixed"
            third.with_user(self.agent).action_done()
        self.assertTrue(check.verified)
        self.assertEqual(check.verified_patrol_id, third)
        with freeze_time("2026-01-08 01:00:00"):
            self.Patrol._cron_daily_patrols()
        fourth = self.Patrol.search(
            [("community_id", "=", self.community.id), ("date", "=", "2026-01-08")]
        )
        self.assertFalse(fourth.verification_ids)

    def test_a_verification_is_answered_only_on_a_patrol_under_way(self):
        _patrol, _check = self.walk_with_problem("2026-01-05")
        with freeze_time("2026-01-06 01:00:00"):
            self.Patrol._cron_daily_patrols()
        next_day = self.Patrol.search(
            [("community_id", "=", self.community.id), ("date", "=", "2026-01-06")]
        )
        with self.assertRaisesRegex(UserError, "under way"):
            next_day.verification_ids.with_user(self.manager).result = "fixed"


class TestPatrolForm(PatrolCase):
    """The patrol's form shows what its completion checks, as soon as a
    floor's sheet changes, before the patrol is saved."""

    def test_the_form_shows_a_problem_as_soon_as_a_floor_records_it(self):
        patrol = self.started_patrol()
        form = Form(patrol.with_user(self.agent))
        self.assertEqual(
            (form.finding_count, form.finding_without_ticket_count), (0, 0)
        )
        with form.floor_ids.edit(0) as floor:
            for index, check in enumerate(patrol.floor_ids[0].check_ids):
                with floor.check_ids.edit(index) as line:
                    if check.item_id == self.lighting:
                        line.result = "problem"
                        line.note = "Corridor light out"
                    else:
                        line.result = "ok"
        self.assertEqual(form.checked_floor_count, 1)
        self.assertEqual(
            (form.finding_count, form.finding_without_ticket_count), (1, 1)
        )
        self.assertEqual(len(form.finding_ids), 1)
        check = patrol.floor_ids[0].check_ids.filtered(
            lambda c: c.item_id == self.lighting
        )
        self.assertEqual(form.finding_ids.ids, check.ids)
        form.save()
        self.assertEqual(patrol.finding_ids, check)
        # Over the ORM: the counts follow the floor's checks.
        without_ticket = [("finding_ids", "any", [("ticket_id", "=", False)])]
        self.assertIn(patrol, self.Patrol.search(without_ticket))
        check.with_user(self.agent).result = "ok"
        self.assertEqual(
            (patrol.finding_count, patrol.finding_without_ticket_count), (0, 0)
        )
        self.assertFalse(patrol.finding_ids)
        self.assertNotIn(patrol, self.Patrol.search(without_ticket))
        self.record_problem(patrol)
        check.with_user(self.agent).action_create_ticket()
        self.assertEqual(
            (patrol.finding_count, patrol.finding_without_ticket_count), (1, 0)
        )
        self.assertNotIn(patrol, self.Patrol.search(without_ticket))

    def test_the_refusal_names_the_floors_and_items_concerned(self):
        patrol = self.started_patrol()
        self.check_floors(patrol, 5)
        first = patrol.floor_ids[0]
        self.record_problem(patrol, line=first)
        exits = first.check_ids.filtered(lambda c: c.item_id != self.lighting)[:1]
        exits.with_user(self.agent).write({"result": False})
        taken = {(line.building_id, line.floor) for line in patrol.floor_ids}
        building, number = next(
            (building, number)
            for building in (self.building_1, self.building_3)
            for number in building._floors()
            if (building, number) not in taken
        )
        extra = (
            self.env["helpdesk.info.patrol.floor"]
            .with_user(self.agent)
            .create(
                {"patrol_id": patrol.id, "building_id": building.id, "floor": number}
            )
        )
        with self.assertRaises(UserError) as refusal:
            patrol.with_user(self.agent).action_done()
        message = str(refusal.exception)
        self.assertIn(f"{first.display_name}: {exits.item_id.name}", message)
        self.assertIn(f"{extra.display_name}: none answered", message)
        self.assertIn(
            f"Lighting ({first.building_id.name}, floor {first.floor})", message
        )
