from pathlib import Path

import polib

from odoo.tests import TransactionCase
from odoo.tools.translate import TranslationModuleReader

I18N = Path(__file__).resolve().parent.parent / "i18n"
MODULE = "helpdesk_property_info"


class TestTranslations(TransactionCase):
    def test_every_term_of_the_pot_has_a_chinese_translation(self):
        pot = polib.pofile(str(I18N / f"{MODULE}.pot"))
        po = {entry.msgid: entry for entry in polib.pofile(str(I18N / "zh_CN.po"))}
        self.assertGreater(len(pot), 100)
        untranslated = [
            entry.msgid
            for entry in pot
            if entry.msgid not in po
            or not po[entry.msgid].msgstr
            or po[entry.msgid].fuzzy
        ]
        self.assertEqual(untranslated, [], "terms without a zh_CN translation")

    def test_the_pot_holds_every_term_odoo_exports(self):
        pot_terms = {entry.msgid for entry in polib.pofile(str(I18N / f"{MODULE}.pot"))}
        reader = TranslationModuleReader(self.env.cr, modules=[MODULE], lang="en_US")
        exported = {
            source for (_module, _type, _name, _res_id, source, *_rest) in reader
        }
        self.assertEqual(sorted(exported - pot_terms), [], "run `make pot`")

    def test_the_ticket_form_reads_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", MODULE)]
        )._update_translations("zh_CN")
        fields = (
            self.env["helpdesk.ticket"]
            .with_context(lang="zh_CN")
            .fields_get(
                ["contact_name", "room_number", "matter", "info_nature", "importance"],
                ["string", "selection"],
            )
        )
        self.assertEqual(fields["room_number"]["string"], "房号")
        self.assertEqual(fields["matter"]["string"], "事由")
        self.assertEqual(dict(fields["info_nature"]["selection"])["negative"], "负面")
        self.assertEqual(dict(fields["importance"]["selection"])["important"], "重要")
