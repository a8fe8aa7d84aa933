from odoo import fields, models


class HelpdeskTicket(models.Model):
    """Tickets opened from a customer visit's opinion (客户访问)."""

    _inherit = "helpdesk.ticket"

    customer_visit_id = fields.Many2one(
        "helpdesk.info.visit",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The customer visit whose opinion this ticket was opened from.",
    )
