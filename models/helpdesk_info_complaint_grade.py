from odoo import api, fields, models
from odoo.exceptions import UserError

from .helpdesk_info_deadline_rule_mixin import BASIS_HELP, TIME_BASES


class HelpdeskInfoComplaintGrade(models.Model):
    """A complaint grade (投诉级别, seed 001 §4 处理时限): minor, important or
    major. It sets a complaint's reply deadline, and its resolution deadline
    when it has a resolution allowance, next to those of the problem level;
    the earlier deadline of the two binds."""

    _name = "helpdesk.info.complaint.grade"
    _inherit = ["helpdesk.info.deadline.rule.mixin"]
    _description = "Complaint Grade"
    _order = "sequence, id"

    company_id = fields.Many2one(
        comodel_name="res.company",
        index=True,
        help="Leave empty to share the grade between all companies.",
    )
    customer_time_allowed = fields.Boolean(
        string="Customer's Time Within the Allowance",
        help="The reply is due at the time the customer asks for, when one is "
        "recorded on the ticket, but never later than the allowance above.",
    )
    resolve_allowance = fields.Float(
        help="Time allowed, from the intake, to resolve the complaint. Zero: the "
        "grade sets no resolution deadline, the problem level's applies.",
    )
    resolve_basis = fields.Selection(
        TIME_BASES, required=True, default="calendar", help=BASIS_HELP
    )

    _code_company_uniq = models.UniqueIndex(
        "(code, COALESCE(company_id, 0))",
        "This code is already used in this company: codes must be unique per company.",
    )
    _allowances_positive = models.Constraint(
        "CHECK(reply_allowance > 0 AND resolve_allowance >= 0 AND due_soon_hours >= 0)",
        "The reply allowance must be positive; the resolution allowance and the "
        "warning may not be negative.",
    )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        Ticket = self.env["helpdesk.ticket"].sudo().with_context(active_test=False)
        used = Ticket._read_group(
            [("complaint_grade_id", "in", self.ids)],
            ["complaint_grade_id"],
            ["__count"],
        )
        if used:
            raise UserError(
                self.env._(
                    "%(grades)s: used by %(count)s tickets. Archive the grade instead "
                    "of deleting it.",
                    grades=", ".join(grade.name for grade, _count in used),
                    count=sum(count for _grade, count in used),
                )
            )
