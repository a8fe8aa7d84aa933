from dateutil.relativedelta import relativedelta

from odoo import api, models


class HelpdeskInfoUnitOccupancy(models.Model):
    """New owners are visited within one month of moving in (seed 001 §9):
    an owner's move-in date plans the visit, once per occupancy."""

    _inherit = "helpdesk.info.unit.occupancy"

    @api.model_create_multi
    def create(self, vals_list):
        occupancies = super().create(vals_list)
        occupancies._plan_new_owner_visits()
        return occupancies

    def write(self, vals):
        result = super().write(vals)
        if vals.get("date_start") or vals.get("relation") == "owner":
            self._plan_new_owner_visits()
        return result

    def _plan_new_owner_visits(self):
        """A planned "new owner" visit, due one month after the move-in, for
        each owner occupancy that has none; move-ins whose month is already
        over (history entered later) get none."""
        Visit = self.env["helpdesk.info.visit"]
        candidates = self.filtered(lambda o: o.relation == "owner" and o.date_start)
        if not candidates:
            return Visit
        planned = (
            Visit.sudo().search([("occupancy_id", "in", candidates.ids)]).occupancy_id
        )
        vals_list = []
        for occupancy in candidates - planned:
            company = occupancy.unit_id.company_id
            due = occupancy.date_start + relativedelta(months=1)
            if due < Visit._company_today(company):
                continue
            visitor = Visit._default_visitor(occupancy.unit_id.community_id, company)
            if not visitor:
                continue
            vals_list.append(
                {
                    "kind": "new_owner",
                    "unit_id": occupancy.unit_id.id,
                    "partner_id": occupancy.partner_id.id,
                    "user_id": visitor.id,
                    "occupancy_id": occupancy.id,
                    "planned_date": due,
                    "company_id": company.id,
                }
            )
        return Visit._plan_system_visits(vals_list) if vals_list else Visit
