from odoo import api, models
from odoo.fields import Domain
from odoo.tools import unique

# Groupings whose values are sorted in Python as PostgreSQL sorts them (a
# many2one in its model's order, looked up in SQL; a selection by its key).
SORTED_HERE = ("many2one", "selection")


class HelpdeskTicket(models.Model):
    """Indexes in the tickets' order (helpdesk_mgmt's ``_order``: priority,
    sequence, number, id), so that the first page of the ticket list, and of
    each kanban column (a stage), is read from the index instead of sorting
    every ticket: over a million tickets, a sort took 0.3 s a page. The
    ticket list and kanban views show the newest first (``id desc``): the
    list reads the primary key backwards, each kanban column its stage's
    newest tickets from ``_stage_newest_idx``."""

    _inherit = "helpdesk.ticket"

    _list_order_idx = models.Index("(priority DESC, sequence, number DESC, id DESC)")
    _stage_order_idx = models.Index(
        "(stage_id, priority DESC, sequence, number DESC, id DESC)"
    )
    _stage_newest_idx = models.Index("(stage_id, id DESC)")

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
        """The groupings of the pivot view in their default
        order, the order of each many2one's model, sorted here rather than
        in SQL. Sorting in SQL joins that model to every ticket and groups by
        its translated name: over a million tickets, the Information Analysis
        pivot spent most of its time in that join. Grouped by the many2one
        ids alone, the groups are put in the model's order afterwards, with
        one query on the few records they name. An order the user chose, and
        groupings by a date or a text, are left to Odoo."""
        specs = list(unique(spec for groupby in grouping_sets for spec in groupby))
        if order != ", ".join(specs) or not all(
            spec in self._fields and self._fields[spec].type in SORTED_HERE
            for spec in specs
        ):
            return super()._read_grouping_sets(domain, grouping_sets, aggregates, order)
        results = super()._read_grouping_sets(domain, grouping_sets, aggregates)
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
            # Empty values last, as PostgreSQL sorts NULL in ascending order.
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
