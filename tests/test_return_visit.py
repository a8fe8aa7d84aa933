from datetime import date

from odoo.exceptions import UserError
from odoo.tests import freeze_time

from .common import PropertyInfoCase


@freeze_time("2026-03-02 03:00:00")
class TestReturnVisit(PropertyInfoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cs_team.user_id = cls.manager
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")

    def visit_activities(self, ticket):
        kind = self.env.ref("helpdesk_property_info.mail_activity_return_visit")
        return ticket.activity_ids.filtered(lambda a: a.activity_type_id == kind)

    def test_closing_schedules_a_return_visit_for_customer_service_within_a_day(self):
        ticket = self.Ticket.create(self.phone_vals(team_id=self.department.id))
        self.assertFalse(self.visit_activities(ticket))
        ticket.stage_id = self.done
        visit = self.visit_activities(ticket)
        self.assertEqual(visit.user_id, self.manager)
        self.assertEqual(visit.date_deadline, date(2026, 3, 3))

    def test_recording_the_visit(self):
        ticket = self.Ticket.create(self.phone_vals())
        ticket.stage_id = self.done
        ticket.with_user(self.agent).action_record_return_visit(
            "yes", "5", "Very quick repair"
        )
        self.assertRecordValues(
            ticket,
            [
                {
                    "return_visit_solved": "yes",
                    "return_visit_satisfaction": "5",
                    "return_visit_opinion": "Very quick repair",
                    "return_visit_user_id": self.agent.id,
                    "return_visit_score": 5,
                    "return_visit_rate": 100,
                }
            ],
        )
        self.assertFalse(self.visit_activities(ticket))

    def test_an_open_ticket_cannot_be_visited_and_answers_are_checked(self):
        ticket = self.Ticket.create(self.phone_vals())
        with self.assertRaises(UserError):
            ticket.action_record_return_visit("yes", "4")
        ticket.stage_id = self.done
        with self.assertRaises(UserError):
            ticket.action_record_return_visit("maybe", "9")

    def test_return_visit_rate_and_satisfaction_are_reportable(self):
        tickets = self.Ticket.create([self.phone_vals(contact_phone="13700000009")] * 4)
        tickets.write({"stage_id": self.done.id})
        tickets[0].action_record_return_visit("yes", "5")
        tickets[1].action_record_return_visit("no", "2")
        self.Ticket.create(self.phone_vals(contact_phone="13700000009"))  # still open
        domain = [("contact_phone", "=", "+8613700000009")]
        [(rate,)] = self.Ticket._read_group(
            domain + [("closed", "=", True)], [], ["return_visit_rate:avg"]
        )
        [(score,)] = self.Ticket._read_group(
            domain + [("return_visit_date", "!=", False)],
            [],
            ["return_visit_score:avg"],
        )
        self.assertEqual(rate, 50)
        self.assertEqual(score, 3.5)
