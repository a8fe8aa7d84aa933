from odoo import api, fields, models
from odoo.exceptions import UserError

from .helpdesk_info_guard_mixin import RECORDED


class HelpdeskInfoIncidentStep(models.Model):
    """A step of an incident's emergency plan: copied from its kind at
    declaration (or added on the spot), ticked off with who did it and
    when. A closed incident's checklist stays as it was."""

    _name = "helpdesk.info.incident.step"
    _description = "Emergency Checklist Step"
    _inherit = ["helpdesk.info.guard.mixin"]
    _order = "incident_id, sequence, id"
    _check_company_auto = True

    incident_id = fields.Many2one(
        "helpdesk.info.incident",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="incident_id.company_id", store=True, index=True, precompute=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Step", required=True)
    done = fields.Boolean(readonly=True, copy=False)
    done_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    done_date = fields.Datetime(string="Done On", readonly=True, copy=False)

    def _guarded_fields(self):
        return (
            dict.fromkeys(("done", "done_by_id", "done_date"), None)
            | super()._guarded_fields()
        )

    def _guard_states(self):
        self.ensure_one()
        return ("incident_closed",) if self.incident_id.state == "closed" else ()

    def _frozen_fields(self):
        content = dict.fromkeys(("name", "sequence", "incident_id"), None)
        return {
            RECORDED: {"incident_id": None},
            "incident_closed": content,
        } | super()._frozen_fields()

    def _guard_state_label(self, state):
        if state == "incident_closed":
            return self.env._("closed")
        return super()._guard_state_label(state)

    def _guard_frozen_hint(self, state):
        if state == "incident_closed":
            return self.env._("The incident is closed: its checklist stays as it was.")
        return super()._guard_frozen_hint(state)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_open_steps(self):
        if any(s.incident_id.state == "closed" or s.done for s in self):
            raise UserError(
                self.env._(
                    "A step done, or of a closed incident, stays on the checklist."
                )
            )

    def _check_open(self):
        self.incident_id.check_access("write")
        for step in self:
            if step.incident_id.state == "closed":
                raise UserError(
                    self.env._(
                        "%s is closed: its checklist stays as it was.",
                        step.incident_id.display_name,
                    )
                )

    def action_done(self):
        """Tick the step off, in the user's name, now."""
        self._check_open()
        self.filtered(lambda s: not s.done)._write_by_action(
            {
                "done": True,
                "done_by_id": self.env.uid,
                "done_date": fields.Datetime.now(),
            }
        )
        return True

    def action_undo(self):
        """Untick a step ticked off by mistake."""
        self._check_open()
        self._write_by_action({"done": False, "done_by_id": False, "done_date": False})
        return True
