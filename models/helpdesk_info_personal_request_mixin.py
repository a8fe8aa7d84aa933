from odoo import fields, models

from .helpdesk_info_approval_mixin import APPROVAL_STATES

REQUEST_STATES = [*APPROVAL_STATES, ("done", "Done")]


class HelpdeskInfoPersonalRequestMixin(models.AbstractModel):
    """A request about personal data that a reviewer approves through tier
    validation before it is carried out: erasure (legal counsel) and
    disclosure outside the company (a company leader). The requester never
    approves; the decision and what follows are written by the actions only."""

    _name = "helpdesk.info.personal.request.mixin"
    _inherit = ["helpdesk.info.approval.mixin"]
    _description = "Personal Data Request"
    _order = "id desc"
    _check_company_auto = True

    _cancel_state = "rejected"

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        REQUEST_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    requested_by_id = fields.Many2one(
        "res.users",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
        tracking=True,
        help="Who recorded the request and asks for its approval; never its approver.",
    )
