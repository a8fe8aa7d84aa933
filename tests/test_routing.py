from .common import PropertyInfoCase


class TestRouting(PropertyInfoCase):
    def ref(self, xmlid):
        return self.env.ref(f"helpdesk_property_info.{xmlid}")

    def classified(self, category, **overrides):
        return self.Ticket.create(
            self.phone_vals(category_id=self.ref(category).id, **overrides)
        )

    def test_each_shipped_rule_sends_its_content_to_its_department(self):
        expected = {
            "category_engineering_civil": (
                "team_after_sales_department",
                "route_civil_works",
            ),
            "category_engineering_landscaping": (
                "team_property_service_center",
                "route_landscaping",
            ),
            "category_engineering_facilities": (
                "team_after_sales_center",
                "route_supporting_facilities",
            ),
            "category_property_service": (
                "team_property_branch",
                "route_property_service",
            ),
            "category_property_service_quality": (
                "team_property_branch",
                "route_property_service",
            ),
            "category_local_government": (
                "team_customer_service",
                "route_local_disputes",
            ),
        }
        for category, (team, route) in expected.items():
            with self.subTest(category=category):
                ticket = self.classified(category)
                self.assertEqual(ticket.team_id, self.ref(team))
                self.assertEqual(ticket.route_id, self.ref(route))

    def test_unmatched_content_stays_with_customer_service(self):
        for category in (
            "category_engineering_decoration",
            "category_contract",
            "category_other",
        ):
            with self.subTest(category=category):
                ticket = self.classified(category)
                self.assertEqual(ticket.team_id, self.cs_team)
                self.assertFalse(ticket.route_id)

    def test_an_archived_rule_no_longer_routes(self):
        self.assertEqual(
            self.classified("category_engineering_civil").team_id,
            self.ref("team_after_sales_department"),
        )
        self.ref("route_civil_works").action_archive()
        self.assertEqual(
            self.classified("category_engineering_civil").team_id, self.cs_team
        )

    def test_the_decision_is_written_to_the_chatter(self):
        ticket = self.classified("category_engineering_civil")
        bodies = " ".join(ticket.message_ids.mapped("body"))
        self.assertIn("After-sales Service Department", bodies)
        self.assertIn(self.ref("route_civil_works").name, bodies)

    def test_a_team_given_by_the_agent_overrides_the_rules(self):
        ticket = self.classified(
            "category_engineering_civil", team_id=self.department.id
        )
        self.assertEqual(ticket.team_id, self.department)
        self.assertFalse(ticket.route_id)

    def test_reclassifying_an_unassigned_ticket_routes_it_again(self):
        ticket = self.classified("category_other")
        ticket.category_id = self.ref("category_engineering_landscaping")
        self.assertEqual(ticket.team_id, self.ref("team_property_service_center"))

    def test_an_assigned_ticket_is_not_rerouted(self):
        ticket = self.classified("category_other", user_id=self.agent.id)
        self.assertEqual(ticket.team_id, self.cs_team)
        ticket.category_id = self.ref("category_engineering_landscaping")
        self.assertEqual(ticket.team_id, self.cs_team)
        self.assertEqual(ticket.user_id, self.agent)

    def test_first_matching_rule_decides_and_conditions_combine(self):
        major_civil = self.env["helpdesk.info.route"].create(
            {
                "name": "Major civil works to a dedicated department",
                "sequence": 1,
                "category_ids": [(4, self.ref("category_engineering").id)],
                "level_ids": [(4, self.level_major.id)],
                "channel_ids": [(4, self.phone_channel.id)],
                "team_id": self.department.id,
                "user_id": self.handler.id,
            }
        )
        major = self.classified(
            "category_engineering_civil", level_id=self.level_major.id
        )
        self.assertEqual(major.route_id, major_civil)
        self.assertEqual(major.team_id, self.department)
        self.assertEqual(major.user_id, self.handler)
        general = self.classified("category_engineering_civil")
        self.assertEqual(general.route_id, self.ref("route_civil_works"))
        by_letter = self.classified(
            "category_engineering_civil",
            level_id=self.level_major.id,
            channel_id=self.letter_channel.id,
            contact_phone=False,
        )
        self.assertEqual(by_letter.route_id, self.ref("route_civil_works"))

    def test_rules_on_party_and_source(self):
        media_rule = self.env["helpdesk.info.route"].create(
            {
                "name": "Media to Customer Service",
                "sequence": 1,
                "party_ids": [(4, self.ref("info_party_media").id)],
                "source_ids": [(4, self.ref("info_source_website_media").id)],
                "team_id": self.cs_team.id,
            }
        )
        ticket = self.classified(
            "category_engineering_civil",
            involved_party_id=self.ref("info_party_media").id,
            info_source_id=self.ref("info_source_website_media").id,
        )
        self.assertEqual(ticket.route_id, media_rule)
        self.assertEqual(ticket.team_id, self.cs_team)

    def test_batch_creation_routes_every_ticket(self):
        tickets = self.Ticket.create(
            [self.phone_vals(category_id=self.ref("category_engineering_civil").id)] * 5
            + [
                self.phone_vals(
                    category_id=self.ref("category_engineering_landscaping").id
                )
            ]
            * 5
        )
        self.assertEqual(
            tickets.mapped("team_id"),
            self.ref("team_after_sales_department")
            | self.ref("team_property_service_center"),
        )
        self.assertTrue(
            all(
                len(t.message_ids.filtered(lambda m: "Routed" in (m.body or ""))) == 1
                for t in tickets
            )
        )
