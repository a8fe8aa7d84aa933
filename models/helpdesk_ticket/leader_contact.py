from odoo import api, fields, models


class HelpdeskTicket(models.Model):
    """A leader's message to the caller goes out in the company's name; the
    portal page of a ticket assigned to a leader hides their contact."""

    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "helpdesk.info.leader.contact.mixin"]

    assignee_contact_private = fields.Boolean(
        compute="_compute_assignee_contact_private",
        help="The assignee is a company leader: their e-mail and phone stay off the "
        "customer's portal page.",
    )

    @api.depends("user_id")
    def _compute_assignee_contact_private(self):
        leaders = (
            self.env.ref("helpdesk_property_info.group_company_leader")
            .sudo()
            .all_user_ids
        )
        for ticket in self:
            ticket.assignee_contact_private = ticket.sudo().user_id in leaders

    def message_post(self, **kwargs):
        return super().message_post(**self._leader_author_kwargs(kwargs))
