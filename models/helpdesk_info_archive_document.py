from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .helpdesk_info_guard_mixin import RECORDED

# The state of a document whose dossier is closed or destroyed.
DOSSIER_CLOSED = "dossier_closed"
DOCUMENT_CONTENT = ("name", "attachment_ids", "note")


class HelpdeskInfoArchiveDocument(models.Model):
    """A document filed into a dossier (seed 001 §12: 各部门将收到或处理完毕的
    文件、记录表等交由档案负责人管理): a scan or file attached, or a record of
    the addon (a closed ticket, a result, a report …) referred to by model
    and id, so that any record that says it may be filed
    (``_helpdesk_info_archive_check_fileable``) is filed the same way.
    Filed into an open dossier only, never moved to another."""

    _name = "helpdesk.info.archive.document"
    _description = "Archived Document"
    _inherit = ["helpdesk.info.guard.mixin"]
    _order = "filed_date desc, id desc"
    _check_company_auto = True

    dossier_id = fields.Many2one(
        "helpdesk.info.archive.dossier",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="dossier_id.company_id", store=True, index=True, precompute=True
    )
    personal_data = fields.Boolean(related="dossier_id.personal_data", store=True)
    name = fields.Char(string="Document", required=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        string="Files",
        help="The scanned or electronic document.",
    )
    res_model = fields.Char(
        string="Record Model",
        readonly=True,
        index=True,
        help="The model of the record filed, when a record is filed.",
    )
    res_id = fields.Many2oneReference(
        string="Record ID", model_field="res_model", readonly=True
    )
    filed_by_id = fields.Many2one(
        "res.users",
        required=True,
        readonly=True,
        default=lambda s: s.env.user,
    )
    filed_date = fields.Datetime(
        string="Filed On", required=True, readonly=True, default=fields.Datetime.now
    )
    note = fields.Text(string="Notes")

    _record_once = models.UniqueIndex(
        "(dossier_id, res_model, res_id) WHERE res_model IS NOT NULL",
        "This record is already filed in this dossier.",
    )

    def _guarded_fields(self):
        return (
            dict.fromkeys(("filed_by_id", "filed_date"), None)
            | super()._guarded_fields()
        )

    def _frozen_fields(self):
        return {
            RECORDED: dict.fromkeys(("dossier_id", "res_model", "res_id"), None),
            # A closed or destroyed dossier keeps its documents as they are.
            DOSSIER_CLOSED: dict.fromkeys(DOCUMENT_CONTENT, None),
        } | super()._frozen_fields()

    def _guard_states(self):
        self.ensure_one()
        if self.dossier_id.state in ("closed", "destroyed"):
            return (DOSSIER_CLOSED,)
        return ()

    def _guard_state_label(self, state):
        if state == DOSSIER_CLOSED:
            return self.env._("filed in a closed dossier")
        return super()._guard_state_label(state)

    def _guard_frozen_hint(self, state):
        if state == DOSSIER_CLOSED:
            return self.env._("Its dossier is closed: the keeper reopens it first.")
        return self.env._("File it again into the right dossier instead.")

    @api.model_create_multi
    def create(self, vals_list):
        documents = super().create(vals_list)
        # Who filed it and when are their defaults: the guard refuses others.
        for document in documents:
            document._check_fileable()
        return documents

    @api.ondelete(at_uninstall=False)
    def _unlink_from_open_dossiers(self):
        self._check_dossier_open()

    def _check_dossier_open(self):
        for document in self:
            if document.dossier_id.state != "open":
                raise UserError(
                    self.env._(
                        "%s is closed: its documents no longer change.",
                        document.dossier_id.display_name,
                    )
                )

    def _check_fileable(self):
        self.ensure_one()
        self._check_dossier_open()
        if bool(self.res_model) != bool(self.res_id):
            raise ValidationError(
                self.env._("A record is filed by its model and its id together.")
            )
        if not self.res_model:
            return
        if self.res_model not in self.env:
            raise ValidationError(
                self.env._("%s is not a model of this database.", self.res_model)
            )
        record = self.env[self.res_model].browse(self.res_id).exists()
        if not record:
            raise ValidationError(self.env._("The record filed no longer exists."))
        try:
            record.check_access("read")
        except AccessError:
            raise AccessError(
                self.env._("You cannot read the record you file: %s.", self.name)
            ) from None
        check = getattr(record, "_helpdesk_info_archive_check_fileable", None)
        if check is None:
            raise ValidationError(
                self.env._(
                    "Records of %s are not filed into the archives.",
                    record._description,
                )
            )
        check()
        if record._fields.get("company_id") and record.company_id not in (
            self.company_id
        ):
            raise ValidationError(
                self.env._(
                    "%(record)s belongs to another company than %(dossier)s.",
                    record=record.display_name,
                    dossier=self.dossier_id.display_name,
                )
            )

    def action_open_record(self):
        """The record filed, as its own screen shows it."""
        self.ensure_one()
        if not self.res_model:
            return False
        record = self.env[self.res_model].browse(self.res_id).exists()
        if not record:
            raise UserError(self.env._("The record filed no longer exists."))
        record.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "target": "current",
        }
