from odoo import models

REPAIR_ORDER_REPORT = "helpdesk_property_info.action_report_repair_order"


class HelpdeskTicket(models.Model):
    """The repair order printed (《维修服务单》): the sheet the worker takes
    to the owner's door and the owner signs, in the company's language and
    with the times in the company's time zone."""

    _inherit = "helpdesk.ticket"

    def _repair_order_lang(self):
        """The company's language, else the caller's."""
        self.ensure_one()
        return (
            self.company_id.partner_id.lang
            or self.partner_id.lang
            or self.env.lang
            or "en_US"
        )

    def _repair_order_tz(self):
        self.ensure_one()
        company = self.company_id
        return company.resource_calendar_id.tz or company.partner_id.tz or "UTC"

    def _repair_order_filename(self):
        self.ensure_one()
        number = self.number.replace("/", "-") if self.number else str(self.id)
        return self.env._("Repair Order %s", number)
