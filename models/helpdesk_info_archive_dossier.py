from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from .helpdesk_info_guard_mixin import RECORDED

KEEPER = "helpdesk_property_info.group_archive_keeper"
CS_AGENT = "helpdesk_property_info.group_cs_agent"
CS_MANAGER = "helpdesk_property_info.group_cs_manager"
# Who reads the owner of an owner's file: Customer Service and the keeper.
OWNER_GROUPS = f"{CS_AGENT},{KEEPER}"
DOSSIER_STATES = [
    ("open", "Open"),
    ("closed", "Closed"),
    ("destroyed", "Destroyed"),
]
# What describes a dossier: frozen once it is destroyed.
DOSSIER_CONTENT = (
    "name",
    "reference",
    "kind_id",
    "community_id",
    "unit_id",
    "partner_id",
    "location",
    "opened_date",
)


class HelpdeskInfoArchiveDossier(models.Model):
    """A dossier (档案卷宗) of the archives, seed 001 §12: of a kind, for a
    community and possibly a unit or an owner, with its reference and its
    shelf. Open while documents are filed into it, closed, and destroyed only
    once its retention is over and a company leader approved the
    destruction (``helpdesk.info.archive.destruction``); lent only through
    an approved borrowing (``helpdesk.info.archive.loan``)."""

    _name = "helpdesk.info.archive.dossier"
    _description = "Archive Dossier"
    _inherit = ["mail.thread", "mail.activity.mixin", "helpdesk.info.guard.mixin"]
    _order = "reference, id"
    _check_company_auto = True
    _rec_names_search = ["reference", "name"]

    name = fields.Char(string="Title", required=True, tracking=True)
    reference = fields.Char(
        required=True,
        tracking=True,
        help="The dossier's number on its spine, unique in the company.",
    )
    kind_id = fields.Many2one(
        "helpdesk.info.archive.kind",
        required=True,
        check_company=True,
        ondelete="restrict",
        tracking=True,
    )
    personal_data = fields.Boolean(
        related="kind_id.personal_data", store=True, string="Owners' File"
    )
    community_id = fields.Many2one(
        "helpdesk.info.community",
        required=True,
        check_company=True,
        index=True,
        tracking=True,
    )
    unit_id = fields.Many2one(
        "helpdesk.info.unit",
        check_company=True,
        domain="[('community_id', '=', community_id)]",
        tracking=True,
        help="The unit an owner's file is about.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Owner",
        groups=OWNER_GROUPS,
        tracking=True,
        help="The owner an owner's file is about (read by Customer Service and "
        "the archive keeper only).",
    )
    location = fields.Char(
        string="Shelf", tracking=True, help="Where the paper dossier is kept."
    )
    state = fields.Selection(
        DOSSIER_STATES,
        default="open",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    opened_date = fields.Date(
        string="Opened On", required=True, default=fields.Date.context_today
    )
    closed_date = fields.Date(
        string="Closed On", readonly=True, copy=False, tracking=True
    )
    retention_until = fields.Date(
        string="Kept Until",
        compute="_compute_retention_until",
        store=True,
        help="The end of the retention of a closed dossier: its kind's years "
        "after it was closed (empty: kept for good, or still open).",
    )
    past_retention = fields.Boolean(
        compute="_compute_past_retention",
        search="_search_past_retention",
    )
    destroyed_date = fields.Date(
        string="Destroyed On", readonly=True, copy=False, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda s: s.env.company
    )
    note = fields.Text(string="Notes")
    document_ids = fields.One2many(
        "helpdesk.info.archive.document", "dossier_id", string="Documents"
    )
    document_count = fields.Integer(compute="_compute_document_count")
    loan_ids = fields.One2many(
        "helpdesk.info.archive.loan", "dossier_id", string="Borrowings"
    )
    lent = fields.Boolean(
        compute="_compute_lent",
        search="_search_lent",
        string="Lent Out",
        help="An approved borrowing has it out of the archives.",
    )
    destruction_ids = fields.One2many(
        "helpdesk.info.archive.destruction",
        "dossier_id",
        string="Destruction Requests",
    )

    _reference_uniq = models.UniqueIndex(
        "(company_id, reference)", "A dossier's reference is unique in the company."
    )

    @api.depends("reference", "name")
    def _compute_display_name(self):
        for dossier in self:
            dossier.display_name = (
                f"[{dossier.reference}] {dossier.name}"
                if dossier.reference
                else dossier.name or ""
            )

    @api.depends("closed_date", "kind_id.retention_years")
    def _compute_retention_until(self):
        for dossier in self:
            years = dossier.kind_id.retention_years
            dossier.retention_until = (
                dossier.closed_date + relativedelta(years=years)
                if dossier.closed_date and years
                else False
            )

    @api.depends("retention_until", "state")
    def _compute_past_retention(self):
        today = fields.Date.context_today(self)
        for dossier in self:
            dossier.past_retention = bool(
                dossier.state == "closed"
                and dossier.retention_until
                and dossier.retention_until <= today
            )

    def _search_past_retention(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        past = Domain("state", "=", "closed") & Domain(
            "retention_until", "<=", fields.Date.context_today(self)
        )
        return past if (operator == "in") == (True in value) else ~past

    def _compute_document_count(self):
        counts = dict(
            self.env["helpdesk.info.archive.document"]._read_group(
                [("dossier_id", "in", self.ids)], ["dossier_id"], ["__count"]
            )
        )
        for dossier in self:
            dossier.document_count = counts.get(dossier, 0)

    @api.depends("loan_ids.state")
    def _compute_lent(self):
        lent = (
            self.env["helpdesk.info.archive.loan"]
            .sudo()
            .search([("dossier_id", "in", self.ids), ("state", "=", "lent")])
            .dossier_id
        )
        for dossier in self:
            dossier.lent = dossier in lent

    def _search_lent(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        # Whoever borrowed them: the borrowings of others are not his to read.
        loans = (
            self.env["helpdesk.info.archive.loan"]
            .sudo()
            .search([("state", "=", "lent")])
        )
        lent = Domain("id", "in", loans.dossier_id.ids)
        return lent if (operator == "in") == (True in value) else ~lent

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------

    def _guarded_fields(self):
        return (
            dict.fromkeys(("state", "closed_date", "destroyed_date"), None)
            | super()._guarded_fields()
        )

    def _frozen_fields(self):
        return {
            RECORDED: {"company_id": None},
            "destroyed": dict.fromkeys(DOSSIER_CONTENT, None),
        } | super()._frozen_fields()

    def _guard_frozen_hint(self, state):
        if state == "destroyed":
            return self.env._("A destroyed dossier is kept as it was.")
        return super()._guard_frozen_hint(state)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_empty(self):
        for dossier in self:
            if (
                dossier.state != "open"
                or dossier.document_ids
                or dossier.loan_ids
                or dossier.destruction_ids
            ):
                raise UserError(
                    self.env._(
                        "%s holds documents or has a history: it is destroyed "
                        "through a destruction request approved by a company "
                        "leader, never deleted.",
                        dossier.display_name,
                    )
                )

    def _check_keeper(self):
        if not self.env.su and not self.env.user.has_groups(f"{KEEPER},{CS_MANAGER}"):
            raise AccessError(
                self.env._("Only the archive keeper opens and closes dossiers.")
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_close(self):
        """No more documents: its retention starts."""
        self.check_access("write")
        self._check_keeper()
        for dossier in self:
            if dossier.state != "open":
                raise UserError(self.env._("%s is not open.", dossier.display_name))
        self._write_by_action(
            {"state": "closed", "closed_date": fields.Date.context_today(self)}
        )
        return True

    def action_reopen(self):
        """File into a closed dossier again: its retention starts over when
        it is closed again."""
        self.check_access("write")
        self._check_keeper()
        for dossier in self:
            if dossier.state != "closed":
                raise UserError(
                    self.env._(
                        "Only a closed dossier is reopened: %s is not.",
                        dossier.display_name,
                    )
                )
            if dossier.destruction_ids.filtered(
                lambda d: d.state in ("pending", "approved")
            ):
                raise UserError(
                    self.env._(
                        "%s is to be destroyed: reject or wait for the request first.",
                        dossier.display_name,
                    )
                )
        self._write_by_action({"state": "open", "closed_date": False})
        return True

    def _mark_destroyed(self):
        """Called by the approved destruction request only."""
        self._write_by_action(
            {"state": "destroyed", "destroyed_date": fields.Date.context_today(self)}
        )

    def action_view_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_property_info.helpdesk_info_archive_document_action"
        )
        action["domain"] = [("dossier_id", "=", self.id)]
        action["context"] = {"default_dossier_id": self.id}
        return action

    def action_request_destruction(self):
        """A destruction request of this dossier, for a leader to approve."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Request Destruction"),
            "res_model": "helpdesk.info.archive.destruction",
            "view_mode": "form",
            "target": "current",
            "context": {"default_dossier_id": self.id},
        }

    def action_request_disclosure(self):
        """Nothing leaves the company without a leader's approval: a
        disclosure request of this dossier (seed 001 §12)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Request Disclosure"),
            "res_model": "helpdesk.info.disclosure.request",
            "view_mode": "form",
            "target": "current",
            "context": {"default_dossier_id": self.id},
        }

    @api.model
    def _demo_closed_dossier(self, dossier_id, closed_date):
        """The demo's old dossier, closed on ``closed_date``: its retention
        is over."""
        dossier = self.browse(dossier_id)
        dossier._write_by_action({"state": "closed", "closed_date": closed_date})
        return dossier.id
