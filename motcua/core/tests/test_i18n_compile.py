import gettext

import polib

from motcua.core.i18n import compile_messages


def test_compiles_po_to_mo_without_fuzzy_entries(tmp_path):
    source = tmp_path / "locale" / "vi" / "LC_MESSAGES"
    source.mkdir(parents=True)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="Search", msgstr="Tìm kiếm"))
    po.append(polib.POEntry(msgid="Draft", msgstr="Bản nháp", flags=["fuzzy"]))
    po.save(str(source / "django.po"))

    written = compile_messages(tmp_path / "locale", tmp_path / "out")

    assert [p.relative_to(tmp_path) for p in written] == [
        tmp_path.joinpath("out/vi/LC_MESSAGES/django.mo").relative_to(tmp_path)
    ]
    with written[0].open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    assert translations.gettext("Search") == "Tìm kiếm"
    assert translations.gettext("Draft") == "Draft"
