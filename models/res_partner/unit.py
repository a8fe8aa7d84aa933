from odoo import fields, models


class ResPartner(models.Model):
    """The units a partner owns, rents or lives in."""

    _inherit = "res.partner"

    unit_occupancy_ids = fields.One2many(
        "helpdesk.info.unit.occupancy",
        "partner_id",
        string="Unit Occupancies",
        groups="helpdesk_mgmt.group_helpdesk_user_own",
    )
    unit_count = fields.Integer(
        string="Units",
        compute="_compute_unit_count",
        groups="helpdesk_mgmt.group_helpdesk_user_own",
    )

    def _compute_unit_count(self):
        counts = dict(
            self.env["helpdesk.info.unit.occupancy"]._read_group(
                [("partner_id", "in", self.ids)],
                ["partner_id"],
                ["unit_id:count_distinct"],
            )
        )
        for partner in self:
            partner.unit_count = counts.get(partner, 0)

    def action_open_units(self):
        self.ensure_one()
        return self.env["helpdesk.info.unit"]._action_open(
            [("occupancy_ids.partner_id", "=", self.id)]
        )
