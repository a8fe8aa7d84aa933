import logging

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


class HelpdeskInfoOpinion(models.Model):
    """What is said online about the company or its projects (§6 social
    websites): collected every working day, handled as a ticket when needed,
    and reported to the leaders at once when major."""

    _name = "helpdesk.info.opinion"
    _description = "Online Opinion"
    _inherit = ["mail.thread", "mail.activity.mixin", "helpdesk.info.guard.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(string="Summary", required=True, tracking=True)
    date = fields.Datetime(
        string="Seen On",
        required=True,
        default=fields.Datetime.now,
        index=True,
        tracking=True,
        help="When it was said or first seen online.",
    )
    site = fields.Char(
        string="Website",
        required=True,
        tracking=True,
        help="Where it was said: forum, microblog, owners' group chat, news site…",
    )
    url = fields.Char(string="Link")
    project = fields.Char(
        string="Project Concerned",
        help="The community or property project it is about, if any.",
    )
    content = fields.Text(string="What Was Said")
    nature = fields.Selection(
        [("positive", "Positive"), ("neutral", "Neutral"), ("negative", "Negative")],
        required=True,
        default="neutral",
        tracking=True,
        index=True,
    )
    importance = fields.Selection(
        [("general", "General"), ("important", "Important"), ("major", "Major")],
        required=True,
        default="general",
        tracking=True,
        index=True,
        help="Major entries go to the company leaders at once.",
    )
    handling_proposal = fields.Text(
        tracking=True,
        help="The department manager's proposal for handling it.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Recorded By",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket", readonly=True, copy=False, index="btree_not_null"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    leaders_notified = fields.Boolean(readonly=True, copy=False)
    active = fields.Boolean(default=True)

    def _guarded_fields(self):
        # The leaders are told by _notify_leaders_of_major, the ticket is
        # opened by action_create_ticket: neither is claimed by hand.
        return (
            dict.fromkeys(("leaders_notified", "ticket_id"), None)
            | super()._guarded_fields()
        )

    @api.model_create_multi
    def create(self, vals_list):
        opinions = super().create(vals_list)
        opinions._notify_leaders_of_major()
        return opinions

    def write(self, vals):
        result = super().write(vals)
        if vals.get("importance") == "major":
            self._notify_leaders_of_major()
        return result

    def _notify_leaders_of_major(self):
        for opinion in self.filtered(
            lambda o: o.importance == "major" and not o.leaders_notified
        ):
            partners = opinion.company_id._helpdesk_info_alert_users(
                "group_company_leader"
            ).partner_id
            opinion.message_post(
                body=self.env._(
                    "Major online opinion: reported to the company leaders at once."
                ),
                subtype_xmlid="mail.mt_comment",
                partner_ids=partners.ids,
            )
            opinion._write_by_action({"leaders_notified": True})

    def action_create_ticket(self):
        """One ticket per entry, classified from it; a second click opens it."""
        self.ensure_one()
        if not self.ticket_id:
            if not self.env["helpdesk.ticket"].has_access("create"):
                raise UserError(self.env._("You cannot create tickets."))
            self._write_by_action(
                {
                    "ticket_id": self.env["helpdesk.ticket"]
                    .create(self._ticket_vals())
                    .id
                }
            )
            self.message_post(
                body=Markup(self.env._("Ticket %s created from this entry."))
                % (self.ticket_id._get_html_link(title=self.ticket_id.number)),
                subtype_xmlid="mail.mt_note",
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": self.ticket_id.id,
            "view_mode": "form",
        }

    def _ticket_vals(self):
        description = Markup("<p>%s</p><p>%s: %s</p>") % (
            self.content or self.name,
            self.site,
            self.url or "",
        )
        vals = {
            "name": self.name,
            "description": description,
            "company_id": self.company_id.id,
            "channel_id": self.env.ref("helpdesk_property_info.channel_online").id,
            "info_source_id": self.env.ref(
                "helpdesk_property_info.info_source_website_media"
            ).id,
            "info_nature": self.nature if self.nature != "neutral" else False,
            "importance": "general" if self.importance == "general" else "important",
            "intake_date": self.date,
        }
        if self.importance == "major":
            vals["level_id"] = self.env.ref("helpdesk_property_info.level_major").id
        return vals

    # ------------------------------------------------------------------
    # Daily collection (§6: every working day)
    # ------------------------------------------------------------------

    @api.model
    def _cron_daily_collection(self):
        """Give each company's Customer Service supervisor, once a working day,
        an activity to collect and record what was said online that day."""
        activity_type = self.env.ref(
            "helpdesk_property_info.mail_activity_opinion_collection"
        )
        for company in self.env["res.company"].search([]):
            try:
                with self.env.cr.savepoint():
                    self.with_context(
                        lang=company._helpdesk_info_lang()
                    )._schedule_daily_collection(company, activity_type)
            except Exception:
                _logger.exception(
                    "Online opinion collection: company %s (%s) skipped",
                    company.name,
                    company.id,
                )

    @api.model
    def _schedule_daily_collection(self, company, activity_type):
        team = self.env["helpdesk.ticket.team"]._get_intake_team(company)
        if not team:
            return
        today = team._local_today()
        if team.opinion_collection_date == today or not team._is_working_day(today):
            return
        supervisor = (
            team.user_id or company._helpdesk_info_alert_users("group_cs_manager")[:1]
        )
        if not supervisor:
            return
        team.activity_schedule(
            activity_type_id=activity_type.id,
            summary=supervisor._helpdesk_info_lang_env()._(
                "Collect and record today's online opinion"
            ),
            date_deadline=today,
            user_id=supervisor.id,
        )
        team._write_by_action({"opinion_collection_date": today})
