from odoo import fields, models


class HelpdeskInfoUnit(models.Model):
    """The customer visits of a unit, from its form."""

    _inherit = "helpdesk.info.unit"

    customer_visit_count = fields.Integer(
        string="Number of Visits",
        compute="_compute_customer_visit_count",
        groups="helpdesk_property_info.group_cs_agent",
    )

    def _compute_customer_visit_count(self):
        counts = self.env["helpdesk.info.visit"]._count_by_unit(self)
        for unit in self:
            unit.customer_visit_count = counts.get(unit, 0)

    def action_open_customer_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_property_info.helpdesk_info_visit_action"
        )
        action.update(
            domain=[("unit_id", "=", self.id)],
            context={"default_unit_id": self.id, "default_kind": "other"},
        )
        return action
