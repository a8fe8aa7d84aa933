from odoo import models


class MailTrackingValue(models.Model):
    """The chatter's tracked changes of a personal field (old and new phone,
    room, unit, e-mail) are shown only to those who see the field in full."""

    _inherit = "mail.tracking.value"

    def _filter_has_field_access(self, env):
        trackings = super()._filter_has_field_access(env)
        hidden = self.browse()
        for tracking in trackings:
            field = tracking.sudo().field_id
            model = env[field.model] if field and field.model in env.registry else None
            if (
                model is None
                or field.name not in getattr(model, "_personal_data_fields", dict)()
            ):
                continue
            message = tracking.sudo().mail_message_id
            record = (
                model.browse(message.res_id).exists()
                if message.model == field.model
                else model
            )
            if not record or not record._personal_data_full_records():
                hidden |= tracking
        return trackings - hidden
