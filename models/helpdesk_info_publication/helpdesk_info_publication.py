import hashlib
import logging
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

_logger = logging.getLogger(__name__)


def grouped_rows(env, model, domain, field, aggregates=("__count",)):
    """[label, *aggregates] rows of ``model`` grouped by ``field``, largest
    first, labelled in the environment's language."""
    Model = env[model]
    definition = Model._fields[field]
    labels = (
        dict(definition._description_selection(env))
        if definition.type == "selection"
        else {}
    )
    rows = []
    for value, *values in Model._read_group(
        domain, [field], list(aggregates), order=f"{aggregates[0]} desc"
    ):
        label = value.display_name if isinstance(value, models.BaseModel) else value
        rows.append([labels.get(label, label) or env._("None"), *values])
    return rows


PUBLICATION_KINDS = [
    ("website_article", "Company Website Article"),
    ("outward", "Outward Publication"),
    ("social_post", "Social Website Post"),
    ("written_reply", "Written Reply"),
    ("interview", "Media Interview Request"),
    ("notice", "Notice"),
]

OUTAGE_TYPES = [
    ("water", "Water"),
    ("power", "Power"),
    ("gas", "Gas"),
    ("lift", "Lift"),
    ("other", "Other"),
]
# A planned outage is approved and posted this long before it starts (seed 003).
OUTAGE_NOTICE_DELAY = timedelta(hours=24)
NOTICE_EXPIRY_CRON = "helpdesk_property_info.ir_cron_withdraw_expired_notices"


class HelpdeskInfoPublication(models.Model):
    """Anything that goes out in the company's name (§2 duties 6.8–6.10, §7):
    approved by tier validation before it is published or sent, archived with
    the exact approved content, and followed by notes on its effect."""

    _name = "helpdesk.info.publication"
    _description = "Publication"
    _inherit = ["helpdesk.info.approval.mixin"]
    _order = "planned_date desc, id desc"

    _state_from = ["to_approve"]
    _cancel_state = "cancel"
    _requester_field = "author_id"

    # Changing any of these after approval changes what is approved.
    CONTENT_FIELDS = frozenset(
        {
            "name",
            "kind",
            "content",
            "target",
            "alias_name",
            "partner_id",
            "ticket_id",
            "community_id",
            "building_ids",
            "notice_place_ids",
            "valid_from",
            "valid_until",
            "planned_post_date",
            "outage_type",
            "outage_start",
            "outage_end",
        }
    )

    name = fields.Char(string="Title", required=True, tracking=True)
    kind = fields.Selection(
        PUBLICATION_KINDS,
        required=True,
        default="outward",
        tracking=True,
        index=True,
        help="Website articles, outward publications, social-website posts, "
        "written opinions to owners, customers or media in the company's name, "
        "media interview requests and notices to the owners all need a leader's "
        "approval beforehand.",
    )
    content = fields.Html(required=True)
    target = fields.Char(
        tracking=True,
        help="Where it appears or to whom it goes: the website, the medium, the "
        "social website, or the addressee of a written reply.",
    )
    planned_date = fields.Date(
        default=fields.Date.context_today, tracking=True, index=True
    )
    author_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
        domain="[('share', '=', False)]",
        help="The employee who wrote it. The author never approves their own "
        "publication.",
    )
    alias_name = fields.Char(
        string="Online Name / Alias",
        tracking=True,
        help="Social-website posts: the online name or alias under which it "
        "appears, disclosed internally for checking and appraisal (§7).",
    )
    ticket_ids = fields.Many2many(
        "helpdesk.ticket",
        "helpdesk_info_publication_ticket_rel",
        "publication_id",
        "ticket_id",
        string="Related Tickets",
        check_company=True,
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Replied Ticket",
        index="btree_not_null",
        check_company=True,
        help="Written replies: the ticket whose customer receives it, from the "
        "ticket's conversation.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Addressee",
        check_company=True,
        help="Written replies: the owner, customer or medium it is mailed to.",
    )
    department_ids = fields.Many2many(
        "helpdesk.ticket.team",
        string="Related Departments",
        check_company=True,
        help="Told about the effect notes logged after publishing; by default the "
        "teams of the related tickets.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "Waiting Approval"),
            ("approved", "Approved"),
            ("published", "Published"),
            ("expired", "Withdrawn"),
            ("rejected", "Rejected"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    active = fields.Boolean(default=True)
    # Not stored: a stored value would make every ticket write look for the
    # publications that cite it.
    litigation_risk = fields.Boolean(
        string="Possible Litigation",
        compute="_compute_ticket_flags",
        search="_search_litigation_risk",
        help="One of the related tickets may lead to litigation.",
    )
    major_problem = fields.Boolean(
        compute="_compute_ticket_flags",
        search="_search_major_problem",
        help="One of the related tickets is a major problem or a major complaint.",
    )
    approved_content = fields.Html(
        readonly=True, copy=False, help="The exact content the leaders approved."
    )
    approved_hash = fields.Char(
        string="Approved Content Fingerprint",
        readonly=True,
        copy=False,
        help="SHA-256 of the approved title, target and content: any later change "
        "shows.",
    )
    approved_date = fields.Datetime(tracking=False)
    approved_by_id = fields.Many2one(string="Last Approver", tracking=False)
    approver_ids = fields.Many2many(
        "res.users",
        "helpdesk_info_publication_approver_rel",
        "publication_id",
        "user_id",
        string="Approved By",
        readonly=True,
        copy=False,
    )
    content_changed = fields.Boolean(
        string="Changed Since Approval", compute="_compute_content_changed"
    )
    rejection_reason = fields.Text(tracking=True)
    published_date = fields.Datetime(
        string="Published On", readonly=True, copy=False, index=True
    )
    published_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    reply_message_id = fields.Many2one(
        "mail.message",
        string="Sent Message",
        readonly=True,
        copy=False,
        help="Written replies: the message that mailed it to the customer.",
    )
    effect_ids = fields.One2many(
        "helpdesk.info.publication.effect", "publication_id", string="Effect Notes"
    )
    # Notices (告示/通知, seed 003)
    notice_place_ids = fields.Many2many(
        "helpdesk.info.notice.place",
        string="Posted At",
        check_company=True,
        help="Notices: where it is posted — bulletin boards, lifts, the owners' app "
        "or WeChat group.",
    )
    community_id = fields.Many2one(
        "helpdesk.info.community",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        help="Notices: the community whose owners it addresses.",
    )
    building_ids = fields.Many2many(
        "helpdesk.info.building",
        string="Buildings",
        domain="[('community_id', '=', community_id)]",
        check_company=True,
        help="Notices: only these buildings of the community; empty for the whole "
        "community.",
    )
    planned_post_date = fields.Datetime(
        string="Planned Posting Time",
        tracking=True,
        help="Notices: when it is to be posted. A planned outage's notice is "
        "posted at least 24 hours before the outage starts.",
    )
    valid_from = fields.Datetime(
        tracking=True, help="Notices: from when it stays posted."
    )
    valid_until = fields.Datetime(
        tracking=True,
        index="btree_not_null",
        help="Notices: when it is taken down. A published notice is withdrawn "
        "automatically at this time.",
    )
    outage_type = fields.Selection(
        OUTAGE_TYPES,
        tracking=True,
        help="Notices of a planned outage (停水、停电 …): what is cut off.",
    )
    outage_start = fields.Datetime(
        tracking=True,
        help="When the planned outage starts: its notice is approved and posted "
        "at least 24 hours before.",
    )
    outage_end = fields.Datetime(tracking=True, help="When the supply is back.")
    notice_valid_now = fields.Boolean(
        string="Valid Now",
        compute="_compute_notice_valid_now",
        search="_search_notice_valid_now",
        help="A published notice within its validity.",
    )

    @api.constrains("kind", "alias_name", "ticket_id", "partner_id")
    def _check_kind_requirements(self):
        for publication in self:
            if publication.kind == "social_post" and not publication.alias_name:
                raise ValidationError(
                    self.env._(
                        "A social-website post records the online name or alias it "
                        "appears under."
                    )
                )
            if publication.kind == "written_reply" and not (
                publication.ticket_id or publication.partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "A written reply goes to a ticket's customer or to an "
                        "addressee."
                    )
                )

    @api.constrains(
        "kind",
        "community_id",
        "building_ids",
        "valid_from",
        "valid_until",
        "outage_type",
        "outage_start",
        "outage_end",
    )
    def _check_notice(self):
        for notice in self.filtered(lambda p: p.kind == "notice"):
            if not notice.community_id:
                raise ValidationError(
                    self.env._(
                        "The notice “%s” names the community it addresses.", notice.name
                    )
                )
            if notice.building_ids.community_id - notice.community_id:
                raise ValidationError(
                    self.env._(
                        "The buildings of the notice “%s” belong to its community.",
                        notice.name,
                    )
                )
            if (
                notice.valid_from
                and notice.valid_until
                and notice.valid_until <= notice.valid_from
            ):
                raise ValidationError(
                    self.env._(
                        "The notice “%s” cannot end before it is valid.", notice.name
                    )
                )
            if notice.outage_type and not notice.outage_start:
                raise ValidationError(
                    self.env._(
                        "The planned outage of “%s” has a start time.", notice.name
                    )
                )
            if (
                notice.outage_start
                and notice.outage_end
                and notice.outage_end <= notice.outage_start
            ):
                raise ValidationError(
                    self.env._(
                        "The planned outage of “%s” cannot end before it starts.",
                        notice.name,
                    )
                )

    @api.depends("kind", "state", "valid_from", "valid_until")
    def _compute_notice_valid_now(self):
        now = fields.Datetime.now()
        for publication in self:
            publication.notice_valid_now = (
                publication.kind == "notice"
                and publication.state == "published"
                and (not publication.valid_from or publication.valid_from <= now)
                and (not publication.valid_until or publication.valid_until > now)
            )

    def _search_notice_valid_now(self, operator, value):
        if operator != "in":
            return NotImplemented
        now = fields.Datetime.now()
        domain = [
            ("kind", "=", "notice"),
            ("state", "=", "published"),
            "|",
            ("valid_from", "=", False),
            ("valid_from", "<=", now),
            "|",
            ("valid_until", "=", False),
            ("valid_until", ">", now),
        ]
        return domain if True in value else ["!", *domain]

    @api.onchange("ticket_ids")
    def _onchange_ticket_ids(self):
        self.department_ids |= self.ticket_ids.team_id

    @api.depends(
        "ticket_ids.litigation_risk",
        "ticket_ids.level_id.leader_opinion_required",
        "ticket_ids.complaint_grade_id.leader_opinion_required",
    )
    def _compute_ticket_flags(self):
        for publication in self:
            tickets = publication.ticket_ids
            publication.litigation_risk = any(tickets.mapped("litigation_risk"))
            publication.major_problem = any(
                ticket._leader_opinion_required() for ticket in tickets
            )

    def _search_litigation_risk(self, operator, value):
        if operator != "in":
            return NotImplemented
        domain = [("ticket_ids.litigation_risk", "=", True)]
        return domain if True in value else ["!", *domain]

    def _search_major_problem(self, operator, value):
        if operator != "in":
            return NotImplemented
        domain = [
            "|",
            ("ticket_ids.level_id.leader_opinion_required", "=", True),
            ("ticket_ids.complaint_grade_id.leader_opinion_required", "=", True),
        ]
        return domain if True in value else ["!", *domain]

    @api.depends("name", "target", "content", "approved_hash")
    def _compute_content_changed(self):
        for publication in self:
            publication.content_changed = bool(publication.approved_hash) and (
                publication._content_fingerprint() != publication.approved_hash
            )

    def _content_fingerprint(self):
        self.ensure_one()
        text = "\x1f".join([self.name or "", self.target or "", self.content or ""])
        return hashlib.sha256(text.encode()).hexdigest()

    # ------------------------------------------------------------------
    # Server-side guards
    # ------------------------------------------------------------------

    def _guarded_fields(self):
        # The record of what was approved and published; the state, the
        # author (whom the approval excludes) and the approval's date are the
        # approval mixin's.
        return (
            dict.fromkeys(
                (
                    "approved_content",
                    "approved_hash",
                    "approver_ids",
                    "published_date",
                    "published_by_id",
                    "reply_message_id",
                ),
                None,
            )
            | super()._guarded_fields()
        )

    def _reapproval_fields(self):
        return self.CONTENT_FIELDS

    def _frozen_fields(self):
        # Published, the content stays as it went out.
        content = dict.fromkeys(self.CONTENT_FIELDS, None)
        return super()._frozen_fields() | {"published": content, "expired": content}

    def _guard_frozen_hint(self, state):
        if state in ("published", "expired"):
            return self.env._(
                "What is published stays as it went out: log what followed in its "
                "effect notes."
            )
        return super()._guard_frozen_hint(state)

    @api.model_create_multi
    def create(self, vals_list):
        publications = super().create(vals_list)
        for publication in publications.filtered(lambda p: not p.department_ids):
            publication.department_ids = publication.ticket_ids.team_id
        return publications

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(p.state not in ("draft", "cancel") for p in self):
            raise UserError(
                self.env._(
                    "Publications are archived, not deleted: only drafts and "
                    "cancelled ones can be deleted."
                )
            )

    # ------------------------------------------------------------------
    # Approval
    # ------------------------------------------------------------------

    def _check_submittable(self):
        result = super()._check_submittable()
        self._check_outage_notice_time(planned=True)
        return result

    def _no_tier_message(self):
        return self.env._(
            "No approval tier applies to “%s”: nothing goes out in the "
            "company's name without a leader's approval. Ask an "
            "administrator to configure the publication tiers.",
            self.name,
        )

    def _requester_refusal_message(self):
        return self.env._("You wrote “%s”: another leader approves it.", self.name)

    def _check_approval(self):
        self._check_outage_notice_time(planned=True)

    def _approval_vals(self, approver, now):
        return super()._approval_vals(approver, now) | {
            "approved_content": self.content,
            "approved_hash": self._content_fingerprint(),
            "approver_ids": [fields.Command.set(self.review_ids.done_by.ids)],
        }

    def _check_outage_notice_time(self, planned=False):
        """A planned outage's notice is approved and posted 24 hours before the
        outage starts: refuse once now (or, with ``planned``, its planned
        posting time) is later than that."""
        now = fields.Datetime.now()
        for notice in self.filtered(lambda p: p.kind == "notice" and p.outage_start):
            posting = max(notice.planned_post_date or now, now) if planned else now
            latest = notice.outage_start - OUTAGE_NOTICE_DELAY
            if posting > latest:
                raise UserError(
                    self.env._(
                        "“%(notice)s” announces an outage starting %(start)s: it is "
                        "approved and posted by %(latest)s, 24 hours before, and "
                        "%(posting)s is too late. Move the outage or post the notice "
                        "earlier.",
                        notice=notice.name,
                        start=notice._format_notice_time(notice.outage_start),
                        latest=notice._format_notice_time(latest),
                        posting=notice._format_notice_time(posting),
                    )
                )

    def _format_notice_time(self, value):
        return fields.Datetime.context_timestamp(
            self.with_context(tz=self._notice_tz()), value
        ).strftime("%Y-%m-%d %H:%M")

    def _notice_tz(self):
        """The company's time zone: the notice is read where it is posted."""
        self.ensure_one()
        company = self.company_id
        return (
            company.resource_calendar_id.tz
            or company.partner_id.tz
            or self.env.user.tz
            or "UTC"
        )

    def _check_approved(self):
        for publication in self:
            if (
                publication.state != "approved"
                or publication.validation_status != "validated"
            ):
                raise UserError(
                    self.env._(
                        "“%s” is not approved: nothing goes out in the company's name "
                        "before every approval tier has approved it.",
                        publication.name,
                    )
                )
            if publication.content_changed:
                raise UserError(
                    self.env._(
                        "“%s” changed after it was approved: submit it again.",
                        publication.name,
                    )
                )

    # ------------------------------------------------------------------
    # Publishing
    # ------------------------------------------------------------------

    def action_publish(self):
        """Record that an approved publication went out."""
        self.check_access("write")
        if any(p.kind == "written_reply" for p in self):
            raise UserError(
                self.env._("A written reply goes out with its Send button.")
            )
        self._check_approved()
        self._check_outage_notice_time()
        now = fields.Datetime.now()
        for notice in self.filtered(lambda p: p.kind == "notice"):
            if notice.valid_until and notice.valid_until <= now:
                raise UserError(
                    self.env._(
                        "“%s” is no longer valid: it cannot be posted.", notice.name
                    )
                )
        self._set_published()
        self.filtered(lambda p: p.kind == "notice")._schedule_notice_expiry()
        return True

    def action_send(self):
        """Mail an approved written reply to the ticket's customer from the
        ticket's conversation; the reply counts for the ticket's deadline."""
        self.ensure_one()
        self.check_access("write")
        if self.kind != "written_reply":
            raise UserError(self.env._("Only a written reply is sent to a customer."))
        self._check_approved()
        ticket = self.ticket_id
        recipient = self.partner_id or ticket.partner_id
        if not recipient.email:
            raise UserError(
                self.env._(
                    "The addressee of “%s” has no email address: add one to send it.",
                    self.name,
                )
            )
        if ticket:
            ticket._check_written_reply_allowed()
            ticket._register_reply("written")
        message = (ticket or self).message_post(
            body=self.approved_content,
            subject=self.name,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=recipient.ids,
        )
        self._set_published(reply_message_id=message.id)
        return True

    def _set_published(self, **extra):
        self._write_by_action(
            {
                "state": "published",
                "published_date": fields.Datetime.now(),
                "published_by_id": self.env.uid,
                **extra,
            }
        )

    def action_withdraw(self):
        """Take a published notice down before its validity ends."""
        self.check_access("write")
        if any(p.kind != "notice" or p.state != "published" for p in self):
            raise UserError(self.env._("Only a published notice is withdrawn."))
        self._withdraw(self.env._("Withdrawn by %s.", self.env.user.name))
        return True

    def _withdraw(self, reason):
        self._write_by_action({"state": "expired"})
        for notice in self:
            notice.message_post(body=reason, subtype_xmlid="mail.mt_note")

    def _schedule_notice_expiry(self):
        moments = sorted({p.valid_until for p in self if p.valid_until})
        cron_id = self.env["ir.model.data"]._xmlid_to_res_id(
            NOTICE_EXPIRY_CRON, raise_if_not_found=False
        )
        if moments and cron_id:
            self.env["ir.cron"].sudo().browse(cron_id)._trigger(moments)

    @api.model
    def _cron_withdraw_expired_notices(self):
        """Withdraw the published notices whose validity has ended. Triggered
        at each notice's end when it is published; the hourly run only
        catches up after a downtime, and costs one query when idle."""
        expired = self.sudo().search(
            [
                ("state", "=", "published"),
                ("kind", "=", "notice"),
                ("valid_until", "<=", fields.Datetime.now()),
            ]
        )
        for notice in expired:
            notice = notice.with_context(
                lang=notice.company_id.partner_id.lang or self.env.lang
            )
            notice._withdraw(notice.env._("Validity ended: the notice is withdrawn."))

    def action_cancel(self):
        self.check_access("write")
        if any(p.state in ("published", "expired") for p in self):
            raise UserError(
                self.env._("A published publication stays archived as published.")
            )
        self._write_by_action({"state": "cancel"})
        return True

    # ------------------------------------------------------------------
    # From a ticket
    # ------------------------------------------------------------------

    @api.model
    def _written_reply_vals(self, ticket):
        customer = ticket.contact_name or ticket.partner_id.name or ""
        received = (
            ticket._format_datetime(ticket.intake_date) if ticket.intake_date else ""
        )
        greeting = (
            self.env._("Dear %s,", customer)
            if customer
            else self.env._("Dear customer,")
        )
        body = self.env._(
            "Concerning “%(subject)s”, which you reported on %(date)s (ticket "
            "%(number)s):",
            subject=ticket.name,
            date=received,
            number=ticket.number,
        )
        content = Markup("<p>%s</p><p>%s</p><p><br/></p><p>%s</p>") % (
            greeting,
            body,
            ticket.company_id.name,
        )
        return {
            "kind": "written_reply",
            "name": self.env._(
                "Written reply to %(number)s: %(subject)s",
                number=ticket.number,
                subject=ticket.name,
            ),
            "content": content,
            "target": customer or ticket.partner_id.email or "",
            "ticket_id": ticket.id,
            "ticket_ids": [fields.Command.set(ticket.ids)],
            "partner_id": ticket.partner_id.id,
            "company_id": ticket.company_id.id,
        }

    # ------------------------------------------------------------------
    # Monthly statistics (§7)
    # ------------------------------------------------------------------

    @api.model
    def _cron_monthly_statistics(self):
        """Once a month, tell each company's Customer Service managers what was
        published and said online in the month just closed (in the team
        calendar's time zone). A month missed while the server was down is
        posted at the next run."""
        for company in self.env["res.company"].search([]):
            try:
                with self.env.cr.savepoint():
                    lang = company._helpdesk_info_lang()
                    self.with_context(lang=lang)._post_monthly_statistics(company)
            except Exception:
                _logger.exception(
                    "Monthly publication statistics: company %s (%s) skipped",
                    company.name,
                    company.id,
                )

    @api.model
    def _post_monthly_statistics(self, company):
        team = self.env["helpdesk.ticket.team"]._get_intake_team(company)
        if not team:
            return
        month_start = team._local_today().replace(day=1)
        period_start = month_start - relativedelta(months=1)
        if (
            team.publication_summary_date
            and team.publication_summary_date >= period_start
        ):
            return
        managers = company._helpdesk_info_alert_users("group_cs_manager")
        if managers:
            lang = managers[:1].lang or self.env.lang
            env = self.with_context(lang=lang).env
            values = env["helpdesk.info.publication"]._monthly_statistics(
                company,
                team._local_day_start(period_start),
                team._local_day_start(month_start),
            )
            values["month"] = period_start.strftime("%Y-%m")
            team.with_context(lang=lang).message_notify(
                partner_ids=managers.partner_id.ids,
                subject=env._("Publications and online opinion, %s", values["month"]),
                body=env["ir.qweb"]._render(
                    "helpdesk_property_info.publication_monthly_statistics", values
                ),
            )
        team._write_by_action({"publication_summary_date": period_start})

    @api.model
    def _monthly_statistics(self, company, start, end):
        """Counts of the publications published and the online opinions seen
        between ``start`` and ``end`` (UTC), as rows of (label, count)."""

        def rows(model, domain, field):
            return [tuple(row) for row in grouped_rows(self.env, model, domain, field)]

        published = [
            ("company_id", "=", company.id),
            ("state", "in", ("published", "expired")),
            ("published_date", ">=", start),
            ("published_date", "<", end),
        ]
        seen = [
            ("company_id", "=", company.id),
            ("date", ">=", start),
            ("date", "<", end),
        ]
        publication = "helpdesk.info.publication"
        opinion = "helpdesk.info.opinion"
        return {
            "company": company,
            "publication_count": self.search_count(published),
            "opinion_count": self.env[opinion].search_count(seen),
            "publications_by_kind": rows(publication, published, "kind"),
            "publications_by_author": rows(publication, published, "author_id"),
            "publications_by_target": rows(publication, published, "target"),
            "opinions_by_site": rows(opinion, seen, "site"),
            "opinions_by_nature": rows(opinion, seen, "nature"),
            "opinions_by_importance": rows(opinion, seen, "importance"),
            "base_url": self.get_base_url(),
        }
