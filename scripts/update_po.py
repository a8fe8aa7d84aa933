"""Rebuild i18n/zh_CN.po from i18n/helpdesk_property_info.pot and zh_CN_terms.py.

Translations of helpdesk_mgmt's records go to i18n_extra/zh_CN.po: Odoo merges
i18n/zh_CN.po with the .pot on load, which would drop them as obsolete.
"""

import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).parent))
from zh_CN_terms import FOREIGN_RECORDS, TERMS  # noqa: E402

I18N = Path(__file__).resolve().parent.parent / "i18n"
MODULE = "helpdesk_property_info"

pot = polib.pofile(str(I18N / f"{MODULE}.pot"))
po = polib.POFile(wrapwidth=78)
po.metadata = dict(pot.metadata, Language="zh_CN", **{"Plural-Forms": "nplurals=1; plural=0;"})
po.header = pot.header
missing = []
for entry in pot:
    entry.msgstr = TERMS.get(entry.msgid, "")
    if not entry.msgstr:
        missing.append(entry.msgid)
    po.append(entry)
po.save(str(I18N / "zh_CN.po"))

extra = polib.POFile(wrapwidth=78)
extra.metadata = po.metadata
for reference, (msgid, msgstr) in FOREIGN_RECORDS.items():
    extra.append(
        polib.POEntry(
            msgid=msgid, msgstr=msgstr, comment=f"module: {MODULE}", occurrences=[(reference, "")]
        )
    )
(I18N.parent / "i18n_extra").mkdir(exist_ok=True)
extra.save(str(I18N.parent / "i18n_extra" / "zh_CN.po"))
if missing:
    sys.exit("no zh_CN translation for:\n" + "\n".join(missing))
