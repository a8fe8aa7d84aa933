from email.utils import parseaddr

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, is_html_empty, plaintext2html

from odoo.addons.phone_validation.tools import phone_validation

from ..helpdesk_info_personal_data_mixin import PERSONAL_DATA_GROUPS

DEFAULT_PHONE_REGION = "CN"


class HelpdeskTicket(models.Model):
    """The intake record (§3): who called or wrote, from where, about what;
    which of it is required depends on the channel; every new ticket lands at
    the company's intake team (Customer Service Department)."""

    _inherit = "helpdesk.ticket"

    contact_name = fields.Char(
        string="Caller Name",
        tracking=True,
        groups=PERSONAL_DATA_GROUPS,
        help="Name of the caller, visitor or writer as they gave it.",
    )
    room_number = fields.Char(
        tracking=True,
        groups=PERSONAL_DATA_GROUPS,
        help="Building and room of the owner or resident, e.g. 3-2-501.",
    )
    contact_unit = fields.Char(
        string="Organization",
        tracking=True,
        help="The caller's organization or work unit, when they speak for one.",
    )
    contact_phone = fields.Char(
        tracking=True,
        groups=PERSONAL_DATA_GROUPS,
        index="btree_not_null",
        help="Checked on save and stored in international format "
        "(+86…); numbers without a country code are read as numbers of the "
        "company's country.",
    )
    matter = fields.Text(
        help="What the caller is calling or writing about, and their request.",
    )

    # ------------------------------------------------------------------
    # Phone
    # ------------------------------------------------------------------

    @api.model
    def _normalize_contact_phone(self, number, company):
        number = (number or "").strip()
        if not number:
            return False
        country = company.country_id
        try:
            return phone_validation.phone_format(
                number,
                country.code or DEFAULT_PHONE_REGION,
                country.phone_code or 86,
                force_format="E164",
                raise_exception=True,
            )
        except UserError as error:
            raise ValidationError(
                self.env._(
                    "The contact phone “%(number)s” is not a valid phone number "
                    "(%(reason)s). Enter a mobile number such as 13812345678 or a "
                    "landline with its area code such as 010-12345678.",
                    number=number,
                    reason=error.args[0],
                )
            ) from error

    @api.model
    def _sync_caller_name_vals(self, vals):
        """One caller name: helpdesk_mgmt's contact name (``partner_name``,
        set by its portal form, the mail gateway and its partner onchange)
        and the addon's caller name are kept equal; the caller name wins
        when both are given."""
        if "contact_name" in vals:
            vals["partner_name"] = vals["contact_name"]
        elif "partner_name" in vals:
            vals["contact_name"] = vals["partner_name"]
        return vals

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        # helpdesk_mgmt copies the customer's name into its contact name: a
        # caller name already typed stays, an empty one takes the customer's.
        # The caller's fields are Customer Service's to write.
        if not self._has_field_access(self._fields["contact_name"], "write"):
            return None
        caller = self.contact_name
        result = super()._onchange_partner_id()
        self.contact_name = caller or self.partner_name
        self.partner_name = self.contact_name
        return result

    @api.model
    def _init_caller_names(self):
        """Tickets from before the sync get one caller name (on install and
        update): the caller name, or else helpdesk_mgmt's contact name."""
        # In SQL: closed and locked tickets too, without tracking messages.
        self.env.cr.execute(
            SQL(
                "UPDATE helpdesk_ticket SET contact_name = partner_name WHERE "
                "COALESCE(contact_name, '') = '' AND COALESCE(partner_name, '') != ''"
            )
        )
        self.env.cr.execute(
            SQL(
                "UPDATE helpdesk_ticket SET partner_name = contact_name WHERE "
                "contact_name IS DISTINCT FROM partner_name AND "
                "COALESCE(contact_name, '') != ''"
            )
        )
        self.invalidate_model(["contact_name", "partner_name"])

    def _normalize_intake_vals(self, vals, company):
        self._sync_caller_name_vals(vals)
        self._fill_description_vals(vals)
        if vals.get("contact_phone"):
            vals["contact_phone"] = self._normalize_contact_phone(
                vals["contact_phone"], company
            )
        return vals

    @api.model
    def _fill_description_vals(self, vals):
        """The matter is typed once: helpdesk_mgmt's required description
        (详细说明) left empty is the matter's text."""
        if vals.get("matter") and is_html_empty(vals.get("description")):
            vals["description"] = plaintext2html(vals["matter"])
        return vals

    @api.model
    def _check_description_vals(self, vals):
        """Neither the matter nor the description: refused naming both in
        the user's language (instead of the database's NOT NULL error)."""
        if vals.get("description") in (None, False) and not self.env.context.get(
            "default_description"
        ):
            raise ValidationError(
                self.env._(
                    "Missing required field: record the %(matter)s or the "
                    "%(description)s of the ticket.",
                    matter=self._fields["matter"].get_description(self.env)["string"],
                    description=self._fields["description"].get_description(self.env)[
                        "string"
                    ],
                )
            )

    # ------------------------------------------------------------------
    # Hooks of create and write (helpdesk_ticket.py)
    # ------------------------------------------------------------------

    def _prepare_intake_vals(self, vals_list):
        """Create: one caller name, the description from the matter, the
        phone checked and formatted; neither matter nor description refused."""
        for vals in vals_list:
            company = self.env["res.company"].browse(
                vals.get("company_id") or self.env.company.id
            )
            self._normalize_intake_vals(vals, company)
            self._check_description_vals(vals)

    def _after_create_intake(self):
        """Create: a ticket no rule routed (nor its assignee's team) took
        lands at the intake team."""
        self.filtered(lambda t: not t.team_id)._assign_intake_team()

    def _assign_intake_team(self):
        """A ticket that no team (nor its assignee's team) took lands at the
        company's intake team: the Customer Service Department (§2 principle 2)."""
        Team = self.env["helpdesk.ticket.team"]
        for company, tickets in self.grouped("company_id").items():
            team = Team._get_intake_team(company)
            if team:
                tickets.team_id = team

    def _prepare_intake_write_vals(self, vals):
        """Write: the caller names kept equal, the description from the
        matter, the phone checked and formatted."""
        if "contact_name" in vals or "partner_name" in vals:
            vals = self._sync_caller_name_vals(dict(vals))
        if "description" in vals and is_html_empty(vals["description"]):
            if "matter" in vals:
                vals = self._fill_description_vals(dict(vals))
            elif len(self) == 1:
                vals = self._fill_description_vals(dict(vals, matter=self.matter))
                del vals["matter"]
        elif vals.get("matter"):
            for ticket in self.filtered(lambda t: is_html_empty(t.description)):
                ticket.description = plaintext2html(vals["matter"])
        if vals.get("contact_phone"):
            company = (
                self.env["res.company"].browse(vals["company_id"])
                if vals.get("company_id")
                else self.company_id[:1] or self.env.company
            )
            vals = self._normalize_intake_vals(dict(vals), company)
        return vals

    @api.model
    def message_new(self, msg, custom_values=None):
        """An e-mail is recorded with the sender as caller and the e-mail channel."""
        custom_values = dict(custom_values or {})
        sender_name, sender_email = parseaddr(msg.get("from") or "")
        custom_values.setdefault("contact_name", sender_name or sender_email or False)
        if not custom_values.get("channel_id"):
            channel = self.env.ref(
                "helpdesk_mgmt.helpdesk_ticket_channel_email", raise_if_not_found=False
            )
            custom_values["channel_id"] = channel.id if channel else False
        return super().message_new(msg, custom_values=custom_values)

    # ------------------------------------------------------------------
    # Intake rules
    # ------------------------------------------------------------------

    def _get_missing_intake_fields(self):
        """Names of the intake fields this ticket's channel requires and lacks."""
        self.ensure_one()
        channel = self.channel_id
        required = [
            ("contact_name", channel.intake_require_name),
            ("contact_phone", channel.intake_require_phone),
            ("matter", channel.intake_require_matter),
        ]
        return [
            name
            for name, needed in required
            if needed and not (self[name] or "").strip()
        ]

    @api.constrains(
        "channel_id",
        "contact_name",
        "contact_phone",
        "matter",
        "info_origin",
        "partner_id",
    )
    def _check_intake_record(self):
        for ticket in self.filtered("channel_id"):
            missing = ticket._get_missing_intake_fields()
            if missing:
                labels = ", ".join(
                    ticket._fields[name].get_description(self.env)["string"]
                    for name in missing
                )
                raise ValidationError(
                    self.env._(
                        "A ticket received through the channel “%(channel)s” must "
                        "record: %(fields)s.",
                        channel=ticket.channel_id.name,
                        fields=labels,
                    )
                )
            if (
                ticket.info_origin == "customer"
                and not ticket.partner_id
                and not (ticket.contact_name or "").strip()
                and not ticket.channel_id.intake_allow_anonymous
            ):
                raise ValidationError(
                    self.env._(
                        "Customer information received through the channel "
                        "“%(channel)s” cannot be anonymous: set the customer or "
                        "the caller name.",
                        channel=ticket.channel_id.name,
                    )
                )
