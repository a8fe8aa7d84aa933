import base64
from pathlib import Path

import lxml.html

from odoo.tests import TransactionCase

MODULE = "helpdesk_property_info"
ADDON = Path(__file__).resolve().parent.parent


class TestAppsPage(TransactionCase):
    """What Odoo's Apps page shows of the addon: its generated HTML
    description, its author and its icon."""

    def setUp(self):
        super().setUp()
        self.module = self.env["ir.module.module"].search([("name", "=", MODULE)])

    def test_the_description_is_the_html_page(self):
        html = self.module.description_html
        text = lxml.html.fromstring(html).text_content()
        self.assertIn("Helpdesk Property Information", text)
        self.assertIn("物业公司客户信息管理标准", text)
        for section in (
            "Configuration",
            "Usage",
            "Security model",
            "JSON-2 API",
            "Contributors",
        ):
            self.assertIn(section, text)
        # Rendered, not Markdown shown as reStructuredText.
        self.assertNotIn("|---|", text)
        self.assertNotIn("](static/", text)
        # Outside of the code examples, whose shell comments start with "#".
        page = lxml.html.fromstring(html)
        for pre in page.iter("pre"):
            pre.drop_tree()
        prose = page.text_content()
        markdown_headings = [
            line
            for line in prose.splitlines()
            if line.lstrip().startswith(("# ", "## "))
        ]
        self.assertEqual(markdown_headings, [])
        self.assertIn("<table", html)
        self.assertIn("curl -s", text)
        self.assertIn(f'src="/{MODULE}/static/description/ticket_form.png"', html)
        for image in lxml.html.fromstring(html).iter("img"):
            name = image.get("src").removeprefix(f"/{MODULE}/")
            self.assertTrue((ADDON / name).is_file(), name)

    def test_author_and_icon(self):
        self.assertEqual(self.module.author, "Helpdesk Property Info Team")
        self.assertEqual(self.module.license, "AGPL-3")
        self.assertEqual(self.module.icon, f"/{MODULE}/static/description/icon.png")
        icon = (ADDON / "static/description/icon.png").read_bytes()
        self.assertEqual(base64.b64decode(self.module.icon_image), icon)
        self.assertTrue(icon.startswith(b"\x89PNG"))
