from odoo import fields, models, tools
from odoo.tools import SQL


class HelpdeskReceptionUsage(models.Model):
    """What each policy used of its monthly limits, month by month: the
    confirmed expenses (waiting approval, approved or exported) against the
    monthly maximum amount and count, with the headroom left."""

    _name = "helpdesk.reception.usage"
    _description = "Reception Expense Usage"
    _auto = False
    _order = "month desc, policy_id"
    _rec_name = "policy_id"

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    policy_id = fields.Many2one("helpdesk.reception.policy", readonly=True)
    month = fields.Date(readonly=True, help="The first day of the calendar month.")
    used_amount = fields.Monetary(string="Used", readonly=True)
    waiting_amount = fields.Monetary(
        string="Waiting Approval",
        readonly=True,
        help="The part of the used amount whose expenses still wait for their "
        "approval.",
    )
    has_amount_limit = fields.Boolean(readonly=True)
    limit_amount = fields.Monetary(string="Monthly Maximum Amount", readonly=True)
    remaining_amount = fields.Monetary(
        string="Remaining",
        readonly=True,
        help="The monthly maximum amount minus what is used (0 when the policy has "
        "no such limit).",
    )
    used_count = fields.Integer(string="Expenses", readonly=True)
    has_count_limit = fields.Boolean(readonly=True)
    limit_count = fields.Integer(string="Monthly Maximum Count", readonly=True)
    remaining_count = fields.Integer(
        string="Expenses Left",
        readonly=True,
        help="How many more expenses the month allows (0 when the policy has no such "
        "limit).",
    )

    def _query(self):
        return SQL(
            """
            SELECT MIN(e.id) AS id,
                   e.company_id,
                   c.currency_id,
                   e.policy_id,
                   date_trunc('month', e.date)::date AS month,
                   SUM(e.amount) AS used_amount,
                   COALESCE(SUM(e.amount) FILTER (WHERE e.state = 'waiting'), 0)
                       AS waiting_amount,
                   COALESCE(p.monthly_max_amount, 0) > 0 AS has_amount_limit,
                   COALESCE(p.monthly_max_amount, 0) AS limit_amount,
                   CASE WHEN p.monthly_max_amount > 0
                        THEN p.monthly_max_amount - SUM(e.amount) ELSE 0 END
                       AS remaining_amount,
                   COUNT(*) AS used_count,
                   COALESCE(p.monthly_max_count, 0) > 0 AS has_count_limit,
                   COALESCE(p.monthly_max_count, 0) AS limit_count,
                   CASE WHEN p.monthly_max_count > 0
                        THEN p.monthly_max_count - COUNT(*) ELSE 0 END
                       AS remaining_count
              FROM helpdesk_reception_expense e
              JOIN helpdesk_reception_policy p ON p.id = e.policy_id
              JOIN res_company c ON c.id = e.company_id
             WHERE e.state IN ('waiting', 'approved', 'exported')
          GROUP BY e.company_id, c.currency_id, e.policy_id,
                   date_trunc('month', e.date), p.monthly_max_amount,
                   p.monthly_max_count
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )
