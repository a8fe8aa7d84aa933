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

    def _guarded_fields(self):
        # Set by the visit's "Turn into Ticket" only: a forged link would make
        # a visit's opinion look handled.
        return {"customer_visit_id": None} | super()._guarded_fields()
