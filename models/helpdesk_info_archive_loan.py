from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .helpdesk_info_approval_mixin import APPROVAL_STATES
from .helpdesk_info_guard_mixin import RECORDED

KEEPER = "helpdesk_property_info.group_archive_keeper"
CS_AGENT = "helpdesk_property_info.group_cs_agent"
LOAN_STATES = [
    *APPROVAL_STATES,
    ("lent", "Lent"),
    ("returned", "Returned"),
]
OVERDUE_ACTIVITY = "helpdesk_property_info.mail_activity_archive_loan_overdue"


class HelpdeskInfoArchiveLoan(models.Model):
    """Borrowing a dossier (借阅), seed 001 §12: 外借和楼资料需征求上级同意并作
    文件借阅记录. The borrower asks, with a purpose and a due date; the
    superior approves (the Customer Service manager), and for an owner's
    file the archive keeper approves the read too (如查阅业主档案，由档案管理员
    批准); only then does the keeper lend it, and each read of an owner's
    file is logged. A loan not returned by its due date is reported once to
    the keeper and the borrower. Lending never takes the file outside the
    company: that is a disclosure request a leader approves."""

    _name = "helpdesk.info.archive.loan"
    _description = "Dossier Borrowing"
    _inherit = ["helpdesk.info.approval.mixin", "helpdesk.info.watcher.mixin"]
    _order = "id desc"
    _check_company_auto = True

    dossier_id = fields.Many2one(
        "helpdesk.info.archive.dossier",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
        tracking=True,
        domain="[('state', '!=', 'destroyed')]",
    )
    company_id = fields.Many2one(
        related="dossier_id.company_id", store=True, index=True, precompute=True
    )
    personal_data = fields.Boolean(
        related="dossier_id.personal_data", store=True, string="Owners' File"
    )
    borrower_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
        help="The colleague who takes the dossier: never anyone outside the company.",
    )
    purpose = fields.Text(required=True, help="Why the dossier is needed.")
    due_date = fields.Date(
        string="Due Back On", required=True, tracking=True, index=True
    )
    requested_by_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        readonly=True,
        copy=False,
        tracking=True,
    )
    state = fields.Selection(
        LOAN_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    lent_date = fields.Datetime(string="Lent On", readonly=True, copy=False)
    lent_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    returned_date = fields.Datetime(string="Returned On", readonly=True, copy=False)
    overdue_reported = fields.Boolean(
        readonly=True,
        copy=False,
        help="The overdue loan was reported to the keeper and the borrower.",
    )
    overdue = fields.Boolean(compute="_compute_overdue", search="_search_overdue")

    _lent_idx = models.Index("(due_date) WHERE state = 'lent' AND NOT overdue_reported")

    @api.depends("dossier_id.display_name", "borrower_id.name")
    def _compute_display_name(self):
        for loan in self:
            loan.display_name = self.env._(
                "%(dossier)s lent to %(borrower)s",
                dossier=loan.dossier_id.display_name or "",
                borrower=loan.borrower_id.name or "",
            )

    @api.depends("state", "due_date")
    def _compute_overdue(self):
        today = fields.Date.context_today(self)
        for loan in self:
            loan.overdue = loan.state == "lent" and loan.due_date < today

    def _search_overdue(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        domain = [
            ("state", "=", "lent"),
            ("due_date", "<", fields.Date.context_today(self)),
        ]
        if (operator == "in") == (True in value):
            return domain
        return ["!", "&", *domain]

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------

    def _guarded_fields(self):
        return (
            dict.fromkeys(
                (
                    "lent_date",
                    "lent_by_id",
                    "returned_date",
                    "overdue_reported",
                ),
                None,
            )
            | super()._guarded_fields()
        )

    def _approval_content_fields(self):
        return {"dossier_id", "borrower_id", "purpose", "due_date"}

    def _frozen_fields(self):
        # One asks for oneself: only Customer Service or the keeper names
        # another borrower, at creation (see create) or after.
        return {
            RECORDED: {"dossier_id": None, "borrower_id": f"{CS_AGENT},{KEEPER}"}
        } | super()._frozen_fields()

    def _guard_frozen_hint(self, state):
        return self.env._("Ask for another borrowing instead.")

    def _requester(self):
        # Nobody approves his own borrowing, nor one he asked for.
        return self.requested_by_id | self.borrower_id

    def _requester_refusal_message(self):
        return self.env._(
            "%s is yours or you asked for it: another reviewer approves it.",
            self.display_name,
        )

    @api.constrains("borrower_id")
    def _check_borrower_internal(self):
        for loan in self:
            if loan.borrower_id.share:
                raise ValidationError(
                    self.env._(
                        "A dossier is lent to a colleague only: giving it outside "
                        "the company is a disclosure request a company leader "
                        "approves."
                    )
                )

    def _check_may_ask(self):
        """One asks to borrow for oneself; Customer Service or the keeper
        asks for a colleague."""
        if self.env.su or self.env.user.has_groups(f"{CS_AGENT},{KEEPER}"):
            return
        if self.filtered(lambda loan: loan.borrower_id != self.env.user):
            raise AccessError(
                self.env._(
                    "You ask to borrow a dossier for yourself: Customer "
                    "Service or the archive keeper asks for a colleague."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        loans = super().create(vals_list)
        loans._check_may_ask()
        return loans

    def _check_submittable(self):
        result = super()._check_submittable()
        today = fields.Date.context_today(self)
        for loan in self:
            if loan.dossier_id.state == "destroyed":
                raise UserError(
                    self.env._("%s is destroyed.", loan.dossier_id.display_name)
                )
            if loan.due_date < today:
                raise UserError(
                    self.env._("%s: the due date is already past.", loan.display_name)
                )
        return result

    def _check_keeper(self):
        if not self.env.su and not self.env.user.has_group(KEEPER):
            raise AccessError(
                self.env._("Only the archive keeper lends and takes back dossiers.")
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_lend(self):
        """The keeper hands the dossier over: only an approved borrowing."""
        self.check_access("write")
        self._check_keeper()
        for loan in self:
            if loan.state != "approved":
                raise UserError(
                    self.env._(
                        "%s is not approved: the dossier stays in the archives.",
                        loan.display_name,
                    )
                )
            if loan.dossier_id.state == "destroyed":
                raise UserError(
                    self.env._("%s is destroyed.", loan.dossier_id.display_name)
                )
            if loan.dossier_id.lent:
                raise UserError(
                    self.env._("%s is already lent out.", loan.dossier_id.display_name)
                )
        for loan in self:
            loan._write_by_action(
                {
                    "state": "lent",
                    "lent_date": fields.Datetime.now(),
                    "lent_by_id": self.env.uid,
                }
            )
            if loan.personal_data:
                # Each read of an owner's file is logged (seed 001 §12).
                self.env["helpdesk.info.personal.data.log"]._log(
                    "archive_read", loan.dossier_id, {"document_ids"}
                )
            loan.message_post(
                body=self.env._(
                    "Lent to %(borrower)s by %(keeper)s, due back on %(due)s.",
                    borrower=loan.borrower_id.name,
                    keeper=self.env.user.name,
                    due=fields.Date.to_string(loan.due_date),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_return(self):
        """The dossier is back on its shelf."""
        self.check_access("write")
        self._check_keeper()
        for loan in self:
            if loan.state != "lent":
                raise UserError(self.env._("%s is not lent out.", loan.display_name))
        self._write_by_action(
            {"state": "returned", "returned_date": fields.Datetime.now()}
        )
        self.activity_unlink([OVERDUE_ACTIVITY])
        return True

    # ------------------------------------------------------------------
    # Overdue watcher
    # ------------------------------------------------------------------

    @api.model
    def _overdue_domain(self):
        return [
            ("state", "=", "lent"),
            ("overdue_reported", "=", False),
            ("due_date", "<", fields.Date.context_today(self)),
        ]

    @api.model
    def _cron_watch_overdue_loans(self, batch_size=200):
        """Report each loan not returned by its due date, once: reported
        loans leave the selection."""
        return self._watch_batches(
            self._overdue_domain(),
            "_report_overdue",
            order="due_date, id",
            batch_size=batch_size,
        )

    def _report_overdue(self):
        self.ensure_one()
        if self.state != "lent" or self.overdue_reported:
            return
        users = (
            self.company_id._helpdesk_info_alert_users("group_archive_keeper")
            | self.borrower_id
        ).filtered(lambda u: not u.share and self.company_id in u.company_ids)
        for user in users:
            env = self.with_context(lang=user.lang or self.env.lang).env
            self.activity_schedule(
                OVERDUE_ACTIVITY,
                date_deadline=fields.Date.context_today(self),
                summary=env._(
                    "%(dossier)s was due back on %(due)s from %(borrower)s.",
                    dossier=self.dossier_id.display_name,
                    due=fields.Date.to_string(self.due_date),
                    borrower=self.borrower_id.name,
                ),
                user_id=user.id,
            )
        self._write_by_action({"overdue_reported": True})

    @api.model
    def _demo_lent_loan(self, vals, manager_id, keeper_id):
        """The demo's borrowing: asked by its borrower, approved by the
        Customer Service manager and lent by the keeper, each in his own
        language as from his screen."""
        Users = self.env["res.users"]
        manager, keeper = Users.browse((manager_id, keeper_id))
        borrower = Users.browse(vals["borrower_id"])

        def by(user, records):
            return records.with_user(user).with_context(lang=user.lang)

        loan = by(borrower, self).create(vals)
        by(borrower, loan).action_submit()
        by(manager, loan).validate_tier()
        by(keeper, loan).action_lend()
        return loan.id
