from odoo import fields, models


class HelpdeskTicketType(models.Model):
    """A ticket's kind says whether its closing calls for a return visit
    (seed 001 §8.1: repairs, complaints, opinions and suggestions; not
    inquiries or praise)."""

    _inherit = "helpdesk.ticket.type"

    return_visit_required = fields.Boolean(
        string="Return Visit After Closing",
        default=True,
        help="Closing a ticket of this kind schedules a return visit within a "
        "day and counts it in the return-visit rate. Inquiries and praise need "
        "none; a visit can still be scheduled by hand on any ticket.",
    )
