from odoo import api, fields, models

MEDIA_FLAG_PARAM = "helpdesk_property_info.media_channel_flagged"


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
    escalate_at_once = fields.Boolean(
        string="Leaders Notified at Once",
        help="Information received through this channel (the media) is "
        "escalated and the company leaders are notified as soon as it is "
        "recorded.",
    )

    @api.model
    def _init_media_channel(self):
        """The shipped media channel notifies the leaders: set once, on the
        install or update that brings the flag, so that a manager who
        unticks it later keeps it unticked."""
        params = self.env["ir.config_parameter"].sudo()
        if params.get_param(MEDIA_FLAG_PARAM):
            return
        media = self.env.ref(
            "helpdesk_property_info.channel_website_media", raise_if_not_found=False
        )
        if media:
            media.escalate_at_once = True
        params.set_param(MEDIA_FLAG_PARAM, "1")
