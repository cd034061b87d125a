"""The moving-on and getting-out page builders over a real database (SQLite and PostgreSQL):
each kind of person gets the right steps, the right "you are here" and the right things that
count, from a few small reads."""
from __future__ import annotations

import io
from contextlib import contextmanager
from datetime import date, timedelta

import pdfplumber
import pytest
from sqlalchemy import event, select

from kiosk.models import Person
from kiosk.printing.documents import pack_html
from kiosk.services.printing import pdf
from kiosk.services.printing.packs import build_pack
from kiosk.services.records import moving_on
from kiosk.services.wording.content import content_for
from support import moving_on_people as people
from support.kiosk import import_people, sign_in_as
from support.pages import ClientRequest

TODAY = date.today()


@pytest.fixture
def record(db_session):
    for each in people.documents(TODAY):
        import_people(db_session, each)
    ids = {number: id_ for number, id_ in db_session.execute(select(Person.prison_number, Person.id))}

    def page(number: str) -> moving_on.MovingOnPage:
        return moving_on.moving_on_page(db_session, ids[number], TODAY, people.KINDS)

    def release(number: str) -> moving_on.ReleasePage:
        return moving_on.release_page(db_session, ids[number], TODAY)

    page.release = release
    return page


def steps(page: moving_on.MovingOnPage) -> list[tuple[str, str]]:
    return [(step.key, step.state) for step in page.path.steps]


def test_a_lifer_in_the_national_top_end_with_a_first_temporary_release_being_looked_at(record):
    page = record(people.LIFER)
    assert page.reader == "man" and page.establishment == "HMP Greenock"
    assert steps(page) == [("closed", "done"), ("nte", "here"), ("open_estate", "next"),
                           ("ciu_or_temporary_release", "later"), ("out", "later")]
    assert page.path.here.agreed_on == TODAY - timedelta(days=200)
    assert page.path.notes == ("moving_on.fgtr_first",)
    assert [(v.decision.item_key, v.progress.current.name) for v in page.fgtr] == [("L-FGTR", "considered")]
    assert page.fgtr_date.date == TODAY + timedelta(days=60)
    assert page.first_look.worked_out and page.first_look.rule == "progression.rule.life_olr"
    assert [v.decision.item_key for v in page.team_decisions] == ["L-NTE"]
    assert page.team_review == TODAY + timedelta(days=100)


def test_a_long_term_sentence_in_closed_conditions(record):
    page = record(people.LONG)
    assert steps(page)[:2] == [("closed", "here"), ("nte", "next")] and page.path.steps[1].optional
    assert page.first_look.worked_out and page.first_look.rule == "progression.rule.long_term"
    assert page.first_look.day < TODAY  # within two years of the qualifying date already
    assert page.supervision.level == "medium" and page.supervision_review == TODAY + timedelta(days=150)
    assert [p.name for p in page.courses_done] == ["Constructs"]
    assert [p.name for p in page.courses_to_come] == ["Pathways"]
    assert [v.decision.outcome for v in page.team_decisions] == ["not_approved"]
    assert page.team_review == TODAY + timedelta(days=90)
    assert page.team_meeting.item_key == "G-RMT"
    assert page.fgtr is None and not page.release_soon


def test_a_short_term_sentence_out_within_six_months(record):
    page = record(people.SHORT)
    assert steps(page) == [("closed", "here"), ("open_estate", "next"), ("out", "later")]
    assert page.path.steps[-1].explanation == "moving_on.out.short_term"
    assert page.first_look.rule == "progression.rule.short_term"
    assert page.first_look.caveats == ("progression.rule.remand",)
    assert page.release_soon
    release = record.release(people.SHORT)
    assert release.due and [d.kind for d in release.dates] == ["earliest_date_of_liberation"]
    assert not release.supervised and not release.enhanced and release.licence.empty
    assert [a.item_key for a in release.actions["home"]] == ["S-H"]
    assert [a.item_key for a in release.actions["papers"]] == ["S-ID"]
    assert release.actions["money"] == [] and release.actions["doctor"] == []


def test_on_remand_there_are_no_steps_and_nothing_to_count(record):
    page = record(people.REMAND)
    assert page.remand and page.path is None and page.first_look is None
    assert not page.young and not page.release_soon


def test_back_on_recall_the_next_step_is_a_decision_about_getting_out(record):
    page = record(people.RECALLED)
    assert page.recall and steps(page) == [("recalled", "here"), ("re_release", "next"), ("out", "later")]
    assert page.path.intro is None and page.first_look is None
    assert page.release_soon
    release = record.release(people.RECALLED)
    assert release.due and release.supervised and release.enhanced
    assert release.social_worker.name == "P. Kaur"
    assert [c.item_key for c in release.licence.additional] == ["C2"]


def test_a_young_man_sees_the_young_mens_steps_and_the_review_for_young_people(record):
    page = record(people.YOUNG)
    assert page.reader == "young_man" and page.young
    assert steps(page) == [("closed", "here"), ("young_steps", "next"), ("out", "later")]
    assert page.first_look == moving_on.FirstLook()  # the adult men's rule is not his


def test_a_woman_sees_the_womens_steps_and_no_national_top_end(record):
    page = record(people.WOMAN)
    assert page.reader == "woman" and not page.young
    assert steps(page) == [("closed", "here"), ("ccu", "next"), ("out", "later")]
    assert page.path.intro == "moving_on.path.woman"
    assert page.path.notes == ("moving_on.fgtr_first",)
    assert page.first_look == moving_on.FirstLook()
    assert page.fgtr == [] and page.fgtr_date is None


def test_where_the_prison_does_not_say_who_it_holds_only_what_is_true_for_everyone(record):
    page = record(people.UNPLACED)
    assert page.reader == "anyone" and page.path.intro == "moving_on.path.anyone"
    assert steps(page) == [("closed", "here"), ("fewer_rules", "next"), ("out", "later")]
    assert page.first_look == moving_on.FirstLook()


@contextmanager
def statements(session):
    """Count the SQL statements the session's engine runs inside the block."""
    seen = []
    engine = session.get_bind()
    listener = lambda *args: seen.append(args[2])  # noqa: E731 (the statement text)
    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", listener)


def test_each_page_reads_the_record_in_a_few_small_queries(record, db_session):
    db_session.expunge_all()
    person_id = db_session.scalar(select(Person.id).where(Person.prison_number == people.LIFER))
    db_session.expunge_all()
    with statements(db_session) as seen:
        moving_on.moving_on_page(db_session, person_id, TODAY, people.KINDS)
    assert len(seen) <= 8, seen
    db_session.expunge_all()
    with statements(db_session) as seen:
        moving_on.release_page(db_session, person_id, TODAY)
    assert len(seen) <= 6, seen


# On screen ---------------------------------------------------------------------------------------

@pytest.fixture
def kiosk(app, client, db_session):
    """The kiosk, with the test prisons' intake set, and a way to see a person's page."""
    app.config["ESTABLISHMENT_KINDS"] = people.KINDS
    for each in people.documents(TODAY):
        import_people(db_session, each)

    def page_of(number: str, url: str = "/me/moving-on"):
        sign_in_as(client, number)
        return ClientRequest(client).get(url)

    return page_of


def texts(soup, selector: str) -> list[str]:
    return [" ".join(element.get_text(" ").split()) for element in soup.select(selector)]


def step_states(soup) -> list[tuple[str, str]]:
    """(title, state) of each step on the path, as the person reads them."""
    found = []
    for card in soup.select(".app-path .app-step"):
        state = card.select_one(".app-step__state")
        found.append((" ".join(card.select_one("h3").get_text(" ").split()),
                      " ".join(state.get_text(" ").split()) if state else ""))
    return found


def explained_keys_for(soup) -> str:
    return " ".join(soup.select_one("main").get_text(" ").split())


def test_the_lifer_sees_the_mens_steps_here_at_the_national_top_end(kiosk):
    page = kiosk(people.LIFER)
    assert step_states(page) == [
        ("Closed conditions", "Done"), ("The National Top End", "You are here"),
        ("The open prison", "Next step"),
        ("A Community Integration Unit, or temporary release", ""), ("Getting out", "")]
    words = explained_keys_for(page)
    assert content_for("en").explain("moving_on.fgtr_first").plain.split("\n")[0] in words
    assert page.select_one("#fgtr") is not None and "Being looked at" in page.select_one("#fgtr").get_text()
    assert "Worked out by us" in page.select_one("#first-look").get_text()
    assert page.select_one("#team a")["href"] == "/me/decisions/L-NTE"


def test_remand_is_told_kindly_that_there_are_no_steps_yet(kiosk):
    page = kiosk(people.REMAND)
    assert not page.select(".app-path") and page.select_one("#first-look") is None
    words = explained_keys_for(page)
    assert "This is not a mark against you." in words
    assert "Write to the Risk Management Team" not in words


def test_recall_offers_a_letter_to_the_parole_board_not_the_team(kiosk):
    page = kiosk(people.RECALLED)
    assert [title for title, _ in step_states(page)] == [
        "Back in prison", "A decision about getting out again", "Getting out"]
    buttons = texts(page, "a.govuk-button")
    assert "Write to the Parole Board" in buttons and "Write to the Risk Management Team" not in buttons
    assert page.select_one("#team") is None


def test_the_long_term_letter_goes_to_the_teams_next_meeting(kiosk):
    page = kiosk(people.LONG)
    link = next(a for a in page.select("a.govuk-button") if a.get_text(strip=True) == "Write to the Risk Management Team")
    assert link["href"] == "/me/letters/write/meeting/G-RMT"
    assert "Pathways" in page.select_one("#courses").get_text()


def test_the_young_man_sees_the_review_for_young_people(kiosk):
    page = kiosk(people.YOUNG)
    assert "The review for young people" in texts(page, "h2")
    assert [title for title, _ in step_states(page)][1] == "Steps in the prison for young people"


def test_the_woman_sees_no_national_top_end_or_open_prison(kiosk):
    page = kiosk(people.WOMAN)
    titles = [title for title, _ in step_states(page)]
    assert titles == ["Closed conditions", "A community custody unit", "Getting out"]
    words = explained_keys_for(page)
    assert "National Top End" not in words and "open prison" not in words.replace(
        content_for("en").explain("moving_on.fgtr_first").plain.replace("\n", " "), "")


def test_getting_out_shows_the_licence_as_the_licence_page_does(kiosk):
    page = kiosk(people.RECALLED, "/me/getting-out")
    conditions = texts(page, ".app-conditions__item")
    assert conditions == texts(kiosk(people.RECALLED, "/me/licence"), ".app-conditions__item")
    assert any("Curfew 19:00 to 07:00 at approved address." in condition for condition in conditions)
    assert "P. Kaur" in page.select_one("main").get_text()


def test_getting_out_is_offered_only_when_it_is_near(kiosk):
    assert "/me/getting-out" in [a["href"] for a in kiosk(people.SHORT, "/me/").select(".app-tile")]
    assert "/me/getting-out" not in [a["href"] for a in kiosk(people.LONG, "/me/").select(".app-tile")]


def test_how_to_complain_sits_beside_the_letters(kiosk):
    letters = kiosk(people.SHORT, "/me/letters/")
    assert "/me/how-to-complain" in [a["href"] for a in letters.select("a")]
    page = kiosk(people.SHORT, "/me/how-to-complain")
    assert [" ".join(h.get_text(" ").split()) for h in page.select(".app-complaint-steps h3")] == [
        "Stage 1: the manager of your hall", "Stage 2: the complaints committee", "Then: the Ombudsman"]


# On paper ----------------------------------------------------------------------------------------
# The builders are read on both databases above; a PDF is the same from either, so once is enough.
ON_PAPER = pytest.mark.databases("sqlite")


@pytest.fixture
def printed(app, db_session):
    """A person's section (or whole pack) in easy read, as the PDF reads back, spaces evened."""
    app.config["ESTABLISHMENT_KINDS"] = people.KINDS
    for each in people.documents(TODAY):
        import_people(db_session, each)

    def read(number: str, what: str) -> str:
        person = db_session.scalars(select(Person).where(Person.prison_number == number)).one()
        pack = build_pack(db_session, person, what, today=TODAY, language="en")
        document = pdf.render_pdf(pack_html(pack, lang="en", variant="easy_read"), lang="en")
        with pdfplumber.open(io.BytesIO(document)) as read_back:
            return " ".join(" ".join(page.extract_text() or "" for page in read_back.pages).split())

    return read


def easy_lines(key: str) -> list[str]:
    return [item.text for item in content_for("en").explain(key).easy]


def in_order(text: str, *parts: str) -> bool:
    """Each part is in the text, after the one before it."""
    at = 0
    for part in parts:
        at = text.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True


@ON_PAPER
def test_the_lifers_printed_steps_say_where_he_is_and_what_counts(printed):
    text = printed(people.LIFER, "moving_on")
    assert in_order(text, "Moving on", "Closed conditions", "Done", "The National Top End",
                    "You are here", "The open prison", "Next step",
                    "A Community Integration Unit, or temporary release", "Getting out")
    assert in_order(text, "Where you are now", "HMP Greenock", "The National Top End", "The open prison")
    assert in_order(text, "When a move can first be looked at", "Worked out by us", "The rule we used")
    assert in_order(text, "Your first temporary release", "Being looked at")
    assert "Self-Change Programme" in text
    for line in (*easy_lines("moving_on.what"), *easy_lines("moving_on.counts.weighs")):
        assert line in text
    assert "Write to the Risk Management Team" not in text  # a button only on screen


@ON_PAPER
def test_remand_prints_kindly_with_no_steps(printed):
    text = printed(people.REMAND, "moving_on")
    for line in easy_lines("moving_on.remand"):
        assert line in text
    assert "You are here" not in text and "Closed conditions" not in text


@ON_PAPER
def test_getting_out_prints_the_licence_with_breach_and_recall(printed):
    text = printed(people.RECALLED, "release")
    assert "Curfew 19:00 to 07:00 at approved address." in text and "P. Kaur" in text
    for line in (*easy_lines("release.breach"), *easy_lines("release.first_day.supervised")):
        assert line in text


@ON_PAPER
def test_how_to_complain_prints_its_three_stages_in_order(printed):
    text = printed(people.SHORT, "complaints")
    assert in_order(text, "Stage 1: the manager of your hall", *easy_lines("complaints.stage_1"),
                    "Stage 2: the complaints committee", *easy_lines("complaints.stage_2"),
                    "Then: the Ombudsman", *easy_lines("complaints.ombudsman"))


@ON_PAPER
def test_the_whole_pack_holds_getting_out_only_when_it_is_near(printed):
    soon, not_yet = printed(people.SHORT, "pack"), printed(people.LONG, "pack")
    assert "Moving on" in soon and "Moving on" in not_yet
    assert "What to sort out" in soon or "Getting ready to get out" in soon
    assert "Getting ready to get out" not in not_yet


def fact(soup, label: str) -> str | None:
    """The value beside a label in the page's facts, as read."""
    for row in soup.select(".govuk-summary-list__row"):
        if " ".join(row.select_one("dt").get_text(" ").split()) == label:
            return " ".join(row.select_one("dd").get_text(" ").split())
    return None


@pytest.mark.parametrize("number, here, coming, counts", [
    (people.LIFER, "The National Top End", "The open prison",
     ["first-look", "supervision-level", "courses", "team", "fgtr"]),
    (people.LONG, "Closed conditions", "The National Top End", ["first-look", "supervision-level", "courses", "team"]),
    (people.SHORT, "Closed conditions", "The open prison", ["first-look", "supervision-level", "courses", "team"]),
    (people.RECALLED, "Back in prison", "A decision about getting out again", ["supervision-level", "courses"]),
    (people.YOUNG, "Closed conditions", "Steps in the prison for young people",
     ["first-look", "supervision-level", "courses", "team"]),
    (people.WOMAN, "Closed conditions", "A community custody unit",
     ["first-look", "supervision-level", "courses", "team", "fgtr"]),
    (people.REMAND, None, None, []),
])
def test_each_kind_of_person_reads_where_they_are_and_what_counts(kiosk, number, here, coming, counts):
    page = kiosk(number)
    assert (fact(page, "Your step"), fact(page, "Next step")) == (here, coming)
    marked = [title for title, state in step_states(page) if state == "You are here"]
    assert marked == ([here] if here else [])
    cards = ["first-look", "supervision-level", "courses", "team", "fgtr"]
    assert [card for card in cards if page.select_one(f"#{card}")] == counts
