from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from .helpdesk_info_personal_data_mixin import PERSONAL_DATA_GROUPS

PARCEL_KINDS = [
    ("letter", "Letter"),
    ("registered", "Registered Mail"),
    ("parcel", "Parcel"),
    ("other", "Other"),
]
PARCEL_STATES = [
    ("received", "Received"),
    ("told", "Owner Told"),
    ("handed", "Handed Over"),
    ("returned", "Returned to Sender"),
]
WAITING_STATES = ("received", "told")
CLOSED_STATES = ("handed", "returned")
# What a parcel handed over or returned keeps as it was.
RECORD_FIELDS = (
    "received_date",
    "community_id",
    "unit_id",
    "partner_id",
    "kind",
    "carrier",
    "tracking_number",
    "received_by_id",
    "signature",
    "collected_by",
    "return_reason",
)


class HelpdeskInfoParcel(models.Model):
    """Owners' mail and parcels kept at the front desk (seed 002, 邮件/包裹
    登记): received, the owner told, then handed over against a signature or
    returned to the sender with a reason. A parcel left waiting longer than
    the company's days is reported, once, to the front desk on duty."""

    _name = "helpdesk.info.parcel"
    _description = "Owner's Mail or Parcel"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "helpdesk.info.guard.mixin",
        "helpdesk.info.watcher.mixin",
        "helpdesk.info.personal.data.mixin",
    ]
    _order = "received_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default="/",
        help="The parcel's number in the mail log, given when it is recorded.",
    )
    received_date = fields.Datetime(
        string="Received On",
        required=True,
        default=fields.Datetime.now,
        tracking=True,
        help="When the front desk took the item in.",
    )
    # The parcel's company is its community's: no company check on it.
    community_id = fields.Many2one(
        "helpdesk.info.community",
        required=True,
        index=True,
        tracking=True,
    )
    unit_id = fields.Many2one(
        "helpdesk.info.unit",
        index=True,
        check_company=True,
        domain="[('community_id', '=', community_id)]",
        tracking=True,
        help="The unit the item is addressed to.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Addressee",
        required=True,
        index=True,
        ondelete="restrict",
        groups=PERSONAL_DATA_GROUPS,
        tracking=True,
        help="The owner or occupant the item is for; told of it when it is recorded.",
    )
    kind = fields.Selection(
        PARCEL_KINDS, required=True, default="parcel", tracking=True
    )
    carrier = fields.Char(help="The post or courier company that delivered it.")
    tracking_number = fields.Char(index="trigram", tracking=True)
    received_by_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        help="The front-desk clerk who took the item in; follows it up.",
    )
    state = fields.Selection(
        PARCEL_STATES,
        required=True,
        default="received",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    signature = fields.Binary(
        copy=False,
        attachment=True,
        help="The signature of whoever collected the item.",
    )
    collected_by = fields.Char(
        copy=False,
        help="The name of whoever collected the item (the owner or someone they sent).",
    )
    handed_date = fields.Datetime(
        string="Handed Over On", readonly=True, copy=False, tracking=True
    )
    handed_by_id = fields.Many2one(
        "res.users", string="Handed Over By", readonly=True, copy=False
    )
    return_reason = fields.Text(
        copy=False,
        help="Why the item goes back to the sender (addressee unknown, "
        "refused, moved out …); required to return it.",
    )
    returned_date = fields.Datetime(
        string="Returned On", readonly=True, copy=False, tracking=True
    )
    wait_alerted = fields.Boolean(
        string="Reported as Waiting",
        readonly=True,
        copy=False,
        help="The front desk on duty was told that the item waits too long.",
    )
    wait_next_check = fields.Datetime(
        compute="_compute_wait_next_check",
        store=True,
        index=True,
        copy=False,
        help="When the watcher reports the item if it still waits.",
    )
    company_id = fields.Many2one(
        related="community_id.company_id", store=True, index=True, precompute=True
    )
    color = fields.Integer(compute="_compute_color")

    @api.depends("received_date", "state", "wait_alerted", "company_id")
    def _compute_wait_next_check(self):
        for parcel in self:
            parcel.wait_next_check = (
                parcel.received_date
                + timedelta(days=parcel.company_id.parcel_wait_days or 7)
                if parcel.state in WAITING_STATES
                and not parcel.wait_alerted
                and parcel.received_date
                else False
            )

    @api.depends("state", "wait_alerted")
    def _compute_color(self):
        colors = {"received": 2, "told": 4, "handed": 10, "returned": 1}
        for parcel in self:
            parcel.color = (
                3
                if parcel.wait_alerted and parcel.state in WAITING_STATES
                else colors.get(parcel.state, 0)
            )

    # ------------------------------------------------------------------
    # The guard
    # ------------------------------------------------------------------

    def _guarded_fields(self):
        return super()._guarded_fields() | dict.fromkeys(
            (
                "name",
                "state",
                "handed_date",
                "handed_by_id",
                "returned_date",
                "wait_alerted",
            ),
            None,
        )

    def _frozen_fields(self):
        return {state: dict.fromkeys(RECORD_FIELDS, None) for state in CLOSED_STATES}

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        """A hand-over's signature and a return's reason are the desk's proof:
        they stay."""
        closed = self.filtered(lambda parcel: parcel.state in CLOSED_STATES)
        if closed:
            raise UserError(
                self.env._(
                    "%(parcels)s handed over or returned to the sender stay in "
                    "the mail log.",
                    parcels=", ".join(closed.mapped("display_name")),
                )
            )

    @api.model
    def _personal_data_fields(self):
        return {"partner_id": "name"}

    # ------------------------------------------------------------------
    # Create
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        parcels = super().create(vals_list)
        sequence = self.env["ir.sequence"].sudo()
        for parcel in parcels:
            parcel._write_by_action(
                {"name": sequence.next_by_code("helpdesk.info.parcel") or "/"}
            )
        parcels._notify_owner()
        return parcels

    def _notify_owner(self):
        """Tell the addressee (a message that reaches them by e-mail) and
        give the clerk an activity to follow the collection up."""
        for parcel in self:
            partner = parcel.sudo().partner_id
            env = parcel.with_context(lang=partner.lang or self.env.lang).env
            kinds = dict(parcel._fields["kind"]._description_selection(env))
            parcel.sudo().message_post(
                body=Markup("<p>%s</p>")
                % env._(
                    "Dear %(name)s, a %(kind)s (%(carrier)s %(tracking)s) for "
                    "%(unit)s is waiting for you at the %(community)s service "
                    "centre. Please collect it with a signature.",
                    name=partner.name,
                    kind=kinds[parcel.kind].lower(),
                    carrier=parcel.carrier or "",
                    tracking=parcel.tracking_number or "",
                    unit=parcel.unit_id.display_name or "",
                    community=parcel.community_id.display_name,
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=partner.ids,
            )
            parcel.activity_schedule(
                "helpdesk_property_info.mail_activity_parcel_collect",
                date_deadline=fields.Date.context_today(parcel)
                + timedelta(days=parcel.company_id.parcel_wait_days or 7),
                user_id=parcel.received_by_id.id,
            )
            parcel._write_by_action({"state": "told"})

    # ------------------------------------------------------------------
    # Hand over, return
    # ------------------------------------------------------------------

    def _check_waiting(self, action):
        for parcel in self:
            if parcel.state not in WAITING_STATES:
                raise UserError(
                    self.env._(
                        "%(parcel)s is already %(state)s: it cannot be %(action)s.",
                        parcel=parcel.display_name,
                        state=parcel._guard_state_label(parcel.state),
                        action=action,
                    )
                )

    def action_hand_over(self):
        """Hand the item over against the collector's name and signature."""
        self._check_waiting(self.env._("handed over"))
        for parcel in self:
            if not parcel.signature or not (parcel.collected_by or "").strip():
                raise UserError(
                    self.env._(
                        "%(parcel)s is handed over against a signature: enter "
                        "who collects it and have them sign first.",
                        parcel=parcel.display_name,
                    )
                )
        self._write_by_action(
            {
                "state": "handed",
                "handed_date": fields.Datetime.now(),
                "handed_by_id": self.env.user.id,
            }
        )
        self._close_activities()
        return True

    def action_return(self):
        """Return the item to the sender; the reason is required."""
        self._check_waiting(self.env._("returned"))
        for parcel in self:
            if not (parcel.return_reason or "").strip():
                raise UserError(
                    self.env._(
                        "%(parcel)s goes back to the sender with a reason: "
                        "enter why it is returned first.",
                        parcel=parcel.display_name,
                    )
                )
        self._write_by_action(
            {"state": "returned", "returned_date": fields.Datetime.now()}
        )
        self._close_activities()
        return True

    @api.model
    def _demo_hand_over(self, ids):
        """The demo's items handed over by the clerk who received them."""
        for parcel in self.browse(ids):
            parcel.with_user(parcel.received_by_id).action_hand_over()

    def _close_activities(self):
        self.sudo().activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                in (
                    self.env.ref("helpdesk_property_info.mail_activity_parcel_collect")
                    | self.env.ref(
                        "helpdesk_property_info.mail_activity_parcel_waiting"
                    )
                )
            )
        ).action_feedback()

    # ------------------------------------------------------------------
    # The watcher
    # ------------------------------------------------------------------

    @api.model
    def _cron_watch_parcels(self, batch_size=200):
        """Report the items waiting longer than the company's days, once:
        one indexed query when none is due."""
        return self._watch_next_checks(
            "wait_next_check", "_alert_waiting", batch_size, whole_batch=True
        )

    def _alert_waiting(self):
        """Tell the front desk on duty in the item's community (the duty
        roster), or the Customer Service managers when nobody is."""
        recipients = self.env["helpdesk.info.duty.shift"]._alert_recipients(
            self, lambda parcel: parcel.community_id, roles=("cs_desk",)
        )
        activity_type = self.env.ref(
            "helpdesk_property_info.mail_activity_parcel_waiting"
        )
        activities = []
        for parcel in self:
            env = parcel.company_id._helpdesk_info_lang_env()
            days = parcel.company_id.parcel_wait_days
            for user in recipients[parcel] or parcel.received_by_id:
                user_env = user._helpdesk_info_lang_env()
                activities.append(
                    {
                        "activity_type_id": activity_type.id,
                        "res_model_id": self.env["ir.model"]._get_id(self._name),
                        "res_id": parcel.id,
                        "user_id": user.id,
                        "summary": user_env._(
                            "Uncollected for %(days)s days: %(parcel)s",
                            days=days,
                            parcel=parcel.name,
                        ),
                        "date_deadline": fields.Date.context_today(parcel),
                        "automated": True,
                    }
                )
            parcel.message_post(
                body=Markup("<p>%s</p>")
                % env._(
                    "Still waiting after %(days)s days: reported to the front "
                    "desk on duty.",
                    days=days,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            activities
        )
        self._write_by_action({"wait_alerted": True})
