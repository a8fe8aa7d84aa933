from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    """The company's figures of the standard in Settings, next to the lists
    a company configures (sources, parties, levels, routes...): one place,
    as Odoo apps do. The figures are the company's own fields."""

    _inherit = "res.config.settings"

    visit_department_quota = fields.Integer(
        related="company_id.visit_department_quota", readonly=False
    )
    visit_person_quota = fields.Integer(
        related="company_id.visit_person_quota", readonly=False
    )
    personal_data_retention_years = fields.Integer(
        related="company_id.personal_data_retention_years", readonly=False
    )
    reception_tz = fields.Selection(related="company_id.reception_tz", readonly=False)
    patrol_floor_count = fields.Integer(
        related="company_id.patrol_floor_count", readonly=False
    )
    patrol_ticket_minutes = fields.Integer(
        related="company_id.patrol_ticket_minutes", readonly=False
    )
    service_centre_calendar_id = fields.Many2one(
        related="company_id.service_centre_calendar_id",
        readonly=False,
        domain="[('company_id', 'in', [company_id, False])]",
    )
    duty_handover_accept_minutes = fields.Integer(
        related="company_id.duty_handover_accept_minutes", readonly=False
    )
    intake_notice_owner = fields.Boolean(
        related="company_id.intake_notice_owner", readonly=False
    )
    parcel_wait_days = fields.Integer(
        related="company_id.parcel_wait_days", readonly=False
    )
