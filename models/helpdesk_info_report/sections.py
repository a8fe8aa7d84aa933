from odoo import models
from odoo.tools.misc import formatLang

from ..helpdesk_info_publication.helpdesk_info_publication import grouped_rows

SECTIONS = [
    "helpdesk_property_info.report_info_statistics_section_publications",
    "helpdesk_property_info.report_info_statistics_section_reception",
]


class HelpdeskInfoReport(models.Model):
    """The company-wide sections of the report: what went out in the
    company's name and what was said online (§7), and reception spending
    (§8). A team's report leaves them out."""

    _inherit = "helpdesk.info.report"

    def _get_report_sections(self):
        sections = super()._get_report_sections()
        return sections if self.team_id else sections + SECTIONS

    def _get_report_figures(self):
        figures = super()._get_report_figures()
        if not self.team_id:
            report = self.sudo()
            figures["publications"] = report._figures_publications()
            figures["reception"] = report._figures_reception()
        return figures

    def _figures_publications(self):
        start, stop = self._utc_bounds(self.date_from, self.date_to)
        company = [("company_id", "=", self.company_id.id)]
        # Withdrawn notices were published too.
        published = company + [
            ("state", "in", ("published", "expired")),
            ("published_date", ">=", start),
            ("published_date", "<", stop),
        ]
        seen = company + [("date", ">=", start), ("date", "<", stop)]
        Opinion = self.env["helpdesk.info.opinion"]
        return {
            "published": self.env["helpdesk.info.publication"].search_count(published),
            "by_kind": grouped_rows(
                self.env, "helpdesk.info.publication", published, "kind"
            ),
            "opinions": Opinion.search_count(seen),
            "opinions_by_nature": grouped_rows(
                self.env, "helpdesk.info.opinion", seen, "nature"
            ),
            "major_opinions": Opinion.search_count(
                seen + [("importance", "=", "major")]
            ),
        }

    def _figures_reception(self):
        domain = [
            ("company_id", "=", self.company_id.id),
            ("state", "in", ("approved", "exported")),
            ("date", ">=", self.date_from),
            ("date", "<=", self.date_to),
        ]
        currency = self.company_id.currency_id
        rows = grouped_rows(
            self.env,
            "helpdesk.reception.expense",
            domain,
            "policy_id",
            ("amount:sum", "__count"),
        )
        return {
            "total": formatLang(
                self.env, sum(row[1] for row in rows), currency_obj=currency
            ),
            "count": sum(row[2] for row in rows),
            "by_policy": [
                [label, formatLang(self.env, amount, currency_obj=currency), count]
                for label, amount, count in rows
            ],
        }
