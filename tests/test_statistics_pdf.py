import io
import re
import unicodedata

from odoo.tools.pdf import PdfReader

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
    "信息发布与网络舆情",  # Publications and Online Opinion
    "接待费用",  # Reception Expenses
]


class TestStatisticsPdf(StatisticsCase):
    """The report is a real PDF, with the company's header, whose Chinese text
    can be read back: wkhtmltopdf embeds the CJK font with its Unicode map."""

    def pdf_text(self, report):
        content, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("helpdesk_property_info.action_report_info_statistics", report.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(content.startswith(b"%PDF"))
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
        # Some CJK glyphs map back to their Kangxi radical twins (⽉ for 月):
        # compatibility normalisation folds them into the ideographs.
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))

    def test_the_pdf_prints_the_chinese_headings_in_the_company_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "helpdesk_property_info")]
        )._update_translations("zh_CN")
        self.company.partner_id.lang = "zh_CN"
        self.company.name = "祥和物业服务有限公司"
        self.ticket(shanghai(2024, 3, 5), category_id=self.cat_civil.id, **self.negative)
        text = self.pdf_text(self.report())
        for heading in HEADINGS:
            self.assertIn(heading, text)
        self.assertIn("祥和物业服务有限公司", text)  # the company header
        self.assertIn("土建", text)  # a translated content type
        self.assertIn("2024-03-04", text)
