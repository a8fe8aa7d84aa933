import re

from odoo.tools import SQL

from .common import PropertyInfoCase


class TestTicketIndexes(PropertyInfoCase):
    """Deleting tickets out of a large table: every column pointing at a
    ticket is indexed, so that PostgreSQL finds the rows to clear or delete
    without scanning their table for each deleted ticket."""

    def _indexed(self, table, column):
        self.env.cr.execute(
            """
            SELECT indexname FROM pg_indexes
             WHERE tablename = %s AND indexdef ~ ('\\(' || %s || '\\)')
            """,
            [table, column],
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def test_duplicate_id_indexed(self):
        indexes = self._indexed("helpdesk_ticket", "duplicate_id")
        self.assertEqual(indexes, ["helpdesk_ticket__duplicate_id_index"])
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s", indexes
        )
        self.assertIn("WHERE (duplicate_id IS NOT NULL)", self.env.cr.fetchone()[0])

    def test_order_indexes(self):
        """The first page of the list, and of each kanban column, in the
        tickets' order, read from an index."""
        self.assertEqual(
            self.Ticket._order, "priority desc, sequence, number desc, id desc"
        )
        self.env.cr.execute(
            """
            SELECT indexname, indexdef FROM pg_indexes
             WHERE tablename = 'helpdesk_ticket' AND indexname LIKE %s
            """,
            ["%order_idx"],
        )
        definitions = dict(self.env.cr.fetchall())
        self.assertRegex(
            definitions["helpdesk_ticket_list_order_idx"],
            r"\(priority DESC, sequence, number DESC, id DESC\)$",
        )
        self.assertRegex(
            definitions["helpdesk_ticket_stage_order_idx"],
            r"\(stage_id, priority DESC, sequence, number DESC, id DESC\)$",
        )

    def test_the_dashboard_counts_open_tickets_from_one_index(self):
        """The team dashboard's counts of open tickets, as an agent asks
        them, read only columns of the dashboard's index, among the active
        tickets it holds: PostgreSQL answers them from the index alone
        (BENCHMARKS.md, a million tickets on screen)."""
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["helpdesk_ticket_dashboard_idx"],
        )
        [(definition,)] = self.env.cr.fetchall()
        columns, predicate = re.fullmatch(
            r".*btree \((.*)\) WHERE \((.*)\)", definition
        ).groups()
        self.assertEqual(predicate, "active IS TRUE")
        indexed = set(columns.split(", ")) | {"active"}
        Ticket = self.Ticket.with_user(self.agent)
        complaint = self.env.ref("helpdesk_property_info.ticket_type_complaint")
        teams = [("team_id", "in", self.env["helpdesk.ticket.team"].search([]).ids)]
        counts = {
            "helpdesk_mgmt's counts by team": (
                teams + [("closed", "=", False)],
                ["team_id", "user_id", "unattended", "priority"],
            ),
            "open tickets": ([("stage_id.closed", "=", False)], []),
            "open complaints": (
                teams + [("type_id", "=", complaint.id), ("closed", "=", False)],
                ["team_id"],
            ),
        }
        for label, (domain, groupby) in counts.items():
            with self.subTest(label):
                query = Ticket._search(domain)
                code = query.select(
                    *(SQL.identifier("helpdesk_ticket", name) for name in groupby),
                    SQL("COUNT(*)"),
                ).code
                self.assertIn('"helpdesk_ticket"."active" IS TRUE', code)
                self.assertLessEqual(
                    set(re.findall(r'"helpdesk_ticket"\."(\w+)"', code)), indexed
                )

    def test_record_wizard_ticket_indexed(self):
        self.assertTrue(self._indexed("helpdesk_ticket_record_wizard", "ticket_id"))

    def test_every_model_column_to_tickets_indexed(self):
        """Columns of regular (not transient) models: helpdesk_mgmt, this addon
        and everything they depend on."""
        tables = {
            model._table: model
            for model in self.env.registry.models.values()
            if not model._abstract and not model._transient
        }
        self.env.cr.execute(
            """
            SELECT c.conrelid::regclass::text, a.attname,
                   EXISTS (SELECT 1 FROM pg_index i
                            WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])
              FROM pg_constraint c
              JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
             WHERE c.contype = 'f' AND c.confrelid = 'helpdesk_ticket'::regclass
            """
        )
        rows = [row for row in self.env.cr.fetchall() if row[0] in tables]
        self.assertIn(("helpdesk_ticket", "duplicate_id", True), rows)
        self.assertEqual([row for row in rows if not row[2]], [])

    def test_deleting_original_keeps_duplicate(self):
        """Behaviour unchanged: deleting the original empties the link."""
        vals = {
            "name": "Leak",
            "description": "<p>Leak</p>",
            "team_id": self.cs_team.id,
        }
        original = self.Ticket.create(vals)
        duplicate = self.Ticket.create({**vals, "duplicate_id": original.id})
        original.unlink()
        self.assertTrue(duplicate.exists())
        self.assertFalse(duplicate.duplicate_id)

    def test_delete_queries_per_batch(self):
        """Deleting tickets costs the same queries for one as for ten."""
        vals = {
            "name": "Leak",
            "description": "<p>Leak</p>",
            "team_id": self.cs_team.id,
        }
        one = self.Ticket.create(vals)
        ten = self.Ticket.create([vals] * 10)
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        one.unlink()
        self.env.flush_all()
        single = self.env.cr.sql_log_count - before
        self.env.invalidate_all()
        with self.assertQueryCount(single):
            ten.unlink()
            self.env.flush_all()
