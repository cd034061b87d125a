"""Every page a signed-in person reads is scored as they would read it, in both modes.

Staff-written text, names, dates and the glossary's own headwords are set aside (staff text
is the records' wording, not ours; names and dates are not prose); everything else inside
<main> is the product's English, and must read at about age 9: Flesch reading ease at least
80 (90 in easy read) and at most 12 words a sentence (10 in easy read). Each heading, list
item, term and paragraph counts as its own sentence, as a reader meets it.
"""
from __future__ import annotations

from datetime import date

import pytest
from bs4 import NavigableString

from kiosk.services.wording.plain_language import readability
from support.kiosk import (
    DANNY, LICENSEE, LIFER, NOBODY, SHORT, TOMASZ, demo_document, import_people,
    one_of_each_sentence_type, set_display, sign_in_as, varied_people,
)
from support.pages import record_page_urls

pytestmark = pytest.mark.databases("sqlite")

# mode: (lowest Flesch reading ease, most words a sentence)
LIMITS = {"standard": (80, 12), "easy read": (90, 10)}
SET_ASIDE = ".app-staff-text, .app-name, .app-date, .app-term-name, script, style"
BLOCKS = ("h1", "h2", "h3", "h4", "p", "li", "dt", "dd", "summary", "td", "th", "label",
          "legend", "button", "div", "section", "a")
TODAY = date.today()
# Made-up demo people (another establishment, so both imports stay present): the first of
# each sentence type, which between them have every kind of record, empty or full.
DEMO = demo_document(today=TODAY)
PEOPLE = (DANNY, TOMASZ, NOBODY, LIFER, LICENSEE, SHORT, *one_of_each_sentence_type(DEMO))


def person_facing_text(page) -> str:
    """The product's own words in <main>, one line per block, staff text and names removed."""
    main = page.find("main")
    for element in main.select(SET_ASIDE):
        element.decompose()
    for element in main.find_all(BLOCKS):
        element.insert_before(NavigableString("\n"))
        element.append(NavigableString("\n"))
    lines = (" ".join(line.split()) for line in main.get_text().split("\n"))
    return "\n".join(line for line in lines if any(c.isalpha() for c in line))


def page_urls(client_request) -> list[str]:
    """Every page of the signed-in person, found by following their own links."""
    urls = record_page_urls() + ["/me/glossary?q=plan"]
    for listing in ("/me/meetings", "/me/decisions"):
        page = client_request.get(listing)
        urls += sorted({a["href"] for a in page.select(f"main a[href^='{listing}/']")})
    return urls


def scores(client_request) -> list[tuple[str, float, float]]:
    """(url, reading ease, words a sentence) for each page."""
    found = []
    for url in page_urls(client_request):
        report = readability(person_facing_text(client_request.get(url)))
        found.append((url, report.flesch, report.mean_sentence_words))
    return found


@pytest.fixture
def people(db_session):
    import_people(db_session, varied_people(TODAY))
    import_people(db_session, DEMO)


@pytest.mark.parametrize("prison_number", PEOPLE)
def test_every_page_reads_easily(app, client, client_request, people, prison_number):
    sign_in_as(client, prison_number)
    hard = []
    for mode, (lowest_ease, longest) in LIMITS.items():
        set_display(app, prison_number, easy_read=(mode == "easy read"), language="en")
        hard += [f"{url} ({mode}): ease {ease:.1f}, {words:.1f} words a sentence"
                 for url, ease, words in scores(client_request)
                 if ease < lowest_ease or words > longest]
    assert not hard, f"{prison_number}: pages too hard to read:\n" + "\n".join(hard)


def test_staff_text_and_names_are_set_aside(client_request, client, people):
    sign_in_as(client, DANNY)
    text = person_facing_text(client_request.get("/me/plan"))
    assert "Pt engaged well" not in text and "GPA" not in text
    assert "What you have done" in text
    home = person_facing_text(client_request.get("/me/"))
    assert "Danny" not in home and "Hello" in home
