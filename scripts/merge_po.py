"""Merge the templates into the Simplified Chinese catalogues, which are the
source of the translations.

- i18n/zh_CN.po: the addon's own terms, against i18n/helpdesk_property_info.pot;
- i18n_extra/zh_CN.po: helpdesk_mgmt's, base_tier_validation's and
  helpdesk_type's records, fields, views and menus, which they do not
  translate into Chinese themselves, against their .pot files (their model
  and model_terms entries only). They live apart because Odoo merges
  i18n/zh_CN.po with the addon's .pot on load and would drop them as
  obsolete. Its entries of the addon's own module (``#. module:
  helpdesk_property_info``) are kept as they are: the Chinese of records of
  other modules that no template carries but the addon's screens show (the
  addon's entry in Apps, base's module record; mail's and
  base_tier_validation's selection values on the addon's models).

As GNU msgmerge does, without its fuzzy matching: a translation already in the
catalogue is kept (a fuzzy one stays fuzzy), a new term comes in
untranslated, a term the template no longer has is dropped. The locations
and extracted comments come from the template, the translator's comments from
the catalogue. Exits non-zero with the list of the terms left to translate.
"""

import re
import sys
import sysconfig
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
MODULE = "helpdesk_property_info"
ADDONS = Path(sysconfig.get_paths()["purelib"]) / "odoo/addons"
UPSTREAM_POTS = [
    ADDONS / "helpdesk_mgmt/i18n/helpdesk_mgmt.pot",
    ADDONS / "base_tier_validation/i18n/base_tier_validation.pot",
    ADDONS / "helpdesk_type/i18n/helpdesk_type.pot",
]
WRAP = 78


def _module(entry):
    match = re.search(r"\bmodules?: (\w+)", entry.comment or "")
    return match and match.group(1)


def _key(entry):
    # By module too: i18n_extra holds a term of two modules apart when they
    # translate it differently (Odoo reads the module of each entry).
    return (_module(entry), entry.msgctxt, entry.msgid)


def template_entries(pot_paths, occurrence_prefixes=None):
    """The entries of one or more templates, each term once per module. With
    `occurrence_prefixes`, only the locations that start with one of them are
    kept, and the terms left without any are left out."""
    entries = {}
    for pot_path in pot_paths:
        for entry in polib.pofile(str(pot_path)):
            if entry.obsolete or not entry.msgid:
                continue
            occurrences = entry.occurrences
            if occurrence_prefixes:
                occurrences = [
                    o
                    for o in occurrences
                    if o[0].startswith(tuple(occurrence_prefixes))
                ]
                if not occurrences:
                    continue
            if _key(entry) in entries:
                known = entries[_key(entry)]
                known.occurrences += [
                    o for o in occurrences if o not in known.occurrences
                ]
                continue
            entries[_key(entry)] = polib.POEntry(
                msgctxt=entry.msgctxt,
                msgid=entry.msgid,
                msgid_plural=entry.msgid_plural,
                comment=entry.comment,
                occurrences=list(occurrences),
                flags=[f for f in entry.flags if f != "fuzzy"],
            )
    return list(entries.values())


def merge(po_path, template, language="zh_CN", pot_metadata=None):
    """Merge `template` (POEntry list) into the catalogue at `po_path`, in
    place. Returns the msgids left untranslated (or fuzzy)."""
    po_path = Path(po_path)
    old = polib.pofile(str(po_path), wrapwidth=WRAP) if po_path.exists() else None
    translations = {_key(e): e for e in old if not e.obsolete} if old else {}
    merged = polib.POFile(wrapwidth=WRAP)
    if old is not None:
        merged.header = old.header
        merged.metadata = dict(old.metadata)
    else:
        merged.metadata = {
            "Project-Id-Version": "Odoo Server 19.0",
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "",
        }
    merged.metadata.update(
        {"Language": language, "Plural-Forms": "nplurals=1; plural=0;"}
    )
    if pot_metadata and pot_metadata.get("POT-Creation-Date"):
        merged.metadata["POT-Creation-Date"] = pot_metadata["POT-Creation-Date"]
    untranslated = []
    for ref in template:
        entry = polib.POEntry(
            msgctxt=ref.msgctxt,
            msgid=ref.msgid,
            msgid_plural=ref.msgid_plural,
            comment=ref.comment,
            occurrences=list(ref.occurrences),
            flags=list(ref.flags),
        )
        known = translations.get(_key(ref))
        if known is not None:
            entry.msgstr = known.msgstr
            entry.msgstr_plural = dict(known.msgstr_plural)
            entry.tcomment = known.tcomment
            if known.fuzzy:
                entry.flags.append("fuzzy")
        if not (entry.msgstr or any(entry.msgstr_plural.values())) or entry.fuzzy:
            untranslated.append(entry.msgid)
        merged.append(entry)
    merged.save(str(po_path))
    return untranslated


def _record(occurrence):
    """The record and field a `model:` location translates, whichever module
    names it: ir.model and ir.model.fields records have one external id per
    module that defines or extends them, all named alike."""
    match = re.match(r"model:([\w.]+),(\w+):\w+\.(\w+)$", occurrence)
    return match and match.groups()


def extra_template(extra_path, addon_template=()):
    """The template of i18n_extra/zh_CN.po: the upstream modules' record
    terms, and the catalogue's own entries of the addon's module. A record
    the addon's template translates too (a model or field the addon extends)
    is left to the addon: Odoo would write both translations to the same
    record in one statement, and which one wins would be chance."""
    addon_records = {
        _record(o) for e in addon_template for o, _line in e.occurrences
    } - {None}
    own = (
        [e for e in polib.pofile(str(extra_path)) if _module(e) == MODULE]
        if extra_path.exists()
        else []
    )
    upstream = []
    for entry in template_entries(
        UPSTREAM_POTS, occurrence_prefixes=("model:", "model_terms:")
    ):
        entry.occurrences = [
            o for o in entry.occurrences if _record(o[0]) not in addon_records
        ]
        if entry.occurrences:
            upstream.append(entry)
    return upstream + own


def main():
    pot_path = ROOT / "i18n" / f"{MODULE}.pot"
    pot = polib.pofile(str(pot_path))
    addon_template = template_entries([pot_path])
    missing = merge(ROOT / "i18n/zh_CN.po", addon_template, pot_metadata=pot.metadata)
    (ROOT / "i18n_extra").mkdir(exist_ok=True)
    extra = ROOT / "i18n_extra/zh_CN.po"
    missing += merge(
        extra, extra_template(extra, addon_template), pot_metadata=pot.metadata
    )
    if missing:
        sys.exit(
            f"{len(missing)} terms have no zh_CN translation (or a fuzzy one); "
            "translate them in i18n/zh_CN.po or i18n_extra/zh_CN.po:\n"
            + "\n".join(missing)
        )


if __name__ == "__main__":
    main()
