from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .helpdesk_info_approval_mixin import APPROVAL_STATES
from .helpdesk_info_personal_data_mixin import PERSONAL_DATA_GROUPS


class HelpdeskInfoUnitTransfer(models.Model):
    """A change of owner (过户, seed 002): the front desk records the unit,
    the old and the new owner and the date; a Customer Service manager
    other than who recorded it approves it; once done, the old owner's
    occupancy ends the day before and the new owner's starts on the date."""

    _name = "helpdesk.info.unit.transfer"
    _description = "Ownership Transfer"
    _inherit = ["helpdesk.info.approval.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    # No check_company: the company is the unit's own.
    unit_id = fields.Many2one(
        "helpdesk.info.unit",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The unit whose ownership changes.",
    )
    old_owner_id = fields.Many2one(
        "res.partner",
        required=True,
        ondelete="restrict",
        tracking=True,
        groups=PERSONAL_DATA_GROUPS,
        compute="_compute_old_owner_id",
        store=True,
        readonly=False,
        precompute=True,
        help="The owner who sells or hands the unit over: the unit's current "
        "owner unless another is chosen.",
    )
    new_owner_id = fields.Many2one(
        "res.partner",
        required=True,
        ondelete="restrict",
        tracking=True,
        groups=PERSONAL_DATA_GROUPS,
        help="The owner from the transfer's date.",
    )
    date = fields.Date(
        string="Transfer Date",
        required=True,
        tracking=True,
        help="The day the new owner owns the unit; the old owner's ownership "
        "ends the day before.",
    )
    requested_by_id = fields.Many2one(
        "res.users",
        string="Registered By",
        default=lambda self: self.env.user,
        readonly=True,
        copy=False,
        tracking=True,
    )
    state = fields.Selection(
        [*APPROVAL_STATES, ("done", "Done")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        related="unit_id.company_id", store=True, index=True, precompute=True
    )
    note = fields.Text(string="Notes")

    @api.depends("unit_id")
    def _compute_old_owner_id(self):
        for transfer in self:
            owners = transfer.sudo().unit_id.occupancy_ids.filtered(
                lambda o: o.current and o.relation == "owner"
            )
            transfer.old_owner_id = owners.partner_id[:1]

    @api.depends("unit_id.display_name", "date")
    def _compute_display_name(self):
        for transfer in self:
            transfer.display_name = self.env._(
                "Transfer of %(unit)s on %(date)s",
                unit=transfer.unit_id.display_name or "",
                date=transfer.date or "",
            )

    def _approval_content_fields(self):
        return {"unit_id", "old_owner_id", "new_owner_id", "date"}

    def _guard_frozen_hint(self, state):
        return self.env._("Record a new transfer instead.")

    def _old_occupancy(self):
        """The old owner's ownership of the unit on the day before."""
        self.ensure_one()
        day = self.date - timedelta(days=1)
        return self.sudo().unit_id.occupancy_ids.filtered(
            lambda o: (
                o.relation == "owner"
                and o.partner_id == self.sudo().old_owner_id
                and (not o.date_start or o.date_start <= day)
                and (not o.date_end or o.date_end >= day)
            )
        )

    def _check_transferable(self):
        for transfer in self:
            if transfer.sudo().old_owner_id == transfer.sudo().new_owner_id:
                raise UserError(
                    self.env._(
                        "%s: the old and the new owner are the same person.",
                        transfer.display_name,
                    )
                )
            if not transfer._old_occupancy():
                raise UserError(
                    self.env._(
                        "%(name)s: %(owner)s does not own the unit the day before "
                        "the transfer in the units register.",
                        name=transfer.display_name,
                        owner=transfer.sudo().old_owner_id.name,
                    )
                )

    def _check_submittable(self):
        result = super()._check_submittable()
        self._check_transferable()
        return result

    def action_done(self):
        """The approved transfer takes effect in the units register."""
        self.check_access("write")
        for transfer in self:
            if transfer.state != "approved":
                raise UserError(
                    self.env._(
                        "%s is not approved by a Customer Service manager: it does "
                        "not take effect.",
                        transfer.display_name,
                    )
                )
        self._check_transferable()
        Occupancy = self.env["helpdesk.info.unit.occupancy"].sudo()
        for transfer in self:
            transfer._old_occupancy().write(
                {"date_end": transfer.date - timedelta(days=1)}
            )
            Occupancy.create(
                {
                    "unit_id": transfer.unit_id.id,
                    "partner_id": transfer.sudo().new_owner_id.id,
                    "relation": "owner",
                    "date_start": transfer.date,
                }
            )
            transfer.message_post(
                body=self.env._(
                    "Done: the new owner owns the unit from %s.", transfer.date
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._write_by_action({"state": "done"})
        return True

    @api.model
    def _demo_transfer(self, vals, agent_id, manager_id):
        """The demo's transfer: recorded and submitted by the agent,
        approved by the manager, then done by the agent, each in his own
        language."""
        Users = self.env["res.users"]
        agent, manager = Users.browse((agent_id, manager_id))

        def by(user, records):
            return records.with_user(user).with_context(lang=user.lang)

        transfer = by(agent, self).create(vals)
        by(agent, transfer).action_submit()
        by(manager, transfer).validate_tier()
        by(agent, transfer).action_done()
        return transfer.id
