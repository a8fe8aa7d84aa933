from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

POSTING_KINDS = [
    ("fee_statement", "Fee Income and Spending Statement"),
    ("price_list", "Paid-Service Price List"),
    ("other", "Other Notice"),
]
POSTED_STATES = ("published", "expired")


class HelpdeskInfoPostingPlan(models.Model):
    """A planned posting of the year's posting plan (seed 000 八.2.5, seed
    003 二.6 and 2.2): what is posted to the owners of a community — the fee
    income and spending statement, the paid-service price list, another
    notice —, by when, and who sees to it. A posting due and not yet posted
    gives its responsible an activity, once."""

    _name = "helpdesk.info.posting.plan"
    _description = "Planned Posting"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "helpdesk.info.guard.mixin",
        "helpdesk.info.watcher.mixin",
    ]
    _order = "date, id"
    _check_company_auto = True

    name = fields.Char(
        string="What Is Posted",
        required=True,
        tracking=True,
        help="The posting as the owners will read its title, e.g. "
        "“2027年第一季度物业费收支公示”.",
    )
    kind = fields.Selection(
        POSTING_KINDS,
        required=True,
        default="fee_statement",
        tracking=True,
        help="A fee statement or a price list counts as posted when the notice "
        "made from it for the community is published; another notice when the "
        "notice linked here is.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    community_id = fields.Many2one(
        "helpdesk.info.community",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    date = fields.Date(
        string="Due Date",
        required=True,
        tracking=True,
        help="By when it is posted: its responsible is reminded on this day if it "
        "is not posted yet.",
    )
    year = fields.Integer(
        compute="_compute_year",
        store=True,
        aggregator=None,
        help="The year of the posting plan it belongs to.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
        help="Who sees to the posting, and is reminded when it is due.",
    )
    publication_id = fields.Many2one(
        "helpdesk.info.publication",
        string="Notice",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="[('kind', '=', 'notice'), ('community_id', '=', community_id)]",
        help="The notice that posts it: filled when a fee statement's or price "
        "list's notice for the community is published; linked by hand for "
        "another notice.",
    )
    posted = fields.Boolean(
        compute="_compute_posted",
        store=True,
        index=True,
        help="Its notice is published (or was, and has since been withdrawn).",
    )
    posted_date = fields.Datetime(
        string="Posted On", related="publication_id.published_date"
    )
    reminded_date = fields.Datetime(
        string="Reminded On",
        readonly=True,
        copy=False,
        help="When its responsible was reminded that it is due: once.",
    )
    active = fields.Boolean(default=True)
    note = fields.Text(string="Notes")

    @api.depends("date")
    def _compute_year(self):
        for posting in self:
            posting.year = posting.date.year if posting.date else 0

    @api.depends("publication_id.state")
    def _compute_posted(self):
        for posting in self:
            posting.posted = posting.publication_id.state in POSTED_STATES

    @api.constrains("publication_id", "community_id")
    def _check_publication(self):
        for posting in self.filtered("publication_id"):
            notice = posting.publication_id
            if notice.kind != "notice" or notice.community_id != posting.community_id:
                raise ValidationError(
                    self.env._(
                        "“%(posting)s” is posted by a notice to %(community)s.",
                        posting=posting.name,
                        community=posting.community_id.name,
                    )
                )

    def _guarded_fields(self):
        return {"reminded_date": None} | super()._guarded_fields()

    def copy_data(self, default=None):
        # A copy is next year's (or another community's) posting: not posted.
        return super().copy_data(default=dict(default or {}, publication_id=False))

    # ------------------------------------------------------------------
    # Posted: the notices made from fee statements and price lists
    # ------------------------------------------------------------------

    @api.model
    def _link_published(self, notices):
        """Link each published notice of a fee statement or a price list to
        the earliest open planned posting of its kind and community."""
        notices = notices.filtered("posting_kind")
        if not notices:
            return
        open_postings = self.search(
            Domain.OR(
                [
                    ("company_id", "=", notice.company_id.id),
                    ("community_id", "=", notice.community_id.id),
                    ("kind", "=", notice.posting_kind),
                ]
                for notice in notices
            )
            & Domain("publication_id", "=", False),
            order="date, id",
        )
        waiting = defaultdict(list)
        for posting in open_postings:
            waiting[posting.company_id, posting.community_id, posting.kind].append(
                posting
            )
        for notice in notices:
            queue = waiting[notice.company_id, notice.community_id, notice.posting_kind]
            if queue:
                queue.pop(0).publication_id = notice

    # ------------------------------------------------------------------
    # Reminder
    # ------------------------------------------------------------------

    @api.model
    def _cron_remind_due_postings(self, batch_size=200):
        """Remind the responsible of each posting due and not yet posted,
        once: a reminded posting leaves the selection."""
        today = fields.Date.context_today(self)
        self._watch_batches(
            Domain(
                [
                    ("reminded_date", "=", False),
                    ("posted", "=", False),
                    ("date", "<=", today),
                ]
            ),
            "_remind_due",
            order="date, id",
            batch_size=batch_size,
        )

    def _remind_due(self):
        self.ensure_one()
        if self.reminded_date or self.posted:
            return
        user = self.user_id
        if user.share or not user.active or self.company_id not in user.company_ids:
            user = self.company_id._helpdesk_info_alert_users("group_cs_manager")[:1]
        env = user._helpdesk_info_lang_env() if user else self.env
        summary = env._(
            "Post “%(posting)s” to %(community)s: it was due on %(date)s.",
            posting=self.name,
            community=self.community_id.with_env(env).name,
            date=fields.Date.to_string(self.date),
        )
        if user:
            self.env["mail.activity"].with_context(
                mail_activity_quick_update=True
            ).create(
                {
                    "activity_type_id": self.env.ref(
                        "helpdesk_property_info.mail_activity_posting_due"
                    ).id,
                    "res_model_id": self.env["ir.model"]._get_id(self._name),
                    "res_id": self.id,
                    "user_id": user.id,
                    "summary": summary,
                    "date_deadline": fields.Date.context_today(self),
                    "automated": True,
                }
            )
        self.message_post(
            body=Markup("<p>%s</p>") % summary, subtype_xmlid="mail.mt_note"
        )
        self._write_by_action({"reminded_date": fields.Datetime.now()})
