"""Rebuild the Simplified Chinese catalogues.

- i18n/zh_CN.po: the addon's own terms (i18n/helpdesk_property_info.pot,
  zh_CN_terms.py and zh_CN_tier_validation_messages.py);
- i18n_extra/zh_CN.po: helpdesk_mgmt's and base_tier_validation's records,
  fields, views and menus, which they do not translate into Chinese themselves
  (their .pot files, zh_CN_helpdesk_mgmt_terms.py and
  zh_CN_base_tier_validation_terms.py). They live apart because Odoo merges
  i18n/zh_CN.po with the addon's .pot on load and would drop them as obsolete.
"""

import sys
import sysconfig
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).parent))
from zh_CN_base_tier_validation_terms import BASE_TIER_VALIDATION_TERMS  # noqa: E402
from zh_CN_helpdesk_mgmt_terms import HELPDESK_MGMT_TERMS  # noqa: E402
from zh_CN_terms import TERMS  # noqa: E402
from zh_CN_tier_validation_messages import TERMS as TIER_VALIDATION_MESSAGES  # noqa: E402

I18N = Path(__file__).resolve().parent.parent / "i18n"
ADDONS = Path(sysconfig.get_paths()["purelib"]) / "odoo/addons"
UPSTREAM = [
    (ADDONS / "helpdesk_mgmt/i18n/helpdesk_mgmt.pot", HELPDESK_MGMT_TERMS),
    (ADDONS / "base_tier_validation/i18n/base_tier_validation.pot", BASE_TIER_VALIDATION_TERMS),
]


def upstream_translation(msgid, terms):
    if msgid in terms:
        return terms[msgid]
    if "\n" not in msgid:
        return ""
    # View texts over several lines: by the start of their first line.
    return next((text for key, text in terms.items() if msgid.startswith(key)), "")

TERMS = {**TERMS, **TIER_VALIDATION_MESSAGES}
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
for pot_path, terms in UPSTREAM:
    for entry in polib.pofile(str(pot_path)):
        occurrences = [o for o in entry.occurrences if o[0].startswith(("model:", "model_terms:"))]
        if not occurrences:
            continue
        entry.occurrences = occurrences
        entry.msgstr = upstream_translation(entry.msgid, terms)
        if not entry.msgstr:
            missing.append(entry.msgid)
        extra.append(entry)
(I18N.parent / "i18n_extra").mkdir(exist_ok=True)
extra.save(str(I18N.parent / "i18n_extra" / "zh_CN.po"))
if missing:
    sys.exit("no zh_CN translation for:\n" + "\n".join(missing))
