from datetime import timedelta

from odoo import api, fields, models


class HelpdeskInfoUnit(models.Model):
    """A unit's front-desk registrations (move-ins, rentals, decorations) are
    its history, and its status follows from them: it is computed from the
    occupancies the registrations enter and the decoration works in
    progress, never set by hand. A daily scheduled action refreshes the
    units whose occupancy began or ended since the day before."""

    _name = "helpdesk.info.unit"
    _inherit = "helpdesk.info.unit"

    registration_ids = fields.One2many(
        "helpdesk.info.unit.registration", "unit_id", string="Registrations"
    )
    decoration_ids = fields.One2many(
        "helpdesk.info.unit.decoration", "unit_id", string="Decorations"
    )
    registration_count = fields.Integer(compute="_compute_registration_counts")
    decoration_count = fields.Integer(compute="_compute_registration_counts")
    transfer_count = fields.Integer(compute="_compute_registration_counts")

    @api.depends(
        "occupancy_ids.relation",
        "occupancy_ids.date_start",
        "occupancy_ids.date_end",
        "decoration_ids.state",
    )
    def _compute_status(self):
        today = fields.Date.context_today(self)
        for unit in self:
            occupancies = unit.sudo().occupancy_ids
            current = occupancies.filtered(
                lambda o: (
                    (not o.date_start or o.date_start <= today)
                    and (not o.date_end or o.date_end >= today)
                )
            )
            relations = set(current.mapped("relation"))
            if "tenant" in relations:
                unit.status = "rented"
            elif "in_progress" in unit.sudo().decoration_ids.mapped("state"):
                unit.status = "decorating"
            elif "owner" in relations:
                unit.status = "occupied"
            elif "owner" in occupancies.mapped("relation"):
                unit.status = "vacant"
            else:
                unit.status = "not_delivered"

    def _compute_registration_counts(self):
        registrations = dict(
            self.env["helpdesk.info.unit.registration"]._read_group(
                [("unit_id", "in", self.ids)], ["unit_id"], ["__count"]
            )
        )
        decorations = dict(
            self.env["helpdesk.info.unit.decoration"]._read_group(
                [("unit_id", "in", self.ids)], ["unit_id"], ["__count"]
            )
        )
        transfers = dict(
            self.env["helpdesk.info.unit.transfer"]._read_group(
                [("unit_id", "in", self.ids)], ["unit_id"], ["__count"]
            )
        )
        for unit in self:
            unit.registration_count = registrations.get(unit, 0)
            unit.decoration_count = decorations.get(unit, 0)
            unit.transfer_count = transfers.get(unit, 0)

    @api.model
    def _cron_refresh_status(self):
        """Refresh the status of the units whose occupancy began or ended
        lately (the status reads today's date)."""
        today = fields.Date.context_today(self)
        since = today - timedelta(days=7)
        occupancies = (
            self.env["helpdesk.info.unit.occupancy"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    "|",
                    "&",
                    ("date_start", ">", since),
                    ("date_start", "<=", today),
                    "&",
                    ("date_end", ">=", since),
                    ("date_end", "<", today),
                ]
            )
        )
        units = occupancies.unit_id
        if units:
            self.env.add_to_compute(self._fields["status"], units)
            units._recompute_recordset(["status"])

    def _action_open_registrations(self, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("unit_id", "=", self.id)]
        action["context"] = {"default_unit_id": self.id}
        return action

    def action_open_registrations(self):
        return self._action_open_registrations(
            "helpdesk_property_info.helpdesk_info_unit_registration_action"
        )

    def action_open_decorations(self):
        return self._action_open_registrations(
            "helpdesk_property_info.helpdesk_info_unit_decoration_action"
        )

    def action_open_transfers(self):
        return self._action_open_registrations(
            "helpdesk_property_info.helpdesk_info_unit_transfer_action"
        )
