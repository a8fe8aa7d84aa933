from odoo import api, fields, models

# Those who read publications: the workers and the plain helpdesk users, who
# do not, still open the tickets.
PUBLICATION_READERS = ",".join(
    f"helpdesk_property_info.{group}"
    for group in (
        "group_cs_agent",
        "group_company_leader",
        "group_legal_counsel",
        "group_department_handler",
    )
)


class HelpdeskTicket(models.Model):
    """Written replies to the ticket's customer, approved before they are sent
    (§2 duty 6.10)."""

    _inherit = "helpdesk.ticket"

    publication_ids = fields.One2many(
        "helpdesk.info.publication",
        "ticket_id",
        string="Written Replies",
        groups=PUBLICATION_READERS,
    )
    publication_count = fields.Integer(
        compute="_compute_publication_count", groups=PUBLICATION_READERS
    )

    @api.depends("publication_ids")
    def _compute_publication_count(self):
        counts = dict(
            self.env["helpdesk.info.publication"]._read_group(
                [("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"]
            )
        )
        for ticket in self:
            ticket.publication_count = counts.get(ticket, 0)

    def action_draft_written_reply(self):
        """Draft a written reply to the customer, for a leader to approve."""
        self.ensure_one()
        Publication = self.env["helpdesk.info.publication"]
        publication = Publication.create(Publication._written_reply_vals(self))
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.info.publication",
            "res_id": publication.id,
            "view_mode": "form",
        }

    def action_view_publications(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_property_info.helpdesk_info_publication_action"
        )
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {"active_test": False}
        return action
