from markupsafe import Markup

from odoo import api, fields, models

ROUTING_FIELDS = {"category_id", "level_id", "channel_id", "involved_party_id", "info_source_id"}


class HelpdeskTicket(models.Model):
    """Routing to the counterpart department (§5): at creation, and when the
    classification changes while nobody is assigned. A team given explicitly
    (a CS agent's override) is kept."""

    _inherit = "helpdesk.ticket"

    route_id = fields.Many2one(
        "helpdesk.info.route",
        string="Routing Rule",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The rule that sent the ticket to its department.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        explicit = [bool(vals.get("team_id")) for vals in vals_list]
        tickets = super().create(vals_list)
        to_route = tickets.browse(
            [ticket.id for ticket, given in zip(tickets, explicit) if not given]
        )
        to_route._apply_routing()
        return tickets

    def write(self, vals):
        result = super().write(vals)
        if ROUTING_FIELDS & set(vals) and "team_id" not in vals:
            self.filtered(lambda t: not t.user_id and not t.closed)._apply_routing()
        return result

    def _apply_routing(self):
        routes = self.env["helpdesk.info.route"]._find_routes(self)
        by_route = {}
        for ticket, route in routes.items():
            if ticket.route_id != route or ticket.team_id != route.team_id:
                by_route.setdefault(route, self.browse())
                by_route[route] |= ticket
        bodies = {}
        for route, tickets in by_route.items():
            values = {"team_id": route.team_id.id, "route_id": route.id}
            if route.user_id and route.user_id in route.team_id.user_ids:
                values["user_id"] = route.user_id.id
            tickets.write(values)
            body = Markup("<p>%s</p>") % self.env._(
                "Routed to %(team)s by the rule “%(rule)s”.",
                team=route.team_id.display_name,
                rule=route.name,
            )
            bodies.update(dict.fromkeys(tickets.ids, body))
        routed = self.browse(list(bodies))
        if routed:
            routed._message_log_batch(bodies=bodies)
        # Nothing matched: the ticket stays with the Customer Service Department.
        (self - routed).filtered(lambda t: not t.team_id)._assign_intake_team()
