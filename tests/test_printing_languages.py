"""Printed packs in every language, read back from the PDF: the words are the language's own,
dates are written its way, and the font that covers its script (Debian's DejaVu Sans for
Vietnamese and Arabic) is the one embedded, so Arabic is shaped and Vietnamese accents whole."""
from __future__ import annotations

import io
import logging
import re
import unicodedata
from datetime import date

import pytest
from flask_babel import force_locale, gettext
from pypdf import PdfReader
from sqlalchemy import select

from kiosk.extensions import db
from kiosk.i18n import LANGUAGES, babel_locale, format_day
from kiosk.models import Person
from kiosk.printing.documents import pack_pdf
from kiosk.services.printing.packs import EASY_READ, build_pack
from kiosk.services.wording.content import content_for
from support.kiosk import LIFER, import_people, varied_people

pytestmark = pytest.mark.databases("sqlite")
PRINTED_ON = date(2027, 3, 12)
# The typeface each language's words must be set in (by its PostScript name in the PDF).
FONT_FOR = {"vi": "DejaVu-Sans", "ar": "DejaVu-Sans"}


@pytest.fixture
def lifer(db_session):
    import_people(db_session, varied_people(date.today()))
    return db_session.scalars(select(Person).where(Person.prison_number == LIFER)).one()


def printed(app, person: Person, lang: str, caplog) -> PdfReader:
    """The person's whole pack in `lang`, rendered with no WeasyPrint error, as a PDF reader."""
    with app.test_request_context(), caplog.at_level(logging.ERROR, logger="weasyprint"):
        pack = build_pack(db.session, person, "pack", today=PRINTED_ON, language=lang)
        data = pack_pdf(pack, lang=lang, variant=EASY_READ)
    errors = [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint") and r.levelno >= logging.ERROR]
    assert not errors, errors
    return PdfReader(io.BytesIO(data))


def words_of(text: str) -> list[str]:
    """Words as a reader compares them: Arabic presentation forms folded to letters."""
    return re.findall(r"[^\W\d_]+", unicodedata.normalize("NFKC", text))


def fonts_in(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def expected_words(app, lang: str) -> list[str]:
    """Words a reader of `lang` must find: the pack's title, a line of the plan's easy read,
    the printing date, and (beside staff text) that staff wrote it in English, each as the
    language writes it."""
    with app.test_request_context(), force_locale(babel_locale(lang)):
        title = gettext("Your plan on paper")
        in_english = gettext("Written by staff in English.") if lang != "en" else ""
    easy_line = content_for(lang).explain("plan.what").easy[0].text
    return words_of(f"{title} {easy_line} {format_day(PRINTED_ON, lang)} {in_english}")


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_a_printed_pack_reads_back_in_its_language(app, lifer, lang, caplog):
    reader = printed(app, lifer, lang, caplog)
    assert reader.metadata is not None
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    found = set(words_of(text))
    # Right-to-left text may come back from the PDF in visual order: accept a word either way.
    missing = [w for w in expected_words(app, lang) if w not in found and w[::-1] not in found]
    assert not missing, f"{lang}: not in the PDF: {missing}"
    if lang in FONT_FOR:
        assert any(name.startswith(FONT_FOR[lang]) for name in fonts_in(reader)), fonts_in(reader)
