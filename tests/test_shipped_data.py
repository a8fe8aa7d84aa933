from odoo.tests import TransactionCase

from .common import load_chinese


class TestShippedData(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_chinese(cls.env)

    def zh(self, xmlid, field="name"):
        return self.env.ref(xmlid).with_context(lang="zh_CN")[field]

    def test_source_locations_of_the_standard(self):
        sources = self.env["helpdesk.info.source"].search([])
        self.assertEqual(len(sources.filtered(lambda s: not s.company_id)), 9)
        self.assertEqual(
            self.zh("helpdesk_property_info.info_source_community"), "小区"
        )
        self.assertEqual(
            self.zh("helpdesk_property_info.info_source_construction_site"), "施工现场"
        )

    def test_involved_parties_of_the_standard(self):
        parties = self.env["helpdesk.info.party"].search([])
        self.assertEqual(len(parties), 8)
        self.assertEqual(
            self.zh("helpdesk_property_info.info_party_customer_group"), "群体客户"
        )
        self.assertEqual(self.zh("helpdesk_property_info.info_party_media"), "媒体")

    def test_content_type_hierarchy(self):
        engineering = self.env.ref("helpdesk_property_info.category_engineering")
        self.assertEqual(
            engineering.child_id.mapped("name"),
            ["Civil Works", "Decoration", "Landscaping", "Supporting Facilities"],
        )
        service = self.env.ref("helpdesk_property_info.category_property_service")
        self.assertEqual(len(service.child_id), 5)
        civil = self.env.ref("helpdesk_property_info.category_engineering_civil")
        self.assertEqual(
            civil.with_context(lang="zh_CN").complete_name, "工程类 / 土建"
        )

    def test_channels_and_their_intake_rules(self):
        expected = {
            "helpdesk_mgmt.helpdesk_ticket_channel_phone": (True, True, True, False),
            "helpdesk_property_info.channel_visit": (True, True, True, False),
            "helpdesk_property_info.channel_letter": (True, False, True, False),
            "helpdesk_property_info.channel_in_writing": (True, False, True, False),
            "helpdesk_property_info.channel_legal_letter": (True, False, True, False),
            "helpdesk_property_info.channel_online": (False, False, False, True),
            "helpdesk_property_info.channel_suggestion_box": (
                False,
                False,
                False,
                True,
            ),
            "helpdesk_property_info.channel_website_media": (False, False, False, True),
        }
        for xmlid, flags in expected.items():
            channel = self.env.ref(xmlid)
            with self.subTest(channel=xmlid):
                self.assertEqual(
                    (
                        channel.intake_require_name,
                        channel.intake_require_phone,
                        channel.intake_require_matter,
                        channel.intake_allow_anonymous,
                    ),
                    flags,
                )
        self.assertEqual(
            self.zh("helpdesk_property_info.channel_legal_letter"), "律师、法院函"
        )
        self.assertEqual(self.zh("helpdesk_mgmt.helpdesk_ticket_channel_phone"), "电话")

    def test_customer_service_department_receives_new_information(self):
        team = self.env.ref("helpdesk_property_info.team_customer_service")
        self.assertTrue(team.is_intake_team)
        self.assertEqual(team.with_context(lang="zh_CN").name, "客户服务部")

    def test_shipped_records_survive_an_upgrade(self):
        data = self.env["ir.model.data"].search(
            [
                ("module", "=", "helpdesk_property_info"),
                (
                    "model",
                    "in",
                    [
                        "helpdesk.info.source",
                        "helpdesk.info.party",
                        "helpdesk.ticket.category",
                        "helpdesk.ticket.channel",
                        "helpdesk.ticket.team",
                    ],
                ),
            ]
        )
        self.assertGreaterEqual(len(data), 9 + 8 + 14 + 10 + 1)
        self.assertTrue(all(data.mapped("noupdate")))

    def test_roles_read_in_chinese(self):
        group = self.env.ref("helpdesk_property_info.group_department_handler")
        self.assertEqual(group.with_context(lang="zh_CN").name, "对口部门处理人")
        self.assertEqual(
            self.env.ref("helpdesk_property_info.group_cs_agent")
            .with_context(lang="zh_CN")
            .name,
            "客服专员",
        )
