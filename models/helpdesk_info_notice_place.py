from odoo import fields, models


class HelpdeskInfoNoticePlace(models.Model):
    """Where a notice is posted (seed 003): a community's bulletin boards,
    its lifts, the owners' app or WeChat group."""

    _name = "helpdesk.info.notice.place"
    _description = "Notice Posting Place"
    _inherit = ["helpdesk.info.list.mixin", "mail.thread"]
    _order = "sequence, id"

    name = fields.Char(tracking=True)
    code = fields.Char(tracking=True)
    active = fields.Boolean(tracking=True)
    online = fields.Boolean(
        tracking=True,
        help="Posted online (owners' app, WeChat group) rather than on paper in the "
        "community.",
    )
