from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError


class HelpdeskInfoPublicationEffect(models.Model):
    """What followed a publication: responses, coverage, follow-ups (§7). Each
    note is told to the publication's related departments."""

    _name = "helpdesk.info.publication.effect"
    _inherit = ["helpdesk.info.guard.mixin"]
    _description = "Publication Effect Note"
    _order = "date desc, id desc"

    publication_id = fields.Many2one(
        "helpdesk.info.publication", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="publication_id.company_id", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    kind = fields.Selection(
        [
            ("response", "Response"),
            ("coverage", "Coverage"),
            ("follow_up", "Follow-up"),
        ],
        required=True,
        default="response",
    )
    note = fields.Text(required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Logged By",
        default=lambda self: self.env.user,
        readonly=True,
    )

    def _guarded_fields(self):
        return {"user_id": None} | super()._guarded_fields()

    @api.model_create_multi
    def create(self, vals_list):
        effects = super().create(vals_list)
        unpublished = effects.publication_id.filtered(
            lambda p: p.state not in ("published", "expired")
        )
        if unpublished:
            raise UserError(
                self.env._(
                    "“%s” is not published yet: its effect is logged once it is out.",
                    unpublished[0].name,
                )
            )
        effects._notify_departments()
        return effects

    def _notify_departments(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for effect in self:
            publication = effect.publication_id
            publication.message_post(
                body=Markup("<p><b>%s</b></p><p>%s</p>")
                % (self.env._("Effect noted: %s", kinds[effect.kind]), effect.note),
                subtype_xmlid="mail.mt_note",
                partner_ids=publication.department_ids.user_ids.partner_id.ids,
            )
