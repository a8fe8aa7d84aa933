from odoo import api, fields, models
from odoo.exceptions import ValidationError

COMPLAINT_TYPE = "helpdesk_property_info.ticket_type_complaint"


class HelpdeskTicket(models.Model):
    """Complaint grade (投诉级别, seed 001 §4 处理时限) of a complaint, besides
    its problem level: minor (reply at once or by the customer's time, at
    most half a working day), important (1 working day) or major (2 working
    days, resolved within 15 days, the leaders' opinion). When grade and
    level both set a deadline the earlier binds (``_compute_deadlines``), and
    extensions of a deadline the grade sets are approved by the grade's
    group."""

    _inherit = "helpdesk.ticket"

    is_complaint = fields.Boolean(compute="_compute_is_complaint")
    complaint_grade_id = fields.Many2one(
        comodel_name="helpdesk.info.complaint.grade",
        compute="_compute_complaint_grade_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        index="btree_not_null",
        domain="[('company_id', 'in', [company_id, False])]",
        help="Minor, important or major complaint: sets the reply deadline "
        "(and for a major one the resolution deadline and the leaders' "
        "opinion) next to the problem level; the earlier deadline binds.",
    )
    customer_requested_date = fields.Datetime(
        string="Customer's Requested Reply Time",
        copy=False,
        tracking=True,
        help="When the customer asked to be answered. For a minor complaint the "
        "reply is due then, but never later than the grade allows.",
    )

    @api.depends("type_id")
    def _compute_is_complaint(self):
        complaint = self._complaint_type_id()
        for ticket in self:
            ticket.is_complaint = bool(complaint) and ticket.type_id.id == complaint

    @api.depends("type_id")
    def _compute_complaint_grade_id(self):
        # Only a complaint keeps a grade: another kind drops it.
        complaint = self._complaint_type_id()
        for ticket in self:
            if ticket.type_id.id != complaint:
                ticket.complaint_grade_id = False
            else:
                ticket.complaint_grade_id = ticket.complaint_grade_id

    @api.model
    def _complaint_type_id(self):
        return self.env["ir.model.data"]._xmlid_to_res_id(
            COMPLAINT_TYPE, raise_if_not_found=False
        )

    @api.constrains("complaint_grade_id", "type_id")
    def _check_complaint_grade(self):
        complaint = self._complaint_type_id()
        for ticket in self:
            if ticket.complaint_grade_id and ticket.type_id.id != complaint:
                raise ValidationError(
                    self.env._(
                        "Ticket %s is no complaint: only complaints have a complaint "
                        "grade.",
                        ticket.number or ticket.name,
                    )
                )

    @api.constrains("customer_requested_date", "intake_date")
    def _check_customer_requested_date(self):
        for ticket in self:
            if (
                ticket.customer_requested_date
                and ticket.intake_date
                and ticket.customer_requested_date < ticket.intake_date
            ):
                raise ValidationError(
                    self.env._(
                        "The customer's requested reply time of ticket %s is before "
                        "the time it was received.",
                        ticket.number or ticket.name,
                    )
                )

    # ------------------------------------------------------------------
    # Deadlines: the grade next to the level
    # ------------------------------------------------------------------

    def _deadline_rules(self):
        rules = super()._deadline_rules()
        if self.complaint_grade_id:
            rules["grade"] = self.complaint_grade_id
        return rules

    def _deadline_candidates(self, kind, candidates):
        candidates = super()._deadline_candidates(kind, candidates)
        requested = self.customer_requested_date
        if (
            kind == "reply"
            and "grade" in candidates
            and requested
            and self.complaint_grade_id.customer_time_allowed
        ):
            # The customer's time, capped at the grade's allowance.
            candidates["grade"] = min(candidates["grade"], requested)
        return candidates

    @api.depends("complaint_grade_id", "customer_requested_date")
    def _compute_deadlines(self):
        return super()._compute_deadlines()

    @api.depends("complaint_grade_id.due_soon_hours")
    def _compute_reply_state(self):
        return super()._compute_reply_state()

    @api.depends("complaint_grade_id.due_soon_hours")
    def _compute_deadline_next_check(self):
        return super()._compute_deadline_next_check()

    # ------------------------------------------------------------------
    # Leaders' opinion: a major complaint as a major problem
    # ------------------------------------------------------------------

    def _leader_opinion_required(self):
        return (
            super()._leader_opinion_required()
            or self.complaint_grade_id.leader_opinion_required
        )

    @api.depends("complaint_grade_id.leader_opinion_required")
    def _compute_escalated(self):
        return super()._compute_escalated()

    @api.depends("complaint_grade_id.leader_opinion_required")
    def _compute_awaiting(self):
        return super()._compute_awaiting()
