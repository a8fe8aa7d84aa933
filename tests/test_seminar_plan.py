from datetime import datetime

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import PropertyInfoCase


class TestSeminarPlan(PropertyInfoCase):
    """The year's owners' seminar plan (seed 003 沟通计划): approved by a
    company leader, its seminars held as calendar events."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = cls.env["res.partner"].create({"name": "Owner Zhao"})
        cls.community = cls.env["helpdesk.info.community"].create(
            {"name": "Xianghe Garden"}
        )
        cls.Plan = cls.env["helpdesk.info.seminar.plan"]

    def plan(self, user=None):
        return self.Plan.with_user(user or self.agent).create(
            {
                "year": 2031,
                "seminar_ids": [
                    (
                        0,
                        0,
                        {
                            "topic": "Fees and the year's service plan",
                            "date_start": "2031-03-21 07:00:00",
                            "place": "Management office meeting room",
                            "community_id": self.community.id,
                            "partner_ids": [(6, 0, self.owner.ids)],
                            "user_ids": [(6, 0, self.agent.ids)],
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "topic": "Survey results and corrective actions",
                            "date_start": "2031-06-20 07:00:00",
                            "duration": 1.5,
                            "place": "Clubhouse",
                        },
                    ),
                ],
            }
        )

    def approved(self):
        plan = self.plan()
        plan.with_user(self.agent).action_submit()
        plan.with_user(self.leader).validate_tier()
        return plan

    def test_a_leader_approves_and_the_seminars_are_held_as_events(self):
        plan = self.plan()
        self.assertIn("2031", plan.name)
        plan.with_user(self.agent).action_submit()
        self.assertEqual(plan.state, "submitted")
        self.assertFalse(plan.seminar_ids.event_id)
        for user in (self.agent, self.manager):
            with (
                self.subTest(user=user.login),
                self.assertRaises(UserError),
                self.env.cr.savepoint(),
            ):
                plan.with_user(user).validate_tier()
        plan.with_user(self.leader).validate_tier()
        self.assertRecordValues(
            plan, [{"state": "approved", "approved_by_id": self.leader.id}]
        )
        first, second = plan.seminar_ids.sorted("date_start")
        self.assertRecordValues(
            first.event_id,
            [
                {
                    "start": datetime(2031, 3, 21, 7, 0),
                    "stop": datetime(2031, 3, 21, 9, 0),
                    "location": "Management office meeting room",
                }
            ],
        )
        self.assertIn("Fees", first.event_id.name)
        self.assertEqual(first.event_id.partner_ids, self.owner | self.agent.partner_id)
        self.assertEqual(second.event_id.stop, datetime(2031, 6, 20, 8, 30))

    def test_a_plan_under_approval_does_not_change(self):
        plan = self.plan()
        plan.with_user(self.agent).action_submit()
        with self.assertRaises(UserError), self.env.cr.savepoint():
            plan.seminar_ids[0].with_user(self.agent).place = "Elsewhere"
        with self.assertRaises(UserError), self.env.cr.savepoint():
            plan.with_user(self.agent).note = "<p>Changed</p>"
        with self.assertRaises(UserError), self.env.cr.savepoint():
            plan.seminar_ids[0].with_user(self.agent).unlink()
        self.assertEqual(plan.seminar_ids[0].place, "Management office meeting room")

    def test_changing_an_approved_plan_sends_it_back_and_events_follow_the_new_approval(
        self,
    ):
        plan = self.approved()
        seminar = plan.seminar_ids.sorted("date_start")[0]
        event = seminar.event_id
        seminar.with_user(self.agent).write(
            {"place": "Clubhouse", "date_start": "2031-03-28 07:00:00"}
        )
        self.assertEqual(plan.state, "submitted")
        self.assertEqual(plan.review_ids.mapped("status"), ["pending"])
        # The calendar keeps the approved plan until the change is approved.
        self.assertEqual(event.location, "Management office meeting room")
        plan.with_user(self.leader).validate_tier()
        self.assertEqual(plan.state, "approved")
        self.assertEqual(seminar.event_id, event)
        self.assertRecordValues(
            event, [{"location": "Clubhouse", "start": datetime(2031, 3, 28, 7, 0)}]
        )
        # A seminar added or removed also goes back for approval.
        other = plan.seminar_ids.sorted("date_start")[1]
        other_event = other.event_id
        other.with_user(self.agent).unlink()
        self.assertFalse(other_event.exists())
        self.assertEqual(plan.state, "submitted")

    def test_a_seminars_event_moves_with_its_plan_only(self):
        plan = self.approved()
        seminar = plan.seminar_ids.sorted("date_start")[0]
        event = seminar.event_id
        for user in (self.agent, self.manager):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(UserError, "owners' seminar's event"),
                self.env.cr.savepoint(),
            ):
                event.with_user(user).write(
                    {
                        "start": "2031-05-20 07:00:00",
                        "stop": "2031-05-20 09:00:00",
                    }
                )
        self.assertEqual(event.start, datetime(2031, 3, 21, 7, 0))
        self.assertEqual(plan.state, "approved")
        # What the seminar does not give its event still changes.
        event.with_user(self.agent).description = "<p>Bring the fee table.</p>"
        # A seminar stays in its plan.
        other = self.Plan.with_user(self.agent).create({"year": 2032})
        with self.assertRaisesRegex(UserError, "Seminar Plan no longer change"):
            seminar.with_user(self.agent).plan_id = other

    def test_the_event_and_the_state_are_written_by_the_plan_only(self):
        plan = self.plan()
        with self.assertRaises(AccessError):
            plan.with_user(self.agent).write({"state": "approved"})
        with self.assertRaises(AccessError):
            self.Plan.with_user(self.agent).with_context(
                default_state="approved"
            ).create({"year": 2032})
        event = self.env["calendar.event"].create(
            {
                "name": "Forged",
                "start": "2031-03-01 01:00:00",
                "stop": "2031-03-01 02:00:00",
            }
        )
        with self.assertRaises(AccessError):
            plan.seminar_ids[0].with_user(self.agent).write({"event_id": event.id})

    def test_a_seminar_is_held_in_the_year_of_its_plan(self):
        plan = self.plan()
        with self.assertRaises(ValidationError):
            plan.seminar_ids[0].with_user(self.agent).date_start = "2032-01-10 02:00:00"

    def test_a_plan_without_seminar_is_not_submitted(self):
        plan = self.Plan.with_user(self.agent).create({"year": 2032})
        with self.assertRaises(UserError):
            plan.with_user(self.agent).action_submit()
        self.assertEqual(plan.state, "draft")

    def test_a_seminar_changed_from_the_plan_form_sends_it_back(self):
        plan = self.approved()
        seminar = plan.seminar_ids.sorted("date_start")[0]
        plan.with_user(self.agent).write(
            {"seminar_ids": [(1, seminar.id, {"place": "Clubhouse"})]}
        )
        self.assertEqual(plan.state, "submitted")
        plan.with_user(self.leader).validate_tier()
        self.assertEqual(seminar.event_id.location, "Clubhouse")
        plan.with_user(self.agent).note = "<p>Tea for the owners.</p>"
        self.assertEqual(plan.state, "submitted")
