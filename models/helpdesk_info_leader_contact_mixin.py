from odoo import models


class HelpdeskInfoLeaderContactMixin(models.AbstractModel):
    """Company leaders' phone and e-mail never reach customers (seed 000
    六.7): a message a leader posts for the customer (a comment, not an
    internal note) goes out in the company's name, without the leader's
    address nor signature."""

    _name = "helpdesk.info.leader.contact.mixin"
    _description = "Leaders' Contact Details Kept Private"

    def _leader_author_kwargs(self, kwargs):
        message_type = kwargs.get("message_type", "notification")
        subtype = kwargs.get("subtype_xmlid") or ""
        if message_type != "comment" or subtype == "mail.mt_note":
            return kwargs
        subtype_id = kwargs.get("subtype_id")
        if subtype_id and self.env["mail.message.subtype"].browse(subtype_id).internal:
            return kwargs
        author = (
            self.env["res.partner"].browse(kwargs["author_id"])
            if kwargs.get("author_id")
            else self.env.user.partner_id
        )
        leader_partners = (
            self.env.ref("helpdesk_property_info.group_company_leader")
            .sudo()
            .all_user_ids.partner_id
        )
        if author not in leader_partners:
            return kwargs
        company = (
            self.company_id[:1] if "company_id" in self._fields else False
        ) or self.env.company
        return dict(
            kwargs,
            author_id=company.partner_id.id,
            email_from=company.partner_id.email_formatted or company.email_formatted,
            email_add_signature=False,
        )
