from odoo import fields, models

from .helpdesk_info_patrol import PATROL_STATES, patrol_line_state_label


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

    _guard_state_field = "patrol_state"

    def _frozen_fields(self):
        answers = dict.fromkeys(("result", "note"), None)
        return {"draft": answers, "done": answers} | super()._frozen_fields()

    def _guard_state_label(self, state):
        if state in dict(PATROL_STATES):
            return patrol_line_state_label(self.env, state)
        return super()._guard_state_label(state)

    def _guard_frozen_hint(self, state):
        if state in ("draft", "done"):
            return self.env._("Problems are verified while the patrol is under way.")
        return super()._guard_frozen_hint(state)
