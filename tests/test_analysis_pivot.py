from .common import PropertyInfoCase

GROUPINGS = [[], ["type_id"], ["info_nature"], ["type_id", "info_nature"]]


class TestAnalysisPivot(PropertyInfoCase):
    """The Information Analysis pivot groups the tickets by kind and nature
    in one plain grouping, without joining the kinds to every ticket, and
    shows the groups and figures Odoo gives: the kinds in their own order,
    no kind last."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Type = cls.env["helpdesk.ticket.type"]
        # Created in the reverse of their order by name.
        cls.zeta = Type.create({"name": "Zeta enquiry"})
        cls.alpha = Type.create({"name": "Alpha enquiry"})
        cls.tickets = cls.Ticket.browse()
        for kind, nature in (
            (cls.zeta, "negative"),
            (cls.alpha, "positive"),
            (cls.alpha, "negative"),
            (cls.zeta, "negative"),
            (False, "positive"),
            (False, False),
        ):
            cls.tickets |= cls.Ticket.create(
                cls.phone_vals(type_id=kind and kind.id, info_nature=nature)
            )

    def pivot(self, aggregates=("__count",), **kwargs):
        return self.Ticket.with_user(self.agent).formatted_read_grouping_sets(
            [("id", "in", self.tickets.ids)], GROUPINGS, aggregates, **kwargs
        )

    def test_groups_in_the_order_odoo_gives(self):
        shown = self.pivot()
        # Odoo's own order, in SQL, is asked for with an explicit order.
        self.assertEqual(shown, self.pivot(order="type_id,info_nature"))
        by_kind = [(group["type_id"], group["__count"]) for group in shown[1]]
        self.assertEqual(
            by_kind,
            [
                ((self.alpha.id, "Alpha enquiry"), 2),
                ((self.zeta.id, "Zeta enquiry"), 2),
                (False, 2),
            ],
        )
        self.assertEqual(
            [(group["type_id"], group["info_nature"]) for group in shown[3]],
            [
                ((self.alpha.id, "Alpha enquiry"), "negative"),
                ((self.alpha.id, "Alpha enquiry"), "positive"),
                ((self.zeta.id, "Zeta enquiry"), "negative"),
                (False, "positive"),
                (False, False),
            ],
        )
        self.assertEqual(shown[0][0]["__count"], 6)

    def test_sums_minimums_and_averages_as_odoo_gives_them(self):
        self.tickets[:3].color = 3
        self.tickets[3].color = 5
        for aggregates in (
            ["__count", "color:sum", "intake_date:max", "color:min"],
            ["color:avg"],
        ):
            with self.subTest(aggregates=aggregates):
                self.assertEqual(
                    self.pivot(aggregates=aggregates),
                    self.pivot(aggregates=aggregates, order="type_id,info_nature"),
                )

    def test_one_plain_grouping_without_the_kinds(self):
        self.env.invalidate_all()
        with self.recorded_queries() as queries:
            self.pivot()
        [grouping] = [query for query in queries if "GROUPING SETS" in query]
        self.assertIn(
            'GROUPING SETS (("helpdesk_ticket"."type_id", '
            '"helpdesk_ticket"."info_nature"))',
            grouping,
        )
        self.assertNotIn('"helpdesk_ticket_type"', grouping)
        # Odoo's own order joins them.
        self.env.invalidate_all()
        with self.recorded_queries() as queries:
            self.pivot(order="type_id,info_nature")
        [grouping] = [query for query in queries if "GROUPING SETS" in query]
        self.assertIn('"helpdesk_ticket_type"', grouping)
