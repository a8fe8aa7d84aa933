from odoo import api, fields, models


class HelpdeskTicket(models.Model):
    """The caller's home in the units register. The free-text room number
    stays for callers outside the register; picking a unit fills it when it
    is empty."""

    _inherit = "helpdesk.ticket"

    unit_id = fields.Many2one(
        "helpdesk.info.unit",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        help="The unit of the units register the ticket is about: type its code, "
        "e.g. 3-2-501.",
    )

    @api.constrains("unit_id", "company_id")
    def _check_unit_company(self):
        self._check_company(["unit_id"])

    @api.onchange("unit_id")
    def _onchange_unit_id_room_number(self):
        if self.unit_id and not self.room_number:
            self.room_number = self.unit_id.sudo().full_code

    def _prepare_unit_vals(self, vals_list):
        """Create: the room number of the unit, when none is typed."""
        units = (
            self.env["helpdesk.info.unit"]
            .sudo()
            .browse(
                [
                    vals["unit_id"]
                    for vals in vals_list
                    if vals.get("unit_id") and not vals.get("room_number")
                ]
            )
        )
        codes = {unit.id: unit.full_code for unit in units}
        for vals in vals_list:
            if vals.get("unit_id") and not vals.get("room_number"):
                vals["room_number"] = codes.get(vals["unit_id"])

    def _after_write_unit(self, vals):
        """Write: a unit picked fills an empty room number."""
        if vals.get("unit_id") and "room_number" not in vals:
            # Derived from the unit: written whoever picked it.
            for ticket in self.sudo().filtered(
                lambda t: t.unit_id and not t.room_number
            ):
                ticket.room_number = ticket.unit_id.full_code
