"""Every person in their own language: complete translations, the chooser, fallbacks, and pages
that show no English left but staff text, names and official abbreviations.

The completeness tests read the files translators write (translations/<lang>/LC_MESSAGES/
messages.po and content/<lang>/*.yml); the page tests render every kiosk page in every
language through the real app.
"""
from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup, Comment, Doctype
from flask import g
from flask_babel import get_domain, gettext
from sqlalchemy import select

from kiosk import create_app
from kiosk.extensions import db
from kiosk.i18n import LANGUAGES, best_language, format_day
from kiosk.models import KioskAccount, Person
from kiosk.services.wording import content as content_module
from kiosk.services.wording.content import content_for
from support.kiosk import DANNY, LICENSEE, LIFER, import_people, set_display, sign_in_as, varied_people

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "translations" / "messages.pot"
CONTENT = ROOT / "content"
TRANSLATED = [code for code in LANGUAGES if code != "en"]
# Fields that are not wording: ids, picture names, and the English spellings the jargon
# finder looks for in staff text (staff write in English).
NOT_WORDING = {"key", "picture", "match", "source"}
# English files that hold no wording to translate here: sources, and the term base (its own
# test, tests/test_terms.py, checks each language's content/<lang>/terms.yml).
NOT_TRANSLATED_FILES = {"value_sources.yml", "terms.yml"}


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues():
    """Compile the .po files as scripts/install does, so pages show what translators wrote."""
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "compile",
                    "-d", str(ROOT / "translations")], check=True)


def read_catalogue(path: Path):
    with path.open("rb") as file:
        return read_po(file)


# (1) Completeness -----------------------------------------------------------------------------

def test_the_catalogue_template_holds_every_person_facing_string(tmp_path):
    """translations/messages.pot is what scripts/translations extracts from the code today."""
    fresh = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract",
                    "-F", "pyproject.toml", "-k", "_l", "-k", "lazy_gettext", "-o", str(fresh), "."],
                   cwd=ROOT, check=True)
    wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_catalogue(fresh) if m.id}
    have = {m.id if isinstance(m.id, str) else m.id[0] for m in read_catalogue(CATALOGUE) if m.id}
    assert wanted == have, (f"run scripts/translations: new {sorted(wanted - have)}, "
                            f"gone {sorted(have - wanted)}")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_interface_string_is_translated(lang):
    """No msgid of the template lacks a msgstr (every plural form), and none is fuzzy."""
    po = read_catalogue(ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po")
    problems = []
    for message in read_catalogue(CATALOGUE):
        if not message.id:
            continue
        found = po.get(message.id)
        label = message.id if isinstance(message.id, str) else message.id[0]
        if found is None:
            problems.append(f"missing from the .po (run scripts/translations {lang}): {label!r}")
        elif found.fuzzy:
            problems.append(f"fuzzy: {label!r}")
        elif not all((found.string,) if isinstance(found.string, str) else found.string):
            problems.append(f"no translation: {label!r}")
    assert not problems, f"translations/{lang}: {len(problems)} problem(s)\n" + "\n".join(problems)


def _untranslated(english, translated, path: str):
    """Paths in the English content tree with no wording at the same place in a translation."""
    if isinstance(english, dict):
        if not isinstance(translated, dict):
            yield path
            return
        for key, value in english.items():
            if key not in NOT_WORDING:
                yield from _untranslated(value, translated.get(key), f"{path}.{key}")
    elif isinstance(english, list) and english and all(isinstance(e, dict) and "key" in e for e in english):
        by_key = {e.get("key"): e for e in translated or [] if isinstance(e, dict)}
        for entry in english:
            yield from _untranslated(entry, by_key.get(entry["key"]), f"{path}[{entry['key']}]")
    elif isinstance(english, list):
        # An easy-read list may have its own number of lines in another language, but every
        # line needs its words and its picture.
        if not translated or not all(isinstance(i, dict) and str(i.get("text") or "").strip()
                                     and i.get("picture") for i in translated):
            yield path
    elif isinstance(english, str) and english.strip():
        if not isinstance(translated, str) or not translated.strip():
            yield path


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_content_field_is_translated(lang):
    """Every label, explanation, easy-read line and glossary meaning exists in the language."""
    problems = []
    for english_file in sorted((CONTENT / "en").glob("*.yml")):
        if english_file.name in NOT_TRANSLATED_FILES:
            continue
        english = yaml.safe_load(english_file.read_text("utf-8"))
        path = CONTENT / lang / english_file.name
        translated = yaml.safe_load(path.read_text("utf-8")) if path.exists() else None
        problems += list(_untranslated(english, translated, f"{lang}/{english_file.name}"))
    assert not problems, f"content/{lang}: {len(problems)} untranslated\n" + "\n".join(problems[:200])


# Fallbacks ------------------------------------------------------------------------------------

@pytest.mark.parametrize("tag, expected", [
    ("pl-PL", "pl"), ("vi", "vi"), ("ar-SA", "ar"), ("sq", "sq"), ("gd-GB", "gd"),
    ("ga-IE", "en"), ("", "en"), (None, "en"),
])
def test_a_language_the_product_lacks_falls_back_to_english(tag, expected):
    assert best_language(tag) == expected


def test_languages_are_named_in_themselves():
    assert LANGUAGES == {"en": "English", "gd": "Gàidhlig", "pl": "Polski", "sq": "Shqip",
                         "vi": "Tiếng Việt", "ar": "العربية"}


@pytest.fixture
def fake_content(tmp_path, monkeypatch):
    """A content tree with English and a half-translated language "xx"."""
    (tmp_path / "en").mkdir()
    (tmp_path / "xx").mkdir()
    (tmp_path / "en" / "values.yml").write_text("colour: {red: Red, blue: Blue}\n", "utf-8")
    (tmp_path / "xx" / "values.yml").write_text("colour: {red: Rouge}\n", "utf-8")
    term = {"key": "po", "term": "PO", "stands_for": "personal officer", "match": ["PO"],
            "plain": "Your officer.", "easy": "Your officer.", "picture": "user"}
    (tmp_path / "en" / "glossary.yml").write_text(yaml.safe_dump([term]), "utf-8")
    (tmp_path / "xx" / "glossary.yml").write_text(yaml.safe_dump(
        [{"key": "po", "match": ["OP"], "plain": "Votre agent."}]), "utf-8")
    monkeypatch.setattr(content_module, "CONTENT_ROOT", tmp_path)
    content_for.cache_clear()
    yield
    content_for.cache_clear()


def test_missing_content_falls_back_string_by_string(fake_content):
    words = content_for("xx")
    assert words.label("colour", "red") == "Rouge"
    assert words.label("colour", "blue") == "Blue"
    assert words.term("po").plain == "Votre agent."
    assert words.term("po").easy == "Your officer."


def test_glossary_spellings_stay_english_whatever_the_language(fake_content):
    """Staff write in English, so terms are found by the English spellings."""
    assert content_for("xx").term("po").match == ("PO",)


def test_missing_interface_strings_fall_back_string_by_string(tmp_path):
    """A catalogue with one string translated: that one changes, the other stays English.

    French stands in for a half-done language; Flask-Babel caches catalogues by locale for the
    whole process, so the test uses one no other test reads and drops it afterwards.
    """
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalogue = Catalog(locale="fr")
    catalogue.add("Settings", "Paramètres")
    with (folder / "messages.mo").open("wb") as file:
        write_mo(file, catalogue)
    app = create_app({"DATABASE_URL": "sqlite://", "SECRET_KEY": "test", "TESTING": True,
                      "BABEL_TRANSLATION_DIRECTORIES": str(tmp_path)})
    with app.test_request_context():
        g.language = "fr"
        try:
            assert gettext("Settings") == "Paramètres"
            assert gettext("Finish") == "Finish"
        finally:
            get_domain().cache.pop(("fr", "messages"), None)


def test_dates_are_written_for_the_language():
    day = date(2027, 3, 12)
    assert format_day(day, "en") == "12 March 2027"
    assert format_day(day, "pl") == "12 marca 2027"
    assert "مارس" in format_day(day, "ar")
    assert format_day(day, "vi") == "12 tháng 3, 2027"


# The chooser and remembering the choice ---------------------------------------------------------

@pytest.fixture
def people(db_session):
    import_people(db_session, varied_people(date.today()))


def language_of(db_session, prison_number: str) -> str | None:
    db_session.expire_all()
    person = db_session.scalars(select(Person).where(Person.prison_number == prison_number)).one()
    account = db_session.get(KioskAccount, person.id)
    return account.language if account else None


def choose(client_request, language: str, on: str, csrf_from: str | None = None):
    """Press one language's button on the page at `on`; returns where it sends the kiosk."""
    return client_request.post("/language", {"language": language, "next": on}, csrf_from=csrf_from or on)


@pytest.mark.databases("sqlite", "postgresql")
def test_a_choice_before_sign_in_is_carried_into_the_account(client, client_request, db_session, people):
    page = client_request.get("/sign-in")
    chooser = page.select_one("nav.app-languages")
    buttons = chooser.select("button[name=language]")
    assert [(b["value"], b["lang"], b.get_text(strip=True)) for b in buttons] == [
        (code, code, name) for code, name in LANGUAGES.items()]
    assert not chooser.select("img[src*=flag]")
    assert chooser.select_one("[aria-current=true]")["value"] == "en"

    assert choose(client_request, "gd", "/sign-in") == "/sign-in"
    page = client_request.get("/sign-in")
    assert page.html["lang"] == "gd" and page.html["dir"] == "ltr"
    assert page.select_one("nav.app-languages [aria-current=true]")["value"] == "gd"

    sign_in_as(client, DANNY)
    assert language_of(db_session, DANNY) == "gd"
    assert client_request.get("/me/").html["lang"] == "gd"

    client_request.post("/finish", {}, csrf_from="/me/")
    assert client_request.get("/finished").html["lang"] == "en"


@pytest.mark.databases("sqlite", "postgresql")
def test_a_choice_after_sign_in_is_remembered_for_next_time(client, client_request, db_session, people):
    sign_in_as(client, LIFER)
    assert client_request.get("/me/plan").html["lang"] == "en"
    assert choose(client_request, "ar", "/me/plan?x=1") == "/me/plan?x=1"
    assert language_of(db_session, LIFER) == "ar"
    client_request.post("/finish", {}, csrf_from="/me/")

    sign_in_as(client, LIFER)
    page = client_request.get("/me/plan")
    assert (page.html["lang"], page.html["dir"]) == ("ar", "rtl")


@pytest.mark.databases("sqlite")
def test_the_record_sets_the_first_choice_and_a_language_we_lack_is_english(
        app, client, client_request, db_session, people):
    with app.app_context():
        with db.transaction() as session:
            session.scalars(select(Person).where(Person.prison_number == LIFER)).one() \
                .preferred_language = "vi-VN"
            session.scalars(select(Person).where(Person.prison_number == LICENSEE)).one() \
                .preferred_language = "ga-IE"
    sign_in_as(client, LIFER)
    assert client_request.get("/me/").html["lang"] == "vi"
    client_request.post("/finish", {}, csrf_from="/me/")
    sign_in_as(client, LICENSEE)
    assert client_request.get("/me/").html["lang"] == "en"


@pytest.mark.databases("sqlite")
def test_staff_pages_stay_english_whatever_the_kiosk_chose(client_request):
    choose(client_request, "ar", "/sign-in")
    assert client_request.get("/sign-in").html["lang"] == "ar"
    page = client_request.get("/staff/sign-in")
    assert (page.html["lang"], page.html["dir"]) == ("en", "ltr")


@pytest.mark.databases("sqlite")
def test_the_chooser_refuses_a_language_we_lack_and_a_missing_token(client, client_request):
    token = client_request.csrf_token("/sign-in")
    assert client.post("/language", data={"language": "ga", "csrf_token": token}).status_code == 400
    assert client.post("/language", data={"language": "pl"}).status_code == 400
    assert client_request.get("/sign-in").html["lang"] == "en"


@pytest.mark.databases("sqlite")
def test_the_chooser_never_sends_anyone_to_another_site(client_request):
    assert choose(client_request, "pl", "//evil.example/", csrf_from="/") == "/"


@pytest.mark.databases("sqlite")
def test_staff_text_says_it_is_written_in_english(app, client, client_request, people):
    set_display(app, LICENSEE, easy_read=False, language="pl")
    sign_in_as(client, LICENSEE)
    for url in ("/me/licence", "/me/decisions/K-D1"):
        page = client_request.get(url)
        notes = page.select(".app-staff-words__language")
        assert notes and all(n.get_text(strip=True) == gettext_in("pl", "Written by staff in English.")
                             for n in notes)
        assert all(t["lang"] == "en" for t in page.select(".app-staff-text"))
    set_display(app, LICENSEE, language="en")
    assert not client_request.get("/me/licence").select(".app-staff-words__language")


@pytest.mark.databases("sqlite")
def test_glossary_meanings_are_in_the_persons_language(app, client, client_request, people):
    """Jargon in English staff text is found and explained with the language's meaning."""
    set_display(app, LICENSEE, easy_read=False, language="ar")
    sign_in_as(client, LICENSEE)
    page = client_request.get("/me/decisions/K-D1")
    term = page.select_one("details.app-term[data-term=mappa]")
    assert term is not None, "MAPPA in the staff text was not found"
    # (spacing ignored: read aloud wraps each sentence of the meaning in its own span)
    assert content_for("ar").term("mappa").plain in " ".join(term.get_text(" ").split())
    meaning = term.select_one(".app-term__meaning")
    assert (meaning["lang"], meaning["dir"]) == ("ar", "rtl"), "screen readers would read it as English"


def gettext_in(language: str, msgid: str) -> str:
    """The compiled catalogue's translation of one msgid (English when it has none)."""
    po = ROOT / "translations" / language / "LC_MESSAGES" / "messages.po"
    message = read_catalogue(po).get(msgid) if po.exists() else None
    return (message.string if message and message.string and not message.fuzzy else msgid)


# (2) No English left on any page ---------------------------------------------------------------
#
# Two checks on every page: no string the translators have not done yet shows anywhere (not
# even inside a longer line), and no piece of text is word for word the same as on the English
# page, which also catches words written into a template without gettext. Staff text
# (lang="en"), names, the chooser's language names, official names and abbreviations may stay.

ABBREVIATION = re.compile(r"^[\W\d_]*[A-Z][A-Z0-9/&.\- ]{1,11}[\W\d_]*$")
LETTERS = re.compile(r"[^\W\d_]{3,}")


def _content_strings(node, path=""):
    """(path, text) of every piece of wording in a content tree; list items by position."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in NOT_WORDING:
                yield from _content_strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, entry in enumerate(node):
            name = entry.get("key", index) if isinstance(entry, dict) else index
            yield from _content_strings(entry, f"{path}[{name}]")
    elif isinstance(node, str) and node.strip():
        yield path, " ".join(node.split())


def _content(lang: str) -> dict[str, str]:
    texts = {}
    for path in sorted((CONTENT / lang).glob("*.yml")):
        if path.name in NOT_TRANSLATED_FILES:
            continue
        texts.update(_content_strings(yaml.safe_load(path.read_text("utf-8")), path.stem))
    return texts


def _list_of(path: str) -> str:
    """The easy-read list a path is in ("x.easy[2].text" -> "x.easy"), else the path itself."""
    return re.split(r"\[\d+\]", path, maxsplit=1)[0]


def official_names() -> set[str]:
    """Glossary terms and what they stand for: the names staff and letters use."""
    glossary = yaml.safe_load((CONTENT / "en" / "glossary.yml").read_text("utf-8"))
    return {" ".join(e[f].split()) for e in glossary for f in ("term", "stands_for") if e.get(f)}


def untranslated(lang: str) -> list[str]:
    """English wording the language has no translation for, so English would show."""
    po = ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po"
    catalogue = read_catalogue(po) if po.exists() else None
    strings = set()
    for message in read_catalogue(CATALOGUE):
        if not message.id:
            continue
        found = catalogue.get(message.id) if catalogue else None
        strings_found = (found.string,) if found and isinstance(found.string, str) else (found.string if found else ())
        if found is None or found.fuzzy or not all(strings_found):
            msgid = message.id if isinstance(message.id, str) else message.id[0]
            # The longest literal part of a string with placeholders is what shows on the page.
            strings.add(max(re.split(r"%\(\w+\)[sd]|%[sd]", msgid), key=len).strip())
    english, translated = _content("en"), _content(lang)
    done = {_list_of(path) for path in translated}
    strings |= {text for path, text in english.items() if _list_of(path) not in done}
    return sorted(s for s in strings if LETTERS.search(s) and not ABBREVIATION.match(s))


def kept_as_english(lang: str) -> set[str]:
    """Wording a translator kept the same on purpose, and official names."""
    po = ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po"
    kept = {m.id for m in read_catalogue(po) if m.id and m.string == m.id} if po.exists() else set()
    english, translated = _content("en"), _content(lang)
    kept |= {text for path, text in translated.items() if english.get(path) == text}
    return kept | official_names()


def _readable(page: BeautifulSoup) -> BeautifulSoup:
    """The page less text marked as another language (staff text, the languages named in
    themselves), names and scripts."""
    page = BeautifulSoup(str(page), "html.parser")
    for element in page.select("script, style, body [lang], .app-name"):
        element.decompose()
    return page


def text_pieces(page: BeautifulSoup) -> set[str]:
    """Each run of text a person reads or hears, and every label read out for them."""
    page = _readable(page)
    pieces = {" ".join(s.split()) for s in page.find_all(string=True)
              if not isinstance(s, (Doctype, Comment))}
    pieces |= {" ".join(e[a].split()) for a in ("aria-label", "alt", "title") for e in page.select(f"[{a}]")}
    return {p for p in pieces if LETTERS.search(p)}


def english_left(page: BeautifulSoup, english_page: BeautifulSoup, missing: list[str],
                 kept: set[str]) -> set[str]:
    words = " ".join(text_pieces(page))
    left = {s for s in missing if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", words)}
    same = text_pieces(page) & text_pieces(english_page)
    left |= {p for p in same if p.strip(" ().,:;") not in kept and not ABBREVIATION.match(p)}
    return left


def every_kiosk_url(client, limit: int = 80) -> list[str]:
    """Every page a signed-in person can reach by following links from their home page, so
    pages added later are checked too (the glossary search as well)."""
    urls, queue = [], ["/me/", "/me/glossary?q=case"]
    while queue and len(urls) < limit:
        url = queue.pop(0)
        if url in urls:
            continue
        response = client.get(url)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        urls.append(url)
        page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        for link in page.select("a[href^='/']"):
            href = link["href"].split("#")[0]
            if href and not href.startswith(("/staff", "/pictures", "/assets", "/fonts", "/static",
                                             "/speech")):
                queue.append(href)
    return urls


@pytest.mark.databases("sqlite")
@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_page_is_in_the_language_with_no_english_left(app, client, client_request, people, lang):
    """Pages before sign-in, and two people who between them reach every page, one in easy
    read and one in standard; each page is compared with the same page in English."""
    missing, kept = untranslated(lang), kept_as_english(lang)
    found: dict[str, set[str]] = {}

    def compare(url, page, english_page):
        assert (page.html["lang"], english_page.html["lang"]) == (lang, "en")
        for text in english_left(page, english_page, missing, kept):
            found.setdefault(text, set()).add(url)

    for url in ("/", "/sign-in", "/finished"):
        choose(client_request, lang, url, csrf_from="/")
        translated = client_request.get(url)
        choose(client_request, "en", url, csrf_from="/")
        compare(url, translated, client_request.get(url))
    for number, easy_read in ((LIFER, False), (LICENSEE, True)):
        set_display(app, number, easy_read=easy_read, language=lang)
        sign_in_as(client, number)
        for url in every_kiosk_url(client):
            set_display(app, number, language=lang)
            translated = client_request.get(url)
            set_display(app, number, language="en")
            compare(url, translated, client_request.get(url))
        client_request.post("/finish", {}, csrf_from="/me/")
    assert not found, f"English left on the {lang} pages:\n" + "\n".join(
        f"{text!r} on {', '.join(sorted(urls))}" for text, urls in sorted(found.items()))


# Fonts ---------------------------------------------------------------------------------------

@pytest.mark.databases("sqlite")
def test_every_font_the_stylesheet_names_is_served_by_the_app(client):
    """The kiosk's fonts come from npm through the app: the closed network has nothing else."""
    css = (ROOT / "kiosk" / "static" / "build" / "app.css").read_text("utf-8")
    fonts = sorted(set(re.findall(r'url\("?(/fonts/[^")]+)"?\)', css)))
    assert any("noto-sans-arabic" in url for url in fonts) and any("vietnamese" in url for url in fonts)
    for url in fonts:
        response = client.get(url)
        assert (response.status_code, response.mimetype) == (200, "font/woff2"), url
    assert client.get("/fonts/comic-sans/comic-sans-latin-400-normal.woff2").status_code == 404
