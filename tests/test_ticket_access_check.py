from odoo.exceptions import AccessError, MissingError

from .common import PropertyInfoCase


class TestPageRulesCheckedInSql(PropertyInfoCase):
    """A page of tickets has its record rules checked in one SQL query, with
    the same answer as Odoo's check record by record."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team_tickets = cls.Ticket.create(
            [
                cls.phone_vals(name=f"Team {n}", team_id=cls.department.id)
                for n in range(10)
            ]
        )
        cls.followed, cls.foreign = cls.Ticket.create(
            [
                cls.phone_vals(name=name, team_id=cls.cs_team.id)
                for name in ("Followed", "Foreign")
            ]
        )
        cls.followed.message_subscribe(cls.handler.partner_id.ids)
        # Another team's handler follows the foreign ticket: a follower
        # condition that is not the reader's.
        cls.foreign.message_subscribe(cls.agent.partner_id.ids)
        cls.tickets = cls.team_tickets | cls.followed | cls.foreign

    def test_same_answer_as_record_by_record(self):
        as_handler = self.tickets.with_user(self.handler)
        one_by_one = as_handler.filtered(lambda ticket: ticket.has_access("read"))
        self.assertEqual(one_by_one, as_handler - self.foreign)
        self.assertEqual(as_handler._filtered_access("read"), one_by_one)
        self.assertFalse(as_handler.has_access("read"))
        with self.assertRaises(AccessError):
            as_handler.check_access("read")
        (as_handler - self.foreign).check_access("read")

    def test_a_deleted_ticket_still_missing(self):
        gone = self.Ticket.create(self.phone_vals(team_id=self.department.id))
        gone.unlink()
        with self.assertRaises(MissingError):
            (self.team_tickets | gone).with_user(self.handler).check_access("read")

    def test_a_new_follower_seen_before_the_flush(self):
        """What is written and not yet flushed counts, as in Python."""
        self.foreign.message_subscribe(self.handler.partner_id.ids)
        self.tickets.with_user(self.handler).check_access("read")

    def test_customer_service_rules_checked_without_a_query(self):
        """The company alone is checked on the values already read."""
        as_agent = self.tickets.with_user(self.agent)
        as_agent.mapped("company_id")
        with self.assertQueryCount(0):
            as_agent.check_access("read")

    def test_one_query_a_page(self):
        """Without it, the internal users' rule (partner or follower) reads
        and computes each ticket's followers."""
        as_handler = (self.team_tickets | self.followed).with_user(self.handler)
        as_handler.check_access("read")
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            as_handler.check_access("read")
