from odoo import fields, models


class ResCompany(models.Model):
    """Monthly customer-visit quotas (seed 001 §9): the department visits at
    least 10 customers a month, each customer assistant at least 20."""

    _inherit = "res.company"

    visit_department_quota = fields.Integer(
        string="Department Visits per Month",
        default=10,
        help="The customers the Customer Service Department visits at least each "
        "month.",
    )
    visit_person_quota = fields.Integer(
        string="Visits per Assistant per Month",
        default=20,
        help="The customers each customer assistant visits at least each month, "
        "unless the assistant has a quota of their own.",
    )
