from collections import defaultdict

from odoo import models
from odoo.fields import Domain

from ..helpdesk_ticket.complaint import COMPLAINT_TYPE

SECTION = "helpdesk_property_info.report_info_statistics_section_complaints"
AFTER = "helpdesk_property_info.report_info_statistics_section_replies"
KEYS = ("count", "reply_due", "replied_on_time", "resolve_due", "resolved_on_time")


def rate(part, whole):
    return round(100.0 * part / whole, 1) if whole else None


class HelpdeskInfoReport(models.Model):
    """Complaints apart from the other kinds (seed 001 §9): how many were
    received in the period, by grade, how many were replied to and resolved
    on time. One grouped query over the period's complaints."""

    _inherit = "helpdesk.info.report"

    def _get_report_sections(self):
        return self._insert_section(super()._get_report_sections(), SECTION, AFTER)

    def _get_report_figures(self):
        figures = super()._get_report_figures()
        figures["complaints"] = self.sudo()._figures_complaints()
        return figures

    def _figures_complaints(self):
        """Rows per complaint grade (and one for complaints without a grade)
        and a total: received, replies due or given and those on time,
        resolutions due or done and those on time, with the rates."""
        self.ensure_one()
        Ticket = self.env["helpdesk.ticket"].with_context(active_test=True)
        complaint = self.env["ir.model.data"]._xmlid_to_res_id(
            COMPLAINT_TYPE, raise_if_not_found=False
        )
        domain = self._ticket_domain() & Domain("type_id", "=", complaint)
        counts = defaultdict(lambda: dict.fromkeys(KEYS, 0))
        for grade, reply_state, resolve_state, count in Ticket._read_group(
            domain, ["complaint_grade_id", "reply_state", "resolve_state"], ["__count"]
        ):
            row = counts[grade.id]
            row["count"] += count
            if reply_state in ("on_time", "late", "overdue"):
                row["reply_due"] += count
            if reply_state == "on_time":
                row["replied_on_time"] += count
            if resolve_state in ("on_time", "late", "overdue"):
                row["resolve_due"] += count
            if resolve_state == "on_time":
                row["resolved_on_time"] += count
        grades = (
            self.env["helpdesk.info.complaint.grade"]
            .with_context(active_test=False)
            .search(
                [
                    "|",
                    ("active", "=", True),
                    ("id", "in", [key for key in counts if key]),
                ]
            )
        )
        rows = [
            self._complaint_row(grade.name, counts.get(grade.id), grade.code)
            for grade in grades
        ]
        if counts.get(False):
            rows.append(
                self._complaint_row(self.env._("No Grade"), counts[False], False)
            )
        total = dict.fromkeys(KEYS, 0)
        for row in counts.values():
            for key in KEYS:
                total[key] += row[key]
        return {
            "rows": rows,
            "total": self._complaint_row(self.env._("Total"), total, False),
        }

    def _complaint_row(self, label, counts, code):
        counts = counts or dict.fromkeys(KEYS, 0)
        return {
            "label": label,
            "code": code,
            **{key: counts.get(key, 0) for key in KEYS},
            "reply_rate": rate(
                counts.get("replied_on_time", 0), counts.get("reply_due", 0)
            ),
            "resolve_rate": rate(
                counts.get("resolved_on_time", 0), counts.get("resolve_due", 0)
            ),
        }
