from odoo import api, fields, models
from odoo.exceptions import AccessError

LOG_ACTIONS = [
    ("reveal", "Reveal"),
    ("export", "Export"),
    ("register_read", "Owners' Register Read"),
    ("assignment", "Assignment"),
    ("emergency_read", "Emergency Contacts Read"),
    ("archive_read", "Owner's File Read"),
]
# Every field of a row: written once, by the server.
LOG_FIELDS = (
    "date",
    "user_id",
    "action",
    "res_model",
    "res_ids",
    "record_count",
    "field_names",
    "company_id",
)


class HelpdeskInfoPersonalDataLog(models.Model):
    """Who revealed, exported or read which personal data, and when.

    Append-only: rows are written by the server only (the reveal action, the
    export, a register read), never changed nor deleted but by the
    superuser.

    Why not OCA ``auditlog`` (19.0 is published): it logs reads and exports
    per rule, of every user, and its rules and logs are switched off and
    deleted by its own managers (and its autovacuum); it knows neither a
    reveal nor "outside Customer Service". The standard asks for three
    events, kept whatever the configuration: a small log of the addon's own
    records exactly these, with a multi-company rule, read by the CS
    manager and legal counsel only."""

    _name = "helpdesk.info.personal.data.log"
    _description = "Personal Data Access Log"
    _inherit = ["helpdesk.info.guard.mixin"]
    _guard_frozen_error = AccessError
    _order = "date desc, id desc"
    _rec_name = "res_model"

    date = fields.Datetime(
        required=True, readonly=True, default=fields.Datetime.now, index=True
    )
    user_id = fields.Many2one(
        "res.users",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    action = fields.Selection(LOG_ACTIONS, required=True, readonly=True, index=True)
    res_model = fields.Char(string="Model", required=True, readonly=True, index=True)
    res_ids = fields.Text(
        string="Record IDs",
        readonly=True,
        help="Ids of the records read, separated by commas.",
    )
    record_count = fields.Integer(string="Number of Records", readonly=True)
    field_names = fields.Char(string="Fields", readonly=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
    )

    def _frozen_fields(self):
        return {"recorded": dict.fromkeys(LOG_FIELDS, None)} | super()._frozen_fields()

    def _guard_frozen_hint(self, state):
        if state == "recorded":
            return self.env._("The personal data access log cannot be changed.")
        return super()._guard_frozen_hint(state)

    @api.model
    def _log(self, action, records, field_names):
        """Log ``action`` on ``records`` by the current user (server code
        only: the log is not writable by users).

        A read served by a read-only replica (``--db_replica_host``: the
        list, ``read``, grouping) is logged on the primary, in a transaction
        of its own committed at once, as Odoo logs a device on a read: the
        read's transaction on the replica ends first (it has nothing to
        keep), the row is kept even if the request fails afterwards, and the
        rest of the read stays on the replica."""
        vals = {
            "user_id": self.env.uid,
            "action": action,
            "res_model": records._name,
            "res_ids": ",".join(str(rid) for rid in records.ids),
            "record_count": len(records),
            "field_names": ", ".join(sorted(field_names)),
            "company_id": self.env.company.id,
        }
        if not self.env.cr.readonly:
            return self.sudo().create(vals)
        self.env.cr.rollback()
        with self.env.registry.cursor() as primary:
            self.with_env(self.env(cr=primary)).sudo().create(vals)
        return self.browse()

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "The personal data access log is written by the server only."
                )
            )
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_by_the_server_only(self):
        if not self.env.is_superuser():
            raise AccessError(
                self.env._("The personal data access log cannot be deleted.")
            )
