from datetime import datetime

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import PropertyInfoCase

INTAKE = datetime(2026, 1, 5, 2, 0)  # Monday 10:00 in Shanghai


class TestDeadlineExtension(PropertyInfoCase):
    def request(self, ticket, new_deadline, user=None):
        return (
            self.env["helpdesk.ticket.deadline.extension"]
            .with_user(user or self.agent)
            .create(
                {
                    "ticket_id": ticket.id,
                    "deadline_type": "reply",
                    "new_deadline": new_deadline,
                    "reason": "Parts arrive on Thursday.",
                }
            )
        )

    def ticket(self, level):
        return self.Ticket.create(
            self.phone_vals(intake_date=INTAKE, level_id=level.id)
        )

    def test_an_extension_takes_effect_only_when_approved(self):
        ticket = self.ticket(self.level_general)
        original = ticket.reply_deadline
        request = self.request(ticket, datetime(2026, 1, 8, 2, 0))
        self.assertEqual(request.current_deadline, original)
        self.assertEqual(ticket.reply_deadline, original)
        request.with_user(self.manager).action_approve()
        self.assertEqual(request.state, "approved")
        self.assertEqual(ticket.reply_deadline, datetime(2026, 1, 8, 2, 0))
        self.assertIn("Deadline extension approved", ticket.message_ids[0].body)

    def test_only_the_levels_group_approves(self):
        general = self.request(
            self.ticket(self.level_general), datetime(2026, 1, 8, 2, 0)
        )
        for user in (self.agent, self.handler, self.leader):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                general.with_user(user).action_approve()
        major_ticket = self.ticket(self.level_major)
        major = self.request(major_ticket, datetime(2026, 1, 20, 2, 0))
        self.assertEqual(
            major.approver_group_id,
            self.env.ref("helpdesk_property_info.group_company_leader"),
        )
        with self.assertRaises(AccessError):
            major.with_user(self.manager).action_approve()
        major.with_user(self.leader).action_approve()
        self.assertEqual(major_ticket.reply_deadline, datetime(2026, 1, 20, 2, 0))

    def test_a_refused_extension_changes_nothing(self):
        ticket = self.ticket(self.level_general)
        original = ticket.reply_deadline
        request = self.request(ticket, datetime(2026, 1, 8, 2, 0))
        request.with_user(self.manager).action_refuse()
        self.assertEqual(ticket.reply_deadline, original)
        with self.assertRaises(UserError):
            request.with_user(self.manager).action_approve()

    def test_the_decision_cannot_be_written_directly(self):
        request = self.request(
            self.ticket(self.level_general), datetime(2026, 1, 8, 2, 0)
        )
        with self.assertRaises(UserError):
            request.with_user(self.manager).write({"state": "approved"})
        # A context an RPC caller can send does not open the door either.
        with self.assertRaises(UserError):
            request.with_user(self.manager).with_context(
                hpi_extension_decision=True
            ).write({"state": "approved"})
        self.assertEqual(request.state, "requested")

    def test_an_extension_must_move_the_deadline_later(self):
        ticket = self.ticket(self.level_general)
        with self.assertRaises(ValidationError):
            self.request(ticket, datetime(2026, 1, 5, 3, 0))

    def test_the_approver_group_cannot_be_chosen_by_the_requester(self):
        ticket = self.Ticket.create(
            self.phone_vals(
                intake_date=INTAKE,
                level_id=self.level_general.id,
                team_id=self.department.id,
            )
        )
        handler_group = self.env.ref("helpdesk_property_info.group_department_handler")
        Extension = self.env["helpdesk.ticket.deadline.extension"].with_user(
            self.handler
        )
        vals = {
            "ticket_id": ticket.id,
            "new_deadline": datetime(2026, 1, 8, 2, 0),
            "reason": "Parts arrive on Thursday.",
        }
        for forged in (
            {"approver_group_id": handler_group.id},
            {"state": "approved"},
            {"decided_by_id": self.handler.id},
        ):
            with self.subTest(forged=forged), self.assertRaises(AccessError):
                Extension.create(dict(vals, **forged))
        with self.assertRaises(AccessError):
            Extension.with_context(default_approver_group_id=handler_group.id).create(
                vals
            )
        request = Extension.create(vals)
        self.assertEqual(
            request.approver_group_id, self.level_general.extension_group_id
        )
        with self.assertRaises(AccessError):
            request.write({"approver_group_id": handler_group.id})
        with self.assertRaises(AccessError):
            ticket.with_user(self.handler).write(
                {
                    "extension_ids": [
                        (1, request.id, {"approver_group_id": handler_group.id})
                    ]
                }
            )
        with self.assertRaises(AccessError):
            request.action_approve()
        self.assertEqual(request.state, "requested")
        self.assertEqual(
            request.approver_group_id, self.level_general.extension_group_id
        )

    def test_nobody_decides_their_own_request(self):
        request = self.request(
            self.ticket(self.level_general),
            datetime(2026, 1, 8, 2, 0),
            user=self.manager,
        )
        with self.assertRaises(AccessError):
            request.with_user(self.manager).action_approve()
        self.assertEqual(request.state, "requested")

    def test_a_handler_sees_only_his_teams_requests(self):
        cs_request = self.request(
            self.ticket(self.level_general), datetime(2026, 1, 8, 2, 0)
        )
        own_ticket = self.Ticket.create(
            self.phone_vals(
                intake_date=INTAKE,
                level_id=self.level_general.id,
                team_id=self.department.id,
            )
        )
        own = self.request(own_ticket, datetime(2026, 1, 8, 2, 0), user=self.handler)
        Extension = self.env["helpdesk.ticket.deadline.extension"].with_user(
            self.handler
        )
        self.assertEqual(Extension.search([]), own)
        with self.assertRaises(AccessError):
            cs_request.with_user(self.handler).read(["reason"])
        with self.assertRaises(AccessError):
            self.request(
                self.ticket(self.level_general),
                datetime(2026, 1, 8, 2, 0),
                user=self.handler,
            )

    def test_a_pending_request_of_someone_else_cannot_be_rewritten(self):
        ticket = self.Ticket.create(
            self.phone_vals(
                intake_date=INTAKE,
                level_id=self.level_general.id,
                team_id=self.department.id,
            )
        )
        request = self.request(ticket, datetime(2026, 1, 8, 2, 0), user=self.agent)
        colleague = self.handler.copy({"login": "hpi_handler_2", "name": "Handler 2"})
        self.department.user_ids = [(4, colleague.id)]
        for user in (self.handler, colleague):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                request.with_user(user).write(
                    {"new_deadline": datetime(2026, 2, 1, 2, 0)}
                )
        self.assertEqual(request.new_deadline, datetime(2026, 1, 8, 2, 0))
        request.with_user(self.agent).write(
            {"new_deadline": datetime(2026, 1, 9, 2, 0)}
        )
        self.assertEqual(request.new_deadline, datetime(2026, 1, 9, 2, 0))
