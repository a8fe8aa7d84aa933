from odoo import models
from odoo.exceptions import UserError


class HelpdeskTicket(models.Model):
    """A closed ticket is filed into a dossier of the archives (seed 001 §12:
    处理完毕的文件、记录表等交由档案负责人管理)."""

    _inherit = "helpdesk.ticket"

    def _helpdesk_info_archive_check_fileable(self):
        """Only a closed ticket is filed: its record no longer changes."""
        for ticket in self:
            if not ticket.closed:
                raise UserError(
                    self.env._(
                        "%s is still open: a ticket is filed once closed.",
                        ticket.display_name,
                    )
                )

    def action_file_into_dossier(self):
        """A document of the archives that refers to this closed ticket."""
        self.ensure_one()
        self._helpdesk_info_archive_check_fileable()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("File into Dossier"),
            "res_model": "helpdesk.info.archive.document",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_res_model": self._name,
                "default_res_id": self.id,
                "default_name": f"{self.number} {self.name}",
            },
        }
