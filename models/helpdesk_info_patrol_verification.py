from odoo import fields, models
from odoo.exceptions import UserError

from .helpdesk_info_guard_mixin import is_action


class HelpdeskInfoPatrolVerification(models.Model):
    """A problem of an earlier patrol, checked again on site (seed 001 §10:
    by the next day at the latest). Still open, it comes back on the next
    day's patrol."""

    _name = "helpdesk.info.patrol.verification"
    _description = "Patrol Verification"
    _inherit = ["helpdesk.info.guard.mixin"]
    _order = "patrol_id, id"
    _check_company_auto = True

    patrol_id = fields.Many2one(
        "helpdesk.info.patrol",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(related="patrol_id.company_id", store=True, index=True)
    patrol_state = fields.Selection(related="patrol_id.state", string="Patrol Status")
    check_id = fields.Many2one(
        "helpdesk.info.patrol.check",
        string="Problem",
        required=True,
        index=True,
        ondelete="cascade",
        help="The problem found on an earlier patrol.",
    )
    found_on = fields.Date(related="check_id.patrol_date", string="Found On")
    ticket_id = fields.Many2one(related="check_id.ticket_id", string="Ticket")
    ticket_stage_id = fields.Many2one(
        related="check_id.ticket_id.stage_id", string="Ticket Stage"
    )
    result = fields.Selection(
        [("fixed", "Verified Fixed"), ("open", "Still Open")],
        help="What the inspector saw on site; still open, the problem comes back "
        "tomorrow.",
    )
    note = fields.Char(help="What was seen on site.")

    def _guarded_fields(self):
        return (
            dict.fromkeys(("patrol_id", "check_id", "company_id"), None)
            | super()._guarded_fields()
        )

    def write(self, vals):
        if {"result", "note"} & set(vals) and not is_action(self):
            if any(line.patrol_id.state != "in_progress" for line in self):
                raise UserError(
                    self.env._("Problems are verified while the patrol is under way.")
                )
        return super().write(vals)
