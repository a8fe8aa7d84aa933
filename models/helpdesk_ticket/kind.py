from odoo import api, fields, models
from odoo.tools import SQL


class HelpdeskTicket(models.Model):
    """What every ticket is: its kind (complaint, repair, inquiry, suggestion,
    praise, other) is helpdesk_type's ticket type. The intake form asks for it;
    a ticket created without one (mail gateway, portal, other modules) is
    "Other"."""

    _inherit = "helpdesk.ticket"

    type_id = fields.Many2one(
        string="Kind",
        default=lambda self: self._default_type_id(),
        tracking=True,
        index=True,
        help="What the ticket is: a complaint, a repair request, an inquiry, a "
        "suggestion, praise or something else.",
    )

    @api.model
    def _default_type_id(self):
        # By the cached xmlid, without env.ref's existence query on each creation.
        return self.env["helpdesk.ticket.type"].browse(
            self.env["ir.model.data"]._xmlid_to_res_id(
                "helpdesk_property_info.ticket_type_other", raise_if_not_found=False
            )
        )

    @api.model
    def _init_ticket_kinds(self):
        """Tickets without a kind become "Other" (on install and update)."""
        # In SQL: closed and locked tickets too, without tracking messages.
        other = self._default_type_id()
        if other:
            self.env.cr.execute(
                SQL(
                    "UPDATE helpdesk_ticket SET type_id = %s WHERE type_id IS NULL",
                    other.id,
                )
            )
            self.invalidate_model(["type_id"])

    @api.onchange("type_id")
    def _onchange_type_id(self):
        # helpdesk_type clears the team when the team does not list the kind;
        # a team that lists no kind takes every kind.
        team = self.team_id
        if self.type_id and team.type_ids and self.type_id not in team.type_ids:
            self.team_id = False
            self.user_id = False
