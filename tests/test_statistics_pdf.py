from .statistics_common import StatisticsCase, shanghai

HEADINGS = [
    "信息统计周报",  # Weekly Information Report
    "概况",  # Summary
    "信息分类统计",  # Information by Classification
    "答复及时率",  # Replies and Deadlines
    "超期未答复信息",  # Overdue Information
    "负面信息及趋势",  # Negative Information and Trend
    "回访率及满意度",  # Return Visits and Satisfaction
    "主要信息类别",  # Top Content Types
    "报修及到场情况",  # Repairs and Arrival on Site
    "信息发布与网络舆情",  # Publications and Online Opinion
    "接待费用",  # Reception Expenses
]


class TestStatisticsPdf(StatisticsCase):
    """The report is a real PDF, with the company's header, whose Chinese text
    can be read back: wkhtmltopdf embeds the CJK font with its Unicode map."""

    def test_the_pdf_prints_the_chinese_headings_in_the_company_language(self):
        self.company_in_chinese()
        self.ticket(
            shanghai(2024, 3, 5), category_id=self.cat_civil.id, **self.negative
        )
        text = self.render_pdf_text(
            "helpdesk_property_info.action_report_info_statistics", self.report()
        )
        for heading in HEADINGS:
            self.assertIn(heading, text)
        self.assertIn("祥和物业服务有限公司", text)  # the company header
        self.assertIn("土建", text)  # a translated content type
        self.assertIn("2024-03-04", text)
