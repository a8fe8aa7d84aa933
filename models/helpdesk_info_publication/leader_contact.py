from odoo import models


class HelpdeskInfoPublication(models.Model):
    """A written reply a leader sends without a ticket goes out in the
    company's name too."""

    _name = "helpdesk.info.publication"
    _inherit = ["helpdesk.info.publication", "helpdesk.info.leader.contact.mixin"]

    def message_post(self, **kwargs):
        return super().message_post(**self._leader_author_kwargs(kwargs))
