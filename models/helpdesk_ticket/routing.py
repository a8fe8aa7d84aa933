from markupsafe import Markup

from odoo import api, fields, models

ROUTING_FIELDS = {
    "category_id",
    "level_id",
    "channel_id",
    "involved_party_id",
    "info_source_id",
}


class HelpdeskTicket(models.Model):
    """Routing to the counterpart department (§5): at creation, and when the
    classification changes while nobody is assigned. A team given explicitly
    (a CS agent's override) is kept; nothing matched, the ticket stays with
    the Customer Service Department."""

    _inherit = "helpdesk.ticket"

    route_id = fields.Many2one(
        "helpdesk.info.route",
        string="Routing Rule",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The rule that sent the ticket to its department.",
    )

    def _prepare_routing_vals(self, vals_list):
        """Create: the team (and assignee) of the first matching rule, decided
        before the insert so that team, stage and deadlines are computed once.
        A team given explicitly (a CS agent's override) is kept."""
        if self.env.context.get("default_team_id"):
            return
        Route = self.env["helpdesk.info.route"]
        routes = Route._active_routes()
        for vals in vals_list:
            if not vals.get("team_id"):
                route = Route._first_match(
                    self._routing_facts_from_values(vals), routes
                )
                vals.update(self._routing_values(route) if route else {})

    def _creation_message(self):
        # The decision taken at creation goes into the creation message: one
        # message a ticket, not two.
        message = super()._creation_message()
        if self.route_id:
            message = Markup("%s %s") % (message, self._routing_message())
        return message

    def _after_write_routing(self, vals):
        """Write: the classification changed while nobody is assigned, the
        ticket is routed again (unless the team itself was written)."""
        if ROUTING_FIELDS & set(vals) and "team_id" not in vals:
            self.filtered(lambda t: not t.user_id and not t.closed)._apply_routing()

    @api.model
    def _routing_facts_from_values(self, vals):
        company = (
            self.env["res.company"].browse(vals.get("company_id")) or self.env.company
        )
        level = self.env["helpdesk.info.level"].browse(vals.get("level_id"))
        return {
            "company": company,
            "category": self.env["helpdesk.ticket.category"].browse(
                vals.get("category_id")
            ),
            "level": level or self.env["helpdesk.info.level"]._default_level(company),
            "channel": self.env["helpdesk.ticket.channel"].browse(
                vals.get("channel_id")
            ),
            "party": self.env["helpdesk.info.party"].browse(
                vals.get("involved_party_id")
            ),
            "source": self.env["helpdesk.info.source"].browse(
                vals.get("info_source_id")
            ),
        }

    def _routing_facts(self):
        self.ensure_one()
        return {
            "company": self.company_id,
            "category": self.category_id,
            "level": self.level_id,
            "channel": self.channel_id,
            "party": self.involved_party_id,
            "source": self.info_source_id,
        }

    @api.model
    def _routing_values(self, route):
        values = {"team_id": route.team_id.id, "route_id": route.id}
        if route.user_id and route.user_id in route.team_id.user_ids:
            values["user_id"] = route.user_id.id
        return values

    def _apply_routing(self):
        routes = self.env["helpdesk.info.route"]._active_routes()
        for ticket in self:
            route = routes._first_match(ticket._routing_facts(), routes)
            if route and (ticket.route_id != route or ticket.team_id != route.team_id):
                ticket.write(self._routing_values(route))
                ticket._log_routing()

    def _routing_message(self):
        return self.env._(
            "Routed to %(team)s by the rule “%(rule)s”.",
            team=self.route_id.team_id.display_name,
            rule=self.route_id.name,
        )

    def _log_routing(self):
        self._message_log_batch(
            bodies={
                ticket.id: Markup("<p>%s</p>") % ticket._routing_message()
                for ticket in self
            }
        )
