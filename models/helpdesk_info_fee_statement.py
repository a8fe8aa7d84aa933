from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command, Domain

from .helpdesk_info_guard_mixin import in_action_scope

STATEMENT_STATES = [
    ("draft", "Draft"),
    ("pending", "Waiting Sign-off"),
    ("approved", "Signed Off"),
    ("rejected", "Rejected"),
    ("posted", "Posted"),
]
INCOME_TYPES = ("income", "income_other")
EXPENSE_TYPES = (
    "expense",
    "expense_other",
    "expense_depreciation",
    "expense_direct_cost",
)
CS_AGENT = "helpdesk_property_info.group_cs_agent"


class HelpdeskInfoFeeStatement(models.Model):
    """The property-fee income and spending statement (物业费收支公示) of a
    community for a period (seed 003 二.6, Civil Code art. 943): its figures
    are read from Accounting when it is prepared, the community's project
    manager signs them off, and it is then posted to the owners as a notice.
    Once submitted its figures no longer change."""

    _name = "helpdesk.info.fee.statement"
    _description = "Fee Income and Spending Statement"
    _inherit = ["helpdesk.info.approval.mixin"]
    _order = "date_to desc, id desc"
    _check_company_auto = True

    _requester_field = "prepared_by_id"

    name = fields.Char(
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    community_id = fields.Many2one(
        "helpdesk.info.community",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        help="The community whose owners the statement is posted to.",
    )
    analytic_account_id = fields.Many2one(
        related="community_id.analytic_account_id",
        string="Property Project",
        help="The analytic account of the community: the journal items charged "
        "to it make the statement.",
    )
    project_manager_id = fields.Many2one(
        related="community_id.manager_id",
        string="Project Manager",
        help="The community's project manager, who signs the figures off.",
    )
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="To", required=True, tracking=True)
    state = fields.Selection(
        STATEMENT_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    prepared_by_id = fields.Many2one(
        "res.users",
        readonly=True,
        copy=False,
        tracking=True,
        help="Who read the figures from Accounting and asks for the sign-off: "
        "never the one who signs off.",
    )
    prepared_date = fields.Datetime(string="Prepared On", readonly=True, copy=False)
    line_ids = fields.One2many(
        "helpdesk.info.fee.statement.line",
        "statement_id",
        string="Figures",
        readonly=True,
        copy=False,
        help="The posted journal items of the company in the period, on income "
        "and expense accounts, charged to the community's property project "
        "(their share of it), summed per account. Draft and cancelled entries "
        "are not counted.",
    )
    income_total = fields.Monetary(
        string="Total Income", readonly=True, copy=False, currency_field="currency_id"
    )
    expense_total = fields.Monetary(
        string="Total Spending", readonly=True, copy=False, currency_field="currency_id"
    )
    balance = fields.Monetary(compute="_compute_balance", currency_field="currency_id")
    note = fields.Html(
        string="Explanations",
        help="What the owners read below the figures: major items, reasons for "
        "differences from the budget.",
    )
    publication_id = fields.Many2one(
        "helpdesk.info.publication",
        string="Notice",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The notice that posts the signed-off statement to the owners.",
    )
    posted_date = fields.Datetime(
        string="Posted On", related="publication_id.published_date"
    )

    @api.depends("community_id", "date_from", "date_to")
    def _compute_name(self):
        for statement in self:
            if statement.community_id and statement.date_from and statement.date_to:
                statement.name = self.env._(
                    "%(community)s fee income and spending, %(start)s – %(end)s",
                    community=statement.community_id.name,
                    start=statement.date_from,
                    end=statement.date_to,
                )
            elif not statement.name:
                statement.name = self.env._("Fee Income and Spending Statement")

    @api.depends("income_total", "expense_total")
    def _compute_balance(self):
        for statement in self:
            statement.balance = statement.income_total - statement.expense_total

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for statement in self:
            if statement.date_to < statement.date_from:
                raise ValidationError(
                    self.env._(
                        "The statement “%s” cannot end before it starts.",
                        statement.name,
                    )
                )

    def _guarded_fields(self):
        guarded = dict.fromkeys(
            (
                "prepared_date",
                "line_ids",
                "income_total",
                "expense_total",
                "publication_id",
            ),
            None,
        )
        return guarded | super()._guarded_fields()

    def _approval_content_fields(self):
        return {
            "name",
            "company_id",
            "community_id",
            "date_from",
            "date_to",
            "line_ids",
            "income_total",
            "expense_total",
            "note",
        }

    def _guard_frozen_hint(self, state):
        if state in ("approved", "posted"):
            return self.env._(
                "The project manager signed these figures off: prepare a new "
                "statement to correct them."
            )
        return super()._guard_frozen_hint(state)

    # ------------------------------------------------------------------
    # Preparing: the figures from Accounting
    # ------------------------------------------------------------------

    def _move_line_domain(self):
        self.ensure_one()
        return Domain(
            [
                ("company_id", "=", self.company_id.id),
                ("parent_state", "=", "posted"),
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
                ("account_id.account_type", "in", INCOME_TYPES + EXPENSE_TYPES),
                ("analytic_distribution", "in", self.analytic_account_id.ids),
            ]
        )

    def _read_figures(self):
        """{(kind, account): amount} of the posted items charged to the
        community's property project, in the company's currency: income as
        credit minus debit, spending as debit minus credit, each item for its
        share of the project."""
        self.ensure_one()
        project = str(self.analytic_account_id.id)
        figures = {}
        items = self.env["account.move.line"].sudo().search(self._move_line_domain())
        for item in items:
            share = sum(
                float(percentage)
                for key, percentage in (item.analytic_distribution or {}).items()
                if project in key.split(",")
            )
            kind = (
                "income" if item.account_id.account_type in INCOME_TYPES else "expense"
            )
            amount = item.balance * share / 100.0
            key = (kind, item.account_id)
            figures[key] = figures.get(key, 0.0) + (
                -amount if kind == "income" else amount
            )
        return figures

    def action_prepare(self):
        """Read the figures of the period from Accounting (again)."""
        self.check_access("write")
        if not (self.env.su or self.env.user.has_groups(CS_AGENT)):
            raise AccessError(
                self.env._("Customer Service prepares the fee statements.")
            )
        for statement in self:
            if statement.state not in self._submittable_states:
                raise UserError(
                    self.env._(
                        "“%s” is submitted or signed off: its figures no longer "
                        "change.",
                        statement.name,
                    )
                )
            if not statement.analytic_account_id:
                raise UserError(
                    self.env._(
                        "%s has no property project (analytic account): set it on "
                        "the community to read its income and spending.",
                        statement.community_id.name,
                    )
                )
            currency = statement.currency_id
            lines = [Command.clear()]
            totals = {"income": 0.0, "expense": 0.0}
            figures = statement._read_figures()
            for (kind, account), amount in sorted(
                figures.items(), key=lambda f: (f[0][0] != "income", f[0][1].code or "")
            ):
                amount = currency.round(amount)
                if currency.is_zero(amount):
                    continue
                totals[kind] += amount
                lines.append(
                    Command.create(
                        {"kind": kind, "account_id": account.id, "amount": amount}
                    )
                )
            statement._write_by_action(
                {
                    "line_ids": lines,
                    "income_total": totals["income"],
                    "expense_total": totals["expense"],
                    "prepared_by_id": self.env.uid,
                    "prepared_date": fields.Datetime.now(),
                }
            )
        return True

    def write(self, vals):
        # Another community or period: the figures read before no longer
        # apply, and are read again before the sign-off is asked.
        stale = self.browse()
        if {"community_id", "date_from", "date_to"} & set(vals):
            stale = self.filtered("prepared_date")
        result = super().write(vals)
        if stale:
            stale._write_by_action(
                {
                    "line_ids": [Command.clear()],
                    "income_total": 0.0,
                    "expense_total": 0.0,
                    "prepared_date": False,
                }
            )
        return result

    def _write_by_action(self, vals):
        # The figures are lines written by this action only.
        return in_action_scope(
            self, self._name, "tier.review", "helpdesk.info.fee.statement.line"
        ).write(vals)

    # ------------------------------------------------------------------
    # Sign-off
    # ------------------------------------------------------------------

    def _check_submittable(self):
        result = super()._check_submittable()
        for statement in self:
            if not statement.prepared_date:
                raise UserError(
                    self.env._(
                        "Prepare “%s” (read its figures from Accounting) before "
                        "asking for the sign-off.",
                        statement.name,
                    )
                )
            manager = statement.sudo().project_manager_id
            if not manager:
                raise UserError(
                    self.env._(
                        "%s has no project manager to sign the statement off: set "
                        "one on the community.",
                        statement.community_id.name,
                    )
                )
            if manager == statement.prepared_by_id:
                raise UserError(
                    self.env._(
                        "The project manager signs off the statement another "
                        "employee prepared: ask Customer Service to prepare it."
                    )
                )
        return result

    def _no_tier_message(self):
        return self.env._(
            "No sign-off tier applies to “%s”: ask an administrator to configure "
            "the fee statement's tier (the community's project manager).",
            self.name,
        )

    def _requester_refusal_message(self):
        return self.env._(
            "You prepared “%s”: the community's project manager signs it off.",
            self.name,
        )

    def _after_approval(self):
        self.message_post(
            body=self.env._("Figures signed off by %s.", self.approved_by_id.name),
            partner_ids=self.prepared_by_id.partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )

    # ------------------------------------------------------------------
    # Posting
    # ------------------------------------------------------------------

    def action_post(self):
        """Make the notice that posts the signed-off statement to the owners
        (approved and published through the publications), and open it."""
        self.ensure_one()
        self.check_access("write")
        if (
            self.state not in ("approved", "posted")
            or self.validation_status != "validated"
        ):
            raise UserError(
                self.env._(
                    "“%s” is posted once the project manager has signed it off.",
                    self.name,
                )
            )
        if not self.publication_id or self.publication_id.state in (
            "rejected",
            "cancel",
        ):
            # Written for the owners: in the company's language.
            owners = self.with_context(lang=self.company_id._helpdesk_info_lang())
            notice = owners._posting_notice()
            self._write_by_action({"publication_id": notice.id})
            self.message_post(
                body=Markup("%s %s")
                % (self.env._("Notice drafted:"), notice._get_html_link()),
                subtype_xmlid="mail.mt_note",
            )
        return self.publication_id._get_records_action(name=self.env._("Notice"))

    def _posting_notice(self):
        self.ensure_one()
        content = self.env["ir.qweb"]._render(
            "helpdesk_property_info.fee_statement_notice_content", {"doc": self}
        )
        return self.env["helpdesk.info.publication"]._create_posting_notice(
            "fee_statement", self.community_id, self.name, content
        )

    def _set_posted(self):
        self.filtered(lambda s: s.state == "approved")._write_by_action(
            {"state": "posted"}
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(s.state in ("approved", "posted") for s in self):
            raise UserError(
                self.env._("A signed-off statement is kept: it was posted or will be.")
            )
        return super()._unlink_only_drafts()

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------

    @api.model
    def _demo_posted_statement(self, vals, entries, agent_id, manager_id, leader_id):
        """The demo's posted statement: the community's property project
        and its posted entries (``entries``: (move type, label, amount,
        account code) tuples; no code or an unknown one takes the journal's
        default account), then the statement prepared by the agent, signed off by
        the project manager and posted as a notice the leader approves."""
        Users = self.env["res.users"]
        agent, manager, leader = Users.browse((agent_id, manager_id, leader_id))
        community = self.env["helpdesk.info.community"].browse(vals["community_id"])
        plan = self.env.ref("analytic.analytic_plan_projects", raise_if_not_found=False)
        if not plan:
            return False
        project = self.env["account.analytic.account"].create(
            {
                "name": community.name,
                "plan_id": plan.id,
                "company_id": community.company_id.id,
            }
        )
        community.analytic_account_id = project
        partner = community.company_id.partner_id
        Account = self.env["account.account"].with_company(community.company_id)

        def account(code):
            found = code and Account.search([("code", "=", code)], limit=1)
            return {"account_id": found.id} if found else {}

        moves = self.env["account.move"].create(
            [
                {
                    "move_type": move_type,
                    "partner_id": partner.id,
                    "invoice_date": vals["date_from"],
                    "date": vals["date_from"],
                    "company_id": community.company_id.id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": label,
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [Command.clear()],
                                "analytic_distribution": {str(project.id): 100},
                                **account(code),
                            }
                        )
                    ],
                }
                for move_type, label, amount, code in entries
            ]
        )
        moves.action_post()

        def by(user, records):
            return records.with_user(user).with_context(lang=user.lang)

        statement = by(agent, self).create(vals)
        by(agent, statement).action_prepare()
        by(agent, statement).action_submit()
        by(manager, statement).validate_tier()
        by(agent, statement).action_post()
        notice = statement.publication_id
        by(agent, notice).action_submit()
        by(leader, notice).validate_tier()
        by(agent, notice).action_publish()
        self.env["ir.model.data"]._update_xmlids(
            [
                {
                    "xml_id": "helpdesk_property_info.fee_statement_demo",
                    "record": statement,
                    "noupdate": True,
                },
                {
                    "xml_id": "helpdesk_property_info.notice_fee_statement_demo",
                    "record": notice,
                    "noupdate": True,
                },
            ]
        )
        return statement.id
