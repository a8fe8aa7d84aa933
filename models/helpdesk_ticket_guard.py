from odoo import models


class HelpdeskTicket(models.Model):
    """The fields of a ticket that only its actions write: each extension of
    the ticket adds its own to ``_guarded_fields``. Loaded before them, so
    that their overrides all sit above the guard."""

    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "helpdesk.info.guard.mixin"]
