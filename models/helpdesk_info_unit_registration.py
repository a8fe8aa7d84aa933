from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .helpdesk_info_guard_mixin import RECORDED
from .helpdesk_info_personal_data_mixin import PERSONAL_DATA_GROUPS

REGISTRATION_KINDS = [
    ("move_in", "Move-in Handover"),
    ("rental", "Rental"),
]
REGISTRATION_STATES = [
    ("draft", "Draft"),
    ("confirmed", "Confirmed"),
    ("cancelled", "Cancelled"),
]


class HelpdeskInfoUnitRegistration(models.Model):
    """A front-desk registration that starts someone's occupancy of a unit
    (seed 002): the owner's move-in (收楼/入伙), with the keys handed over,
    the meter readings and the documents signed, or a rental (出租登记)
    with the tenant and the period. A Customer Service agent records it and
    confirms it; the confirmation, never a hand edit, enters the owner or
    the tenant in the units register, and the registration stays as the
    unit's history."""

    _name = "helpdesk.info.unit.registration"
    _description = "Move-in or Rental Registration"
    _inherit = ["mail.thread", "mail.activity.mixin", "helpdesk.info.guard.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    kind = fields.Selection(
        REGISTRATION_KINDS,
        required=True,
        default="move_in",
        tracking=True,
        help="Move-in: the owner takes the unit over (收楼/入伙). "
        "Rental: a tenant rents it (出租登记).",
    )
    # No check_company: the company is the unit's own.
    unit_id = fields.Many2one(
        "helpdesk.info.unit",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The unit taken over or rented.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Owner or Tenant",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        groups=PERSONAL_DATA_GROUPS,
        help="The owner who moves in, or the tenant who rents the unit.",
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="The day the owner takes the unit over, or the rental begins.",
    )
    date_end = fields.Date(
        string="Rental Ends",
        tracking=True,
        help="The last day of the rental.",
    )
    keys_count = fields.Integer(
        string="Keys Handed Over",
        tracking=True,
        help="How many keys the owner received.",
    )
    water_reading = fields.Float(
        string="Water Meter",
        digits=(12, 2),
        help="The water meter's reading at the handover (m³).",
    )
    electricity_reading = fields.Float(
        string="Electricity Meter",
        digits=(12, 2),
        help="The electricity meter's reading at the handover (kWh).",
    )
    gas_reading = fields.Float(
        string="Gas Meter",
        digits=(12, 2),
        help="The gas meter's reading at the handover (m³).",
    )
    documents_signed = fields.Boolean(
        tracking=True,
        help="The owner signed the handover documents (handover form, "
        "management agreement, decoration rules).",
    )
    documents_note = fields.Text(
        string="Documents",
        help="Which documents were signed, and what is still to be signed.",
    )
    state = fields.Selection(
        REGISTRATION_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    confirmed_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True
    )
    confirmed_date = fields.Datetime(
        string="Confirmed On", readonly=True, copy=False, tracking=True
    )
    occupancy_id = fields.Many2one(
        "helpdesk.info.unit.occupancy",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The occupancy the confirmation entered in the units register.",
    )
    company_id = fields.Many2one(
        related="unit_id.company_id", store=True, index=True, precompute=True
    )
    note = fields.Text(string="Notes")

    @api.depends("kind", "unit_id.display_name", "date")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for registration in self:
            registration.display_name = " ".join(
                filter(
                    None,
                    (
                        kinds.get(registration.kind),
                        registration.unit_id.display_name,
                        registration.date and str(registration.date),
                    ),
                )
            )

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------

    def _guarded_fields(self):
        return (
            dict.fromkeys(
                ("state", "confirmed_by_id", "confirmed_date", "occupancy_id"), None
            )
            | super()._guarded_fields()
        )

    def _frozen_fields(self):
        content = dict.fromkeys(
            (
                "kind",
                "unit_id",
                "partner_id",
                "date",
                "date_end",
                "keys_count",
                "water_reading",
                "electricity_reading",
                "gas_reading",
                "documents_signed",
            ),
            None,
        )
        return {
            "confirmed": content,
            "cancelled": content,
            RECORDED: {"kind": None},
        } | super()._frozen_fields()

    def _guard_frozen_hint(self, state):
        return self.env._("Record a new registration instead.")

    @api.constrains("kind", "date", "date_end")
    def _check_period(self):
        for registration in self:
            if registration.kind != "rental":
                continue
            if not registration.date_end:
                raise ValidationError(
                    self.env._(
                        "A rental states when it ends: %s has no end date.",
                        registration.display_name,
                    )
                )
            if registration.date_end < registration.date:
                raise ValidationError(
                    self.env._(
                        "The rental %(name)s ends on %(end)s, before it begins on "
                        "%(start)s.",
                        name=registration.display_name,
                        end=registration.date_end,
                        start=registration.date,
                    )
                )

    @api.constrains("keys_count", "water_reading", "electricity_reading", "gas_reading")
    def _check_not_negative(self):
        for registration in self:
            if (
                min(
                    registration.keys_count,
                    registration.water_reading,
                    registration.electricity_reading,
                    registration.gas_reading,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._(
                        "%s: keys and meter readings are never negative.",
                        registration.display_name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if self.filtered(lambda r: r.state == "confirmed"):
            raise UserError(
                self.env._("A confirmed registration is kept: cancel it instead.")
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _check_confirmable(self):
        for registration in self:
            if registration.state != "draft":
                raise UserError(
                    self.env._(
                        "Only a draft registration is confirmed: %s is not.",
                        registration.display_name,
                    )
                )
            if registration.kind == "move_in" and not registration.documents_signed:
                raise UserError(
                    self.env._(
                        "%s: the owner signs the handover documents before the "
                        "move-in is confirmed.",
                        registration.display_name,
                    )
                )

    def _occupancy_vals(self):
        self.ensure_one()
        return {
            "unit_id": self.unit_id.id,
            "partner_id": self.sudo().partner_id.id,
            "relation": "tenant" if self.kind == "rental" else "owner",
            "date_start": self.date,
            "date_end": self.date_end if self.kind == "rental" else False,
        }

    def action_confirm(self):
        """Enter the owner or the tenant in the units register."""
        self.check_access("write")
        self._check_confirmable()
        # Agents do not edit the units register: the confirmation does.
        Occupancy = self.env["helpdesk.info.unit.occupancy"].sudo()
        for registration in self:
            occupancy = Occupancy.create(registration._occupancy_vals())
            registration._write_by_action(
                {
                    "state": "confirmed",
                    "confirmed_by_id": self.env.uid,
                    "confirmed_date": fields.Datetime.now(),
                    "occupancy_id": occupancy.id,
                }
            )
            registration.message_post(
                body=self.env._(
                    "Confirmed: %s entered in the units register.",
                    occupancy.sudo().display_name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_cancel(self):
        """Cancel a draft registration; a confirmed one stays, with its
        occupancy, and the register is corrected by a Customer Service
        manager."""
        self.check_access("write")
        for registration in self:
            if registration.state != "draft":
                raise UserError(
                    self.env._(
                        "Only a draft registration is cancelled: %s is not.",
                        registration.display_name,
                    )
                )
        self._write_by_action({"state": "cancelled"})
        return True

    @api.model
    def _demo_move_in(self, vals, agent_id):
        """The demo's move-in, recorded and confirmed by the agent in his
        own language, as from his screen."""
        agent = self.env["res.users"].browse(agent_id)
        registration = self.with_user(agent).with_context(lang=agent.lang).create(vals)
        registration.action_confirm()
        return registration.id
