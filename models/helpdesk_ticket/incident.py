from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTicket(models.Model):
    """Tickets and repairs spawned by an emergency (突发事件): each names
    the incident, which lists them."""

    _inherit = "helpdesk.ticket"

    incident_id = fields.Many2one(
        "helpdesk.info.incident",
        string="Emergency",
        index="btree_not_null",
        ondelete="set null",
        tracking=True,
        help="The emergency this ticket or repair was opened for.",
    )

    @api.constrains("incident_id")
    def _check_incident_open(self):
        for ticket in self:
            incident = ticket.incident_id.sudo()
            if incident.state == "closed":
                raise ValidationError(
                    self.env._(
                        "%s is closed: open no more tickets for it.",
                        incident.display_name,
                    )
                )
