from odoo import api, fields, models
from odoo.fields import Command

from ..helpdesk_info_guard_mixin import in_action_scope
from ..helpdesk_info_posting_plan import POSTING_KINDS


class HelpdeskInfoPublication(models.Model):
    """The notices that post a fee statement or the paid-service price list
    to a community's owners (seed 003 二.6 and 2.2): made by their buttons,
    approved and published as any notice; publishing one marks its
    statement posted and fulfils the posting plan."""

    _inherit = "helpdesk.info.publication"

    posting_kind = fields.Selection(
        [kind for kind in POSTING_KINDS if kind[0] != "other"],
        string="Posted Document",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Notices made from a fee statement or from the paid-service price "
        "list: publishing them fulfils the community's posting plan.",
    )
    fee_statement_ids = fields.One2many(
        "helpdesk.info.fee.statement",
        "publication_id",
        string="Fee Statements",
        readonly=True,
    )

    def _guarded_fields(self):
        return {"posting_kind": None} | super()._guarded_fields()

    @api.model
    def _create_posting_notice(self, posting_kind, community, name, content):
        """The draft notice that posts a document to ``community``'s owners,
        at every place the company posts notices."""
        places = self.env["helpdesk.info.notice.place"].search(
            [("company_id", "in", [community.company_id.id, False])]
        )
        return in_action_scope(self, self._name).create(
            {
                "kind": "notice",
                "posting_kind": posting_kind,
                "name": name,
                "content": content,
                "target": community.name,
                "community_id": community.id,
                "company_id": community.company_id.id,
                "notice_place_ids": [Command.set(places.ids)],
            }
        )

    def _set_published(self, **extra):
        result = super()._set_published(**extra)
        notices = self.sudo().filtered("posting_kind")
        if notices:
            notices.fee_statement_ids._set_posted()
            self.env["helpdesk.info.posting.plan"].sudo()._link_published(notices)
        return result
