from odoo import api, fields, models
from odoo.exceptions import UserError

from .helpdesk_info_guard_mixin import RECORDED

ITEM_FIELDS = ("name", "quantity", "note")


class HelpdeskInfoDutyHandoverItem(models.Model):
    """A key or item handed over with a shift (客服中心交接班制度): written
    by the one who hands over, unchanged once the next shift accepted."""

    _name = "helpdesk.info.duty.handover.item"
    _description = "Item Handed Over"
    _inherit = ["helpdesk.info.guard.mixin"]
    _order = "handover_id, sequence, id"

    handover_id = fields.Many2one(
        "helpdesk.info.duty.handover", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="handover_id.company_id", store=True, index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(
        string="Key or Item",
        required=True,
        help="Keys of the pump room, radio, logbook…",
    )
    quantity = fields.Integer(default=1)
    note = fields.Char(string="Item Note", help="Its state, or where it is kept.")

    _quantity_positive = models.Constraint(
        "CHECK(quantity > 0)", "An item is handed over at least once."
    )

    def _guard_states(self):
        # The handover's state: while it waits for acceptance, the one who
        # hands over changes the items; once accepted, nobody.
        self.ensure_one()
        return self.handover_id._guard_states()

    def _guard_state_label(self, state):
        return self.handover_id._guard_state_label(state)

    def _frozen_fields(self):
        return {
            RECORDED: {"handover_id": None},
            "handed_over": dict.fromkeys(
                (*ITEM_FIELDS, "handover_id"), type(self)._may_edit_item
            ),
            "accepted": dict.fromkeys((*ITEM_FIELDS, "handover_id"), None),
        }

    def _guard_frozen_hint(self, state):
        return self.handover_id._guard_frozen_hint(state)

    def _may_edit_item(self):
        return self.handover_id._may_edit_handover()

    @api.ondelete(at_uninstall=False)
    def _unlink_while_handed_over(self):
        if self.env.su:
            return
        for item in self:
            if item.handover_id.state != "handed_over" or not item._may_edit_item():
                raise UserError(
                    self.env._(
                        "%(item)s of %(handover)s stays: only the one who hands "
                        "over removes an item, before the handover is accepted.",
                        item=item.name,
                        handover=item.handover_id.display_name,
                    )
                )
