"""Printed copies read back from the PDF: the right content for varied people, every page
labelled, tagged PDF/UA with language and title, staff text as text, and a renderer that
loads nothing but the app's own files."""
from __future__ import annotations

import io
import logging
import socket
from collections import Counter
from datetime import date, timedelta

import pdfplumber
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from kiosk.models import Person
from kiosk.printing.documents import pack_html
from kiosk.services.printing import pdf
from kiosk.services.printing.packs import build_pack
from kiosk.services.wording.content import content_for
from support.kiosk import LICENSEE, LIFER, NOBODY, SHORT, XSS, import_people, varied_people

EN = content_for("en")
TODAY = date.today()
BIG = "GR3000009"


def easy(key: str) -> list[str]:
    """The easy-read lines of an explanation, as the pack prints them."""
    return [item.text for item in EN.explain(key).easy]


def big_person(today: date) -> dict:
    """200 plan actions and one decision with 50 reasons."""
    return {
        "prison_number": BIG, "name": {"given": "Ewan", "family": "Baird"},
        "date_of_birth": "1980-02-02",
        "sentence": {"type": "long_term", "start_date": "2022-01-10", "length_days": 3000,
                     "icm": "enhanced"},
        "plan": {"source": "cip", "agreed_on": (today - timedelta(days=30)).isoformat(), "actions": [
            {"id": f"B{i}", "area": "education", "text": f"Plan action number {i} of two hundred.",
             "owner": "you", "status": "done" if i % 3 == 0 else "in_progress",
             "updated_on": (today - timedelta(days=i)).isoformat()} for i in range(1, 201)]},
        "decisions": [{"id": "B-D1", "forum": "rmt", "subject": "open_estate",
                       "outcome": "not_approved", "decided_on": (today - timedelta(days=9)).isoformat(),
                       "reasons": [f"Reason number {i} of fifty." for i in range(1, 51)]}],
    }


def script_everywhere(today: date) -> dict:
    """Script in every staff-written field a pack prints."""
    day = (today - timedelta(days=20)).isoformat()
    later = (today + timedelta(days=60)).isoformat()
    return {
        "prison_number": "GR3000010", "name": {"given": "Sam", "family": "Hay"},
        "date_of_birth": "1991-06-06",
        "sentence": {"type": "long_term", "start_date": "2021-03-03", "length_days": 2500, "icm": "enhanced"},
        "staff": [{"role": "personal_officer", "name": f"Officer {XSS}", "how_to_contact": f"Hall {XSS}"}],
        "dates": [{"kind": "other", "label": f"Review {XSS}", "date": later, "note": f"Note {XSS}"}],
        "plan": {"source": "cip", "agreed_on": day, "summary": f"Summary {XSS}", "actions": [
            {"id": "X1", "area": "housing", "text": f"Action {XSS}", "owner": "you", "status": "waiting",
             "updated_on": day, "progress_note": f"Progress {XSS}"}]},
        "meetings": [{"id": "X-M1", "kind": "rmt", "date": day, "status": "held",
                      "outcomes": [f"Outcome {XSS}"]}],
        "decisions": [{"id": "X-D1", "forum": "rmt", "subject": "other", "outcome": "approved",
                       "decided_on": day, "reasons": [f"Reason {XSS}"], "conditions": [f"Condition {XSS}"],
                       "next_steps": [f"Step {XSS}"]}],
        "risk": {"assessed_on": day, "level": "medium", "strengths": [f"Strength {XSS}"],
                 "protective_factors": [f"Factor {XSS}"]},
        "programmes": [{"name": f"Course {XSS}", "status": "completed", "since": day}],
        "licence": {"conditions": [{"id": "XC1", "kind": "additional", "text": f"Rule {XSS}"}]},
    }


@pytest.fixture
def people(db_session):
    import_people(db_session, [*varied_people(TODAY), big_person(TODAY), script_everywhere(TODAY)])


@pytest.fixture
def weasyprint_errors(caplog):
    """WeasyPrint logs PDF/UA problems (missing alt text, language) instead of raising."""
    caplog.set_level(logging.WARNING, logger="weasyprint")
    yield lambda: [r.getMessage() for r in caplog.records
                   if r.name.startswith("weasyprint") and r.levelno >= logging.ERROR]


def person(db_session, number: str) -> Person:
    return db_session.scalars(select(Person).where(Person.prison_number == number)).one()


def render(db_session, number: str, what: str = "pack", variant: str = "easy_read",
           key: str | None = None) -> tuple[bytes, str]:
    pack = build_pack(db_session, person(db_session, number), what, today=TODAY, language="en",
                      decision_key=key)
    html = pack_html(pack, lang="en", variant=variant)
    return pdf.render_pdf(html, lang="en"), html


def pages_of(document: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(document)).pages]


def printed_on() -> str:
    return f"Printed on {TODAY.day} {TODAY:%B %Y}"


@pytest.mark.parametrize("number, name", [(LIFER, "Margaret Orr"), (LICENSEE, "Kyle Munro"),
                                          (NOBODY, "Alan Reid"), (SHORT, "Chris Boyd")])
def test_every_page_has_the_name_number_date_and_page_x_of_y(db_session, people, weasyprint_errors,
                                                            number, name):
    document, _ = render(db_session, number)
    pages = pages_of(document)
    assert len(pages) > 2
    for i, text in enumerate(pages, start=1):
        assert f"{name} · {number} · {printed_on()}" in text
        assert f"Page {i} of {len(pages)}" in text
    assert weasyprint_errors() == []


def test_the_pack_is_tagged_pdf_ua_with_its_language_and_title(db_session, people):
    document, _ = render(db_session, LIFER)
    reader = PdfReader(io.BytesIO(document))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/StructTreeRoot"]["/K"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "en"
    assert reader.metadata.title == "Your plan on paper: Margaret Orr"
    assert b'pdfuaid:part="1"' in catalog["/Metadata"].get_data()
    assert all("/StructParents" in page for page in reader.pages)


def test_a_pack_holds_each_section_in_the_kiosks_own_words(db_session, people):
    text = "\n".join(pages_of(render(db_session, LIFER)[0]))
    for heading in ("Your plan", "Your dates", "Your meetings", "What was decided",
                    "Your risk and needs check and supervision", "Who's who", "Words staff use"):
        assert heading in text
    for line in (*easy("printing.cover"), *easy("plan.what"), *easy("risk.intro")):
        assert line in text
    assert "Complete Moving Forward Making Changes" in text  # a plan action
    assert "Completed OBP; positive PO" in " ".join(text.split())
    assert "Works as a peer mentor." in text  # a strength
    assert "Officer S. Bell" in text
    assert "Your licence" not in text  # no conditions on the record


def test_licence_conditions_are_printed_when_there_are_some(db_session, people):
    text = " ".join(" ".join(pages_of(render(db_session, LICENSEE)[0])).split())
    assert "Your licence" in text
    assert "Curfew 19:00 to 07:00 at approved address." in text
    for line in easy("licence.broken"):
        assert line in text


def test_someone_with_no_plan_is_told_who_to_ask(db_session, people):
    text = "\n".join(pages_of(render(db_session, NOBODY)[0]))
    for line in easy("empty.plan"):
        assert line in text
    assert "Words staff use" not in text  # no staff text, so no word list


def test_the_word_list_holds_only_the_terms_in_this_pack(db_session, people):
    pages = pages_of(render(db_session, LIFER)[0])
    words = "\n".join(pages[[i for i, p in enumerate(pages) if "Words staff use" in p][-1]:])
    for term in ("FGTR", "SEL", "OBP", "RMP"):
        assert term in words
    for absent in ("MAPPA", "TARL", "HDC", "CBSW"):
        assert absent not in words


@pytest.mark.databases("sqlite")  # rendering-heavy; the same queries run on both elsewhere
def test_two_hundred_plan_actions_and_fifty_reasons_all_print(db_session, people):
    pages = pages_of(render(db_session, BIG)[0])
    text = " ".join(" ".join(pages).split())
    assert all(f"Plan action number {i} of two hundred." in text for i in range(1, 201))
    assert all(f"Reason number {i} of fifty." in text for i in range(1, 51))
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1] and len(pages) > 40


def test_one_decision_prints_alone_like_a_letter(db_session, people):
    pages = pages_of(render(db_session, LICENSEE, "decision", key="K-D1")[0])
    text = " ".join(" ".join(pages).split())
    assert "Breach of licence condition 4 (curfew)." in text and "Why" in text
    for line in easy("decisions.outcome.not_approved.meaning"):
        assert line in text
    assert "Your dates" not in text and "What is in this copy" not in text
    assert build_pack(db_session, person(db_session, LIFER), "decision", today=TODAY,
                      language="en", decision_key="K-D1") is None  # someone else's decision


def test_script_in_every_staff_field_prints_as_text(db_session, people, weasyprint_errors):
    document, html = render(db_session, "GR3000010")
    # 15 fields, three of them twice: the course on Moving on, the plan action and the licence
    # rule on Getting ready to get out.
    assert "<script>" not in html and html.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 18
    assert [html.count(f"{field} &lt;script&gt;") for field in ("Course", "Action", "Rule")] == [2, 2, 2]
    text = " ".join(" ".join(pages_of(document)).split())
    for field in ("Officer", "Hall", "Review", "Note", "Summary", "Action", "Progress", "Outcome",
                  "Reason", "Condition", "Step", "Strength", "Factor", "Course", "Rule"):
        assert f"{field} {XSS}" in text, field
    assert weasyprint_errors() == []


def body_sizes(document: bytes) -> Counter:
    """Font sizes of the characters between the running head and foot, by count."""
    sizes = Counter()
    with pdfplumber.open(io.BytesIO(document)) as opened:
        for page in opened.pages[:4]:
            for char in page.chars:
                if 70 < char["top"] < page.height - 65 and char["text"].strip():
                    sizes[round(char["size"])] += 1
    return sizes


@pytest.mark.databases("sqlite")  # layout only
@pytest.mark.parametrize("variant, smallest", [("easy_read", 16), ("large_print", 24)])
def test_body_text_is_at_least_16_or_24_point(db_session, people, variant, smallest):
    sizes = body_sizes(render(db_session, LICENSEE, variant=variant)[0])
    assert min(sizes) >= smallest, sizes


@pytest.mark.databases("sqlite")  # layout only
def test_the_pack_does_not_rely_on_colour(db_session, people):
    document, _ = render(db_session, LIFER)
    with pdfplumber.open(io.BytesIO(document)) as opened:
        colours = {tuple(char["non_stroking_color"] or ()) for page in opened.pages for char in page.chars}
    assert colours <= {(), (0,), (0.0,), (0, 0, 0), (0.0, 0.0, 0.0)}, colours  # all text is black


# The renderer's fetcher ---------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "http://example.com/logo.png", "https://kiosk.invalid/static/print/print.css",
    "file:///etc/passwd", "http://kiosk.invalid/static/../../../../etc/passwd",
    "http://kiosk.invalid/pictures/..%2F..%2F..%2Fpackage.json", "http://kiosk.invalid:8080/static/print/print.css",
    "data:text/css,body{}", "http://kiosk.invalid/instance/secret_key", "http://kiosk.invalid/static/nothing.css",
])
def test_the_renderer_refuses_anything_but_the_apps_own_files(url):
    with pytest.raises(pdf.RefusedURL):
        pdf.local_file_for(url)


def test_the_renderer_serves_the_apps_styles_and_pictures():
    assert pdf.local_file_for("http://kiosk.invalid/static/print/print.css").name == "print.css"
    assert pdf.local_file_for("http://kiosk.invalid/pictures/printer.svg").name == "printer.svg"


def test_rendering_never_opens_a_network_connection(monkeypatch, caplog):
    opened = []

    def refuse(self, address):
        opened.append(address)
        raise OSError("no network in tests")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    caplog.set_level(logging.WARNING)
    html = ('<!doctype html><html lang="en"><head><title>Outside</title>'
            '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
            '<style>@import url("https://example.com/a.css"); @font-face { font-family: X;'
            ' src: url(http://example.com/f.woff2) } body { background: url(file:///etc/hostname) }</style>'
            '</head><body><p>Words</p><img src="http://example.com/p.png" alt="A picture"></body></html>')
    document = pdf.render_pdf(html, lang="en")
    assert opened == []
    refused = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
    assert len(refused) >= 4
    assert "Words" in PdfReader(io.BytesIO(document)).pages[0].extract_text()
