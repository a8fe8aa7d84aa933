from odoo import api, models
from odoo.fields import Domain
from odoo.tools import unique

# Groupings whose values are sorted in Python as PostgreSQL sorts them (a
# many2one in its model's order, looked up in SQL; a selection by its key).
SORTED_HERE = ("many2one", "selection")
# Aggregates a coarser grouping computes from a finer one's (``__count`` is
# a count).
ROLLED_UP = {"__count": sum, "count": sum, "sum": sum, "min": min, "max": max}


class HelpdeskTicket(models.Model):
    """The ticket screens over a million tickets.

    Indexes in the tickets' order (helpdesk_mgmt's ``_order``: priority,
    sequence, number, id), so that the first page of the ticket list, and of
    each kanban column (a stage), is read from the index instead of sorting
    every ticket: over a million tickets, a sort took 0.3 s a page. The
    ticket list and kanban views show the newest first (``id desc``): the
    list reads the primary key backwards, each kanban column its stage's
    newest tickets from ``_stage_newest_idx``. The team dashboard counts the
    open tickets from ``_dashboard_idx``; the Information Analysis pivot
    groups them once (``_read_grouping_sets``)."""

    _inherit = "helpdesk.ticket"

    _list_order_idx = models.Index("(priority DESC, sequence, number DESC, id DESC)")
    _stage_order_idx = models.Index(
        "(stage_id, priority DESC, sequence, number DESC, id DESC)"
    )
    _stage_newest_idx = models.Index("(stage_id, id DESC)")
    # The open tickets the team dashboard counts (helpdesk_mgmt's counts by
    # team, agent, attention and priority, its count of open tickets, and
    # the open complaints) read from this index alone instead of the whole
    # table: 0.7 s to 0.3 s over a million tickets. Its few distinct values
    # are stored once each (7 MB for a million tickets).
    _dashboard_idx = models.Index(
        "(stage_id, team_id, user_id, priority, unattended, company_id, type_id) "
        "WHERE active IS TRUE"
    )

    @api.depends("number", "name")
    def _compute_display_name(self):
        """helpdesk_mgmt's "number - title", without the "/ - False" it
        shows for a ticket not saved yet (the web client then says New)."""
        for ticket in self:
            number = ticket.number if ticket.number != "/" else False
            ticket.display_name = " - ".join(filter(None, (number, ticket.name)))

    def _check_access(self, operation):
        """The record rules of a page of tickets checked in one SQL query.

        Odoo checks them again in Python once a page is read (``fetch`` of
        its relational and computed fields): for a user outside Customer
        Service, helpdesk_mgmt's rule for internal users (partner or
        follower) then reads and computes each ticket's followers. The same
        domain searched in SQL gives the same answer at a fraction of the
        cost (BENCHMARKS.md, the ticket list with masked personal data).
        Records the query leaves out are checked again the usual way, so a
        deleted ticket still raises Odoo's own error. Rules on stored fields
        only (Customer Service's: the company) are left to Odoo, which checks
        them on the values already read, without a query."""
        if (
            operation != "read"
            or len(self._ids) < 2
            or not all(isinstance(id_, int) for id_ in self._ids)
            or not self.env["ir.model.access"].check(
                self._name, operation, raise_exception=False
            )
        ):
            return super()._check_access(operation)
        domain = self.env["ir.rule"]._compute_domain(self._name, operation)
        if not self._rules_computed_in_python(domain):
            return super()._check_access(operation)
        allowed = set(
            self.sudo()
            .with_context(active_test=False)
            ._search(Domain("id", "in", self._ids) & domain)
        )
        left_out = self.browse([id_ for id_ in self._ids if id_ not in allowed])
        if not left_out:
            return None
        return super(HelpdeskTicket, left_out)._check_access(operation)

    def _rules_computed_in_python(self, domain):
        """Whether ``domain`` holds a condition on a field that is not stored,
        whose values Odoo computes to check it in Python."""
        return any(
            not self._fields[condition.field_expr.split(".", 1)[0]].store
            for condition in domain.iter_conditions()
        )

    @api.model
    def _read_grouping_sets(self, domain, grouping_sets, aggregates=(), order=None):
        """The pivot view's groupings, in their default order (a many2one in
        its model's order), computed in one plain ``GROUP BY`` of the finest
        grouping and sorted here. Odoo groups them in one query with
        ``GROUPING SETS``, which PostgreSQL aggregates in a single process,
        and joins each many2one's model to every ticket to sort by its
        translated name: over a million tickets, the Information Analysis
        pivot took twice the time of the finest grouping alone, which
        PostgreSQL reads in parallel. The coarser groupings add up the finer
        one's counts and sums (their minimums and maximums too); other
        aggregates are grouped by Odoo, without the join. An order the user
        chose, and groupings by a date or a text, are left to Odoo."""
        specs = list(unique(spec for groupby in grouping_sets for spec in groupby))
        if order != ", ".join(specs) or not all(
            spec in self._fields and self._fields[spec].type in SORTED_HERE
            for spec in specs
        ):
            return super()._read_grouping_sets(domain, grouping_sets, aggregates, order)
        if len(grouping_sets) > 1 and all(
            aggregate.rpartition(":")[2] in ROLLED_UP for aggregate in aggregates
        ):
            [finest] = super()._read_grouping_sets(domain, [specs], aggregates)
            results = [
                self._rolled_up(
                    finest, [specs.index(spec) for spec in groupby], aggregates
                )
                for groupby in grouping_sets
            ]
        else:
            results = super()._read_grouping_sets(domain, grouping_sets, aggregates)
        return self._sorted_grouping_sets(grouping_sets, results, specs)

    @api.model
    def _rolled_up(self, rows, positions, aggregates):
        """``rows`` of the finest grouping added up by their values at
        ``positions``. Odoo gives an aggregate of NULL values as its empty
        value (False): those are left out, as SQL leaves NULL out."""
        groups = {}
        for row in rows:
            values = tuple(row[position] for position in positions)
            key = tuple(
                value.id if isinstance(value, models.BaseModel) else value
                for value in values
            )
            group = groups.setdefault(key, (values, [[] for _spec in aggregates]))
            aggregated = row[len(row) - len(aggregates) :]
            for found, value in zip(group[1], aggregated, strict=True):
                if value is not None and value is not False:
                    found.append(value)
        return [
            values
            + tuple(
                ROLLED_UP[spec.rpartition(":")[2]](found)
                if found
                else self._read_group_empty_value(spec)
                for spec, found in zip(aggregates, found_lists, strict=True)
            )
            for values, found_lists in groups.values()
        ]

    @api.model
    def _sorted_grouping_sets(self, grouping_sets, results, specs):
        """Each grouping's rows in the order Odoo gives: a many2one in its
        model's order (looked up in one query on the few records named), a
        selection by its key, empty values last."""
        ranks = {}  # {many2one spec: {id: position in its model's order}}
        for spec in specs:
            field = self._fields[spec]
            if field.type == "many2one":
                records = self.env[field.comodel_name].union(
                    *(
                        row[groupby.index(spec)]
                        for groupby, rows in zip(grouping_sets, results, strict=True)
                        if spec in groupby
                        for row in rows
                    )
                )
                ordered = (
                    records.sudo()
                    .with_context(active_test=False)
                    .search([("id", "in", records.ids)])
                )
                ranks[spec] = {id_: rank for rank, id_ in enumerate(ordered.ids)}

        def sort_key(groupby, row):
            return [
                (1, 0)
                if not value
                else (0, ranks[spec][value.id] if spec in ranks else value)
                for spec, value in zip(groupby, row, strict=False)
            ]

        return [
            sorted(rows, key=lambda row, groupby=groupby: sort_key(groupby, row))
            for groupby, rows in zip(grouping_sets, results, strict=True)
        ]
