from odoo import models

# What an owners' seminar gives its event (``_event_vals``), besides the
# attendees: its time and place follow the plan as approved.
SEMINAR_EVENT_FIELDS = (
    "name",
    "start",
    "stop",
    "start_date",
    "stop_date",
    "allday",
    "duration",
    "recurrency",
    "location",
)


class CalendarEvent(models.Model):
    """The calendar event an owners' seminar is held as (seed 003 沟通计划):
    its time and place are the seminar's, as its plan was approved. They
    change through the seminar plan, approved again, never on the event."""

    _name = "calendar.event"
    _inherit = ["calendar.event", "helpdesk.info.guard.mixin"]

    def _frozen_fields(self):
        return {
            "seminar": dict.fromkeys(SEMINAR_EVENT_FIELDS, None)
        } | super()._frozen_fields()

    def _guard_states(self):
        states = super()._guard_states()
        if self.id and self.env["helpdesk.info.seminar"].sudo().search_count(
            [("event_id", "=", self.id)], limit=1
        ):
            states += ("seminar",)
        return states

    def _guard_state_label(self, state):
        if state == "seminar":
            return self.env._("an owners' seminar's event")
        return super()._guard_state_label(state)

    def _guard_frozen_hint(self, state):
        if state == "seminar":
            return self.env._(
                "Change the seminar in its plan: the event follows once the "
                "plan is approved again."
            )
        return super()._guard_frozen_hint(state)
