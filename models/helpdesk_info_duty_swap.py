from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .helpdesk_info_approval_mixin import APPROVAL_STATES
from .helpdesk_info_guard_mixin import RECORDED, in_action_scope

CS_AGENT = "helpdesk_property_info.group_cs_agent"


class HelpdeskInfoDutySwap(models.Model):
    """A colleague takes over a shift of the duty roster: the holder (or a
    Customer Service agent for him) asks, with a reason, and a Customer
    Service manager approves. The approval, never the requester, gives the
    shift to the colleague; neither the requester, the holder nor the
    colleague approves it."""

    _name = "helpdesk.info.duty.swap"
    _description = "Duty Shift Swap"
    _inherit = ["helpdesk.info.approval.mixin"]
    _order = "id desc"
    _check_company_auto = True

    shift_id = fields.Many2one(
        "helpdesk.info.duty.shift",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
        tracking=True,
        help="The shift handed over.",
    )
    company_id = fields.Many2one(
        related="shift_id.company_id", store=True, index=True, precompute=True
    )
    holder_id = fields.Many2one(
        "res.users",
        readonly=True,
        copy=False,
        help="Who held the shift when the swap was asked for.",
    )
    colleague_id = fields.Many2one(
        "res.users",
        string="Taken Over By",
        required=True,
        domain="[('share', '=', False)]",
        tracking=True,
        help="The colleague who takes the shift once the swap is approved.",
    )
    reason = fields.Text(required=True, help="Why the holder cannot be on duty.")
    requested_by_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        readonly=True,
        copy=False,
        tracking=True,
    )
    state = fields.Selection(
        APPROVAL_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    shift_start = fields.Datetime(related="shift_id.start", string="Shift Begins")
    shift_stop = fields.Datetime(related="shift_id.stop", string="Shift Ends")

    @api.depends("shift_id.display_name", "colleague_id.name")
    def _compute_display_name(self):
        for swap in self:
            swap.display_name = self.env._(
                "%(shift)s → %(colleague)s",
                shift=swap.shift_id.display_name or "",
                colleague=swap.colleague_id.name or "",
            )

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------

    def _guarded_fields(self):
        return {"holder_id": None} | super()._guarded_fields()

    def _approval_content_fields(self):
        return {"shift_id", "colleague_id", "reason"}

    def _frozen_fields(self):
        # A request is changed by whoever made it, the holder, or Customer
        # Service; it never moves to another shift.
        return {
            RECORDED: {
                "shift_id": None,
                "colleague_id": type(self)._may_change_request,
                "reason": type(self)._may_change_request,
            }
        } | super()._frozen_fields()

    def _may_change_request(self):
        user = self.env.user
        return user.has_group(CS_AGENT) or user in (
            self.requested_by_id | self.holder_id
        )

    def _guard_frozen_hint(self, state):
        return self.env._("Ask for another swap instead.")

    def _requester(self):
        # Nobody approves a swap that gives or takes his own shift.
        return self.requested_by_id | self.holder_id | self.colleague_id

    def _requester_refusal_message(self):
        return self.env._(
            "%s concerns you: another Customer Service manager approves it.",
            self.display_name,
        )

    def _check_may_ask(self):
        """The holder asks for a swap of his shift, or a Customer Service
        agent asks for him."""
        if self.env.su or self.env.user.has_group(CS_AGENT):
            return
        for swap in self:
            if self.env.user != swap.shift_id.user_id:
                raise AccessError(
                    self.env._(
                        "Only the holder of %s, or Customer Service for him, asks "
                        "for its swap.",
                        swap.shift_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        swaps = super().create(vals_list)
        swaps._check_may_ask()
        for swap in swaps:
            swap._write_by_action({"holder_id": swap.shift_id.user_id.id})
        return swaps

    def _check_swappable(self):
        now = fields.Datetime.now()
        for swap in self:
            shift = swap.shift_id
            if shift.stop <= now:
                raise UserError(
                    self.env._(
                        "%s is over: it is no longer swapped.", shift.display_name
                    )
                )
            if swap.colleague_id == shift.user_id:
                raise UserError(
                    self.env._(
                        "%(user)s already holds %(shift)s.",
                        user=swap.colleague_id.name,
                        shift=shift.display_name,
                    )
                )
            busy = (
                self.env["helpdesk.info.duty.shift"]
                .sudo()
                .search(
                    [
                        ("user_id", "=", swap.colleague_id.id),
                        ("start", "<", shift.stop),
                        ("stop", ">", shift.start),
                    ],
                    limit=1,
                )
            )
            if busy:
                raise UserError(
                    self.env._(
                        "%(user)s is already on duty then: %(busy)s.",
                        user=swap.colleague_id.name,
                        busy=busy.display_name,
                    )
                )
            if shift.user_id != swap.holder_id:
                raise UserError(
                    self.env._(
                        "%s changed hands since the swap was asked for: ask again.",
                        shift.display_name,
                    )
                )

    def _check_submittable(self):
        result = super()._check_submittable()
        self._check_swappable()
        return result

    def _check_approval(self):
        self._check_swappable()

    def _after_approval(self):
        shift = self.shift_id
        # The approval, not the requester, hands the shift over.
        in_action_scope(shift.sudo()).write({"user_id": self.colleague_id.id})
        body = self.env._(
            "Swap approved: %(colleague)s takes the shift over from %(holder)s "
            "(%(reason)s).",
            colleague=self.colleague_id.name,
            holder=self.holder_id.name,
            reason=self.reason,
        )
        shift.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")
        self.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _after_rejection(self):
        self.message_post(
            body=self.env._("Swap rejected: %s", self.rejection_reason or ""),
            subtype_xmlid="mail.mt_note",
        )
