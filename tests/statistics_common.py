from datetime import datetime, timedelta

from .common import PropertyInfoCase


def shanghai(year, month, day, hour=10, minute=0):
    """A time in Shanghai as the naive UTC datetime Odoo stores."""
    return datetime(year, month, day, hour, minute) - timedelta(hours=8)


class StatisticsCase(PropertyInfoCase):
    """Tickets placed in time, and the report of a period."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Report = cls.env["helpdesk.info.report"]
        cls.cs_team.user_id = cls.manager
        cls.negative = {"info_nature": "negative"}

    @classmethod
    def ticket(cls, intake, **overrides):
        vals = cls.phone_vals(intake_date=intake)
        vals.update(overrides)
        return cls.Ticket.create(vals)

    def report(self, kind="weekly", date_from="2024-03-04", **vals):
        return self.Report.create({"kind": kind, "date_from": date_from, **vals})

    @staticmethod
    def rows(figures, field):
        """{label: count} of one dimension of the figures."""
        [dimension] = [d for d in figures["dimensions"] if d["field"] == field]
        return {row["label"]: row["count"] for row in dimension["rows"]}
