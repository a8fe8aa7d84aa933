from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..helpdesk_info_guard_mixin import in_action_scope

LEADER = "helpdesk_property_info.group_company_leader"
CONFIRM_ACTIVITY = "helpdesk_property_info.mail_activity_incident_notice_confirm"


class HelpdeskInfoPublication(models.Model):
    """The outage notice of an emergency: posted at once, without the
    leaders' approval beforehand and inside the 24 hours (seed 003 篇3 2.1,
    "情况特别紧急时除外"), then confirmed by a company leader afterwards.
    Only the incident's own button makes such a notice."""

    _inherit = "helpdesk.info.publication"

    incident_id = fields.Many2one(
        "helpdesk.info.incident",
        string="Emergency",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
        help="Posted at once for this emergency: a leader confirms it afterwards.",
    )
    emergency_confirmed_by_id = fields.Many2one(
        "res.users", string="Confirmed By", readonly=True, copy=False
    )
    emergency_confirmed_date = fields.Datetime(
        string="Confirmed On", readonly=True, copy=False
    )

    def _guarded_fields(self):
        return (
            dict.fromkeys(
                (
                    "incident_id",
                    "emergency_confirmed_by_id",
                    "emergency_confirmed_date",
                ),
                None,
            )
            | super()._guarded_fields()
        )

    def _check_outage_notice_time(self, planned=False):
        # An emergency's notice is the exception to the 24-hour rule.
        return super(
            HelpdeskInfoPublication, self.filtered(lambda p: not p.incident_id)
        )._check_outage_notice_time(planned=planned)

    @api.model
    def _post_emergency_notice(self, incident):
        """Create and post at once the outage notice of ``incident``; ask the
        company's leaders to confirm it."""
        now = fields.Datetime.now()
        kind = incident.kind_id.name or ""
        content = incident.notice_content or Markup("<p>%s</p><p>%s</p>") % (
            self.env._(
                "Because of an emergency (%(kind)s) at %(community)s, the supply is "
                "cut off from %(start)s. We apologise for the inconvenience.",
                kind=kind,
                community=incident.community_id.name,
                start=fields.Datetime.context_timestamp(incident, now).strftime(
                    "%Y-%m-%d %H:%M"
                ),
            ),
            incident.company_id.name,
        )
        places = self.env["helpdesk.info.notice.place"].search(
            [("company_id", "in", (incident.company_id.id, False))]
        )
        notice = in_action_scope(self, self._name, "helpdesk.info.incident").create(
            {
                "kind": "notice",
                "name": self.env._("Emergency notice: %s", incident.name),
                "content": content,
                "community_id": incident.community_id.id,
                "company_id": incident.company_id.id,
                "notice_place_ids": [fields.Command.set(places.ids)],
                "planned_post_date": now,
                "valid_from": now,
                "valid_until": incident.outage_end,
                "outage_type": incident.outage_type,
                "outage_start": now,
                "outage_end": incident.outage_end,
                "incident_id": incident.id,
                "author_id": self.env.uid,
            }
        )
        notice._set_published()
        notice._schedule_notice_expiry()
        for leader in incident.company_id._helpdesk_info_alert_users(
            "group_company_leader"
        ):
            notice.sudo().activity_schedule(
                CONFIRM_ACTIVITY,
                date_deadline=fields.Date.context_today(self),
                summary=notice.with_context(lang=leader.lang).env._(
                    "Confirm the emergency notice"
                ),
                user_id=leader.id,
            )
        incident.message_post(
            body=self.env._(
                "Outage notice “%s” posted at once: a leader confirms it afterwards.",
                notice.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": notice.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_confirm_emergency(self):
        """A company leader confirms, afterwards, an emergency notice posted
        at once; never the one who posted it."""
        self.check_access("write")
        if not self.env.user.has_group(LEADER):
            raise AccessError(
                self.env._("A company leader confirms an emergency notice.")
            )
        for notice in self:
            if not notice.incident_id or notice.state not in ("published", "expired"):
                raise UserError(
                    self.env._(
                        "“%s” is not an emergency notice posted at once.", notice.name
                    )
                )
            if notice.emergency_confirmed_date:
                raise UserError(self.env._("“%s” is already confirmed.", notice.name))
            if notice.published_by_id == self.env.user:
                raise UserError(
                    self.env._(
                        "You posted “%s”: another leader confirms it.", notice.name
                    )
                )
        self._write_by_action(
            {
                "emergency_confirmed_by_id": self.env.uid,
                "emergency_confirmed_date": fields.Datetime.now(),
            }
        )
        for notice in self:
            notice.sudo().activity_feedback(
                [CONFIRM_ACTIVITY],
                feedback=self.env._("Confirmed by %s.", self.env.user.name),
            )
            body = self.env._(
                "Emergency notice confirmed afterwards by %s.", self.env.user.name
            )
            notice.message_post(body=body, subtype_xmlid="mail.mt_note")
            notice.incident_id.message_post(body=body, subtype_xmlid="mail.mt_note")
        return True

    def _check_submittable(self):
        if any(p.incident_id for p in self):
            raise UserError(
                self.env._(
                    "An emergency notice is posted at once and confirmed afterwards: "
                    "it is not submitted for approval."
                )
            )
        return super()._check_submittable()
