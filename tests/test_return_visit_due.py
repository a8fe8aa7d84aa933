from odoo.tests import freeze_time

from .common import DutyRosterMixin, PropertyInfoCase


@freeze_time("2026-03-02 03:00:00")
class TestReturnVisitDue(DutyRosterMixin, PropertyInfoCase):
    """Seed 001 §8: repairs, complaints, opinions and suggestions are visited
    after they are handled, inquiries and praise are not; the customer
    assistants (客户助理) make the visits, not the manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cs_team.user_id = cls.manager
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.kinds = {
            name: cls.env.ref(f"helpdesk_property_info.ticket_type_{name}")
            for name in ("repair", "complaint", "suggestion", "other", "inquiry")
        }
        cls.kinds["praise"] = cls.env.ref("helpdesk_property_info.ticket_type_praise")
        cls.community, cls.unit = cls.community_with_unit("Visit Garden", "VG")
        cls.desk = cls.env["res.users"].create(
            {
                "name": "Desk Assistant",
                "login": "hpi_visit_desk",
                "group_ids": [
                    (4, cls.env.ref("helpdesk_property_info.group_cs_agent").id)
                ],
            }
        )

    def visit_activity(self, ticket):
        kind = self.env.ref("helpdesk_property_info.mail_activity_return_visit")
        return ticket.activity_ids.filtered(lambda a: a.activity_type_id == kind)

    def closed_ticket(self, kind, user=None, **vals):
        ticket = self.Ticket.with_user(user or self.agent).create(
            self.phone_vals(type_id=self.kinds[kind].id, **vals)
        )
        self.approve_results(ticket)
        ticket.stage_id = self.done
        return ticket

    def test_inquiries_and_praise_are_not_visited(self):
        for kind in ("inquiry", "praise"):
            with self.subTest(kind=kind):
                ticket = self.closed_ticket(kind)
                self.assertFalse(self.visit_activity(ticket))
                self.assertFalse(ticket.return_visit_due_date)
                self.assertFalse(ticket.return_visit_state)

    def test_repairs_complaints_suggestions_and_opinions_are_visited(self):
        for kind in ("repair", "complaint", "suggestion", "other"):
            with self.subTest(kind=kind):
                ticket = self.closed_ticket(kind)
                self.assertTrue(self.visit_activity(ticket))
                self.assertEqual(ticket.return_visit_state, "pending")

    def test_the_assistant_who_recorded_the_ticket_visits(self):
        ticket = self.closed_ticket("repair")
        self.assertEqual(self.visit_activity(ticket).user_id, self.agent)

    def test_else_the_desk_on_duty_visits_and_else_the_department_leader(self):
        # Recorded by the manager, who is no customer assistant.
        ticket = self.closed_ticket("repair", user=self.manager, unit_id=self.unit.id)
        self.assertEqual(self.visit_activity(ticket).user_id, self.manager)
        self.put_on_duty(
            self.community,
            "2026-03-02 00:00:00",
            "2026-03-02 08:00:00",
            cs_desk=self.desk,
        )
        ticket = self.closed_ticket("repair", user=self.manager, unit_id=self.unit.id)
        self.assertEqual(self.visit_activity(ticket).user_id, self.desk)

    def test_the_rate_counts_the_kinds_that_are_visited(self):
        visited = self.closed_ticket("repair")
        visited.action_record_return_visit("yes", "5")
        self.closed_ticket("inquiry")
        self.closed_ticket("praise")
        domain = [
            ("id", "in", self.Ticket.search([("create_uid", "=", self.agent.id)]).ids),
            ("closed", "=", True),
            ("type_id.return_visit_required", "=", True),
        ]
        [(rate, count)] = self.Ticket._read_group(
            domain, [], ["return_visit_rate:avg", "__count"]
        )
        self.assertEqual((rate, count), (100, 1))

    def test_a_visit_can_still_be_scheduled_by_hand_after_an_inquiry(self):
        ticket = self.closed_ticket("inquiry")
        ticket.with_user(self.agent).action_schedule_return_visit(
            "2026-03-03", self.agent, "Asked twice about the lift"
        )
        self.assertEqual(self.visit_activity(ticket).user_id, self.agent)
        self.assertEqual(ticket.return_visit_state, "pending")
