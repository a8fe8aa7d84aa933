from odoo import fields, models


class HelpdeskTicketChannel(models.Model):
    _inherit = "helpdesk.ticket.channel"

    intake_require_name = fields.Boolean(
        string="Requires Caller Name",
        help="Tickets received through this channel must record the caller's name.",
    )
    intake_require_phone = fields.Boolean(
        string="Requires Phone",
        help="Tickets received through this channel must record a contact phone.",
    )
    intake_require_matter = fields.Boolean(
        string="Requires Matter",
        help="Tickets received through this channel must record the matter "
        "(what the caller is writing or calling about).",
    )
    intake_allow_anonymous = fields.Boolean(
        string="Allows Anonymous",
        help="Customer information received through this channel may come "
        "without any customer or caller name (e.g. suggestion box, online posts).",
    )
    intake_litigation_risk = fields.Boolean(
        string="May Lead to Litigation",
        help="Tickets received through this channel (lawyer's or court letters) are "
        "flagged as possible litigation: legal counsel advises before any "
        "written reply.",
    )
