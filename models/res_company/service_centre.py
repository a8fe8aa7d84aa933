from odoo import api, fields, models

ROUND_THE_CLOCK = "helpdesk_property_info.resource_calendar_round_the_clock"


class ResCompany(models.Model):
    """The hours the service centre (客服中心) is staffed: its hotline is open
    24 hours a day (seed 003 篇3 2.4) and its duty roster staffs it every
    day, holidays included, so the deadlines counted in service centre
    hours count these hours."""

    _inherit = "res.company"

    service_centre_calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        string="Service Centre Hours",
        default=lambda self: self.env.ref(ROUND_THE_CLOCK, raise_if_not_found=False),
        domain="[('company_id', 'in', [id, False])]",
        help="When the service centre is staffed, in the calendar's time zone: "
        "deadlines counted in service centre hours count these hours every "
        "week, public holidays included, since the duty roster staffs them. "
        "Shipped: round the clock. Empty: every hour counts.",
    )

    @api.model
    def _helpdesk_set_service_centre_hours(self):
        """The shipped round-the-clock hours for the companies without any."""
        calendar = self.env.ref(ROUND_THE_CLOCK, raise_if_not_found=False)
        companies = (
            self.sudo()
            .with_context(active_test=False)
            .search([("service_centre_calendar_id", "=", False)])
        )
        if calendar and companies:
            companies.service_centre_calendar_id = calendar
