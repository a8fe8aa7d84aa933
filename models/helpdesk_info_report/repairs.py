from collections import defaultdict

from odoo import models
from odoo.fields import Domain

SECTION = "helpdesk_property_info.report_info_statistics_section_repairs"
AFTER = "helpdesk_property_info.report_info_statistics_section_top_categories"


def repair_rate(on_time, arrived):
    """On-time arrival rate (%) of the repairs that have an arrival, or None."""
    return round(100.0 * on_time / arrived, 1) if arrived else None


class HelpdeskInfoReport(models.Model):
    """Repairs in the report (seed 003 篇3 2.5): by urgency, how many were
    reported in the period, how many had the worker on site, how many on
    time, the average minutes from the report to the arrival, and the late
    alerts the watcher sent. For the company's report and a team's."""

    _inherit = "helpdesk.info.report"

    def _get_report_sections(self):
        return self._insert_section(super()._get_report_sections(), SECTION, AFTER)

    def _get_report_figures(self):
        figures = super()._get_report_figures()
        figures["repairs"] = self.sudo()._figures_repairs()
        return figures

    def _figures_repairs(self):
        """One grouped query over the period's repairs: counts per urgency,
        whether on time and whether alerted late; the arrivals are the
        non-empty arrival times, the average response is the sum of the
        arrival minutes (zero until the worker arrives) over them."""
        self.ensure_one()
        Ticket = self.env["helpdesk.ticket"].with_context(active_test=True)
        domain = self._ticket_domain() & Domain("is_repair", "=", True)
        keys = ("received", "arrived", "on_time", "late_alerts", "minutes")
        counts = defaultdict(lambda: dict.fromkeys(keys, 0))
        for urgency, on_time, alerted, count, arrived, minutes in Ticket._read_group(
            domain,
            ["repair_urgency_id", "repair_on_time", "repair_late_alerted"],
            ["__count", "repair_arrival_date:count", "repair_arrival_minutes:sum"],
        ):
            row = counts[urgency.id]
            row["received"] += count
            row["arrived"] += arrived
            row["minutes"] += minutes or 0
            if on_time:
                row["on_time"] += count
            if alerted:
                row["late_alerts"] += count
        urgencies = (
            self.env["helpdesk.info.repair.urgency"]
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
            self._repair_row(urgency.name, counts.get(urgency.id))
            for urgency in urgencies
        ]
        if counts.get(False):
            rows.append(self._repair_row(self.env._("Not Set"), counts[False]))
        total = dict.fromkeys(keys, 0)
        for row in counts.values():
            for key in keys:
                total[key] += row[key]
        return {"rows": rows, "total": self._repair_row(self.env._("Total"), total)}

    def _repair_row(self, label, counts):
        counts = counts or {}
        arrived = counts.get("arrived", 0)
        return {
            "label": label,
            "received": counts.get("received", 0),
            "arrived": arrived,
            "on_time": counts.get("on_time", 0),
            "on_time_rate": repair_rate(counts.get("on_time", 0), arrived),
            "average_minutes": round(counts.get("minutes", 0) / arrived, 1)
            if arrived
            else None,
            "late_alerts": counts.get("late_alerts", 0),
        }
