from odoo import fields, models


class HelpdeskTicket(models.Model):
    """helpdesk_mgmt's link from a duplicate to its original ticket, indexed:
    deleting a ticket makes PostgreSQL look for the tickets pointing at it,
    which scanned the whole ticket table for each deleted ticket. Only
    duplicates hold a value, hence an index of the non-null values."""

    _inherit = "helpdesk.ticket"

    duplicate_id = fields.Many2one(index="btree_not_null")
