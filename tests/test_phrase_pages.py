"""The phrase bank where people read: licence conditions matched and said in their language
(on screen and on paper), plain summaries composed from phrases by staff, and what still
reaches people only in English, flagged to staff. Real database (both), real PDFs read back.
"""
from __future__ import annotations

import io
import re
import unicodedata
from datetime import date

import pdfplumber
import pytest
from flask_babel import force_locale, gettext
from pypdf import PdfReader
from sqlalchemy import select

from kiosk.extensions import db
from kiosk.i18n import babel_locale
from kiosk.models import Person, SummaryPhrase
from kiosk.printing.documents import pack_html, pack_pdf
from kiosk.services.printing.packs import EASY_READ, build_pack
from kiosk.services.staff import summaries
from kiosk.services.wording.phrases import say
from support.kiosk import XSS, document, import_people, set_display, sign_in_as
from support.phrases import EXCLUSION, NUMBER, REASONS, STEPS, UNMATCHED, person_on_licence
from support.staff import make_user, sign_in_staff

TODAY = date.today()


@pytest.fixture
def rona(app, db_session):
    import_people(db_session, document([person_on_licence()]))
    set_display(app, NUMBER, easy_read=False)
    return db_session.scalars(select(Person.id).where(Person.prison_number == NUMBER)).one()


def words(element) -> str:
    return " ".join(element.get_text().split())


def in_language(lang: str, message: str) -> str:
    with force_locale(babel_locale(lang)):
        return gettext(message)


def pdf_words(data: bytes) -> set[str]:
    """Words read back from a PDF, Arabic presentation forms folded to letters; right-to-left
    words may come back in visual order, so each is also kept reversed."""
    return letters(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages))


def letters(text: str) -> set[str]:
    """The words of a text without its punctuation, right-to-left words read either way."""
    found = re.findall(r"[^\W\d_]+", unicodedata.normalize("NFKC", text))
    return set(found) | {w[::-1] for w in found}


def pdf_line_with(data: bytes, word: str) -> list[dict]:
    """The words (with their places) of the first line of the PDF that holds `word`."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            found = page.extract_words()
            for hit in (w for w in found if word in letters(w["text"])):
                return [w for w in found if abs(w["top"] - hit["top"]) < 2]
    raise AssertionError(f"{word!r} is not in the PDF")


def x_of(line: list[dict], word: str) -> float:
    """Where a word of the line starts across the page."""
    [x] = [w["x0"] for w in line if word in letters(w["text"])]
    return x


def said_words(lang: str, key: str, slots: dict, easy: bool = False) -> list[str]:
    said = say(key, slots, lang)
    text = " ".join(said.easy_texts) if easy else said.plain_text
    return re.findall(r"[^\W\d_]+", unicodedata.normalize("NFKC", text))


# Licence conditions -----------------------------------------------------------------------------

def test_a_standard_condition_is_shown_in_easy_read_in_polish(app, client, client_request, rona):
    set_display(app, NUMBER, easy_read=True, language="pl")
    sign_in_as(client, NUMBER)
    page = client_request.get("/me/licence")
    condition = page.select_one("#condition-C1 .app-said")
    assert condition["data-phrase"] == "good_behaviour"
    [line] = condition.select(".app-said__words li")
    assert words(line) == "Musisz dobrze się zachowywać i nie zakłócać spokoju."
    assert line.select_one("img.app-picture")["alt"] == ""
    original = condition.select_one("details.app-said__original")
    assert words(original.select_one("summary")) == in_language("pl", "What staff wrote")
    staff = original.select_one(".app-staff-text")
    assert staff["lang"] == "en" and words(staff) == "Be of good behaviour and keep the peace."


def test_an_exclusion_zone_is_said_in_arabic_right_to_left_with_its_place(app, client, client_request, rona):
    set_display(app, NUMBER, language="ar")
    sign_in_as(client, NUMBER)
    page = client_request.get("/me/licence")
    assert (page.html["lang"], page.html["dir"]) == ("ar", "rtl")
    said = page.select_one("#condition-C2 .app-said")
    assert said["data-phrase"] == "exclusion_zone"
    assert words(said.select_one(".app-said__words")) == say(
        "exclusion_zone", {"place": "Paisley town centre"}, "ar").plain_text
    [place] = said.select(".app-said__words bdi")
    assert (place.get_text(), place["dir"], place["lang"]) == ("Paisley town centre", "ltr", "en")
    assert EXCLUSION in words(said.select_one("details .app-staff-text"))


def test_an_exclusion_zone_is_printed_in_arabic_right_to_left_with_its_place(app, rona):
    with app.test_request_context():
        person = db.session.get(Person, rona)
        pack = build_pack(db.session, person, "licence", today=TODAY, language="ar")
        html = pack_html(pack, lang="ar", variant=EASY_READ)
        data = pack_pdf(pack, lang="ar", variant=EASY_READ)
    assert '<html lang="ar" dir="rtl"' in html
    assert re.search(r'<bdi class="app-said__staff" dir="ltr" lang="en">Paisley town centre</bdi>', html)
    found = pdf_words(data)
    wanted = said_words("ar", "exclusion_zone", {"place": "Paisley town centre"}, easy=True)
    assert [w for w in wanted if w not in found] == []
    assert {"Paisley", "town", "centre"} <= found  # the place as staff wrote it, left to right
    assert PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"] == "ar"
    line = pdf_line_with(data, "Paisley")
    # Right to left: the sentence's second word ("may") stands to the right of the place.
    assert x_of(line, "يجوز") > x_of(line, "Paisley") and x_of(line, "town") < x_of(line, "centre")


def test_a_place_in_a_condition_is_escaped(app, client, client_request, rona):
    sign_in_as(client, NUMBER)
    page = client_request.get("/me/licence")
    assert not page.select("main script")
    assert "alert(1)" in words(page.select_one("#condition-C4 .app-said__words"))


def test_an_unmatched_condition_is_shown_as_written_and_flagged_to_staff(app, client, client_request, rona):
    set_display(app, NUMBER, language="vi")
    sign_in_as(client, NUMBER)
    kiosk = client_request.get("/me/licence").select_one("#condition-C3")
    assert kiosk.select_one(".app-said--as-written .app-staff-text")["lang"] == "en"
    assert words(kiosk.select_one(".app-staff-words__language")) == in_language("vi", "Written by staff in English.")

    sign_in_staff(client, make_user(app, "case_coordinator"))
    page = client_request.get(f"/staff/people/{rona}")
    flagged = page.select(".app-staff-condition--unmatched")
    assert [words(f.select_one("p")) for f in flagged] == [UNMATCHED]
    assert "no phrase matches" in words(flagged[0])
    assert page.select_one(".app-english-only")  # the warning counts what reaches them in English

    sign_in_staff(client, make_user(app, "manager"))
    dashboard = client_request.get("/staff/dashboard")
    row = dashboard.select_one(".app-english-only tr[data-kind='conditions']")
    assert [words(cell) for cell in row.select("td")] == ["1", "4"]
    assert UNMATCHED in words(dashboard.select_one(".app-unmatched-wordings"))


# Plain summaries composed from phrases ----------------------------------------------------------

def compose_as_staff(app, client, client_request, rona, **extra) -> None:
    sign_in_staff(client, make_user(app, "social_worker", caseload=(NUMBER,)))
    url = f"/staff/people/{rona}/summaries/decision/P-D1"
    data = {"line-0-phrase": "offence_work_not_finished", "line-1-phrase": "broke_a_prison_rule",
            "line-2-phrase": "refer_again_after_programme", "line-2-programme": "Pathways",
            "added-0-phrase": "ask_role", "added-0-role": "personal_officer", "action": "save"} | extra
    assert client_request.post(url, data=data).endswith(f"/staff/people/{rona}")


def test_a_summary_keeps_phrase_keys_and_slot_values_never_words(app, client, client_request, rona):
    compose_as_staff(app, client, client_request, rona, text="")
    with app.app_context():
        summary = summaries.summary_of(db.session, rona, "decision", "P-D1")
        rows = [(r.phrase_key, r.slots, r.line_field, r.line_text) for r in db.session.scalars(
            select(SummaryPhrase).order_by(SummaryPhrase.position))]
    assert summary.text == ""
    assert rows == [
        ("offence_work_not_finished", {}, "reasons", REASONS[0]),
        ("broke_a_prison_rule", {}, "reasons", REASONS[1]),
        ("refer_again_after_programme", {"programme": "Pathways"}, "next_steps", STEPS[0]),
        ("ask_role", {"role": "personal_officer"}, None, None),
    ]


def test_a_summary_built_from_phrases_is_shown_in_vietnamese_on_the_kiosk(app, client, client_request, rona):
    compose_as_staff(app, client, client_request, rona, text="We will meet you next week.")
    set_display(app, NUMBER, language="vi")
    sign_in_as(client, NUMBER)
    page = client_request.get("/me/decisions/P-D1")
    reasons = page.find("h2", string=in_language("vi", "Why")).find_next("div", class_="app-said-list")
    said = [words(p) for p in reasons.select(".app-said__words")]
    assert said == [say("offence_work_not_finished", {}, "vi").plain_text, say("broke_a_prison_rule", {}, "vi").plain_text]
    assert [words(s) for s in reasons.select("details .app-staff-text")] == REASONS
    step = page.select_one(".app-said[data-phrase='refer_again_after_programme']")
    assert words(step.select_one(".app-said__words")) == say(
        "refer_again_after_programme", {"programme": "Pathways"}, "vi").plain_text
    summary = page.select_one(".app-plain-summary")
    assert words(summary.select_one(".app-said__words")) == say("ask_role", {"role": "personal_officer"}, "vi").plain_text
    own = summary.select_one(".app-staff-text")
    assert own["lang"] == "en" and words(own) == "We will meet you next week."


def test_a_summary_built_from_phrases_is_in_the_printed_pack_in_vietnamese(app, client, client_request, rona):
    compose_as_staff(app, client, client_request, rona, text="")
    with app.test_request_context():
        pack = build_pack(db.session, db.session.get(Person, rona), "pack", today=TODAY, language="vi")
        html = pack_html(pack, lang="vi", variant=EASY_READ)
        data = pack_pdf(pack, lang="vi", variant=EASY_READ)
    assert html.count('data-phrase="offence_work_not_finished"') == 1
    found = pdf_words(data)
    for key, slots in (("offence_work_not_finished", {}), ("refer_again_after_programme", {"programme": "Pathways"}),
                       ("ask_role", {"role": "personal_officer"}), ("exclusion_zone", {"place": "Paisley town centre"})):
        missing = [w for w in said_words("vi", key, slots, easy=True) if w not in found]
        assert not missing, f"{key}: {missing}"
    assert {"Offence", "focused", "Misconduct"} <= found  # what staff wrote, one line below


def test_a_phrase_no_longer_stands_for_a_line_an_import_changed(app, client, client_request, rona, db_session):
    compose_as_staff(app, client, client_request, rona, text="")
    import_people(db_session, document([person_on_licence([REASONS[0], "Misconduct report in April."])]))
    sign_in_as(client, NUMBER)
    page = client_request.get("/me/decisions/P-D1")
    reasons = page.find("h2", string="Why").find_next("div", class_="app-said-list").select(":scope > ul > li")
    assert reasons[0].select_one(".app-said")["data-phrase"] == "offence_work_not_finished"
    assert reasons[1].select_one(".app-said--as-written")
    assert "Misconduct report in April." in words(reasons[1])


def test_the_composing_page_offers_a_phrase_for_each_line_and_previews_in_their_language(
        app, client, client_request, rona):
    set_display(app, NUMBER, language="vi", easy_read=True)
    sign_in_staff(client, make_user(app, "social_worker", caseload=(NUMBER,)))
    url = f"/staff/people/{rona}/summaries/decision/P-D1"
    page = client_request.get(url)
    assert [s["name"] for s in page.select("select.app-phrase-select")] == [
        "line-0-phrase", "line-1-phrase", "line-2-phrase", "added-0-phrase"]
    reason_options = {o["value"] for o in page.select("#line-0-phrase option")}
    assert "offence_work_not_finished" in reason_options and "look_again_on" not in reason_options

    shown = client_request.post(url, data={"line-2-phrase": "refer_again_after_programme", "action": "show"},
                                expected_status=200)
    assert shown.select_one("#line-2-programme")  # the box for the course's name
    assert shown.select_one(".govuk-error-summary")  # it is empty, so it cannot be said yet
    with app.app_context():
        assert summaries.summary_of(db.session, rona, "decision", "P-D1") is None

    filled = client_request.post(url, data={"line-2-phrase": "refer_again_after_programme",
                                            "line-2-programme": "Pathways", "action": "show"},
                                 expected_status=200)
    preview = filled.select_one(".app-preview")
    assert (preview["lang"], preview["dir"]) == ("vi", "ltr")
    said = say("refer_again_after_programme", {"programme": "Pathways"}, "vi")
    assert [words(li) for li in preview.select(".app-said[data-phrase] li")] == list(said.easy_texts)
    assert filled.html["lang"] == "en"  # the staff page itself stays English


def test_a_phrase_that_cannot_be_said_is_not_saved(app, client, client_request, rona):
    sign_in_staff(client, make_user(app, "social_worker", caseload=(NUMBER,)))
    url = f"/staff/people/{rona}/summaries/decision/P-D1"
    for data in ({"line-0-phrase": "look_again_on", "line-0-date": "2027-01-01"},  # a next step, not a reason
                 {"line-2-phrase": "look_again_on", "line-2-date": "not a date"},
                 {"added-0-phrase": "exclusion_zone", "added-0-place": "Paisley"},  # licence phrases are matched, never chosen
                 {"added-0-phrase": "ask_role", "added-0-role": "the governor"}):
        page = client_request.post(url, data=data | {"action": "save"}, expected_status=200)
        assert page.select_one(".govuk-error-summary"), data
    with app.app_context():
        assert summaries.summary_of(db.session, rona, "decision", "P-D1") is None


def test_own_words_in_a_summary_are_checked(app, client, client_request, rona):
    sign_in_staff(client, make_user(app, "social_worker", caseload=(NUMBER,)))
    page = client_request.post(f"/staff/people/{rona}/summaries/decision/P-D1",
                               data={"text": "The XQZ team will write.", "action": "show"}, expected_status=200)
    assert [li.get_text() for li in page.select("#checker-report .app-unexplained li")] == ["XQZ"]


def test_plan_actions_can_be_said_in_phrases(app, client, client_request, rona):
    sign_in_staff(client, make_user(app, "social_worker", caseload=(NUMBER,)))
    plan_key = client_request.get(f"/staff/people/{rona}").select_one(
        "a[href*='/summaries/plan/']")["href"].rsplit("/", 1)[1]
    client_request.post(f"/staff/people/{rona}/summaries/plan/{plan_key}",
                        data={"line-0-phrase": "bank_account", "action": "save"})
    set_display(app, NUMBER, language="sq")
    sign_in_as(client, NUMBER)
    card = client_request.get("/me/plan").select_one("#action-P-A1")
    assert words(card.select_one(".app-said__words")) == say("bank_account", {}, "sq").plain_text

    with app.app_context():
        counts = summaries.english_only(db.session, Person.id == rona).counts
    assert counts == {"conditions": (1, 4), "reasons": (2, 2), "next_steps": (1, 1), "actions": (0, 1)}
