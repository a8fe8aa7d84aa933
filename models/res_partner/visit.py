from odoo import fields, models


class ResPartner(models.Model):
    """Key customers (重点客户) get a home visit each quarter (seed 003)."""

    _inherit = "res.partner"

    key_customer = fields.Boolean(
        tracking=True,
        groups="helpdesk_mgmt.group_helpdesk_user_own",
        help="A key customer (重点客户) gets a home visit each quarter: one is planned "
        "for them when the quarter has none.",
    )
