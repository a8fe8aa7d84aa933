from odoo import fields, models


class HelpdeskTicket(models.Model):
    """The standard's classification dimensions (§2.1–2.6). The content type is
    the ticket's category hierarchy and the channel its channel."""

    _inherit = "helpdesk.ticket"

    info_origin = fields.Selection(
        selection=[
            ("customer", "Customer Information"),
            ("company", "Company Information"),
        ],
        string="Information Origin",
        default="customer",
        required=True,
        tracking=True,
        index=True,
        help="Customer information comes from owners, visitors, suppliers, "
        "contractors, partners or authorities; company information from the "
        "company's own staff and departments.",
    )
    info_source_id = fields.Many2one(
        comodel_name="helpdesk.info.source",
        string="Source Location",
        tracking=True,
        index=True,
        domain="[('company_id', 'in', [company_id, False])]",
        help="Where the information was collected: office area, residential "
        "community, construction site, website or media…",
    )
    involved_party_id = fields.Many2one(
        comodel_name="helpdesk.info.party",
        tracking=True,
        index=True,
        domain="[('company_id', 'in', [company_id, False])]",
        help="Who the information concerns: an individual customer, a group of "
        "customers, the media, local government…",
    )
    info_nature = fields.Selection(
        selection=[("positive", "Positive"), ("negative", "Negative")],
        string="Nature",
        tracking=True,
        index=True,
        help="Whether the information speaks well (positive) or badly (negative) "
        "of the company or its projects.",
    )
    importance = fields.Selection(
        selection=[("general", "General"), ("important", "Important")],
        default="general",
        required=True,
        tracking=True,
        index=True,
        help="Important information is reported by type to department leaders "
        "and up to the company leaders.",
    )
    category_id = fields.Many2one(tracking=True, index=True, string="Content Type")
    channel_id = fields.Many2one(tracking=True, index=True)
