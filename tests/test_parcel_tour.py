from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestParcelOnPhone(HttpCase):
    """The front desk logs a parcel and hands it over, on a phone."""

    browser_size = "390x844"
    touch_enabled = True

    def test_the_desk_logs_a_parcel_and_hands_it_over(self):
        env = self.env
        env["res.lang"]._activate_lang("zh_CN")
        clerk = new_test_user(
            env,
            login="hpi_parcel_clerk",
            groups="helpdesk_property_info.group_cs_agent",
            company_id=env.company.id,
            tz="Asia/Shanghai",
            lang="zh_CN",
        )
        community = env["helpdesk.info.community"].create({"name": "邮件花园"})
        owner = env["res.partner"].create(
            {"name": "钱女士", "email": "qian.tour@example.com"}
        )
        self.start_tour(
            "/odoo/helpdesk-parcels", "helpdesk_info_parcel_tour", login=clerk.login
        )
        parcel = env["helpdesk.info.parcel"].search(
            [("tracking_number", "=", "SF-TOUR-0001")]
        )
        self.assertEqual(parcel.community_id, community)
        self.assertEqual(parcel.partner_id, owner)
        self.assertEqual(parcel.state, "handed")
        self.assertEqual(parcel.handed_by_id, clerk)
        self.assertEqual(parcel.collected_by, "钱女士")
        self.assertTrue(parcel.signature)
        self.assertTrue(
            parcel.message_ids.filtered(lambda m: owner in m.partner_ids),
            "the owner was told",
        )
