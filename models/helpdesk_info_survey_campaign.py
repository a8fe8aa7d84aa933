from collections import defaultdict
from datetime import date, datetime, time, timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

HALVES = [("first", "First Half (January)"), ("second", "Second Half (July)")]
# The survey windows of the standard (seed 001 §11): 15–30 January and
# 1–15 July, as (month, first day, last day). Each campaign may change its own.
SURVEY_WINDOWS = {"first": (1, 15, 30), "second": (7, 1, 15)}
CAMPAIGN_STATES = [("draft", "Draft"), ("open", "In Progress"), ("closed", "Closed")]
CAMPAIGN_REPORT = "helpdesk_property_info.action_report_survey_campaign"


class HelpdeskInfoSurveyCampaign(models.Model):
    """A written satisfaction survey (书面意见调查, seed 001 §11, seed 003) of one
    community for one half-year: questionnaires handed out to its owners
    (distribution rate, goal 60%), collected (return rate, goal 50%),
    summarised per department, and the non-conforming answers turned into
    tickets for the department responsible, which replies in writing."""

    _name = "helpdesk.info.survey.campaign"
    _description = "Satisfaction Survey Campaign"
    _inherit = ["mail.thread", "mail.activity.mixin", "helpdesk.info.guard.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    community_id = fields.Many2one(
        "helpdesk.info.community",
        required=True,
        index=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        related="community_id.company_id", store=True, index=True
    )
    survey_id = fields.Many2one(
        "survey.survey",
        string="Questionnaire",
        required=True,
        default=lambda self: self.env.ref(
            "helpdesk_property_info.survey_owner_satisfaction", raise_if_not_found=False
        ),
        help="The survey handed out. Its questions say which department each "
        "one concerns and the satisfaction score of each answer.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    year = fields.Integer(
        required=True,
        aggregator=None,  # a year, not a quantity: no sum under the groups
        default=lambda self: fields.Date.context_today(self).year,
    )
    half = fields.Selection(
        HALVES,
        string="Half-Year",
        required=True,
        default=lambda self: (
            "first" if fields.Date.context_today(self).month <= 6 else "second"
        ),
    )
    date_start = fields.Date(
        string="Hand Out From",
        compute="_compute_dates",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        help="The standard hands questionnaires out on 15–30 January and 1–15 July.",
    )
    date_end = fields.Date(
        string="Hand Out Until",
        compute="_compute_dates",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    state = fields.Selection(
        CAMPAIGN_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    distribution_goal = fields.Float(
        string="Distribution Goal (%)",
        default=60,
        help="Share of the community's owners who must receive a questionnaire.",
    )
    return_goal = fields.Float(
        string="Return Goal (%)",
        default=50,
        help="Share of the questionnaires handed out that must come back answered.",
    )
    conforming_score = fields.Integer(
        string="Lowest Conforming Score",
        default=3,
        help="Answers scored below this (1 very dissatisfied … 5 very satisfied) "
        "are non-conforming: each becomes a ticket for its department.",
    )
    user_input_ids = fields.One2many(
        "survey.user_input",
        "campaign_id",
        string="Questionnaires",
        groups="survey.group_survey_user",
    )
    owner_count = fields.Integer(string="Owners", compute="_compute_rates", store=True)
    distributed_count = fields.Integer(
        string="Handed Out", compute="_compute_rates", store=True
    )
    returned_count = fields.Integer(
        string="Returned", compute="_compute_rates", store=True
    )
    distribution_rate = fields.Float(
        string="Distribution Rate (%)",
        compute="_compute_rates",
        store=True,
        aggregator="avg",
        digits=(5, 1),
        help="Questionnaires handed out per owner of the community.",
    )
    return_rate = fields.Float(
        string="Return Rate (%)",
        compute="_compute_rates",
        store=True,
        aggregator="avg",
        digits=(5, 1),
        help="Questionnaires returned answered per questionnaire handed out.",
    )
    distribution_goal_met = fields.Boolean(
        compute="_compute_goals", help="The distribution rate has reached its goal."
    )
    return_goal_met = fields.Boolean(
        compute="_compute_goals", help="The return rate has reached its goal."
    )
    result_ids = fields.One2many(
        "helpdesk.info.survey.result", "campaign_id", string="Results per Department"
    )
    average_score = fields.Float(
        string="Average Satisfaction", compute="_compute_answer_figures", digits=(3, 2)
    )
    nonconforming_count = fields.Integer(
        string="Non-Conforming Answers", compute="_compute_answer_figures"
    )
    ticket_count = fields.Integer(string="Tickets", compute="_compute_answer_figures")
    pre_notice_id = fields.Many2one(
        "helpdesk.info.publication",
        string="Notice Before the Survey",
        domain="[('kind', '=', 'notice'), ('community_id', '=', community_id)]",
        index="btree_not_null",
        tracking=True,
        help="The notice telling the owners the survey is coming. The survey "
        "starts only once it is published.",
    )
    pre_notice_state = fields.Selection(
        related="pre_notice_id.state", string="Notice Status"
    )
    shortfall_reason = fields.Text(
        string="Reason for Missing the Goals",
        tracking=True,
        help="Written by the Customer Service manager when the survey closes "
        "below its distribution or return goal.",
    )
    results_notice_id = fields.Many2one(
        "helpdesk.info.publication",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The notice publishing the survey's results to the owners, approved "
        "like any notice.",
    )
    results_notice_state = fields.Selection(
        related="results_notice_id.state", string="Results Notice Status"
    )
    report_sent_date = fields.Datetime(
        string="Report Sent to Leaders",
        readonly=True,
        copy=False,
        help="When the written report of the survey went to the company leaders "
        "(once).",
    )

    _community_period_uniq = models.UniqueIndex(
        "(community_id, year, half)",
        "This community already has a satisfaction survey for this half-year.",
    )
    _goals_range = models.Constraint(
        "CHECK(distribution_goal BETWEEN 0 AND 100 AND return_goal BETWEEN 0 AND 100)",
        "Goals are percentages between 0 and 100.",
    )

    def _guarded_fields(self):
        return {
            "state": None,
            "results_notice_id": None,
            "report_sent_date": None,
            "shortfall_reason": "helpdesk_property_info.group_cs_manager",
        } | super()._guarded_fields()

    @api.depends("community_id", "year", "half")
    def _compute_name(self):
        halves = dict(self._fields["half"]._description_selection(self.env))
        for campaign in self:
            campaign.name = self.env._(
                "%(community)s satisfaction survey %(year)s, %(half)s",
                community=campaign.community_id.name or "",
                year=campaign.year or "",
                half=halves.get(campaign.half, ""),
            )

    @api.depends("year", "half")
    def _compute_dates(self):
        for campaign in self:
            if not campaign.year or not campaign.half:
                continue
            month, first, last = SURVEY_WINDOWS[campaign.half]
            campaign.date_start = date(campaign.year, month, first)
            campaign.date_end = date(campaign.year, month, last)

    @api.depends("community_id.owner_ids", "user_input_ids.state")
    def _compute_rates(self):
        for campaign in self:
            inputs = campaign.sudo().user_input_ids
            owners = len(campaign.community_id.owner_ids)
            handed = len(inputs)
            returned = len(inputs.filtered(lambda i: i.state == "done"))
            campaign.owner_count = owners
            campaign.distributed_count = handed
            campaign.returned_count = returned
            campaign.distribution_rate = 100.0 * handed / owners if owners else 0.0
            campaign.return_rate = 100.0 * returned / handed if handed else 0.0

    @api.depends("distribution_rate", "return_rate", "distribution_goal", "return_goal")
    def _compute_goals(self):
        for campaign in self:
            campaign.distribution_goal_met = (
                campaign.distribution_rate >= campaign.distribution_goal
            )
            campaign.return_goal_met = campaign.return_rate >= campaign.return_goal

    def _answer_lines(self, extra_domain=()):
        """The campaign's scored answers (with sudo: the figures are the
        campaign's, whoever reads them)."""
        return (
            self.env["survey.user_input.line"]
            .sudo()
            .search(
                [
                    ("campaign_id", "in", self.ids),
                    ("satisfaction_score", ">", 0),
                    *extra_domain,
                ]
            )
        )

    def _answer_figures(self, *groupby):
        """{(campaign, *values of groupby): [answers, score total,
        non-conforming answers, tickets]} of the campaigns' scored answers
        (with sudo: the figures are the campaign's, whoever reads them)."""
        figures = defaultdict(lambda: [0, 0, 0, 0])
        for campaign, *values, nonconforming, count, total, tickets in (
            self.env["survey.user_input.line"]
            .sudo()
            ._read_group(
                [("campaign_id", "in", self.ids), ("satisfaction_score", ">", 0)],
                ["campaign_id", *groupby, "non_conforming"],
                ["__count", "satisfaction_score:sum", "ticket_id:count"],
            )
        ):
            row = figures[(campaign, *values)]
            row[0] += count
            row[1] += total
            row[2] += count if nonconforming else 0
            row[3] += tickets
        return figures

    def _compute_answer_figures(self):
        figures = self._answer_figures()
        for campaign in self:
            count, total, nonconforming, tickets = figures[(campaign,)]
            campaign.average_score = total / count if count else 0.0
            campaign.nonconforming_count = nonconforming
            campaign.ticket_count = tickets

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for campaign in self:
            if campaign.date_end < campaign.date_start:
                raise ValidationError(
                    self.env._(
                        "The survey of “%s” cannot end before it starts.", campaign.name
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(campaign.state != "draft" for campaign in self):
            raise UserError(
                self.env._(
                    "Only a draft survey can be deleted: its questionnaires are "
                    "records."
                )
            )

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------

    def _check_group(self, group):
        """Buttons check their group here too: any user may call them over RPC."""
        if not self.env.su and not self.env.user.has_groups(group):
            raise AccessError(
                self.env._("You are not allowed to do this on a satisfaction survey.")
            )

    def _check_state(self, *allowed):
        states = dict(self._fields["state"]._description_selection(self.env))
        for campaign in self:
            if campaign.state not in allowed:
                raise UserError(
                    self.env._(
                        "“%(campaign)s” is %(state)s: this cannot be done now.",
                        campaign=campaign.name,
                        state=states[campaign.state],
                    )
                )

    def action_open(self):
        self._check_group("helpdesk_property_info.group_cs_agent")
        self.check_access("write")
        self._check_state("draft")
        for campaign in self:
            if not campaign.survey_id.sudo().question_ids:
                raise UserError(
                    self.env._(
                        "The questionnaire of “%s” has no question.", campaign.name
                    )
                )
            campaign._check_pre_notice()
        self._write_by_action({"state": "open"})
        return True

    def _check_pre_notice(self):
        """The owners are told before the survey starts (seed 003): its notice
        is published by the first day of hand-out, or by now when the survey
        starts late."""
        self.ensure_one()
        notice = self.pre_notice_id.sudo()
        if notice and (
            notice.kind != "notice" or notice.community_id != self.community_id
        ):
            raise UserError(
                self.env._(
                    "The notice before “%s” is a notice to its community's owners.",
                    self.name,
                )
            )
        deadline = max(
            datetime.combine(self.date_start + timedelta(days=1), time.min),
            fields.Datetime.now(),
        )
        if (
            not notice
            or notice.state not in ("published", "expired")
            or notice.published_date > deadline
        ):
            raise UserError(
                self.env._(
                    "“%s” starts once its notice to the owners is published: create "
                    "the notice, have it approved and publish it first.",
                    self.name,
                )
            )

    def action_close(self):
        """Collection is over: the results per department are summarised and
        the written report goes to the company leaders."""
        self._check_group("helpdesk_property_info.group_cs_manager")
        self.check_access("write")
        self._check_state("open")
        for campaign in self:
            if (
                campaign._goals_missed()
                and not (campaign.shortfall_reason or "").strip()
            ):
                raise UserError(
                    self.env._(
                        "“%(campaign)s” closes below its goals (handed out "
                        "%(distribution).1f%% of %(distribution_goal).0f%%, returned "
                        "%(return).1f%% of %(return_goal).0f%%): the Customer "
                        "Service manager writes the reason first.",
                        campaign=campaign.name,
                        distribution=campaign.distribution_rate,
                        distribution_goal=campaign.distribution_goal,
                        **{"return": campaign.return_rate},
                        return_goal=campaign.return_goal,
                    )
                )
        self._write_by_action({"state": "closed"})
        self._summarise()
        self.filtered(lambda c: not c.report_sent_date)._send_report_to_leaders()
        return True

    def _goals_missed(self):
        self.ensure_one()
        return not (self.distribution_goal_met and self.return_goal_met)

    def action_reopen(self):
        self._check_group("helpdesk_property_info.group_cs_manager")
        self.check_access("write")
        self._check_state("closed")
        self._write_by_action({"state": "open"})
        return True

    def action_distribute(self):
        """Choose the owners who receive a questionnaire."""
        self.ensure_one()
        self._check_group("helpdesk_property_info.group_cs_agent")
        self._check_state("open")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Hand Out Questionnaires"),
            "res_model": "helpdesk.info.survey.distribute",
            "view_mode": "form",
            "target": "new",
            "context": {"default_campaign_id": self.id},
        }

    def _distribute(self, partners, send_email=False):
        """Hand a questionnaire to each of ``partners`` (owners of the
        community) who has none yet; with ``send_email``, those with an e-mail
        address also get the link to answer online. Returns the new
        questionnaires."""
        self.ensure_one()
        self._check_group("helpdesk_property_info.group_cs_agent")
        self._check_state("open")
        outsiders = partners - self.community_id.owner_ids
        if outsiders:
            raise UserError(
                self.env._(
                    "%(owners)s are not owners of %(community)s.",
                    owners=", ".join(outsiders.mapped("display_name")),
                    community=self.community_id.name,
                )
            )
        campaign = self.sudo()
        new = partners - campaign.user_input_ids.partner_id
        survey = campaign.survey_id
        inputs = self.env["survey.user_input"].sudo()
        for partner in new:
            inputs |= survey._create_answer(
                partner=partner, check_attempts=False, campaign_id=campaign.id
            )
        if send_email:
            template = self.env.ref("survey.mail_template_user_input_invite").sudo()
            for user_input in inputs.filtered("partner_id.email"):
                template.send_mail(
                    user_input.id, email_layout_xmlid="mail.mail_notification_light"
                )
        if inputs:
            self.message_post(
                body=self.env._(
                    "Questionnaires handed out to %(count)s owners.", count=len(inputs)
                ),
                subtype_xmlid="mail.mt_note",
            )
        return inputs

    # ------------------------------------------------------------------
    # Results
    # ------------------------------------------------------------------

    def action_summarise(self):
        self._check_group("helpdesk_property_info.group_cs_agent")
        self.check_access("write")
        self._check_state("open", "closed")
        self._summarise()
        return True

    def _summarise(self):
        """Replace the results per department with the current answers'."""
        Result = self.env["helpdesk.info.survey.result"].sudo()
        Result.search([("campaign_id", "in", self.ids)]).unlink()
        Result.create(
            [
                {
                    "campaign_id": campaign.id,
                    "team_id": team.id,
                    "answer_count": count,
                    "average_score": total / count,
                    "satisfied_rate": 100.0 * (count - nonconforming) / count,
                    "nonconforming_count": nonconforming,
                }
                for (campaign, team), (
                    count,
                    total,
                    nonconforming,
                    _tickets,
                ) in self._answer_figures("helpdesk_team_id").items()
            ]
        )

    # ------------------------------------------------------------------
    # Non-conformities
    # ------------------------------------------------------------------

    def action_create_tickets(self):
        """Open a ticket for each non-conforming answer that has none, for the
        department its question concerns. Running it again opens tickets only
        for the answers that came in since."""
        self._check_group("helpdesk_property_info.group_cs_agent")
        self._check_state("open", "closed")
        self.check_access("write")
        tickets = self.env["helpdesk.ticket"]
        for campaign in self:
            lines = campaign._answer_lines(
                [("non_conforming", "=", True), ("ticket_id", "=", False)]
            ).try_lock_for_update()  # lines locked elsewhere get their ticket there
            if not lines:
                continue
            new = tickets.create(
                [campaign._nonconformity_ticket_vals(line) for line in lines]
            )
            for line, ticket in zip(lines, new, strict=True):
                line._write_by_action({"ticket_id": ticket.id})
            campaign.message_post(
                body=self.env._(
                    "%(count)s tickets opened for non-conforming answers.",
                    count=len(new),
                ),
                subtype_xmlid="mail.mt_note",
            )
            tickets |= new
        if not tickets:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "info",
                    "message": self.env._(
                        "Every non-conforming answer already has its ticket."
                    ),
                },
            }
        return self._action_view_tickets(tickets)

    def _nonconformity_ticket_vals(self, line):
        """A ticket for one non-conforming answer: the owner is the customer,
        the question's department handles it (the community's management
        office, or routing, when the question has none in this company)."""
        self.ensure_one()
        question = line.question_id
        owner = line.user_input_id.partner_id
        team = question.helpdesk_team_id
        if team.company_id and team.company_id != self.company_id:
            team = team.browse()
        team = team or self.community_id.team_id
        comment = line.user_input_id.user_input_line_ids.filtered(
            lambda other: (
                other.question_id == question and other.answer_type == "char_box"
            )
        )[:1].value_char_box
        source = self.env.ref(
            "helpdesk_property_info.info_source_community", raise_if_not_found=False
        )
        description = Markup(
            "<p>%s</p><ul><li>%s: %s</li><li>%s: %s</li><li>%s: %s</li></ul>"
        ) % (
            self.name,
            self.env._("Question"),
            question.title,
            self.env._("Answer"),
            line.suggested_answer_id.value,
            self.env._("Owner's comment"),
            comment or "—",
        )
        return {
            "name": self.env._(
                "Satisfaction survey: %(question)s, %(answer)s",
                question=question.title,
                answer=line.suggested_answer_id.value,
            ),
            "description": description,
            "company_id": self.company_id.id,
            "team_id": team.id,
            "partner_id": owner.id,
            "contact_name": owner.name,
            "matter": question.title,
            "channel_id": self.env.ref(
                "helpdesk_property_info.channel_questionnaire"
            ).id,
            "info_origin": "customer",
            "info_nature": "negative",
            "info_source_id": source.id if source else False,
            "category_id": question.helpdesk_category_id.id,
        }

    # ------------------------------------------------------------------
    # Notices and the written report
    # ------------------------------------------------------------------

    def action_create_pre_notice(self):
        """A draft notice telling the owners the survey is coming."""
        self.ensure_one()
        self._check_group("helpdesk_property_info.group_cs_agent")
        self.check_access("write")
        self._check_state("draft")
        if self.pre_notice_id and self.pre_notice_id.state not in (
            "cancel",
            "rejected",
        ):
            return self._action_open_notice(self.pre_notice_id)
        content = Markup("<p>%s</p><p>%s</p><p>%s</p>") % (
            self.env._("Dear owners,"),
            self.env._(
                "From %(start)s to %(end)s, Customer Service hands out the owners' "
                "satisfaction questionnaire of %(community)s. Please fill it in and "
                "hand it back: every opinion is answered and followed up in writing.",
                start=self.date_start,
                end=self.date_end,
                community=self.community_id.name,
            ),
            self.company_id.name,
        )
        notice = self.env["helpdesk.info.publication"].create(
            {
                "kind": "notice",
                "name": self.env._(
                    "Notice: owners' satisfaction survey %(start)s – %(end)s",
                    start=self.date_start,
                    end=self.date_end,
                ),
                "content": content,
                "target": self.community_id.name,
                "community_id": self.community_id.id,
                "company_id": self.company_id.id,
                "valid_until": max(
                    datetime.combine(self.date_end + timedelta(days=1), time.min),
                    fields.Datetime.now() + timedelta(days=7),
                ),
                "notice_place_ids": [
                    fields.Command.set(self._default_notice_places().ids)
                ],
            }
        )
        self.pre_notice_id = notice
        return self._action_open_notice(notice)

    def action_create_results_notice(self):
        """A draft notice of the survey's results, to be approved like any notice."""
        self.ensure_one()
        self._check_group("helpdesk_property_info.group_cs_agent")
        self.check_access("write")
        self._check_state("closed")
        if self.results_notice_id and self.results_notice_id.state not in (
            "cancel",
            "rejected",
        ):
            return self._action_open_notice(self.results_notice_id)
        notice = self.env["helpdesk.info.publication"].create(
            {
                "kind": "notice",
                "name": self.env._("Notice: results of %s", self.name),
                "content": self._results_notice_content(),
                "target": self.community_id.name,
                "community_id": self.community_id.id,
                "company_id": self.company_id.id,
                "notice_place_ids": [
                    fields.Command.set(self._default_notice_places().ids)
                ],
            }
        )
        self._write_by_action({"results_notice_id": notice.id})
        return self._action_open_notice(notice)

    def _default_notice_places(self):
        return self.env["helpdesk.info.notice.place"].search(
            [("code", "in", ("bulletin_board", "owner_app"))]
        )

    def _results_notice_content(self):
        self.ensure_one()
        rows = Markup("").join(
            Markup("<tr><td>%s</td><td>%s</td><td>%.2f</td><td>%.1f%%</td></tr>")
            % (
                result.team_id.name or self.env._("Service as a whole"),
                result.answer_count,
                result.average_score,
                result.satisfied_rate,
            )
            for result in self.result_ids
        )
        return Markup(
            "<p>%s</p><p>%s</p><table class='table table-bordered'><thead><tr>"
            "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>%s</tbody></table>"
            "<p>%s</p><p>%s</p>"
        ) % (
            self.env._("Dear owners,"),
            self.env._(
                "The satisfaction survey of %(community)s is closed: %(handed)s "
                "questionnaires were handed out to %(owners)s owners "
                "(%(distribution).1f%%) and %(returned)s came back (%(return).1f%%). "
                "The average satisfaction is %(score).2f out of 5.",
                community=self.community_id.name,
                handed=self.distributed_count,
                owners=self.owner_count,
                distribution=self.distribution_rate,
                returned=self.returned_count,
                score=self.average_score,
                **{"return": self.return_rate},
            ),
            self.env._("Department"),
            self.env._("Answers"),
            self.env._("Average Satisfaction"),
            self.env._("Conforming (%)"),
            rows,
            self.env._(
                "Each department below the standard answers in writing with its "
                "corrective actions. Thank you for your opinions."
            ),
            self.company_id.name,
        )

    def _action_open_notice(self, notice):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Notice"),
            "res_model": "helpdesk.info.publication",
            "res_id": notice.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def action_send_report(self):
        """Send the written report of the survey to the company leaders, once."""
        self._check_group("helpdesk_property_info.group_cs_manager")
        self.check_access("write")
        self._check_state("closed")
        for campaign in self:
            if campaign.report_sent_date:
                raise UserError(
                    self.env._(
                        "The report of “%s” was already sent to the leaders.",
                        campaign.name,
                    )
                )
        self._send_report_to_leaders()
        return True

    def _report_lang(self):
        """The report is written in the company's language."""
        self.ensure_one()
        return self.company_id.partner_id.lang or self.env.lang or "en_US"

    def _report_tz(self):
        self.ensure_one()
        company = self.company_id
        return company.resource_calendar_id.tz or company.partner_id.tz or "UTC"

    def _report_filename(self):
        self.ensure_one()
        return self.env._("Satisfaction Survey Report %s", self.name).replace("/", "-")

    def _send_report_to_leaders(self):
        """Post the written report as a PDF to the company leaders and record
        that it went, in the same transaction."""
        Report = self.env["ir.actions.report"].sudo()
        for campaign in self:
            campaign = campaign.with_context(lang=campaign._report_lang())
            content, _kind = Report.with_context(
                lang=campaign._report_lang()
            )._render_qweb_pdf(CAMPAIGN_REPORT, campaign.ids)
            attachment = (
                self.env["ir.attachment"]
                .sudo()
                .create(
                    {
                        "name": f"{campaign._report_filename()}.pdf",
                        "raw": content,
                        "res_model": campaign._name,
                        "res_id": campaign.id,
                        "mimetype": "application/pdf",
                    }
                )
            )
            campaign.message_post(
                body=Markup("<p>%s</p>")
                % campaign.env._(
                    "The written report of %(campaign)s is attached for the company "
                    "leaders.",
                    campaign=campaign.name,
                ),
                subject=campaign._report_filename(),
                partner_ids=campaign.company_id._helpdesk_info_alert_users(
                    "group_company_leader"
                ).partner_id.ids,
                attachment_ids=attachment.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            campaign._write_by_action({"report_sent_date": fields.Datetime.now()})

    def _report_values(self):
        """What the written report says besides the campaign's own fields."""
        self.ensure_one()
        campaign = self.sudo()
        return {
            "results": campaign.result_ids,
            "goals_missed": campaign._goals_missed(),
        }

    # ------------------------------------------------------------------
    # Navigation
    # ------------------------------------------------------------------

    def _action_view_tickets(self, tickets):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action["name"] = self.env._("Survey Tickets")
        action.update(
            {"domain": [("id", "in", tickets.ids)], "context": {"create": False}}
        )
        return action

    def action_view_tickets(self):
        return self._action_view_tickets(
            self._answer_lines([("ticket_id", "!=", False)]).ticket_id
        )

    def action_view_questionnaires(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "survey.action_survey_user_input"
        )
        action["name"] = self.env._("Questionnaires")
        action.update(
            {
                "domain": [("campaign_id", "=", self.id)],
                "context": {"create": False, "search_default_group_by_survey": False},
            }
        )
        return action

    def action_view_answers(self):
        """The scored answers per department and question, as a pivot."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Answers per Department"),
            "res_model": "survey.user_input.line",
            "view_mode": "pivot,graph,list",
            "views": [
                (
                    self.env.ref(
                        "helpdesk_property_info.survey_user_input_line_view_pivot_satisfaction"
                    ).id,
                    "pivot",
                ),
                (False, "graph"),
                (False, "list"),
            ],
            "domain": [("campaign_id", "=", self.id), ("satisfaction_score", ">", 0)],
            "context": {"create": False},
        }

    # ------------------------------------------------------------------
    # Corrective actions
    # ------------------------------------------------------------------

    corrective_action_ids = fields.One2many(
        "helpdesk.info.survey.corrective.action",
        "campaign_id",
        string="Corrective Actions",
    )

    def action_create_corrective_actions(self):
        """One corrective action per non-conforming department of the closed
        survey; running it again adds only the departments still without one."""
        self._check_group("helpdesk_property_info.group_cs_manager")
        self.check_access("write")
        self._check_state("closed")
        actions = self.env[
            "helpdesk.info.survey.corrective.action"
        ]._create_for_campaigns(self)
        for campaign in self:
            created = actions.filtered(lambda a, c=campaign: a.campaign_id == c)
            if created:
                campaign.message_post(
                    body=self.env._(
                        "%(count)s corrective actions created.", count=len(created)
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return self.action_view_corrective_actions()

    def action_view_corrective_actions(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_property_info.helpdesk_info_survey_corrective_action_action"
        )
        action.update(
            {
                "domain": [("campaign_id", "in", self.ids)],
                "context": {"create": False},
            }
        )
        return action
