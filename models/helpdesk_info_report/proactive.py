from odoo import models

from ..helpdesk_info_publication.helpdesk_info_publication import grouped_rows

SECTION = "helpdesk_property_info.report_info_statistics_section_proactive"
AFTER = "helpdesk_property_info.report_info_statistics_section_publications"


class HelpdeskInfoReport(models.Model):
    """Proactive service in the company's report (seed 001 §9–§10): the
    customer visits done in the period by kind, their average satisfaction
    and the tickets their opinions became; the daily patrols done, the
    problems found, passed on as tickets in time or late, fixed on the spot,
    and verified fixed. A team's report leaves it out."""

    _inherit = "helpdesk.info.report"

    def _get_report_sections(self):
        sections = super()._get_report_sections()
        return (
            sections if self.team_id else self._insert_section(sections, SECTION, AFTER)
        )

    def _get_report_figures(self):
        figures = super()._get_report_figures()
        if not self.team_id:
            report = self.sudo()
            figures["customer_visits"] = report._figures_customer_visits()
            figures["patrols"] = report._figures_patrols()
        return figures

    def _figures_customer_visits(self):
        start, stop = self._utc_bounds(self.date_from, self.date_to)
        done = [
            ("company_id", "=", self.company_id.id),
            ("state", "=", "done"),
            ("visited_on", ">=", start),
            ("visited_on", "<", stop),
        ]
        Visit = self.env["helpdesk.info.visit"]
        scores = [
            (int(satisfaction), count)
            for satisfaction, count in Visit._read_group(
                done + [("satisfaction", "!=", False)], ["satisfaction"], ["__count"]
            )
        ]
        answered = sum(count for _score, count in scores)
        return {
            "done": Visit.search_count(done),
            "by_kind": grouped_rows(self.env, "helpdesk.info.visit", done, "kind"),
            "average_satisfaction": (
                round(sum(score * count for score, count in scores) / answered, 2)
                if answered
                else None
            ),
            "tickets": self.env["helpdesk.ticket"]
            .with_context(active_test=False)
            .search_count([("customer_visit_id", "any", done)]),
        }

    def _figures_patrols(self):
        company = [("company_id", "=", self.company_id.id)]
        period = [
            ("patrol_date", ">=", self.date_from),
            ("patrol_date", "<=", self.date_to),
        ]
        Check = self.env["helpdesk.info.patrol.check"]
        found = {"problem": 0, "fixed": 0}
        tickets = {False: 0, True: 0}
        for result, late, count, with_ticket in Check._read_group(
            company + period + [("result", "in", ("problem", "fixed"))],
            ["result", "ticket_late"],
            ["__count", "ticket_id:count"],
        ):
            found[result] += count
            tickets[late] += with_ticket
        return {
            "done": self.env["helpdesk.info.patrol"].search_count(
                company
                + [
                    ("state", "=", "done"),
                    ("date", ">=", self.date_from),
                    ("date", "<=", self.date_to),
                ]
            ),
            "problems": found["problem"],
            "tickets_on_time": tickets[False],
            "tickets_late": tickets[True],
            "fixed_on_the_spot": found["fixed"],
            "verified": Check.search_count(
                company
                + [
                    ("verified", "=", True),
                    ("verified_patrol_id.date", ">=", self.date_from),
                    ("verified_patrol_id.date", "<=", self.date_to),
                ]
            ),
        }
