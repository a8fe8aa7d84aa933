from odoo.tests import freeze_time

from .test_repair import RepairCase

REPORT = "helpdesk_property_info.action_report_repair_order"


class TestRepairOrderReport(RepairCase):
    """The repair order (《维修服务单》) prints a repair's sheet for the
    owner's and the worker's signatures, in the company's language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        community = cls.env["helpdesk.info.community"].create({"name": "祥和花园一期"})
        building = cls.env["helpdesk.info.building"].create(
            {"community_id": community.id, "code": "3"}
        )
        cls.unit = cls.env["helpdesk.info.unit"].create(
            {
                "community_id": community.id,
                "building_id": building.id,
                "entrance": "2",
                "room": "501",
            }
        )
        cls.worker.name = "王师傅"

    def setUp(self):
        super().setUp()
        self.ticket = self.dispatched(
            self.emergency,
            unit_id=self.unit.id,
            contact_name="李先生",
            contact_phone="13812345678",
            name="厨房水龙头漏水",
            matter="水龙头一直滴水",
        )
        with freeze_time("2026-01-05 02:08:00"):
            self.ticket.with_user(self.worker).action_repair_arrive()
        self.ticket.with_user(self.worker).repair_materials = "水龙头阀芯 1 个"
        with freeze_time("2026-01-05 02:40:00"):
            self.ticket.with_user(self.worker).action_repair_done()

    def test_the_repair_order_is_a_pdf(self):
        self.company_in_chinese()
        text = self.render_pdf_text(REPORT, self.ticket)
        self.assertIn("维修服务单", text)
        self.assertIn(self.ticket.number, text)

    def test_the_repair_order_in_chinese_shows_the_repair(self):
        self.company_in_chinese()
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            REPORT, self.ticket.ids
        )
        html = html.decode()
        for label in (
            "维修服务单",
            "房号",
            "小区",
            "报修人",
            "联系电话",
            "报修时间",
            "受理人",
            "紧急程度",
            "预约时间",
            "到场时限",
            "维修工",
            "到场时间",
            "完工时间",
            "报修内容",
            "所用材料",
            "业主签字",
            "维修工签字",
            "日期",
        ):
            self.assertIn(label, html)
        for value in (
            "祥和物业服务有限公司",
            self.ticket.number,
            "3-2-501",
            "祥和花园一期",
            "李先生",
            self.ticket.contact_phone,
            self.agent.name,
            "特急",
            "王师傅",
            "厨房水龙头漏水",
            "水龙头一直滴水",
            "水龙头阀芯 1 个",
            # Reported at 10:00 in Shanghai, on site by 10:10, there at
            # 10:08, done at 10:40.
            "2026-01-05 10:00",
            "2026-01-05 10:10",
            "2026-01-05 10:08",
            "2026-01-05 10:40",
        ):
            self.assertIn(value, html)
        self.assertNotIn('name="repair_fee"', html)  # a free repair
        self.assertNotIn("Repair Order", html)

    def test_a_paid_repair_prints_its_fee(self):
        self.company_in_chinese()
        owner = self.env["res.partner"].create({"name": "王建国"})
        ticket = self.dispatched(self.ordinary, partner_id=owner.id, repair_paid=True)
        ticket.with_user(self.worker).write(
            {
                "repair_fee_line_ids": [
                    (0, 0, {"name": "疏通下水道", "quantity": 1, "price_unit": 80}),
                    (0, 0, {"name": "管箍", "quantity": 2, "price_unit": 7.5}),
                ]
            }
        )
        with freeze_time("2026-01-05 03:00:00"):
            ticket.with_user(self.worker).action_repair_agree_fee()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(REPORT, ticket.ids)[0]
            .decode()
        )
        for text in (
            "有偿服务",
            "疏通下水道",
            "管箍",
            "80.00",
            "15.00",
            "95.00",
            "2026-01-05 11:00",
        ):
            self.assertIn(text, html)

    def test_the_repair_order_is_offered_on_repairs_only(self):
        complaint = self.Ticket.create(self.phone_vals())
        action = self.env.ref(REPORT)
        self.assertEqual(action.binding_model_id.model, "helpdesk.ticket")
        self.assertEqual(
            action.get_valid_action_reports("helpdesk.ticket", self.ticket.ids),
            action.ids,
        )
        self.assertEqual(
            action.get_valid_action_reports("helpdesk.ticket", complaint.ids), []
        )
        form = self.Ticket.with_user(self.agent).get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        self.assertIn("Print Repair Order", form)

    def test_the_worker_prints_his_repair_order(self):
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.worker)
            ._render_qweb_html(REPORT, self.ticket.ids)
        )
        self.assertIn("3-2-501", html.decode())
        self.assertIn(self.agent.name, html.decode())
