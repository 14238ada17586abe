"""Translations: the Vietnamese catalog is complete, and the pages follow the language switch."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.LOCALE_PATHS[0])
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdr]")


def vietnamese():
    return polib.pofile(str(LOCALE / "vi" / "LC_MESSAGES" / "django.po"))


def test_vietnamese_catalog_is_complete():
    catalog = vietnamese()
    assert [e.msgid for e in catalog.untranslated_entries()] == []
    assert [e.msgid for e in catalog.fuzzy_entries()] == []
    assert catalog.metadata["Language"] == "vi"
    assert not catalog.metadata_is_fuzzy


def test_vietnamese_keeps_every_placeholder():
    for entry in vietnamese().translated_entries():
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            assert sorted(PLACEHOLDER.findall(translation)) == sorted(
                set(PLACEHOLDER.findall(entry.msgid))
            ), entry.msgid


def test_english_catalog_has_the_same_messages():
    english = polib.pofile(str(LOCALE / "en" / "LC_MESSAGES" / "django.po"))
    assert {e.msgid for e in english} == {e.msgid for e in vietnamese()}
    assert [e.msgid for e in english.fuzzy_entries()] == []


@pytest.mark.django_db
def test_home_is_vietnamese_by_default_and_english_after_switching(client):
    page = client.get("/").content.decode()
    assert '<html lang="vi">' in page
    assert "Tra cứu thủ tục hành chính" in page
    assert "Bỏ qua, đến nội dung chính" in page

    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/thu-tuc/"})
    assert switched.status_code == 302
    assert switched["Location"] == "/thu-tuc/"

    page = client.get("/").content.decode()
    assert '<html lang="en">' in page
    assert "Find an administrative procedure" in page
    assert "Tra cứu thủ tục hành chính" not in page
    assert '<button type="submit" name="language" value="en" lang="en" aria-pressed="true">' in page

    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert '<html lang="vi">' in client.get("/").content.decode()


@pytest.mark.django_db
def test_pages_ignore_the_browser_language_but_the_api_follows_it(client):
    page = client.get("/", headers={"accept-language": "en-US,en;q=0.9"}).content.decode()
    assert '<html lang="vi">' in page

    problem = client.get("/api/v1/no-such-thing", headers={"accept-language": "en"}).json()
    assert problem["title"] == "Not found."
    problem = client.get("/api/v1/no-such-thing", headers={"accept-language": "vi"}).json()
    assert problem["title"] == "Không tìm thấy."


@pytest.mark.django_db
def test_an_unknown_language_cookie_falls_back_to_vietnamese(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert '<html lang="vi">' in client.get("/").content.decode()
