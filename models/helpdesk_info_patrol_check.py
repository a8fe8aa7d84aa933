from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .helpdesk_info_guard_mixin import in_action_scope
from .helpdesk_info_patrol import PATROL_STATES, patrol_line_state_label

FINDING_CRON = "helpdesk_property_info.ir_cron_watch_patrol_findings"


class HelpdeskInfoPatrolCheck(models.Model):
    """An item of a floor's inspection sheet. A problem is a finding: the
    server dates it when it is recorded, and it must become a ticket within
    30 minutes (seed 001 §10), which a watcher enforces."""

    _name = "helpdesk.info.patrol.check"
    _description = "Patrol Checklist Line"
    _inherit = ["helpdesk.info.guard.mixin", "helpdesk.info.watcher.mixin"]
    _order = "floor_line_id, sequence, id"
    _check_company_auto = True

    floor_line_id = fields.Many2one(
        "helpdesk.info.patrol.floor",
        string="Floor Sheet",
        required=True,
        index=True,
        ondelete="cascade",
    )
    patrol_id = fields.Many2one(
        related="floor_line_id.patrol_id", store=True, index=True
    )
    community_id = fields.Many2one(
        related="floor_line_id.community_id", store=True, index=True
    )
    company_id = fields.Many2one(
        related="floor_line_id.company_id", store=True, index=True
    )
    building_id = fields.Many2one(related="floor_line_id.building_id", store=True)
    floor = fields.Integer(related="floor_line_id.floor", store=True)
    user_id = fields.Many2one(related="patrol_id.user_id", string="Inspector")
    patrol_date = fields.Date(
        related="patrol_id.date", store=True, string="Patrol Date"
    )
    patrol_state = fields.Selection(related="patrol_id.state", string="Patrol Status")
    item_id = fields.Many2one(
        "helpdesk.info.patrol.item", required=True, ondelete="restrict"
    )
    sequence = fields.Integer(related="item_id.sequence", store=True)
    result = fields.Selection(
        [("ok", "In Order"), ("fixed", "Fixed on the Spot"), ("problem", "Problem")],
        index=True,
        help="Fixed on the spot: the inspector dealt with it there and then, and says "
        "how in the "
        "note. A problem is a finding passed on: it becomes a ticket within 30 "
        "minutes.",
    )
    note = fields.Char(help="What was seen: where, how bad, what was done on the spot.")
    unit_id = fields.Many2one(
        "helpdesk.info.unit",
        check_company=True,
        domain="[('building_id', '=', building_id)]",
        help="The unit concerned, when the problem is at someone's door.",
    )
    found_at = fields.Datetime(
        readonly=True,
        copy=False,
        help="When the problem was first recorded, set by the server.",
    )
    ticket_deadline = fields.Datetime(
        string="Ticket Due",
        compute="_compute_ticket_deadline",
        help="The finding must be a ticket by then.",
    )
    ticket_next_check = fields.Datetime(
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="When the watcher looks at the finding again; empty once it has a ticket "
        "or was reported late.",
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket", readonly=True, copy=False, index="btree_not_null"
    )
    ticket_stage_id = fields.Many2one(
        related="ticket_id.stage_id", string="Ticket Stage"
    )
    ticket_late = fields.Boolean(
        readonly=True,
        copy=False,
        help="The ticket was opened after the time allowed.",
    )
    ticket_late_alerted = fields.Boolean(readonly=True, copy=False)
    verified = fields.Boolean(
        string="Verified Fixed",
        readonly=True,
        copy=False,
        help="A later patrol found the problem fixed on site.",
    )
    verified_patrol_id = fields.Many2one(
        "helpdesk.info.patrol",
        string="Verified On",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )

    def _guarded_fields(self):
        # Only the server dates a finding, opens its ticket and records the
        # watcher's and the verification's outcomes; the lines of a floor are
        # made with it.
        return (
            dict.fromkeys(
                (
                    "found_at",
                    "ticket_next_check",
                    "ticket_id",
                    "ticket_late",
                    "ticket_late_alerted",
                    "verified",
                    "verified_patrol_id",
                    "floor_line_id",
                    "item_id",
                    "patrol_id",
                    "community_id",
                    "company_id",
                    "building_id",
                    "floor",
                    "patrol_date",
                    "sequence",
                ),
                None,
            )
            | super()._guarded_fields()
        )

    _guard_state_field = "patrol_state"

    def _frozen_fields(self):
        # Answered while the patrol is under way; a problem passed on as a
        # ticket stays a problem.
        answers = dict.fromkeys(("result", "note", "unit_id"), None)
        return {
            "draft": answers,
            "done": answers,
            "ticketed": {"result": None},
        } | super()._frozen_fields()

    def _guard_states(self):
        states = super()._guard_states()
        if self.ticket_id:
            states += ("ticketed",)
        return states

    def _guard_state_label(self, state):
        if state == "ticketed":
            return self.env._("passed on as a ticket")
        if state in dict(PATROL_STATES):
            return patrol_line_state_label(self.env, state)
        return super()._guard_state_label(state)

    def _guard_frozen_hint(self, state):
        if state == "ticketed":
            return self.env._("It stays a problem.")
        if state in ("draft", "done"):
            return self.env._(
                "Checklist lines are answered while the patrol is under way."
            )
        return super()._guard_frozen_hint(state)

    @api.depends("item_id.name", "building_id", "floor")
    def _compute_display_name(self):
        for check in self:
            check.display_name = self.env._(
                "%(item)s (%(building)s, floor %(floor)s)",
                item=check.item_id.name or "",
                building=check.building_id.name or check.building_id.code or "",
                floor=check.floor,
            )

    @api.depends("found_at", "company_id.patrol_ticket_minutes")
    def _compute_ticket_deadline(self):
        for check in self:
            check.ticket_deadline = (
                check.found_at and check.found_at + check._allowed_delay()
            )

    def _allowed_delay(self):
        return timedelta(
            minutes=(self.company_id or self.env.company).patrol_ticket_minutes
        )

    def write(self, vals):
        result = super().write(vals)
        if "result" in vals:
            self._date_findings()
        return result

    @api.constrains("result", "note")
    def _check_fixed_note(self):
        for check in self:
            if check.result == "fixed" and not (check.note or "").strip():
                raise ValidationError(
                    self.env._(
                        "%s was fixed on the spot: say in the note what was done.",
                        check.display_name,
                    )
                )

    def _date_findings(self):
        """A problem is dated when first recorded and watched until it has its
        ticket; set back in order, it is no longer watched (its first date
        stays, so recording it again gains no time)."""
        now = fields.Datetime.now()
        due = []
        for check in self:
            vals = {}
            if check.result == "problem":
                if not check.found_at:
                    vals["found_at"] = now
                found_at = vals.get("found_at", check.found_at)
                if not check.ticket_id and not check.ticket_late_alerted:
                    vals["ticket_next_check"] = found_at + check._allowed_delay()
                    due.append(vals["ticket_next_check"])
            elif check.ticket_next_check:
                vals["ticket_next_check"] = False
            if vals:
                check._write_by_action(vals)
        if due:
            cron = self.env.ref(FINDING_CRON, raise_if_not_found=False)
            if cron:
                cron.sudo()._trigger(sorted(set(due)))

    # ------------------------------------------------------------------
    # The finding's ticket
    # ------------------------------------------------------------------

    def action_create_ticket(self):
        """Pass the finding on as a ticket (seed 001 §10: within 30 minutes);
        a second click opens it."""
        self.ensure_one()
        if not self.env.su and not self.env.user.has_group(
            "helpdesk_property_info.group_cs_agent"
        ):
            raise UserError(
                self.env._("Only Customer Service opens tickets for patrol findings.")
            )
        self.check_access("write")
        if not self.ticket_id:
            if self.result != "problem":
                raise UserError(self.env._("Only a problem found becomes a ticket."))
            if self.patrol_id.state != "in_progress":
                raise UserError(
                    self.env._("Tickets are opened while the patrol is under way.")
                )
            self.env["helpdesk.ticket"].check_access("create")
            late = (
                bool(self.ticket_deadline)
                and fields.Datetime.now() > self.ticket_deadline
            )
            ticket = self.env["helpdesk.ticket"].create(self._ticket_vals())
            ticket._write_by_action(
                {"patrol_check_id": self.id, "patrol_ticket_late": late}
            )
            self._write_by_action(
                {
                    "ticket_id": ticket.id,
                    "ticket_next_check": False,
                    "ticket_late": late,
                }
            )
            self.patrol_id.message_post(
                body=Markup("%s %s")
                % (
                    self.env._("Ticket opened for the problem %s:", self.display_name),
                    ticket._get_html_link(title=ticket.number),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": self.ticket_id.id,
            "view_mode": "form",
        }

    def _ticket_vals(self):
        self.ensure_one()
        community = self.community_id
        place = self.env._(
            "%(community)s, %(building)s, floor %(floor)s",
            community=community.name,
            building=self.building_id.name or self.building_id.code,
            floor=self.floor,
        )
        description = Markup(
            "<p>%s</p><ul><li>%s: %s</li><li>%s: %s</li><li>%s: %s</li></ul>"
        ) % (
            self.note or self.item_id.name,
            self.env._("Found on the daily patrol"),
            self.patrol_id.name,
            self.env._("Where"),
            place,
            self.env._("Found at"),
            fields.Datetime.to_string(
                fields.Datetime.context_timestamp(
                    self.with_context(tz=self.company_id._reception_tz_name()),
                    self.found_at,
                )
            )[:16],
        )
        source = self.env.ref(
            "helpdesk_property_info.info_source_community", raise_if_not_found=False
        )
        vals = {
            "name": self.env._(
                "Patrol: %(item)s, %(place)s", item=self.item_id.name, place=place
            ),
            "description": description,
            "company_id": self.company_id.id,
            "channel_id": self.env.ref(
                "helpdesk_property_info.channel_daily_patrol"
            ).id,
            "info_origin": "company",
            "info_source_id": source.id if source else False,
            "matter": self.item_id.name,
            "intake_date": self.found_at,
        }
        if community.team_id:
            vals["team_id"] = community.team_id.id
        if self.unit_id:
            vals["unit_id"] = self.unit_id.id
        return vals

    # ------------------------------------------------------------------
    # The 30-minute watcher
    # ------------------------------------------------------------------

    @api.model
    def _cron_watch_patrol_findings(self, batch_size=200):
        """Report the findings still without ticket past their time, once.
        Selects only those through the partial index on
        ``ticket_next_check``: a run with nothing due costs one query. Each
        batch is reported whole, so that the duty roster is asked once for
        it; finding by finding only when the batch fails."""
        self._watch_next_checks(
            "ticket_next_check",
            "_alert_finding_without_ticket",
            batch_size,
            whole_batch=True,
        )

    def _alert_finding_without_ticket(self):
        """Report to the patrol's inspector and to the community's Customer
        Service desk on duty and manager on call at that minute (the duty
        roster), else to the Customer Service managers."""
        recipients = self.env["helpdesk.info.duty.shift"]._alert_recipients(
            self, lambda finding: finding.patrol_id.community_id, ("cs_desk",)
        )
        activity_type = self.env.ref(
            "helpdesk_property_info.mail_activity_patrol_finding_late"
        )
        patrol_model_id = self.env["ir.model"]._get_id("helpdesk.info.patrol")

        def summary(env, finding):
            return env._(
                "Patrol problem without ticket after %(minutes)s minutes: %(finding)s",
                minutes=finding.company_id.patrol_ticket_minutes,
                finding=finding.display_name,
            )

        activities = []
        for finding in self:
            patrol = finding.patrol_id
            activities += [
                {
                    "activity_type_id": activity_type.id,
                    "res_model_id": patrol_model_id,
                    "res_id": patrol.id,
                    "user_id": user.id,
                    "summary": summary(user._helpdesk_info_lang_env(), finding),
                    "date_deadline": fields.Date.context_today(self),
                    "automated": True,
                }
                for user in patrol.user_id | recipients[finding]
            ]
            # The chatter in the company's language when the job runs
            # without one.
            patrol.message_post(
                body=Markup("<p>%s</p>")
                % summary(finding.company_id._helpdesk_info_lang_env(), finding),
                subtype_xmlid="mail.mt_note",
            )
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            activities
        )
        in_action_scope(self).write(
            {"ticket_late_alerted": True, "ticket_next_check": False}
        )
