from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# What a seminar of a plan says; a plan under approval keeps it, a change of
# an approved plan is approved again.
SEMINAR_CONTENT_FIELDS = (
    "community_id",
    "topic",
    "description",
    "date_start",
    "duration",
    "place",
    "partner_ids",
    "user_ids",
)


class HelpdeskInfoSeminar(models.Model):
    """One owners' seminar (业主座谈会) of a year's seminar plan: when, where,
    what is discussed and who takes part. Once the plan is approved it is
    held as a calendar event, updated at each new approval."""

    _name = "helpdesk.info.seminar"
    _description = "Owners' Seminar"
    _inherit = ["helpdesk.info.guard.mixin"]
    _order = "date_start, id"
    _check_company_auto = True

    plan_id = fields.Many2one(
        "helpdesk.info.seminar.plan",
        string="Seminar Plan",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="plan_id.company_id", store=True, index=True, string="Company"
    )
    plan_state = fields.Selection(related="plan_id.state", string="Plan Status")
    community_id = fields.Many2one(
        "helpdesk.info.community",
        check_company=True,
        help="The community whose owners are invited; empty for a seminar of several "
        "communities.",
    )
    topic = fields.Char(
        string="Content",
        required=True,
        help="What the seminar discusses with the owners.",
    )
    description = fields.Text(
        string="Agenda", help="The points to discuss and what is asked of the owners."
    )
    date_start = fields.Datetime(string="Time", required=True)
    duration = fields.Float(default=2.0, help="In hours.")
    date_stop = fields.Datetime(string="Ends", compute="_compute_date_stop", store=True)
    place = fields.Char(
        required=True,
        help="Where the seminar is held, e.g. the management office meeting room.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "helpdesk_info_seminar_partner_rel",
        "seminar_id",
        "partner_id",
        string="Owners Invited",
        help="The owners and owners' committee members invited.",
    )
    user_ids = fields.Many2many(
        "res.users",
        "helpdesk_info_seminar_user_rel",
        "seminar_id",
        "user_id",
        string="Staff Taking Part",
        domain="[('share', '=', False)]",
    )
    event_id = fields.Many2one(
        "calendar.event",
        string="Calendar Event",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The event the seminar is held as, once its plan is approved.",
    )

    _duration_positive = models.Constraint(
        "CHECK(duration > 0)", "A seminar lasts some time."
    )

    _guard_state_field = "plan_state"

    def _guarded_fields(self):
        return {"event_id": None} | super()._guarded_fields()

    def _frozen_fields(self):
        # A seminar stays in its plan: it is planned again in another one.
        return {
            "recorded": {"plan_id": None},
            "submitted": dict.fromkeys(SEMINAR_CONTENT_FIELDS, None),
        } | super()._frozen_fields()

    def _guard_frozen_hint(self, state):
        if state == "submitted":
            return self.env._(
                "The plan waits for its approval: it changes once approved or rejected."
            )
        if state == "recorded":
            return self.env._("Plan the seminar again in the other plan.")
        return super()._guard_frozen_hint(state)

    @api.depends("date_start", "duration")
    def _compute_date_stop(self):
        for seminar in self:
            seminar.date_stop = (
                seminar.date_start + timedelta(hours=seminar.duration)
                if seminar.date_start
                else False
            )

    @api.constrains("date_start", "plan_id")
    def _check_year(self):
        for seminar in self:
            if seminar.date_start.year != seminar.plan_id.year:
                raise ValidationError(
                    self.env._(
                        "“%(topic)s” is not held in %(year)s, the year of its plan.",
                        topic=seminar.topic,
                        year=seminar.plan_id.year,
                    )
                )

    # ------------------------------------------------------------------
    # A change of an approved plan is approved again
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        seminars = super().create(vals_list)
        seminars.plan_id._back_to_approval()
        return seminars

    def write(self, vals):
        result = super().write(vals)
        if set(vals) - {"event_id"}:
            self.plan_id._back_to_approval()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_with_changeable_plan(self):
        for plan in self.plan_id.filtered(lambda p: p.state == "submitted"):
            raise UserError(
                self.env._(
                    "%s waits for its approval: it changes once approved or rejected.",
                    plan.name,
                )
            )

    def unlink(self):
        plans = self.plan_id
        self.event_id.sudo().unlink()
        result = super().unlink()
        plans.exists()._back_to_approval()
        return result

    # ------------------------------------------------------------------
    # Calendar
    # ------------------------------------------------------------------

    def _event_vals(self):
        self.ensure_one()
        description = Markup("<p>%s</p>") % (self.description or "")
        return {
            "name": self.env._("Owners' seminar: %s", self.topic),
            "start": self.date_start,
            "stop": self.date_stop,
            "location": self.place,
            "description": description,
            "user_id": self.plan_id.user_id.id or self.env.user.id,
            "partner_ids": [(6, 0, (self.partner_ids | self.user_ids.partner_id).ids)],
        }

    def _sync_events(self):
        """Create or update the calendar event of each seminar, as approved."""
        Event = self.env["calendar.event"].sudo()
        for seminar in self:
            vals = seminar._event_vals()
            if seminar.event_id:
                seminar.event_id.sudo().write(vals)
            else:
                seminar._write_by_action({"event_id": Event.create(vals).id})
