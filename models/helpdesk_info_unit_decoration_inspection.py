from odoo import api, fields, models
from odoo.exceptions import UserError

from .helpdesk_info_guard_mixin import RECORDED

INSPECTION_KINDS = [
    ("during", "During the Works"),
    ("final", "Final"),
]
INSPECTION_RESULTS = [
    ("pass", "Conforming"),
    ("rectify", "To Rectify"),
    ("fail", "Breach of the Rules"),
]


class HelpdeskInfoUnitDecorationInspection(models.Model):
    """An inspection of decoration works, while they last or at the end: who
    inspected, when, what they found. Recorded while the works are in
    progress; kept as found afterwards."""

    _name = "helpdesk.info.unit.decoration.inspection"
    _description = "Decoration Inspection"
    _inherit = ["helpdesk.info.guard.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    decoration_id = fields.Many2one(
        "helpdesk.info.unit.decoration",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    inspector_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        help="Who inspected the works.",
    )
    kind = fields.Selection(
        INSPECTION_KINDS,
        required=True,
        default="during",
        help="During the works, or the final inspection before closing.",
    )
    result = fields.Selection(
        INSPECTION_RESULTS,
        required=True,
        default="pass",
        help="Conforming; to rectify (the contractor corrects it); or a breach "
        "of the decoration rules (may cost the deposit).",
    )
    note = fields.Text(help="What the inspector found.")
    company_id = fields.Many2one(
        related="decoration_id.company_id", store=True, index=True, precompute=True
    )

    def _guard_states(self):
        self.ensure_one()
        return ("works_closed",) if self.decoration_id.state == "closed" else ()

    def _guard_state_label(self, state):
        if state == "works_closed":
            return self.env._("closed")
        return super()._guard_state_label(state)

    def _frozen_fields(self):
        found = dict.fromkeys(
            ("decoration_id", "date", "inspector_id", "kind", "result", "note"),
            None,
        )
        return {
            RECORDED: {"decoration_id": None},
            "works_closed": found,
        } | super()._frozen_fields()

    @api.model_create_multi
    def create(self, vals_list):
        inspections = super().create(vals_list)
        for inspection in inspections:
            if inspection.decoration_id.state != "in_progress":
                raise UserError(
                    self.env._(
                        "%s is not in progress: its works are inspected once they "
                        "have started.",
                        inspection.decoration_id.display_name,
                    )
                )
        return inspections
