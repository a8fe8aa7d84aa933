from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController


class PropertyInfoTicketController(HelpdeskTicketController):
    @http.route()
    def support_ticket_close(self, **kw):
        # helpdesk_mgmt closes the ticket as superuser: only one the caller
        # may read as themselves.
        try:
            ticket = request.env["helpdesk.ticket"].browse(int(kw.get("ticket_id")))
        except (TypeError, ValueError) as error:
            raise NotFound() from error
        try:
            ticket.check_access("read")
        except MissingError as error:
            raise NotFound() from error
        except AccessError as error:
            raise Forbidden() from error
        return super().support_ticket_close(**kw)
