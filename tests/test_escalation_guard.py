from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import PropertyInfoCase


class TestTicketGuard(PropertyInfoCase):
    """Fields only the ticket's actions write, and the gate-deciding fields
    users edit in one direction only."""

    def ticket(self, **overrides):
        return self.Ticket.create(self.phone_vals(**overrides))

    def test_context_defaults_never_record_an_opinion(self):
        Ticket = self.Ticket.with_user(self.agent).with_context(
            default_leader_opinion="Forged opinion",
            default_leader_opinion_user_id=self.leader.id,
            default_leader_opinion_date="2026-01-05 02:00:00",
            default_counsel_date="2026-01-05 02:00:00",
            default_replied_date="2026-01-05 02:00:00",
        )
        with self.assertRaisesRegex(AccessError, "through its buttons only"):
            Ticket.create(self.phone_vals(level_id=self.level_major.id))
        # the form opens without them
        defaults = Ticket.default_get(
            ["leader_opinion", "counsel_date", "replied_date"]
        )
        self.assertFalse(
            any(
                defaults.get(name)
                for name in ("leader_opinion", "counsel_date", "replied_date")
            )
        )

    def test_opinions_are_recorded_by_their_buttons_only(self):
        ticket = self.ticket(level_id=self.level_major.id)
        for user in (self.agent, self.manager, self.leader, self.counsel):
            for vals in (
                {"leader_opinion": "OK"},
                {"leader_opinion_date": "2026-01-05 02:00:00"},
                {"counsel_advice": "OK"},
                {"counsel_user_id": self.counsel.id},
                {"awaiting_leader_opinion": False},
            ):
                with (
                    self.subTest(user=user.login, vals=vals),
                    self.assertRaises(AccessError),
                ):
                    ticket.with_user(user).write(vals)
        with self.assertRaises(AccessError):
            self.Ticket.with_user(self.agent).create(
                self.phone_vals(leader_opinion="Forged")
            )
        self.assertFalse(ticket.leader_opinion_date)
        self.assertTrue(ticket.awaiting_leader_opinion)

    def test_reply_and_watcher_markers_are_written_by_actions_only(self):
        ticket = self.ticket(team_id=self.department.id)
        next_check = ticket.deadline_next_check
        self.assertTrue(next_check)
        for user in (self.agent, self.handler, self.manager):
            for vals in (
                {"replied_date": "2026-01-05 03:00:00"},
                {"reply_method": "phone"},
                {"deadline_next_check": False},
                {"reply_alert": "overdue"},
                {"reply_alert_deadline": "2026-01-05 03:00:00"},
                {"reply_deadline": "2030-01-01 00:00:00"},
            ):
                with (
                    self.subTest(user=user.login, vals=vals),
                    self.assertRaises(AccessError),
                ):
                    ticket.with_user(user).write(vals)
        self.assertFalse(ticket.replied_date)
        self.assertEqual(ticket.deadline_next_check, next_check)
        ticket.with_user(self.handler).action_record_reply("phone")
        self.assertEqual(ticket.reply_method, "phone")
        self.assertTrue(ticket.replied_date)

    def test_return_visit_is_recorded_by_its_button_only(self):
        ticket = self.ticket()
        ticket.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        for vals in (
            {"return_visit_date": "2026-01-06 02:00:00"},
            {"return_visit_user_id": self.agent.id},
            {"return_visit_solved": "yes"},
            {"return_visit_satisfaction": "5"},
            {"return_visit_opinion": "Fine"},
            {"return_visit_score": 5},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                ticket.with_user(self.agent).write(vals)
        self.assertFalse(ticket.return_visit_date)
        ticket.with_user(self.agent).action_record_return_visit("yes", "5", "Fine")
        self.assertEqual(ticket.return_visit_user_id, self.agent)
        self.assertEqual(ticket.return_visit_score, 5)

    def test_only_a_leader_lowers_a_major_problem(self):
        ticket = self.ticket(team_id=self.department.id, level_id=self.level_major.id)
        for user in (self.handler, self.agent, self.manager, self.counsel):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(UserError, "is a major problem"),
            ):
                ticket.with_user(user).write({"level_id": self.level_general.id})
        with self.assertRaisesRegex(UserError, "Only a company leader changes"):
            ticket.with_user(self.handler).write({"level_id": False})
        self.assertEqual(ticket.level_id, self.level_major)
        self.assertTrue(ticket.awaiting_leader_opinion)
        ticket.with_user(self.leader).write({"level_id": self.level_general.id})
        self.assertFalse(ticket.awaiting_leader_opinion)

    def test_raising_a_level_needs_no_leader(self):
        ticket = self.ticket(team_id=self.department.id, level_id=self.level_general.id)
        ticket.with_user(self.handler).write({"level_id": self.level_complex.id})
        ticket.with_user(self.handler).write({"level_id": self.level_major.id})
        self.assertTrue(ticket.awaiting_leader_opinion)

    def test_only_counsel_or_a_leader_clears_possible_litigation(self):
        ticket = self.ticket(team_id=self.department.id, litigation_risk=True)
        for user in (self.handler, self.agent, self.manager):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(UserError, "is a possible litigation"),
            ):
                ticket.with_user(user).write({"litigation_risk": False})
        self.assertTrue(ticket.awaiting_counsel)
        with self.assertRaises(UserError):
            ticket.with_user(self.handler).message_post(
                body="Answer", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        self.assertFalse(ticket.replied_date)
        ticket.with_user(self.counsel).write({"litigation_risk": False})
        ticket.with_user(self.handler).write({"litigation_risk": True})
        ticket.with_user(self.leader).write({"litigation_risk": False})
        self.assertFalse(ticket.litigation_risk)

    def test_a_lawyers_letter_cannot_be_recorded_without_its_risk(self):
        vals = self.phone_vals(
            channel_id=self.legal_channel.id, contact_phone=False, litigation_risk=False
        )
        with self.assertRaises(AccessError):
            self.Ticket.with_user(self.agent).create(vals)
        # Recording is Customer Service's: counsel may not write the caller.
        with self.assertRaises(AccessError):
            self.Ticket.with_user(self.counsel).create(dict(vals, team_id=False))
        ticket = self.Ticket.with_user(self.agent).create(
            dict(vals, litigation_risk=True)
        )
        self.assertTrue(ticket.litigation_risk)

    def test_a_level_in_use_is_archived_not_deleted(self):
        level = self.level_major.copy({"code": "major_copy", "name": "Major (copy)"})
        ticket = self.ticket(level_id=level.id)
        with self.assertRaises(UserError):
            level.with_user(self.manager).unlink()
        self.assertTrue(level.exists())
        self.assertEqual(ticket.level_id, level)
        self.assertTrue(ticket.awaiting_leader_opinion)
        level.with_user(self.manager).action_archive()
        self.assertFalse(level.active)
        unused = self.level_general.copy({"code": "unused", "name": "Unused"})
        unused.with_user(self.manager).unlink()
        self.assertFalse(unused.exists())

    def test_portal_customer_reads_no_internal_field(self):
        portal = new_test_user(
            self.env, login="hpi_portal_guard", groups="base.group_portal"
        )
        ticket = self.ticket(
            partner_id=portal.partner_id.id, level_id=self.level_major.id
        )
        ticket.with_user(self.leader).action_record_leader_opinion(
            "Do not admit fault."
        )
        mine = ticket.with_user(portal)
        self.assertEqual(mine.read(["name"])[0]["name"], ticket.name)
        for name in (
            "leader_opinion",
            "leader_opinion_user_id",
            "counsel_advice",
            "counsel_date",
            "awaiting_counsel",
            "return_visit_opinion",
            "return_visit_user_id",
            "deadline_next_check",
            "reply_alert",
        ):
            with self.subTest(field=name), self.assertRaises(AccessError):
                mine.read([name])
        self.assertNotIn("leader_opinion", mine.fields_get())

    def test_ticket_views_load_for_each_role(self):
        for user in (self.agent, self.manager, self.handler, self.leader, self.counsel):
            with self.subTest(user=user.login):
                views = self.Ticket.with_user(user).get_views(
                    [
                        (False, "form"),
                        (False, "list"),
                        (False, "kanban"),
                        (False, "search"),
                    ]
                )
                self.assertIn(
                    "leader_opinion", views["models"]["helpdesk.ticket"]["fields"]
                )
                self.assertIn("leader_opinion", views["views"]["form"]["arch"])

    def test_only_a_manager_corrects_the_time_received(self):
        ticket = self.ticket(level_id=self.level_general.id)
        received, deadline = ticket.intake_date, ticket.reply_deadline
        for user in (self.agent, self.handler, self.leader):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(
                    UserError, "corrects when a ticket was received"
                ),
            ):
                ticket.with_user(user).write({"intake_date": "2099-01-01 00:00:00"})
        self.assertEqual(
            (ticket.intake_date, ticket.reply_deadline), (received, deadline)
        )
        ticket.with_user(self.manager).write(
            {"intake_date": received - timedelta(days=7)}
        )
        self.assertLess(ticket.reply_deadline, deadline)
