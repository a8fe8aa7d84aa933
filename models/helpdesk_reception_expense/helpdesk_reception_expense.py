from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date
from odoo.tools.misc import formatLang

EXPENSE_STATES = [
    ("draft", "Draft"),
    ("waiting", "Waiting Approval"),
    ("approved", "Approved"),
    ("exported", "Exported"),
    ("cancelled", "Cancelled"),
]
# The state, the link to the vendor bill and the refusal change through the
# buttons only.
ACTION_FIELDS = ("state", "move_id", "refused_by_id")
# What each state freezes: the figures the limits were checked on once
# confirmed, the approval once approved, what the bill was made of once exported.
LIMIT_FIELDS = {"company_id", "policy_id", "date", "amount", "attendees"}
APPROVAL_FIELDS = {"oral_approver_id", "oral_approved_on", "budget_id"}
BOOKING_FIELDS = {
    "supplier_id",
    "analytic_account_id",
    "receipt",
    "receipt_filename",
    "purpose",
}
FROZEN_FIELDS = {
    "waiting": LIMIT_FIELDS,
    "approved": LIMIT_FIELDS | APPROVAL_FIELDS,
    "exported": LIMIT_FIELDS | APPROVAL_FIELDS | BOOKING_FIELDS,
    "cancelled": LIMIT_FIELDS | APPROVAL_FIELDS | BOOKING_FIELDS,
}
# Clock drift allowed between the browser and the server for an approval
# recorded "now".
CLOCK_TOLERANCE = timedelta(minutes=5)


class HelpdeskReceptionExpense(models.Model):
    """Money spent on receiving owners, customers or the media (接待费用),
    recorded against its policy, held within the policy's limits when it is
    confirmed, approved where the standard asks and handed to Accounting."""

    _name = "helpdesk.reception.expense"
    _description = "Reception Expense"
    _inherit = ["mail.thread", "mail.activity.mixin", "helpdesk.info.guard.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        EXPENSE_STATES,
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    date = fields.Date(
        required=True,
        default=lambda self: self.env.company._reception_local_date(),
        tracking=True,
        help="The day of the event. Its calendar month is the month whose limits the "
        "expense counts against.",
    )
    policy_id = fields.Many2one(
        "helpdesk.reception.policy",
        required=True,
        check_company=True,
        tracking=True,
        index=True,
        help="The reception category whose limits and approval apply.",
    )
    approval_type = fields.Selection(related="policy_id.approval_type")
    amount = fields.Monetary(
        required=True,
        tracking=True,
        help="What the event cost, in the company's currency, as on the receipt.",
    )
    attendees = fields.Integer(
        tracking=True,
        help="How many people took part, hosts included.",
    )
    purpose = fields.Text(
        required=True, help="Why the reception took place and what was bought."
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        check_company=True,
        index="btree_not_null",
        help="The ticket the reception served, e.g. the complaint discussed with the "
        "owners.",
    )
    meeting = fields.Char(
        help="The meeting or visit the expense served, e.g. an owners' meeting of "
        "building 3."
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "helpdesk_reception_expense_partner_rel",
        "expense_id",
        "partner_id",
        string="Guests",
        check_company=True,
        help="The owners, customers, journalists or partners who were received.",
    )
    supplier_id = fields.Many2one(
        "res.partner",
        check_company=True,
        tracking=True,
        help="Who was paid: the restaurant, the shop. The vendor bill is made out to "
        "them.",
    )
    receipt = fields.Binary(
        attachment=True,
        copy=False,
        help="The receipt or invoice (发票), attached to the vendor bill.",
    )
    receipt_filename = fields.Char(copy=False)
    analytic_plan_id = fields.Many2one(related="policy_id.analytic_plan_id")
    analytic_account_id = fields.Many2one(
        "account.analytic.account",
        string="Property Project",
        check_company=True,
        domain="[('root_plan_id', '=?', analytic_plan_id)]",
        tracking=True,
        help="The property project (community) the expense is charged to, in the "
        "policy's analytic plan.",
    )
    oral_approver_id = fields.Many2one(
        "res.users",
        string="Orally Approved By",
        copy=False,
        tracking=True,
        domain=lambda self: [
            ("all_group_ids", "in", self._leader_group().ids),
            ("share", "=", False),
        ],
        help="The company leader who agreed to the expense before the event.",
    )
    oral_approved_on = fields.Datetime(
        string="Orally Approved On",
        copy=False,
        tracking=True,
        help="When the leader agreed: on or before the day of the event.",
    )
    budget_id = fields.Many2one(
        "helpdesk.reception.budget",
        string="Written Budget",
        check_company=True,
        copy=False,
        tracking=True,
        index="btree_not_null",
        domain="[('policy_id', '=', policy_id), ('state', '!=', 'cancelled')]",
        help="The meeting's written budget, approved by a company leader before the "
        "meeting. "
        "The expenses charged to it may not exceed it.",
    )
    refused_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    _amount_positive = models.Constraint(
        "CHECK(amount > 0)", "An expense must cost something."
    )
    _attendees_not_negative = models.Constraint(
        "CHECK(attendees >= 0)", "The number of attendees may not be negative."
    )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _leader_group(self):
        return (
            self.env.ref(
                "helpdesk_property_info.group_company_leader", raise_if_not_found=False
            )
            or self.env["res.groups"]
        )

    def _is_leader(self, user, company):
        user = user.sudo()
        return (
            self._leader_group() in user.all_group_ids and company in user.company_ids
        )

    def _money(self, amount):
        return formatLang(
            self.env,
            amount,
            currency_obj=self.currency_id or self.env.company.currency_id,
        )

    def _state_label(self):
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _guarded_fields(self):
        return dict.fromkeys(ACTION_FIELDS, None) | super()._guarded_fields()

    def _frozen_fields(self):
        return {
            state: dict.fromkeys(sorted(names), None)
            for state, names in FROZEN_FIELDS.items()
        } | super()._frozen_fields()

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code(
                        "helpdesk.reception.expense", sequence_date=vals.get("date")
                    )
                    or "/"
                )
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for expense in self:
            if expense.state not in ("draft", "cancelled"):
                raise UserError(
                    self.env._(
                        "%(expense)s is %(state)s: only draft or cancelled expenses "
                        "can be deleted.",
                        expense=expense.name,
                        state=expense._state_label(),
                    )
                )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("oral_approver_id", "oral_approved_on", "date", "company_id")
    def _check_oral_approval(self):
        for expense in self:
            expense._oral_approval_problem(raise_it=True)

    def _oral_approval_problem(self, raise_it=False):
        """A message when the recorded oral approval is not acceptable."""
        self.ensure_one()
        problem = None
        company = self.company_id
        if self.oral_approver_id and not self._is_leader(
            self.oral_approver_id, company
        ):
            problem = self.env._(
                "%(user)s is not a company leader of %(company)s: only a company "
                "leader approves reception expenses.",
                user=self.oral_approver_id.name,
                company=company.name,
            )
        elif (
            self.oral_approved_on
            and self.oral_approved_on > fields.Datetime.now() + CLOCK_TOLERANCE
        ):
            problem = self.env._("An oral approval cannot be recorded ahead of time.")
        elif (
            self.oral_approved_on
            and self.date
            and company._reception_local_date(self.oral_approved_on) > self.date
        ):
            problem = self.env._(
                "An oral approval is given before the event: %(approved)s is after "
                "the event of %(date)s.",
                approved=format_date(
                    self.env, company._reception_local_date(self.oral_approved_on)
                ),
                date=format_date(self.env, self.date),
            )
        if problem and raise_it:
            raise ValidationError(problem)
        return problem

    @api.constrains("budget_id", "policy_id")
    def _check_budget_policy(self):
        for expense in self:
            if expense.budget_id and expense.budget_id.policy_id != expense.policy_id:
                raise ValidationError(
                    self.env._(
                        "The written budget %(budget)s is for “%(budget_policy)s”, "
                        "not for “%(policy)s”.",
                        budget=expense.budget_id.name,
                        budget_policy=expense.budget_id.policy_id.name,
                        policy=expense.policy_id.name,
                    )
                )

    @api.constrains("analytic_account_id", "policy_id")
    def _check_property_project(self):
        for expense in self:
            plan = expense.policy_id.analytic_plan_id
            account = expense.analytic_account_id
            if plan and account and account.root_plan_id != plan.root_id:
                raise ValidationError(
                    self.env._(
                        "The property project %(project)s is not in the analytic plan "
                        "%(plan)s of the policy.",
                        project=account.display_name,
                        plan=plan.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    def action_confirm(self):
        """Check the limits (draft expenses), then approve the expenses whose
        approval is in place and leave the others waiting for it."""
        for expense in self:
            if expense.state not in ("draft", "waiting"):
                raise UserError(
                    self.env._(
                        "%(expense)s is %(state)s: only draft expenses are confirmed.",
                        expense=expense.name,
                        state=expense._state_label(),
                    )
                )
        drafts = self.filtered(lambda e: e.state == "draft")
        # Lock what the check reads before reading it.
        drafts.policy_id._lock_for_limits()
        drafts._check_limits()
        for expense in self.sorted("id"):
            gate = expense._approval_gate()
            if gate == "waiting" and expense.state == "waiting":
                raise UserError(expense._waiting_message())
            if gate == "ready":
                expense._write_by_action({"state": "approved"})
                expense.message_post(
                    body=self.env._(
                        "Confirmed within the policy's limits and approved."
                    )
                )
            else:
                expense._write_by_action({"state": "waiting"})
                expense._notify_leaders()
        return True

    def _notify_leaders(self):
        self.ensure_one()
        if self.policy_id.approval_type != "oral":
            self.message_post(body=self._waiting_message())
            return
        leaders = self.company_id._helpdesk_info_alert_users("group_company_leader")
        self.message_post(
            body=self._waiting_message(),
            partner_ids=leaders.partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )

    def action_approve(self):
        """A company leader gives their approval of an expense waiting for an
        oral approval, on or before the day of the event."""
        for expense in self:
            if not self.env.su and not self._is_leader(
                self.env.user, expense.company_id
            ):
                raise AccessError(
                    self.env._("Only a company leader approves reception expenses.")
                )
            if expense.state != "waiting":
                raise UserError(
                    self.env._(
                        "%(expense)s is %(state)s: only expenses waiting for approval "
                        "are approved.",
                        expense=expense.name,
                        state=expense._state_label(),
                    )
                )
            if expense.policy_id.approval_type != "oral":
                raise UserError(
                    self.env._(
                        "%(expense)s is approved through its written budget, not here.",
                        expense=expense.name,
                    )
                )
        for expense in self:
            if not (expense.oral_approver_id and expense.oral_approved_on):
                expense._write_by_action(
                    {
                        "oral_approver_id": self.env.user.id,
                        "oral_approved_on": fields.Datetime.now(),
                    }
                )
            expense._write_by_action({"state": "approved"})
            expense.message_post(
                body=self.env._(
                    "Approved by %(leader)s.",
                    leader=expense.oral_approver_id.name,
                )
            )
        return True

    def action_refuse(self):
        """A company leader refuses an expense waiting for approval."""
        for expense in self:
            if not self.env.su and not self._is_leader(
                self.env.user, expense.company_id
            ):
                raise AccessError(
                    self.env._("Only a company leader refuses reception expenses.")
                )
            if expense.state != "waiting":
                raise UserError(
                    self.env._(
                        "%(expense)s is %(state)s: only expenses waiting for approval "
                        "are refused.",
                        expense=expense.name,
                        state=expense._state_label(),
                    )
                )
        self._write_by_action({"state": "cancelled", "refused_by_id": self.env.uid})
        for expense in self:
            expense.message_post(
                body=self.env._("Refused by %(leader)s.", leader=self.env.user.name)
            )
        return True

    def action_cancel(self):
        for expense in self:
            if expense.state == "exported":
                raise UserError(
                    self.env._(
                        "%(expense)s is exported: cancel or delete its vendor bill in "
                        "Accounting instead.",
                        expense=expense.name,
                    )
                )
        self.filtered(lambda e: e.state != "cancelled")._write_by_action(
            {"state": "cancelled"}
        )
        return True

    def action_reset_to_draft(self):
        for expense in self:
            if expense.refused_by_id:
                raise UserError(
                    self.env._(
                        "%(expense)s was refused by %(leader)s: the refusal stands. "
                        "Record a new expense "
                        "if the leader agrees to another one.",
                        expense=expense.name,
                        leader=expense.refused_by_id.name,
                    )
                )
            if expense.state not in ("waiting", "cancelled"):
                raise UserError(
                    self.env._(
                        "%(expense)s is %(state)s: only waiting or cancelled expenses "
                        "go back to draft.",
                        expense=expense.name,
                        state=expense._state_label(),
                    )
                )
        self._write_by_action({"state": "draft"})
        return True
