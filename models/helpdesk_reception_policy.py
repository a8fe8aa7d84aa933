from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

APPROVAL_TYPES = [
    ("none", "None"),
    ("oral", "Oral Approval of a Company Leader"),
    ("budget", "Written Budget Approved Beforehand"),
]
# An expense uses its policy's headroom from its confirmation until it is
# cancelled.
CONFIRMED_STATES = ("waiting", "approved", "exported")
STANDARD_POLICIES = (
    "reception_policy_tea",
    "reception_policy_small_meeting",
    "reception_policy_visit",
    "reception_policy_large_meeting",
)


def lock_for_check(cr, table, ids):
    """Lock the rows a limit check is about to read the usage of.

    The row lock makes a concurrent check of the same rows wait until this
    transaction ends. The no-op update then makes that check fail with a
    serialization error if its snapshot predates this commit (Odoo runs in
    REPEATABLE READ, and retries an RPC call on that error), so it never
    compares a limit with a usage that misses this transaction's expenses.
    NO KEY UPDATE leaves expenses free to be recorded against the rows
    meanwhile.
    """
    if not ids:
        return
    ids = tuple(sorted(ids))
    cr.execute(
        SQL(
            "SELECT id FROM %s WHERE id IN %s ORDER BY id FOR NO KEY UPDATE",
            SQL.identifier(table),
            ids,
        )
    )
    cr.execute(
        SQL(
            "UPDATE %s SET write_date = write_date WHERE id IN %s",
            SQL.identifier(table),
            ids,
        )
    )


class HelpdeskReceptionPolicy(models.Model):
    """A category of reception expense (接待经费标准) and its limits: what one
    event may cost, what a calendar month may spend, how many events a month
    allows, for how many attendees, and whose approval is needed beforehand."""

    _name = "helpdesk.reception.policy"
    _inherit = ["helpdesk.info.list.mixin"]
    _description = "Reception Expense Policy"
    _order = "company_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(string="Category")
    company_id = fields.Many2one(
        required=True,
        default=lambda self: self.env.company,
        help="Policies are per company: each company sets its own limits.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    max_per_event = fields.Monetary(
        string="Per-Event Maximum",
        default=0,
        help="The most one event (meal, meeting, visit) may cost. 0: no limit.",
    )
    monthly_max_amount = fields.Monetary(
        string="Monthly Maximum Amount",
        default=0,
        help="The most all confirmed expenses of this category may add up to in "
        "a calendar month, in the company's time zone. 0: no limit.",
    )
    monthly_max_count = fields.Integer(
        string="Monthly Maximum Count",
        default=0,
        help="How many expenses of this category a calendar month allows. 0: no limit.",
    )
    min_attendees = fields.Integer(
        string="Minimum Attendees",
        default=0,
        help="The fewest people the event may have. 0: no minimum.",
    )
    max_attendees = fields.Integer(
        string="Maximum Attendees",
        default=0,
        help="The most people the event may have. 0: no maximum.",
    )
    approval_type = fields.Selection(
        APPROVAL_TYPES,
        string="Approval Beforehand",
        required=True,
        default="none",
        help="Oral approval: a company leader agrees before the event, and who "
        "and when is recorded on the expense. Written budget: a budget with its "
        "lines is approved by a company leader through tier validation before "
        "the event, and the expense may not exceed it.",
    )
    account_id = fields.Many2one(
        "account.account",
        string="Expense Account",
        check_company=True,
        domain="[('account_type', 'in', ('expense', 'expense_direct_cost'))]",
        groups="account.group_account_invoice,helpdesk_property_info.group_cs_manager",
        help="The account the vendor bills of these expenses are booked on.",
    )
    analytic_plan_id = fields.Many2one(
        "account.analytic.plan",
        string="Property Project Plan",
        help="The analytic plan whose accounts are the property projects "
        "(communities) the expenses are charged to.",
    )
    expense_ids = fields.One2many("helpdesk.reception.expense", "policy_id")
    month_used_amount = fields.Monetary(
        string="Used This Month",
        compute="_compute_month_usage",
        help="Confirmed expenses of the current calendar month.",
    )
    month_used_count = fields.Integer(
        string="Expenses This Month", compute="_compute_month_usage"
    )
    month_remaining_amount = fields.Monetary(
        string="Remaining This Month",
        compute="_compute_month_usage",
        help="What the monthly maximum amount still allows this month.",
    )
    month_remaining_count = fields.Integer(
        string="Expenses Left This Month",
        compute="_compute_month_usage",
        help="How many more expenses the monthly maximum count allows this month.",
    )

    _limits_not_negative = models.Constraint(
        "CHECK(max_per_event >= 0 AND monthly_max_amount >= 0 AND monthly_max_count "
        ">= 0 AND min_attendees >= 0 AND max_attendees >= 0)",
        "Limits may not be negative.",
    )

    @api.constrains("min_attendees", "max_attendees")
    def _check_attendee_range(self):
        for policy in self:
            if policy.max_attendees and policy.min_attendees > policy.max_attendees:
                raise ValidationError(
                    self.env._(
                        "%(policy)s: the minimum of attendees (%(min)s) is above the "
                        "maximum (%(max)s).",
                        policy=policy.name,
                        min=policy.min_attendees,
                        max=policy.max_attendees,
                    )
                )

    @api.depends_context("company")
    def _compute_month_usage(self):
        for policy in self:
            company = policy.company_id or self.env.company
            month = company._reception_local_date().replace(day=1)
            amount, count = policy._month_usage(month)
            policy.month_used_amount = amount
            policy.month_used_count = count
            policy.month_remaining_amount = (
                policy.monthly_max_amount - amount if policy.monthly_max_amount else 0
            )
            policy.month_remaining_count = (
                policy.monthly_max_count - count if policy.monthly_max_count else 0
            )

    def _month_usage(self, month, exclude=None):
        """(amount, count) of the confirmed expenses of this policy in the
        calendar month starting on ``month``, ``exclude`` left out."""
        self.ensure_one()
        domain = [
            ("policy_id", "=", self.id),
            ("state", "in", CONFIRMED_STATES),
            ("date", ">=", month),
            ("date", "<", month + relativedelta(months=1)),
        ]
        if exclude:
            domain.append(("id", "not in", exclude.ids))
        [(amount, count)] = (
            self.env["helpdesk.reception.expense"]
            .sudo()
            ._read_group(domain, aggregates=["amount:sum", "__count"])
        )
        return amount or 0.0, count

    def _lock_for_limits(self):
        """Serialize the confirmations of these policies (see lock_for_check)."""
        lock_for_check(self.env.cr, self._table, self.ids)

    @api.model
    def _create_standard_policies(self, companies=None):
        """Give each company without policies a copy of the standard's
        policies, as shipped for the main company (without its accounts)."""
        standard = self.browse()
        for xmlid in STANDARD_POLICIES:
            standard |= (
                self.env.ref(
                    f"helpdesk_property_info.{xmlid}", raise_if_not_found=False
                )
                or self.browse()
            )
        if not standard:
            return self.browse()
        companies = (
            companies if companies is not None else self.env["res.company"].search([])
        )
        provided = set(
            self.with_context(active_test=False)
            .search([("company_id", "in", companies.ids)])
            .company_id.ids
        )
        created = self.browse()
        for company in companies.filtered(lambda c: c.id not in provided):
            for policy in standard:
                created |= policy.copy({"company_id": company.id, "account_id": False})
        return created
