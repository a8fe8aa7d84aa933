from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from ..helpdesk_info_personal_data_mixin import mask_value

OCCUPANT_RELATIONS = [
    ("owner", "Owner"),
    ("tenant", "Tenant"),
    ("family", "Family Member"),
]


class HelpdeskInfoUnitOccupancy(models.Model):
    """Who owns or lives in a unit, as what, and from when to when."""

    _name = "helpdesk.info.unit.occupancy"
    _description = "Unit Occupant"
    _order = "unit_id, date_end desc, date_start desc, id"
    _check_company_auto = True

    unit_id = fields.Many2one(
        "helpdesk.info.unit",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Occupant",
        required=True,
        index=True,
        ondelete="restrict",
        help="The owner (业主), tenant (租户) or family member (家庭成员).",
    )
    phone = fields.Char(related="partner_id.phone")
    relation = fields.Selection(
        OCCUPANT_RELATIONS,
        required=True,
        default="owner",
        help="Owner: holds the title. Tenant: rents the unit. "
        "Family member: lives in it with the owner or tenant.",
    )
    date_start = fields.Date(
        string="From", help="When they became owner or moved in; empty when unknown."
    )
    date_end = fields.Date(
        string="Until",
        help="When they sold the unit or moved out; empty while they still do.",
    )
    current = fields.Boolean(
        compute="_compute_current",
        search="_search_current",
        help="The occupancy covers today.",
    )
    company_id = fields.Many2one(
        related="unit_id.company_id", store=True, index=True, precompute=True
    )
    note = fields.Char(string="Notes")

    @api.depends("date_start", "date_end")
    @api.depends_context("tz")
    def _compute_current(self):
        today = fields.Date.context_today(self)
        for occupancy in self:
            occupancy.current = (
                not occupancy.date_start or occupancy.date_start <= today
            ) and (not occupancy.date_end or occupancy.date_end >= today)

    def _search_current(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        today = fields.Date.context_today(self)
        current = (
            Domain("date_start", "=", False) | Domain("date_start", "<=", today)
        ) & (Domain("date_end", "=", False) | Domain("date_end", ">=", today))
        values = set(value)
        if True in values and False in values:
            domain = Domain.TRUE
        elif True in values:
            domain = current
        else:
            domain = ~current
        return ~domain if operator == "not in" else domain

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for occupancy in self:
            if (
                occupancy.date_start
                and occupancy.date_end
                and occupancy.date_end < occupancy.date_start
            ):
                raise ValidationError(
                    self.env._(
                        "%(partner)s's occupancy of %(unit)s ends on %(end)s, before "
                        "it starts on %(start)s.",
                        partner=occupancy.partner_id.display_name,
                        unit=occupancy.unit_id.display_name,
                        end=occupancy.date_end,
                        start=occupancy.date_start,
                    )
                )

    @api.constrains("relation", "partner_id", "unit_id")
    def _check_family_consent(self):
        """Family members are voluntary data (seed 004 第十条): recorded only
        with the consent of the family member or of a current owner or
        tenant of the unit."""
        for occupancy in self.sudo().filtered(lambda o: o.relation == "family"):
            heads = occupancy.unit_id.occupancy_ids.filtered(
                lambda o: o.relation in ("owner", "tenant") and o.current
            ).partner_id
            if not any(
                person._has_current_consent() for person in occupancy.partner_id | heads
            ):
                raise ValidationError(
                    self.env._(
                        "%(partner)s is recorded as a family member of %(unit)s only "
                        "with a consent: record the consent of the family member, or "
                        "of the unit's owner or tenant, first.",
                        partner=occupancy.partner_id.display_name,
                        unit=occupancy.unit_id.display_name,
                    )
                )

    @api.depends("unit_id", "partner_id", "relation")
    @api.depends_context("uid")
    def _compute_display_name(self):
        relations = dict(self._fields["relation"]._description_selection(self.env))
        shown = self._personal_data_shown_records()
        for occupancy in self:
            person = occupancy.sudo().partner_id.display_name or ""
            occupancy.display_name = "{}: {} ({})".format(
                occupancy.unit_id.display_name or "",
                person if occupancy in shown else mask_value("name", person),
                relations.get(occupancy.relation, ""),
            )
