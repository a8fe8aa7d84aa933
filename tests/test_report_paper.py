import io
import re

from odoo.tools.pdf import PdfReader

from .statistics_common import StatisticsCase, shanghai

WEEKLY = "helpdesk_property_info.action_report_info_statistics"
A4 = (595, 842)  # points


class TestReportPaper(StatisticsCase):
    """Every document the addon prints is an A4 sheet whose Chinese prints in
    Simplified Chinese glyphs and whose table rows are not cut by a page
    break, whatever paper the company prints its other documents on."""

    def test_every_report_of_the_addon_has_an_a4_paper_format(self):
        reports = self.env["ir.actions.report"].search(
            [("report_name", "=like", "helpdesk_property_info.%")]
        )
        self.assertGreaterEqual(len(reports), 4)
        for report in reports:
            with self.subTest(report=report.report_name):
                paper = report.paperformat_id
                self.assertEqual(paper.format, "A4")
                self.assertEqual(paper.orientation, "Portrait")
                # The company header is part of the body: no room is kept
                # for a header page that Debian's wkhtmltopdf never prints.
                self.assertLessEqual(paper.margin_top, 20)
                self.assertFalse(paper.header_spacing)

    def test_the_weekly_report_prints_on_a4_in_simplified_chinese(self):
        self.company_in_chinese()
        self.company.paperformat_id = self.env.ref("base.paperformat_us")  # Letter
        self.ticket(
            shanghai(2024, 3, 5), category_id=self.cat_civil.id, **self.negative
        )
        report = self.report()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(WEEKLY, report.ids)[0]
            .decode()
        )
        self.assertRegex(html, r'<div class="o_hpi_document" lang="zh-CN">')
        self.assertIn("'Noto Sans CJK SC'", html)
        self.assertRegex(
            html, r"\.o_hpi_document tr,[^{]*\{\s*page-break-inside: avoid;"
        )
        content, _kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(WEEKLY, report.ids)
        )
        pages = PdfReader(io.BytesIO(content)).pages
        self.assertTrue(pages)
        for page in pages:
            box = page.mediabox
            self.assertEqual((round(float(box.width)), round(float(box.height))), A4)
        # The CJK font embedded is the Simplified Chinese one.
        fonts = set(re.findall(rb"/BaseFont\s*/(?:[A-Z]{6}\+)?([\w-]+)", content))
        self.assertTrue(any(b"CJKsc" in font for font in fonts), fonts)
        self.assertFalse(any(b"CJKjp" in font for font in fonts), fonts)
