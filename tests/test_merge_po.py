import importlib.util
import shutil
import tempfile
from pathlib import Path

import polib

from odoo.tests import TransactionCase

ADDON = Path(__file__).resolve().parent.parent
MODULE = "helpdesk_property_info"


def load_merge_po():
    spec = importlib.util.spec_from_file_location(
        "merge_po", ADDON / "scripts/merge_po.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def entry(
    msgid, msgstr="", module=MODULE, where="model:ir.model.fields,field_description:x"
):
    return polib.POEntry(
        msgid=msgid,
        msgstr=msgstr,
        comment=f"module: {module}",
        occurrences=[(where, "")],
    )


class TestMergePo(TransactionCase):
    """`make pot` merges the exported .pot into the catalogues, which hold the
    translations: a translator's edit survives it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.merge_po = load_merge_po()

    def setUp(self):
        super().setUp()
        self.tmp = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.tmp)

    # pylint: disable-next=method-required-super  # the test's helper, not ORM's
    def write(self, name, entries):
        catalogue = polib.POFile()
        catalogue.metadata = {
            "Content-Type": "text/plain; charset=UTF-8",
            "POT-Creation-Date": "2026-01-01",
        }
        for item in entries:
            catalogue.append(item)
        catalogue.save(str(self.tmp / name))
        return self.tmp / name

    def test_an_edited_translation_survives_the_merge(self):
        pot = self.write(
            "t.pot",
            [entry("Room Number", where="model:a"), entry("Matter"), entry("Caller")],
        )
        fuzzy = entry("Caller", "来电人")
        fuzzy.flags.append("fuzzy")
        po = self.write(
            "zh_CN.po",
            [
                entry("Room Number", "房号", where="model:old"),
                entry("Matter", "事由"),
                fuzzy,
                entry("Gone", "已删除"),
            ],
        )
        # A translator edits a translation by hand and leaves a comment.
        edited = polib.pofile(str(po))
        edited.find("Matter").msgstr = "事由（手工修订）"
        edited.find("Matter").tcomment = "checked by the CS manager"
        edited.save()
        pot_file = polib.pofile(str(pot))
        pot_file.append(entry("Anonymous"))  # a new term
        pot_file.save()

        untranslated = self.merge_po.merge(po, self.merge_po.template_entries([pot]))

        merged = {e.msgid: e for e in polib.pofile(str(po))}
        self.assertEqual(list(merged), ["Room Number", "Matter", "Caller", "Anonymous"])
        self.assertEqual(merged["Matter"].msgstr, "事由（手工修订）")
        self.assertEqual(merged["Matter"].tcomment, "checked by the CS manager")
        self.assertEqual(merged["Room Number"].msgstr, "房号")
        self.assertEqual(merged["Room Number"].occurrences, [("model:a", "")])
        self.assertEqual(merged["Anonymous"].msgstr, "")
        self.assertTrue(merged["Caller"].fuzzy)
        self.assertNotIn("Gone", merged)
        self.assertEqual(untranslated, ["Caller", "Anonymous"])
        self.assertEqual(polib.pofile(str(po)).metadata["Language"], "zh_CN")

    def test_a_term_of_two_modules_keeps_each_translation(self):
        one = self.write(
            "one.pot",
            [
                entry(
                    "Description", module="helpdesk_mgmt", where="model:helpdesk_mgmt.x"
                )
            ],
        )
        two = self.write(
            "two.pot",
            [
                entry(
                    "Description",
                    module="base_tier_validation",
                    where="model:base_tier_validation.y",
                ),
                entry(
                    "Only code",
                    module="base_tier_validation",
                    where="code:addons/base_tier_validation/z.py",
                ),
            ],
        )
        po = self.write(
            "extra.po",
            [
                entry("Description", "说明", module="helpdesk_mgmt"),
                entry("Description", "详细说明", module="base_tier_validation"),
            ],
        )
        template = self.merge_po.template_entries(
            [one, two], occurrence_prefixes=("model:", "model_terms:")
        )
        self.assertEqual(self.merge_po.merge(po, template), [])
        self.assertEqual(
            [e.msgstr for e in polib.pofile(str(po))], ["说明", "详细说明"]
        )

    def test_a_record_the_addon_extends_is_translated_by_the_addon_alone(self):
        """helpdesk.ticket's model name and the fields the addon relabels
        have an external id in helpdesk_mgmt and one in the addon: with a
        translation under each, Odoo writes both in one statement and either
        may win, install after install."""
        addon = self.merge_po.template_entries([ADDON / f"i18n/{MODULE}.pot"])
        extra = self.merge_po.extra_template(ADDON / "i18n_extra/zh_CN.po", addon)
        locations = {o for e in extra for o, _line in e.occurrences}
        for location in (
            "model:ir.model,name:helpdesk_mgmt.model_helpdesk_ticket",
            "model:ir.model.fields,field_description:"
            "helpdesk_mgmt.field_helpdesk_ticket__category_id",
            "model:ir.model,name:base_tier_validation.model_tier_review",
        ):
            self.assertNotIn(location, locations)
        self.assertIn(
            "model:ir.model,name:helpdesk_mgmt.model_helpdesk_ticket_stage", locations
        )
        shipped = {
            o
            for e in polib.pofile(str(ADDON / "i18n_extra/zh_CN.po"))
            for o, _line in e.occurrences
        }
        self.assertFalse(
            {self.merge_po._record(o) for o in shipped}
            & {self.merge_po._record(o) for e in addon for o, _line in e.occurrences}
            - {None}
        )
        ticket = self.env["ir.model"]._get("helpdesk.ticket")
        self.assertEqual(ticket.with_context(lang="zh_CN").name, "服务台工单")

    def test_the_shipped_catalogues_are_merged_and_complete(self):
        addon = self.merge_po.template_entries([ADDON / f"i18n/{MODULE}.pot"])
        for catalogue, template in (
            ("i18n/zh_CN.po", addon),
            (
                "i18n_extra/zh_CN.po",
                self.merge_po.extra_template(ADDON / "i18n_extra/zh_CN.po", addon),
            ),
        ):
            shipped = polib.pofile(str(ADDON / catalogue))
            copy = shutil.copy(ADDON / catalogue, self.tmp / "copy.po")
            self.assertEqual(self.merge_po.merge(copy, template), [], catalogue)
            merged = polib.pofile(str(copy))
            self.assertEqual(
                [(e.msgid, e.msgstr) for e in merged],
                [(e.msgid, e.msgstr) for e in shipped],
                f"{catalogue} is not merged with its .pot: run `make pot`",
            )
