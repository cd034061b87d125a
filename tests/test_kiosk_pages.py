"""The pages a signed-in person reads, checked against their records on both databases.

Pages are read as parsed HTML (CSS selectors), never as raw bytes. The people come from
`support.kiosk.varied_people`: the contract's two example people, someone with nothing
recorded, a life sentence with a worked-out progression window, someone on licence, and a
short-term sentence whose staff text tries to inject a script.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from babel.dates import format_date
from bs4 import BeautifulSoup

from kiosk.services.records.key_dates import add_months, progression_window, when_words
from kiosk.services.records.pages import glossary_page, progress_line
from kiosk.services.records.registry import PAGES
from kiosk.services.wording.content import content_for
from support.kiosk import (
    DANNY, LICENSEE, LIFER, NOBODY, SHORT, TOMASZ, XSS, demo_document, document, import_people,
    set_display, sign_in_as, varied_people,
)
from support.pages import record_page_urls

EN = content_for("en")
TODAY = date.today()


def plain(key: str) -> str:
    return EN.explain(key).plain


def easy_texts(key: str) -> list[str]:
    return [item.text for item in EN.explain(key).easy]


def text(element) -> str:
    return " ".join(element.get_text(" ").split()) if element is not None else ""


def written(staff) -> str:
    """Staff text as staff wrote it: the explanations added around its terms left out."""
    staff = staff.__copy__()
    for added in staff.select(".app-term__full, .app-term__meaning"):
        added.decompose()
    return " ".join(staff.get_text().split())


def long_date(day: date) -> str:
    return format_date(day, format="long", locale="en_GB")


@pytest.fixture
def people(db_session):
    import_people(db_session, varied_people(TODAY))


@pytest.fixture
def standard(app, people):
    """Everyone reads in standard mode unless a test says otherwise."""
    for number in (DANNY, TOMASZ, NOBODY, LIFER, LICENSEE, SHORT):
        set_display(app, number, easy_read=False)


# Home -------------------------------------------------------------------------------------

@pytest.mark.parametrize("number, name", [(DANNY, "Danny"), (LIFER, "Maggie"), (NOBODY, "Alan")])
def test_home_greets_by_preferred_name(client, client_request, standard, number, name):
    sign_in_as(client, number)
    page = client_request.get("/me/")
    assert text(page.h1) == f"Hello, {name}"


def test_home_has_a_tile_with_a_picture_for_each_section(client, client_request, standard):
    sign_in_as(client, DANNY)
    page = client_request.get("/me/")
    tiles = {a["href"]: a for a in page.select("main a.app-tile")}
    always = {f"/me{p.url_rule}" for p in PAGES.values() if p.tile_hint and p.shown is None}
    assert always <= set(tiles) <= always | {"/me/licence", "/me/printed-copy", "/me/letters/"}
    assert {"/me/printed-copy", "/me/letters/"} <= set(tiles)
    assert "/me/licence" not in tiles  # Danny has no licence conditions
    for tile in tiles.values():
        picture = tile.select_one("img.app-picture")
        assert picture["src"].startswith("/pictures/") and picture["alt"] == ""


def test_licence_is_linked_only_when_there_are_conditions(client, client_request, standard):
    sign_in_as(client, LICENSEE)
    assert client_request.get("/me/").select_one("main a.app-tile[href='/me/licence']")
    client.post("/finish", data={"csrf_token": client_request.csrf_token("/me/")})
    sign_in_as(client, TOMASZ)
    assert client_request.get("/me/").select_one("main a.app-tile[href='/me/licence']") is None


def test_first_visit_says_news_will_show_next_time(client, client_request, standard):
    sign_in_as(client, DANNY)
    page = client_request.get("/me/")
    assert plain("pages.whats_new.first_visit") in text(page.select_one("main"))
    assert not page.select(".app-news__item")


def test_what_is_new_since_the_last_visit(app, client, client_request, db_session, standard):
    sign_in_as(client, DANNY)
    client.post("/finish", data={"csrf_token": client_request.csrf_token("/me/")})
    newer = varied_people(TODAY)
    danny = newer[0]
    danny["decisions"][1]["outcome"] = "approved"  # D2 changed
    danny["dates"].append({"kind": "hdc_eligibility_date", "date": (TODAY + timedelta(days=30)).isoformat()})
    import_people(db_session, document(newer, exported_at=datetime.now(timezone.utc) + timedelta(minutes=1)))
    sign_in_as(client, DANNY)
    page = client_request.get("/me/")
    items = page.select(".app-news__item")
    described = {(text(i.select_one(".app-change-tag")), text(i.select_one(".app-news__link"))) for i in items}
    assert described == {("Changed", EN.label("decision_subject", "national_top_end")),
                         ("New", EN.label("date_kind", "hdc_eligibility_date"))}
    decision = page.select_one(".app-news__item--decision a")
    assert decision["href"] == "/me/decisions/D2"
    # Nothing changes on a visit after that.
    client.post("/finish", data={"csrf_token": client_request.csrf_token("/me/")})
    sign_in_as(client, DANNY)
    assert plain("pages.whats_new.nothing") in text(client_request.get("/me/").select_one("main"))


# Plan ---------------------------------------------------------------------------------------

def test_plan_shows_progress_as_prominently_as_what_is_left(client, client_request, standard):
    sign_in_as(client, LIFER)
    page = client_request.get("/me/plan")
    done, to_do = page.select(".app-plan-column")
    assert text(done.h2) == "What you have done" and text(to_do.h2) == "What is still to do"
    assert done.h2.name == to_do.h2.name == "h2"
    assert [card["id"] for card in done.select(".app-card[id]")] == ["action-L1"]
    assert "Moving Forward Making Changes" in text(done)  # a finished course counts too
    assert [card["id"] for card in to_do.select(".app-card[id]")] == ["action-L2", "action-L3"]
    # Delays are explained, not blamed; a stopped action says who to ask.
    assert plain("plan.status.waiting") in text(page.select_one("#action-L2"))
    assert plain("plan.status.stopped") in text(page.select_one("#action-L3"))


def test_plan_actions_match_the_record(client, client_request, standard):
    sign_in_as(client, DANNY)
    page = client_request.get("/me/plan")
    assert len(page.select(".app-plan-column")[1].select(".app-card")) == 5
    assert plain("pages.plan.nothing_done") in text(page.select(".app-plan-column")[0])
    a1 = page.select_one("#action-A1")
    assert text(a1.h3) == EN.label("action_area", "programmes")
    assert text(a1.select_one(".app-staff-text")).startswith("Complete GPA")
    facts = {text(row.dt): text(row.dd) for row in a1.select(".govuk-summary-list__row")}
    assert facts["Who does it"] == EN.label("action_owner", "psychology")
    assert facts["By when"] == "31 January 2027"
    assert facts["How it is going"] == EN.label("action_status", "in_progress")
    assert "Attending 2 of 3 sessions." in text(page.select_one("#action-A2"))
    assert page.select_one("a[href='/me/meetings/M-2026-09-18']")
    assert EN.label("icm", "enhanced") in text(page.select_one("main"))


def test_nothing_recorded_says_who_to_ask_on_every_page(client, client_request, standard):
    sign_in_as(client, NOBODY)
    for url, key in [("/me/plan", "empty.plan"), ("/me/dates", "empty.dates"),
                     ("/me/meetings", "empty.meetings"), ("/me/decisions", "empty.decisions"),
                     ("/me/risk", "empty.risk"), ("/me/risk", "empty.supervision"),
                     ("/me/programmes", "empty.programmes"), ("/me/licence", "empty.licence"),
                     ("/me/people", "empty.staff")]:
        page = client_request.get(url)
        assert plain(key) in text(page.select_one("main")), url


# Dates --------------------------------------------------------------------------------------

def dates_on(page):
    """(title, date text, section) for each date card."""
    found = []
    for section in page.select("main h2"):
        for card in section.find_all_next("div", class_="app-card"):
            if card.find_previous("h2") is section:
                found.append((text(card.h3), text(card.select_one(".app-date")), text(section)))
    return found


def test_dates_are_sorted_with_past_dates_apart(client, client_request, standard):
    sign_in_as(client, DANNY)
    page = client_request.get("/me/dates")
    recorded = {"parole_qualifying_date": date(2026, 6, 2), "progression_eligibility": date(2024, 6, 2),
                "earliest_date_of_liberation": date(2028, 12, 2), "sentence_expiry_date": date(2030, 6, 2),
                "lscmi_reassessment": date(2027, 1, 15)}
    coming = sorted((d, k) for k, d in recorded.items() if d >= TODAY)
    past = sorted(((d, k) for k, d in recorded.items() if d < TODAY), reverse=True)
    expected = ([(EN.label("date_kind", k), long_date(d), "Dates to come") for d, k in coming]
                + [(EN.label("date_kind", k), long_date(d), "Dates gone by") for d, k in past])
    assert dates_on(page) == expected
    # Danny's record holds a progression date, so nothing is worked out.
    assert not page.select(".app-card--worked-out")


def test_a_provisional_date_is_flagged(client, client_request, standard):
    sign_in_as(client, DANNY)
    page = client_request.get("/me/dates")
    card = next(c for c in page.select(".app-card") if text(c.h3) == EN.label("date_kind", "earliest_date_of_liberation"))
    assert "Not fixed yet" in text(card) and plain("dates.provisional") in text(card)
    assert plain("dates.earliest_date_of_liberation.meaning") in text(card)
    assert plain("dates.earliest_date_of_liberation.ask") in text(card)


def test_life_sentence_gets_a_worked_out_window_with_its_rule(client, client_request, standard):
    sign_in_as(client, LIFER)
    page = client_request.get("/me/dates")
    card = page.select_one(".app-card--worked-out")
    part_ends = date(2027, 5, 13)  # the recorded punishment part expiry wins over start + days
    assert text(card.select_one(".app-date")) == long_date(add_months(part_ends, -48))
    assert "Worked out by us" in text(card)
    assert plain("progression.worked_out") in text(card)
    assert plain("progression.rule.life_olr") in text(card)
    assert len(page.select(".app-card--worked-out")) == 1


def test_short_term_window_and_none_for_remand(client, client_request, standard):
    sign_in_as(client, SHORT)
    card = client_request.get("/me/dates").select_one(".app-card--worked-out")
    assert text(card.select_one(".app-date")) == long_date(add_months(TODAY - timedelta(days=40), 3))
    assert plain("progression.rule.short_term") in text(card)
    assert plain("progression.rule.remand") in text(card)


@pytest.mark.parametrize("sentence, dates, expected", [
    ({"type": "life", "start_date": date(2010, 1, 1), "punishment_part_days": 3652}, [],
     (date(2016, 1, 1), "progression.rule.life_olr")),
    ({"type": "olr", "start_date": date(2010, 1, 1), "punishment_part_days": 3652}, [],
     (date(2016, 1, 1), "progression.rule.life_olr")),
    ({"type": "life", "start_date": date(2010, 1, 1)}, [], None),
    ({"type": "long_term", "start_date": date(2020, 1, 1)}, [("parole_qualifying_date", date(2023, 1, 1))],
     (date(2021, 1, 1), "progression.rule.long_term")),
    ({"type": "long_term", "start_date": date(2020, 1, 1)}, [("parole_qualifying_date", date(2021, 1, 1))],
     (date(2020, 7, 1), "progression.rule.long_term")),
    ({"type": "long_term", "start_date": date(2020, 1, 1)}, [], None),
    ({"type": "short_term", "start_date": date(2020, 11, 30), "length_days": 365}, [],
     (date(2021, 2, 28), "progression.rule.short_term")),
    ({"type": "short_term", "start_date": date(2020, 1, 1), "length_days": 300}, [], None),
    ({"type": "remand", "start_date": date(2020, 1, 1)}, [], None),
    ({"type": "life", "start_date": date(2010, 1, 1), "punishment_part_days": 3652},
     [("progression_eligibility", date(2015, 1, 1))], None),
    ({"type": "life", "start_date": date(2010, 1, 1), "punishment_part_days": 3652},
     [("punishment_part_expiry", date(2021, 1, 1))], (date(2017, 1, 1), "progression.rule.life_olr")),
])
def test_progression_window_rules(sentence, dates, expected):
    from types import SimpleNamespace as Row
    full = {"length_days": None, "punishment_part_days": None, **sentence}
    window = progression_window(Row(**full), [Row(kind=k, date=d) for k, d in dates])
    assert (window and (window.day, window.rule)) == expected


def test_when_words():
    today = date(2026, 11, 23)
    assert when_words(today, today, "en_GB") == ""
    assert when_words(today + timedelta(days=21), today, "en_GB") == "in 3 weeks"
    assert when_words(today - timedelta(days=730), today, "en_GB") == "2 years ago"
    assert when_words(today + timedelta(days=21), today, "pl") == "za 3 tygodnie"


# Meetings and decisions --------------------------------------------------------------------

def test_meetings_list_and_a_meeting_page(client, client_request, standard):
    sign_in_as(client, LIFER)
    listing = client_request.get("/me/meetings")
    links = [a["href"] for a in listing.select("main a.app-link-list__link")]
    assert links == ["/me/meetings/L-M2", "/me/meetings/L-M1"]  # to come, then gone by
    held = client_request.get("/me/meetings/L-M1")
    assert text(held.h1) == EN.label("meeting_kind", "icm_progression")
    assert [written(li) for li in held.select(".app-staff-words li")] == [
        "Risk Management Plan agreed.", "Support FGTR application."]
    assert held.select_one("main a[href='/me/decisions/L-D2']")
    assert held.select_one("main a[href='/me/plan']")
    assert plain("pages.meetings.copy") in text(held.main)
    coming = client_request.get("/me/meetings/L-M2")
    assert plain("meetings.postponed") in text(coming.main)
    assert plain("pages.meetings.not_invited") in text(coming.main)
    assert plain("meetings.rmt.prepare") in text(coming.main)


def test_decision_page_has_what_why_next_review_and_views(client, client_request, standard):
    sign_in_as(client, DANNY)
    page = client_request.get("/me/decisions/D2")
    main = text(page.main)
    assert text(page.h1) == EN.label("decision_subject", "national_top_end")
    assert EN.label("decision_outcome", "deferred") in main
    assert plain("decisions.outcome.deferred.meaning") in main
    assert plain("decisions.outcome.deferred.next") in main
    reasons = page.find("h2", string="Why").find_next("div", class_="app-said-list")
    assert [text(li.select_one(".app-staff-text")) for li in reasons.select("li")][1] == (
        "Insufficient evidence of reduced risk at this time.")
    assert "Re-refer via Annex A" in main
    assert long_date(date(2027, 3, 12)) in main
    assert plain("views.right") in main and plain("views.how") in main
    # The progress line is for temporary release only; a Top End move is one.
    assert page.select_one(".app-progress [aria-current='step']")
    assert client_request.get("/me/decisions/D1").select_one(".app-progress") is None


def test_temporary_release_shows_how_far_it_has_got(client, client_request, standard):
    sign_in_as(client, LIFER)
    sent = client_request.get("/me/decisions/L-D1")
    steps = sent.select(".app-progress__step")
    assert [s["class"][-1] for s in steps] == [
        "app-progress__step--current", "app-progress__step--to-come", "app-progress__step--to-come"]
    assert text(sent.select_one("[aria-current='step'] .app-progress__name")) == "Sent off"
    agreed = client_request.get("/me/decisions/L-D2")
    current = agreed.select_one("[aria-current='step']")
    assert "Decided" in text(current) and EN.label("decision_outcome", "approved") in text(current)
    rules = agreed.find("h2", string="Rules that go with it").find_next("ul")
    assert [written(li) for li in rules.select("li")] == ["Escorted by two staff.", "No alcohol."]


@pytest.mark.parametrize("subject, outcome, states", [
    ("fgtr", "submitted", ["current", "to_come", "to_come"]),
    ("home_leave", "in_progress", ["done", "current", "to_come"]),
    ("ciu", "not_approved", ["done", "done", "current"]),
    ("open_estate", "withdrawn", ["done", "done", "current"]),
])
def test_progress_line(subject, outcome, states):
    assert [step.state for step in progress_line(subject, outcome).steps] == states
    assert progress_line("parole", outcome) is None


@pytest.mark.parametrize("hx", [False, True])
def test_another_persons_keys_answer_404(client, client_request, standard, hx):
    sign_in_as(client, DANNY)
    headers = {"HX-Request": "true"} if hx else {}

    def main_words(response) -> str:
        return BeautifulSoup(response.get_data(as_text=True), "html.parser").select_one("main").get_text(" ", strip=True)

    nowhere = main_words(client.get("/me/decisions/nope", headers=headers))
    for url in ("/me/decisions/H1", "/me/decisions/L-D1", "/me/meetings/L-M1",
                "/me/meetings/K-M1", "/me/meetings/D2"):
        response = client.get(url, headers=headers)
        assert response.status_code == 404, url
        assert main_words(response) == nowhere, f"{url} says more than a key that exists nowhere"
    assert client.get("/me/decisions/D2", headers=headers).status_code == 200


def test_signed_out_visitors_go_to_sign_in(client, standard):
    for url in ("/me/plan", "/me/decisions/D2", "/me/glossary"):
        response = client.get(url)
        assert response.status_code == 302 and response.headers["Location"].endswith("/sign-in")


# Risk and supervision -----------------------------------------------------------------------

def test_risk_leads_with_strengths_and_shows_the_level_as_one_fact(client, client_request, standard):
    sign_in_as(client, LIFER)
    page = client_request.get("/me/risk")
    headings = [text(h) for h in page.select("main h2")]
    assert headings.index("Your strengths") < headings.index("The parts of your life the risk and needs check looked at")
    assert headings.index("Your strengths") < headings.index("About your risk and needs check")
    assert "Works as a peer mentor." in text(page.select_one("main"))
    assert "Strong support from her daughter." in text(page.select_one("main"))
    areas = [text(li.h3) for li in page.select(".app-areas__item")]
    assert areas[:2] == [EN.label("risk_area", "education_employment"), EN.label("risk_area", "family_marital")]
    assert len(areas) == 5
    facts = {text(row.dt): text(row.dd) for row in page.select(".govuk-summary-list__row")}
    assert facts["Level"] == EN.label("risk_level", "low")
    assert facts["Your level"] == EN.label("supervision_level", "low")
    main = text(page.main)
    for key in ("risk.can_change", "risk.supervision_vs_risk", "risk.plans", "risk.serious_harm.what",
                "risk.serious_harm.completed", "risk.myths.never_changes", "risk.myths.community_access",
                "risk.myths.same_as_supervision", "risk.myths.companions"):
        assert plain(key) in main, key
    assert plain("risk.shared") not in main  # it was shared with her


def test_risk_says_when_the_check_was_not_shared(client, client_request, standard):
    sign_in_as(client, DANNY)
    page = client_request.get("/me/risk")
    assert plain("risk.shared") in text(page.main)
    bars = page.select(".app-need-bar")
    assert bars and all(bar["aria-hidden"] == "true" for bar in bars)


# Courses, licence, people, glossary -------------------------------------------------------

def test_programmes(client, client_request, standard):
    sign_in_as(client, LIFER)
    page = client_request.get("/me/programmes")
    names = [text(card.h2) for card in page.select(".app-card")]
    assert names == ["Moving Forward Making Changes", "Relapse prevention group"]
    main = text(page.main)
    assert plain("programmes.waiting_list") in main and plain("programmes.other_prison") in main
    assert plain("programmes.status.completed") in main


def test_licence_conditions(client, client_request, standard):
    sign_in_as(client, LICENSEE)
    set_display(client.application, LICENSEE, easy_read=False)
    page = client_request.get("/me/licence")
    lists = page.select("ol.app-conditions")
    assert [[li["id"] for li in ol.select("li")] for ol in lists] == [
        ["condition-C3", "condition-C4"], ["condition-C1", "condition-C2"]]
    assert "Report to your CBSW" in text(page.select_one("#condition-C2"))
    assert plain("licence.recall") in text(page.main)


def test_people_page(client, client_request, standard):
    sign_in_as(client, LIFER)
    page = client_request.get("/me/people")
    cards = page.select(".app-card--person")
    assert [text(c.h2) for c in cards] == [EN.label("staff_role", r) for r in ("personal_officer", "pbsw", "psychology")]
    assert [text(c.select_one(".app-name")) for c in cards] == ["Officer S. Bell", "K. Dunn", "Dr A. Shah"]
    assert plain("pages.people.no_contact") in text(cards[2])
    assert plain("staff.social_work") in text(page.main)


def test_glossary_lists_every_term_and_searches_without_javascript(client, client_request, standard):
    sign_in_as(client, DANNY)
    page = client_request.get("/me/glossary")
    assert len(page.select(".app-glossary__entry")) == len(EN.glossary)
    form = page.select_one("main form")
    assert form["method"] == "get" and form.select_one("input[name=q]")
    found = client_request.get("/me/glossary?q=annex")
    assert "Annex A" in [text(e.select_one(".govuk-heading-m")) for e in found.select(".app-glossary__entry")]
    assert found.select_one("input[name=q]")["value"] == "annex"
    none = client_request.get("/me/glossary?q=zzzz")
    assert not none.select(".app-glossary__entry") and "No words match" in text(none.main)


def test_glossary_search_matches_spellings_and_meanings():
    assert "nte" in [t.key for t in glossary_page(EN.glossary, "Top End").terms]
    assert [t.key for t in glossary_page(EN.glossary, "mappa").terms] == ["mappa"]
    assert glossary_page(EN.glossary, "   ").total == len(EN.glossary)


# Staff text: escaped, labelled, jargon explained ------------------------------------------

def test_staff_text_is_escaped(client, client_request, standard):
    sign_in_as(client, SHORT)
    for url in ("/me/plan", "/me/dates", "/me/people", "/me/decisions/S-D1"):
        page = client_request.get(url)
        assert not page.select("main script"), url
        assert any(XSS in text(staff) for staff in page.select(".app-staff-text")), url


def test_staff_text_is_labelled_as_written_by_staff(client, client_request, standard):
    sign_in_as(client, DANNY)
    page = client_request.get("/me/plan")
    for staff in page.select(".app-staff-text"):
        box = staff.find_parent(class_="app-staff-words")
        assert box is not None and "wrote" in text(box.select_one(".app-staff-words__by"))


def test_jargon_is_explained_in_place_and_spelled_out_on_first_use_only(client, client_request, standard):
    sign_in_as(client, DANNY)
    page = client_request.get("/me/plan")
    terms = page.select("main details.app-term")
    gpa = [t for t in terms if t["data-term"] == "gpa"]
    assert len(gpa) == 2
    assert text(gpa[0].select_one(".app-term__full")) == "(Generic Programme Assessment)"
    assert gpa[1].select_one(".app-term__full") is None
    assert text(gpa[0].summary).startswith("GPA")
    assert EN.term("gpa").plain in text(gpa[1])
    # Every term is inside a block container (never a <p>), with a summary to open it.
    for term in terms:
        assert term.summary is not None and term.find_parent("p") is None
    # The words of the staff text are all still there, unchanged.
    assert written(page.select_one(".app-staff-text")) == (
        "Pt engaged well at ICM CC. CIP actions reviewed; OBP outstanding pending PCMB. "
        "RMT referral (Annex A) to be progressed for NTE once GPA complete.")


def test_easy_read_shows_easy_lines_with_pictures(app, client, client_request, people):
    set_display(app, DANNY, easy_read=True)
    sign_in_as(client, DANNY)
    page = client_request.get("/me/plan")
    lines = [text(li) for li in page.select("main .app-easy-list")[0].select("li")]
    assert lines == easy_texts("plan.what")
    assert all(li.select_one("img.app-picture") for li in page.select(".app-easy-list__item"))
    term = page.select_one("details.app-term[data-term=gpa]")
    assert term.select_one("img.app-picture") and EN.term("gpa").easy in text(term)
    set_display(app, DANNY, easy_read=False)
    page = client_request.get("/me/plan")
    assert not page.select(".app-easy-list")
    assert text(page.select_one("p.app-explained")) == plain("plan.what")


def test_pages_work_in_another_language_tag(app, client, client_request, people):
    """A record's regional tag (pl-PL) opens the pages in its language, with its dates."""
    set_display(app, TOMASZ, easy_read=False)
    sign_in_as(client, TOMASZ)
    page = client_request.get("/me/decisions/H1")
    assert page.html["lang"] == "pl"
    assert format_date(date(2026, 8, 20), format="long", locale="pl") in text(page.main)


# Every demo person ----------------------------------------------------------------------------

@pytest.mark.databases("sqlite")
def test_every_page_works_for_every_demo_person(app, client, client_request, db_session):
    """Thirty made-up people with every kind of record: each page of each one renders."""
    demo = demo_document(people=30)
    import_people(db_session, demo)
    for person in demo["people"]:
        number = person["prison_number"]
        sign_in_as(client, number)
        home = client_request.get("/me/")
        assert bool(home.select_one("a.app-tile[href='/me/licence']")) == bool(
            person.get("licence", {}).get("conditions"))
        keys = [("/me/meetings/", m["id"]) for m in person.get("meetings", [])]
        keys += [("/me/decisions/", d["id"]) for d in person.get("decisions", [])]
        for url in record_page_urls() + [p + k for p, k in keys]:
            page = client_request.get(url)
            assert not page.select("main script"), url
        client.post("/finish", data={"csrf_token": client_request.csrf_token("/me/")})
