from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .helpdesk_info_guard_mixin import RECORDED, in_action_scope
from .helpdesk_info_publication.helpdesk_info_publication import OUTAGE_TYPES

CS_AGENT = "helpdesk_property_info.group_cs_agent"
CS_MANAGER = "helpdesk_property_info.group_cs_manager"
LEADER = "helpdesk_property_info.group_company_leader"
SECURITY = "helpdesk_property_info.group_security_supervisor"
DECLARED_ACTIVITY = "helpdesk_property_info.mail_activity_incident_declared"
REPORT_FIELDS = ("cause", "measures", "losses", "lessons")
# What the sheet shows of each owner: the owner's own phone and the emergency
# contact (seed 001 §12.4.5, the owners' contact list kept for emergencies).
EMERGENCY_CONTACT_FIELDS = (
    "phone",
    "emergency_contact_name",
    "emergency_contact_phone",
)


class HelpdeskInfoIncident(models.Model):
    """An emergency (突发事件, seed 000 七.2.2.5; seed 004 第六条.2): a
    group incident, a burst main, a fire, an outage, a lift entrapment, a
    media event … It starts its kind's emergency plan as a checklist, tells
    the service-centre head and the company's leaders at once (an activity
    and a mail each, recorded), spawns the tickets and repairs it needs,
    posts its outage notice at once (the exception to the 24-hour rule,
    seed 003 篇3 2.1, that a leader confirms afterwards), and closes only
    once a leader has approved its post-incident report. During an open
    incident the security supervisor reads the owners' emergency contacts,
    each read logged (seed 001 §12)."""

    _name = "helpdesk.info.incident"
    _description = "Emergency"
    _inherit = ["helpdesk.info.approval.mixin"]
    _order = "declared_date desc, id desc"
    _check_company_auto = True

    _state_from = ["pending"]
    _state_to = ["approved"]
    _requester_field = "report_by_id"
    _rejected_state = "declared"
    _submittable_states = ("declared",)

    name = fields.Char(
        string="Title", required=True, tracking=True, help="What happened, briefly."
    )
    kind_id = fields.Many2one(
        "helpdesk.info.incident.kind",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        help="The kind of emergency: its emergency plan becomes the incident's "
        "checklist when it is declared.",
    )
    community_id = fields.Many2one(
        "helpdesk.info.community",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="community_id.company_id", store=True, index=True, precompute=True
    )
    location = fields.Char(
        tracking=True, help="Where: building, floor, lift, street of the community."
    )
    description = fields.Text(help="What happened and what is being done.")
    declared_date = fields.Datetime(
        string="Declared On", readonly=True, copy=False, index=True
    )
    declared_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    state = fields.Selection(
        [
            ("declared", "Declared"),
            ("pending", "Report Submitted"),
            ("approved", "Report Approved"),
            ("closed", "Closed"),
        ],
        default="declared",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    step_ids = fields.One2many(
        "helpdesk.info.incident.step", "incident_id", string="Checklist"
    )
    step_progress = fields.Float(
        string="Plan Done (%)", compute="_compute_step_progress"
    )
    notification_ids = fields.One2many(
        "helpdesk.info.incident.notification",
        "incident_id",
        string="Who Was Told",
        readonly=True,
    )
    ticket_ids = fields.One2many(
        "helpdesk.ticket",
        "incident_id",
        string="Tickets and Repairs",
        groups="helpdesk_mgmt.group_helpdesk_user_own",
    )
    ticket_count = fields.Integer(compute="_compute_ticket_count")
    # Outage notice (seed 003 篇3 2.1: posted 24 hours ahead, "情况特别紧急时除外")
    outage_type = fields.Selection(
        OUTAGE_TYPES,
        compute="_compute_outage_type",
        store=True,
        readonly=False,
        help="What the emergency cuts off, for its outage notice.",
    )
    outage_end = fields.Datetime(
        string="Supply Back By",
        help="When the supply is expected back, for its outage notice.",
    )
    notice_content = fields.Html(
        help="The text of the outage notice; a short one is written from the "
        "incident when left empty.",
    )
    notice_ids = fields.One2many(
        "helpdesk.info.publication",
        "incident_id",
        string="Outage Notices",
        groups="helpdesk_mgmt.group_helpdesk_user_team",
    )
    notice_unconfirmed = fields.Boolean(
        string="Notice to Confirm",
        compute="_compute_notice_unconfirmed",
        help="An outage notice posted at once waits for a leader's confirmation.",
    )
    # Post-incident report
    cause = fields.Text(tracking=True, help="Report: what caused the emergency.")
    measures = fields.Text(
        string="Measures Taken", tracking=True, help="Report: what was done."
    )
    losses = fields.Text(
        tracking=True, help="Report: damage, injuries and costs, as far as known."
    )
    lessons = fields.Text(
        string="Lessons Learned",
        tracking=True,
        help="Report: what changes so that it does not happen again.",
    )
    report_by_id = fields.Many2one(
        "res.users",
        string="Report Submitted By",
        readonly=True,
        copy=False,
        help="Who submitted the report: another person, a company leader, approves it.",
    )
    report_date = fields.Datetime(string="Report Submitted On", readonly=True)
    closed_date = fields.Datetime(string="Closed On", readonly=True, copy=False)
    closed_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    @api.depends("step_ids.done")
    def _compute_step_progress(self):
        for incident in self:
            steps = incident.step_ids
            incident.step_progress = (
                100.0 * len(steps.filtered("done")) / len(steps) if steps else 0.0
            )

    def _compute_ticket_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("incident_id", "in", self.ids)], ["incident_id"], ["__count"]
            )
        )
        for incident in self:
            incident.ticket_count = counts.get(incident, 0)

    @api.depends("kind_id")
    def _compute_outage_type(self):
        for incident in self:
            incident.outage_type = incident.kind_id.outage_type

    def _compute_notice_unconfirmed(self):
        notices = (
            self.env["helpdesk.info.publication"]
            .sudo()
            .search(
                [
                    ("incident_id", "in", self.ids),
                    ("emergency_confirmed_date", "=", False),
                    ("state", "in", ("published", "expired")),
                ]
            )
        )
        for incident in self:
            incident.notice_unconfirmed = incident in notices.incident_id

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------

    def _guarded_fields(self):
        return (
            dict.fromkeys(
                (
                    "declared_date",
                    "declared_by_id",
                    "report_date",
                    "closed_date",
                    "closed_by_id",
                ),
                None,
            )
            | super()._guarded_fields()
        )

    def _approval_content_fields(self):
        return set(REPORT_FIELDS)

    def _frozen_fields(self):
        # Declared for a community and a kind: another emergency is declared
        # apart. Closed, the whole record stays as it was.
        closed = dict.fromkeys(
            (
                "name",
                "location",
                "description",
                "outage_type",
                "outage_end",
                "notice_content",
                "step_ids",
                *REPORT_FIELDS,
            ),
            None,
        )
        frozen = super()._frozen_fields()
        frozen[RECORDED] = {
            "kind_id": None,
            "community_id": None,
        } | frozen.get(RECORDED, {})
        frozen["closed"] = closed | frozen.get("closed", {})
        return frozen

    def _guard_frozen_hint(self, state):
        if state == RECORDED:
            return self.env._("Declare another incident instead.")
        if state == "closed":
            return self.env._("A closed incident stays as it was.")
        return self.env._("Ask a leader to reject the report to revise it.")

    @api.model
    def _get_under_validation_exceptions(self):
        # The emergency goes on while its report is reviewed.
        return super()._get_under_validation_exceptions() + [
            "step_ids",
            "location",
            "description",
            "outage_type",
            "outage_end",
            "notice_content",
        ]

    def _requester_refusal_message(self):
        return self.env._(
            "You submitted the report of %s: another leader approves it.",
            self.display_name,
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        raise UserError(
            self.env._("An emergency stays on record: it is closed, never deleted.")
        )

    # ------------------------------------------------------------------
    # Declaration
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        incidents = super().create(vals_list)
        incidents._declare()
        return incidents

    def _declare(self):
        now = fields.Datetime.now()
        for incident in self:
            in_action_scope(incident).write(
                {
                    "declared_date": now,
                    "declared_by_id": self.env.uid,
                    "step_ids": [
                        fields.Command.create({"sequence": s.sequence, "name": s.name})
                        for s in incident.kind_id.step_ids
                    ],
                }
            )
            incident._notify_declared(now)

    def _people_to_tell(self):
        """[(user, role)]: the service-centre head (the Customer Service
        managers), the company's leaders, and whoever is on duty for
        security in the community."""
        self.ensure_one()
        company = self.company_id
        people = [
            (user, "cs_manager")
            for user in company._helpdesk_info_alert_users("group_cs_manager")
        ]
        people += [
            (user, "leader")
            for user in company._helpdesk_info_alert_users("group_company_leader")
        ]
        people += [(user, "on_duty") for user in self._security_on_duty()]
        told = set()
        result = []
        for user, role in people:
            if user not in told:
                told.add(user)
                result.append((user, role))
        return result

    def _security_on_duty(self):
        """Who holds the community's security shift now (no fallback)."""
        self.ensure_one()
        on_duty = (
            self.env["helpdesk.info.duty.shift"]
            .sudo()
            ._on_duty(self.community_id, ["security_supervisor"], fallback=False)
        )
        return on_duty[(self.community_id, "security_supervisor")].sudo(False)

    def _notify_declared(self, now):
        """An activity and a mail for each person to tell, recorded."""
        self.ensure_one()
        people = self._people_to_tell()
        lines = []
        mailed = set()
        for lang in {user.lang or self.env.lang for user, _role in people}:
            users = self.env["res.users"].browse(
                [u.id for u, _r in people if (u.lang or self.env.lang) == lang]
            )
            incident = self.with_context(lang=lang)
            partners = users.partner_id.filtered("email")
            if partners:
                incident._mail_declared(partners)
                mailed |= set(partners.ids)
        for user, role in people:
            incident = self.with_context(lang=user.lang or self.env.lang)
            incident.sudo().activity_schedule(
                DECLARED_ACTIVITY,
                date_deadline=fields.Date.context_today(self),
                summary=incident.env._("Emergency: %s", self.name),
                note=escape(self.description or ""),
                user_id=user.id,
            )
            lines.append(
                {
                    "incident_id": self.id,
                    "user_id": user.id,
                    "role": role,
                    "notified_date": now,
                    "activity": True,
                    "mailed": user.partner_id.id in mailed,
                }
            )
        self.env["helpdesk.info.incident.notification"].sudo().create(lines)
        self.message_post(
            body=self.env._(
                "Declared. Told at once: %s.",
                ", ".join(user.name for user, _role in people) or self.env._("nobody"),
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _mail_declared(self, partners):
        kind = self.kind_id.name or ""
        subject = self.env._(
            "Emergency at %(community)s: %(kind)s, %(name)s",
            community=self.community_id.name,
            kind=kind,
            name=self.name,
        )
        body = Markup("<p>%s</p><p>%s</p><p>%s</p>") % (
            self.env._(
                "An emergency was declared by %(user)s: %(name)s (%(kind)s) at "
                "%(community)s, %(location)s.",
                user=self.env.user.name,
                name=self.name,
                kind=kind,
                community=self.community_id.name,
                location=self.location or "",
            ),
            self.description or "",
            self.env._("The emergency plan is started; follow it on the incident."),
        )
        self.env["mail.mail"].sudo().create(
            {
                "subject": subject,
                "body_html": body,
                "recipient_ids": [fields.Command.set(partners.ids)],
                "model": self._name,
                "res_id": self.id,
                "auto_delete": False,
            }
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _check_open(self):
        self.check_access("write")
        for incident in self:
            if incident.state == "closed":
                raise UserError(self.env._("%s is closed.", incident.display_name))

    def action_draft(self):
        raise UserError(
            self.env._(
                "An emergency has no draft: a rejected report is revised while "
                "the incident stays declared."
            )
        )

    def _check_submittable(self):
        result = super()._check_submittable()
        for incident in self:
            missing = [
                incident._fields[name]._description_string(self.env)
                for name in REPORT_FIELDS
                if not (incident[name] or "").strip()
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "The report of %(incident)s still lacks: %(fields)s.",
                        incident=incident.display_name,
                        fields=", ".join(missing),
                    )
                )
        return result

    def _check_ready_for_review(self):
        # Reviewers are asked for a submitted report only.
        for incident in self:
            if incident.state != "pending":
                raise UserError(
                    self.env._(
                        "Submit the report of %s: the leaders review a submitted "
                        "report.",
                        incident.display_name,
                    )
                )

    def _submission_vals(self):
        return super()._submission_vals() | {
            "report_by_id": self.env.uid,
            "report_date": fields.Datetime.now(),
        }

    def _no_tier_message(self):
        return self.env._(
            "No approval tier applies to the report of %s: a company leader "
            "approves it. Ask an administrator to configure the incident tiers.",
            self.display_name,
        )

    def _after_approval(self):
        self.message_post(
            body=self.env._(
                "Post-incident report approved by %s: the incident may be closed.",
                self.approved_by_id.name,
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _after_rejection(self):
        self.message_post(
            body=self.env._(
                "Post-incident report rejected: %s", self.rejection_reason or ""
            ),
            subtype_xmlid="mail.mt_note",
        )

    def action_close(self):
        """Close the incident once its post-incident report is approved."""
        self.check_access("write")
        if not self.env.user.has_groups(f"{CS_MANAGER},{LEADER}"):
            raise AccessError(
                self.env._(
                    "The service-centre head or a company leader closes an emergency."
                )
            )
        for incident in self:
            if incident.state != "approved" or incident.validation_status != (
                "validated"
            ):
                raise UserError(
                    self.env._(
                        "%s closes once a leader has approved its post-incident "
                        "report.",
                        incident.display_name,
                    )
                )
        self._write_by_action(
            {
                "state": "closed",
                "closed_date": fields.Datetime.now(),
                "closed_by_id": self.env.uid,
            }
        )
        self.sudo().activity_feedback(
            [DECLARED_ACTIVITY], feedback=self.env._("The incident is closed.")
        )
        return True

    def action_new_ticket(self):
        return self._spawn_ticket_action(repair=False)

    def action_new_repair(self):
        return self._spawn_ticket_action(repair=True)

    def _spawn_ticket_action(self, repair):
        """The form of a new ticket (or repair) spawned by the incident."""
        self.ensure_one()
        self._check_open()
        context = {
            "default_incident_id": self.id,
            "default_name": self.name,
            "default_description": escape(self.description or self.name),
        }
        if self.community_id.team_id:
            context["default_team_id"] = self.community_id.team_id.id
        if repair:
            repair_type = self.env.ref(
                "helpdesk_property_info.ticket_type_repair", raise_if_not_found=False
            )
            if repair_type:
                context["default_type_id"] = repair_type.id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Repair") if repair else self.env._("New Ticket"),
            "res_model": "helpdesk.ticket",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": context,
        }

    def action_view_tickets(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Tickets and Repairs"),
            "res_model": "helpdesk.ticket",
            "view_mode": "list,form",
            "domain": [("incident_id", "=", self.id)],
            "context": {"default_incident_id": self.id},
        }

    def action_post_outage_notice(self):
        """Post the incident's outage notice at once, without the leaders'
        approval beforehand (情况特别紧急时除外): the leaders are asked to
        confirm it afterwards."""
        self.ensure_one()
        self._check_open()
        if not self.env.user.has_groups(f"{CS_AGENT},{LEADER}"):
            raise AccessError(
                self.env._(
                    "Customer Service posts notices in the company's name, or a "
                    "company leader."
                )
            )
        if not self.outage_type:
            raise UserError(
                self.env._(
                    "Say what %s cuts off before posting its outage notice.",
                    self.display_name,
                )
            )
        return self.env["helpdesk.info.publication"]._post_emergency_notice(self)

    def action_emergency_contacts(self):
        """The emergency contacts of the community's owners, for the security
        supervisor during an open incident; each opening is logged."""
        self.ensure_one()
        if self.state == "closed":
            raise UserError(
                self.env._(
                    "%s is closed: the owners' emergency contacts are read during "
                    "an open incident only.",
                    self.display_name,
                )
            )
        self.check_access("read")
        user = self.env.user
        if not (user.has_group(SECURITY) or user in self._security_on_duty()):
            raise AccessError(
                self.env._(
                    "Only the security supervisor reads the owners' emergency "
                    "contacts, during an open incident."
                )
            )
        occupancies = (
            self.env["helpdesk.info.unit.occupancy"]
            .sudo()
            .search(
                [
                    ("unit_id.community_id", "=", self.community_id.id),
                    ("relation", "=", "owner"),
                    ("current", "=", True),
                ],
                order="unit_id, id",
            )
        )
        self.env["helpdesk.info.personal.data.log"]._log(
            "emergency_read", occupancies.partner_id, EMERGENCY_CONTACT_FIELDS
        )
        sheet = (
            self.env["helpdesk.info.incident.contact.sheet"]
            .sudo()
            .create(
                {
                    "incident_id": self.id,
                    "contacts_html": self._emergency_contacts_html(occupancies),
                }
            )
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Owners' Emergency Contacts"),
            "res_model": sheet._name,
            "res_id": sheet.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    @api.model
    def _demo_closed_incident(self, vals, report, agent_id, leader_id, manager_id):
        """The demo's closed emergency: declared by the agent, its plan
        done, its report submitted by the agent, approved by the leader and
        the incident closed by the manager."""
        Users = self.env["res.users"]
        agent, leader, manager = Users.browse((agent_id, leader_id, manager_id))

        def by(user, records):
            # Each in his own language, as from his screen.
            return records.with_user(user).with_context(lang=user.lang)

        incident = by(agent, self).create(vals)
        by(agent, incident.step_ids).action_done()
        by(agent, incident).write(report)
        by(agent, incident).action_submit()
        by(leader, incident).validate_tier()
        by(manager, incident).action_close()
        return incident.id

    def _emergency_contacts_html(self, occupancies):
        header = Markup(
            "<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>"
        ) % (
            self.env._("Unit"),
            self.env._("Owner"),
            self.env._("Owner's Phone"),
            self.env._("Emergency Contact"),
            self.env._("Phone"),
        )
        # The sheet is the logged emergency read: the unit is shown in full so
        # that the supervisor finds the door, where the register masks it.
        rows = Markup("").join(
            Markup("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>")
            % (
                f"{occupancy.unit_id.community_id.name} {occupancy.unit_id.full_code}",
                occupancy.partner_id.name,
                occupancy.partner_id.phone or "",
                occupancy.partner_id.emergency_contact_name or "",
                occupancy.partner_id.emergency_contact_phone or "",
            )
            for occupancy in occupancies
        )
        if not occupancies:
            rows = Markup('<tr><td colspan="5">%s</td></tr>') % self.env._(
                "No owner in the units register of the community."
            )
        return Markup('<table class="table table-sm">%s%s</table>') % (header, rows)
