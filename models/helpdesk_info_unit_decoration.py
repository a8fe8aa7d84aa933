from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .helpdesk_info_guard_mixin import RECORDED
from .helpdesk_info_personal_data_mixin import PERSONAL_DATA_GROUPS

CS_AGENT = "helpdesk_property_info.group_cs_agent"
HANDLER = "helpdesk_property_info.group_department_handler"

DECORATION_STATES = [
    ("draft", "Draft"),
    ("pending", "Waiting Approval"),
    ("approved", "Approved"),
    ("in_progress", "In Progress"),
    ("closed", "Closed"),
    ("rejected", "Rejected"),
]
DEPOSIT_OUTCOMES = [
    ("returned", "Refunded"),
    ("withheld", "Withheld"),
]


class HelpdeskInfoUnitDecoration(models.Model):
    """A decoration registration (装修登记, seed 002): the owner's contractor,
    workers, planned period and deposit, with the decoration rules
    acknowledged. The engineering department's handlers approve it before
    the works start; they and the front desk inspect the works while they
    last and at the end; closing returns the deposit, or withholds it for a
    stated reason. Neighbours' tickets about the works are linked to it."""

    _name = "helpdesk.info.unit.decoration"
    _description = "Decoration Registration"
    _inherit = ["helpdesk.info.approval.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    _state_from = ["pending"]
    _state_to = ["approved"]
    _requester_field = "requested_by_id"
    _rejected_state = "rejected"
    _submittable_states = ("draft", "rejected")

    # No check_company: the company is the unit's own.
    unit_id = fields.Many2one(
        "helpdesk.info.unit",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The unit decorated.",
    )
    owner_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        groups=PERSONAL_DATA_GROUPS,
        help="The owner who registers the decoration.",
    )
    contractor = fields.Char(
        required=True,
        tracking=True,
        help="The decoration company or foreman, with a phone to reach them.",
    )
    workers = fields.Text(
        help="The workers admitted to the site: names and ID or pass numbers.",
    )
    workers_count = fields.Integer(
        string="Number of Workers", tracking=True, help="How many workers."
    )
    date_start = fields.Date(
        string="Planned Start",
        required=True,
        tracking=True,
        help="The day the works are planned to begin.",
    )
    date_end = fields.Date(
        string="Planned End",
        required=True,
        tracking=True,
        help="The day the works are planned to be over.",
    )
    deposit_amount = fields.Monetary(
        string="Deposit",
        currency_field="currency_id",
        tracking=True,
        help="The decoration deposit paid by the owner or the contractor.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    rules_acknowledged = fields.Boolean(
        tracking=True,
        help="The owner and the contractor signed the decoration rules "
        "(hours, load-bearing walls, debris, noise): required before the "
        "registration is submitted.",
    )
    engineering_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Engineering Department",
        required=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        default=lambda self: self._default_engineering_team(),
        help="The engineering department whose handlers approve the decoration "
        "and inspect the works.",
    )
    engineering_reviewer_ids = fields.Many2many(
        "res.users",
        string="Engineering Reviewers",
        compute="_compute_engineering_reviewer_ids",
        help="The department handlers of the engineering department: they "
        "approve the decoration.",
    )
    requested_by_id = fields.Many2one(
        "res.users",
        string="Registered By",
        default=lambda self: self.env.user,
        readonly=True,
        copy=False,
        tracking=True,
    )
    state = fields.Selection(
        DECORATION_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    started_date = fields.Date(
        string="Started On", readonly=True, copy=False, tracking=True
    )
    closed_date = fields.Date(
        string="Closed On", readonly=True, copy=False, tracking=True
    )
    inspection_ids = fields.One2many(
        "helpdesk.info.unit.decoration.inspection",
        "decoration_id",
        string="Inspections",
        copy=False,
    )
    deposit_outcome = fields.Selection(
        DEPOSIT_OUTCOMES,
        tracking=True,
        copy=False,
        help="At closing: the deposit is returned, or withheld (then say why).",
    )
    deposit_withheld_reason = fields.Text(
        string="Why Withheld",
        tracking=True,
        copy=False,
        help="The damage or breach of the rules for which the deposit is withheld.",
    )
    ticket_ids = fields.Many2many(
        "helpdesk.ticket",
        "helpdesk_info_unit_decoration_ticket_rel",
        "decoration_id",
        "ticket_id",
        string="Neighbours' Tickets",
        help="Tickets from neighbours about the works (noise, debris, leaks).",
    )
    company_id = fields.Many2one(
        related="unit_id.company_id", store=True, index=True, precompute=True
    )
    note = fields.Text(string="Notes")

    @api.model
    def _default_engineering_team(self):
        return self.env.ref(
            "helpdesk_property_info.team_after_sales_department",
            raise_if_not_found=False,
        )

    @api.depends("engineering_team_id")
    def _compute_engineering_reviewer_ids(self):
        for decoration in self:
            team = decoration.sudo().engineering_team_id
            decoration.engineering_reviewer_ids = (
                team.user_ids | team.user_id
            ).filtered(lambda u: u.has_group(HANDLER))

    @api.depends("unit_id.display_name", "date_start")
    def _compute_display_name(self):
        for decoration in self:
            decoration.display_name = self.env._(
                "Decoration %(unit)s from %(start)s",
                unit=decoration.unit_id.display_name or "",
                start=decoration.date_start or "",
            )

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------

    def _guarded_fields(self):
        return dict.fromkeys(("started_date", "closed_date"), None) | (
            super()._guarded_fields()
        )

    def _approval_content_fields(self):
        return {
            "unit_id",
            "owner_id",
            "contractor",
            "workers",
            "workers_count",
            "date_start",
            "date_end",
            "deposit_amount",
            "rules_acknowledged",
            "engineering_team_id",
        }

    def _frozen_fields(self):
        frozen = super()._frozen_fields()
        front_desk = type(self)._may_edit_registration
        # The registration is the front desk's: reviewers approve it, they do
        # not rewrite it.
        frozen[RECORDED] = dict.fromkeys(
            (*self._approval_content_fields(), "ticket_ids", "note"), front_desk
        ) | frozen.get(RECORDED, {})
        frozen["closed"] = dict.fromkeys(
            ("deposit_outcome", "deposit_withheld_reason", "ticket_ids"), None
        ) | frozen.get("closed", {})
        return frozen

    def _may_edit_registration(self):
        return self.env.user.has_group(CS_AGENT)

    def _guard_frozen_hint(self, state):
        if state in ("pending", "approved", "in_progress", "closed"):
            return self.env._("Register a new decoration instead.")
        return ""

    @api.constrains("date_start", "date_end")
    def _check_period(self):
        for decoration in self:
            if decoration.date_end < decoration.date_start:
                raise ValidationError(
                    self.env._(
                        "%(name)s ends on %(end)s, before it begins.",
                        name=decoration.display_name,
                        end=decoration.date_end,
                    )
                )

    @api.constrains("deposit_amount", "workers_count")
    def _check_not_negative(self):
        for decoration in self:
            if decoration.deposit_amount < 0 or decoration.workers_count < 0:
                raise ValidationError(
                    self.env._(
                        "%s: the deposit and the number of workers are never negative.",
                        decoration.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _check_submittable(self):
        result = super()._check_submittable()
        for decoration in self:
            if not decoration.rules_acknowledged:
                raise UserError(
                    self.env._(
                        "%s: the owner and the contractor acknowledge the "
                        "decoration rules before it is submitted for approval.",
                        decoration.display_name,
                    )
                )
            if not decoration.engineering_reviewer_ids:
                raise UserError(
                    self.env._(
                        "%s: the engineering department has no department "
                        "handler to approve it.",
                        decoration.engineering_team_id.display_name,
                    )
                )
        return result

    def _after_approval(self):
        self.message_post(
            body=self.env._(
                "Approved by the engineering department (%s): the works may start.",
                self.approved_by_id.name,
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _after_rejection(self):
        self.message_post(
            body=self.env._("Decoration rejected: %s", self.rejection_reason or ""),
            subtype_xmlid="mail.mt_note",
        )

    def action_start(self):
        """The works start: only once the engineering department approved."""
        self.check_access("write")
        for decoration in self:
            if decoration.state != "approved":
                raise UserError(
                    self.env._(
                        "%s is not approved by the engineering department: the "
                        "works do not start.",
                        decoration.display_name,
                    )
                )
        self._write_by_action(
            {
                "state": "in_progress",
                "started_date": fields.Date.context_today(self),
            }
        )
        return True

    def action_close(self):
        """The works are over: the deposit is returned, or withheld for a
        stated reason, once the final inspection is recorded."""
        self.check_access("write")
        for decoration in self:
            if decoration.state != "in_progress":
                raise UserError(
                    self.env._(
                        "Only decoration works in progress are closed: %s is not.",
                        decoration.display_name,
                    )
                )
            if not decoration.inspection_ids.filtered(lambda i: i.kind == "final"):
                raise UserError(
                    self.env._(
                        "%s: record the final inspection before closing.",
                        decoration.display_name,
                    )
                )
            if not decoration.deposit_outcome:
                raise UserError(
                    self.env._(
                        "%s: say whether the deposit is returned or withheld.",
                        decoration.display_name,
                    )
                )
            if (
                decoration.deposit_outcome == "withheld"
                and not (decoration.deposit_withheld_reason or "").strip()
            ):
                raise UserError(
                    self.env._(
                        "%s: a withheld deposit needs its reason.",
                        decoration.display_name,
                    )
                )
        self._write_by_action(
            {"state": "closed", "closed_date": fields.Date.context_today(self)}
        )
        for decoration in self:
            outcomes = dict(
                self._fields["deposit_outcome"]._description_selection(self.env)
            )
            decoration.message_post(
                body=self.env._(
                    "Closed; deposit %s.", outcomes[decoration.deposit_outcome]
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    @api.model
    def _demo_decoration_in_progress(self, vals, inspection, agent_id, handler_id):
        """The demo's decoration: registered and submitted by the agent,
        approved by the engineering department's handler, started by the
        agent and inspected by the handler, each in his own language."""
        Users = self.env["res.users"]
        agent, handler = Users.browse((agent_id, handler_id))

        def by(user, records):
            return records.with_user(user).with_context(lang=user.lang)

        decoration = by(agent, self).create(vals)
        by(agent, decoration).action_submit()
        by(handler, decoration).validate_tier()
        by(agent, decoration).action_start()
        by(handler, self.env["helpdesk.info.unit.decoration.inspection"]).create(
            dict(inspection, decoration_id=decoration.id, inspector_id=handler.id)
        )
        return decoration.id
