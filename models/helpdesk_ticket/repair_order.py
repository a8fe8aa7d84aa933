from odoo import models

REPAIR_ORDER_REPORT = "helpdesk_property_info.action_report_repair_order"


class HelpdeskTicket(models.Model):
    """The repair order printed (《维修服务单》): the sheet the worker takes
    to the owner's door and the owner signs, in the company's language and
    with the times in the company's time zone."""

    _inherit = "helpdesk.ticket"

    def _repair_order_filename(self):
        self.ensure_one()
        number = self.number.replace("/", "-") if self.number else str(self.id)
        return self.env._("Repair Order %s", number)
