from odoo import api, fields, models, tools


class HelpdeskInfoRoute(models.Model):
    """A rule of the routing table (§5): tickets matching its conditions go to
    its counterpart department. The first matching rule decides."""

    _name = "helpdesk.info.route"
    _inherit = ["helpdesk.info.cache.mixin"]
    _description = "Routing Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to apply the rule to all companies.",
    )
    category_ids = fields.Many2many(
        "helpdesk.ticket.category",
        string="Content Types",
        help="Matches these content types and their sub-types; empty matches any.",
    )
    level_ids = fields.Many2many(
        "helpdesk.info.level", string="Problem Levels", help="Empty matches any."
    )
    channel_ids = fields.Many2many(
        "helpdesk.ticket.channel", string="Channels", help="Empty matches any."
    )
    party_ids = fields.Many2many(
        "helpdesk.info.party", string="Involved Parties", help="Empty matches any."
    )
    source_ids = fields.Many2many(
        "helpdesk.info.source", string="Source Locations", help="Empty matches any."
    )
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Counterpart Department",
        required=True,
        help="The team that handles the matching tickets.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        domain="[('share', '=', False)]",
        help="Assigned to the matching tickets when set; must belong to the team.",
    )
    responsible_note = fields.Char(
        string="Responsible Role",
        translate=True,
        help="Who answers for it in the department, e.g. front desk or "
        "management office director.",
    )

    def _matches(self, facts):
        """Whether this rule matches ``facts``: a dict of the company, category,
        level, channel, party and source of a ticket (records, maybe empty)."""
        self.ensure_one()
        if self.company_id and self.company_id != facts["company"]:
            return False
        if self.category_ids:
            path = facts["category"].parent_path or ""
            ids = {int(part) for part in path.split("/") if part}
            if not ids & set(self.category_ids.ids):
                return False
        return all(
            not rules or facts[key] in rules
            for key, rules in (
                ("level", self.level_ids),
                ("channel", self.channel_ids),
                ("party", self.party_ids),
                ("source", self.source_ids),
            )
        )

    @api.model
    @tools.ormcache()
    def _active_route_ids(self):
        # Routing is the company's decision, not the user's: every active rule,
        # whoever creates the ticket; _matches() checks the company.
        return tuple(self.sudo().search([]).ids)

    @api.model
    def _active_routes(self):
        return self.sudo().browse(self._active_route_ids())

    @api.model
    def _first_match(self, facts, routes=None):
        """The first rule (of ``routes``, all active rules by default) that
        matches ``facts``, or an empty recordset."""
        for route in self._active_routes() if routes is None else routes:
            if route._matches(facts):
                return route
        return self.browse()
