import pytz

from odoo import api, fields, models

from odoo.addons.base.models.res_partner import _tz_get


class ResCompany(models.Model):
    _inherit = "res.company"

    reception_tz = fields.Selection(
        _tz_get,
        string="Reception Expense Time Zone",
        help="The calendar months of the reception expense limits, and the days "
        "before which approvals are given, are counted in this time zone. Empty: "
        "the time zone of the company's address, or China Standard Time "
        "(Asia/Shanghai) for a company in China, otherwise UTC.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        self.env["helpdesk.reception.policy"].sudo()._create_standard_policies(
            companies
        )
        return companies

    def _reception_tz_name(self):
        self.ensure_one()
        if self.reception_tz:
            return self.reception_tz
        if self.partner_id.tz:
            return self.partner_id.tz
        return "Asia/Shanghai" if self.country_id.code == "CN" else "UTC"

    def _reception_local_date(self, moment=None):
        """The date of ``moment`` (naive UTC, default now) in the company's
        reception time zone."""
        self.ensure_one()
        moment = moment or fields.Datetime.now()
        tz = pytz.timezone(self._reception_tz_name())
        return pytz.utc.localize(moment).astimezone(tz).date()
