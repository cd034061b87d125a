"""The staff side of letters: who may open what (every role against every letters route),
the inbox by forum and meeting date with its filters, audited opening, acknowledge / share /
reply seen on the kiosk, the PDF for the meeting papers read back, help requests, figures."""
from __future__ import annotations

import io
import logging
from datetime import date, datetime, timedelta, timezone

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from kiosk.extensions import db
from kiosk.models import AuditEvent, Feedback, HelpRequest, Letter, Person
from kiosk.services.letters import writing as letters
from support.kiosk import DANNY, LIFER, TOMASZ, XSS, example_people, import_people
from support.kiosk import sign_in_as as kiosk_sign_in
from support.kiosk import varied_people
from support.letters import add_letter
from support.pages import main_text
from support.staff import (  # noqa: F401  (fast_hashing is an autouse fixture)
    ROLES, csrf_from, fast_hashing, import_without_pins, make_user, sign_in_staff,
)

PO, CC, SW, RMT, MGR, ADM = ROLES
READERS = {PO, CC, SW, RMT}
NOW = datetime.now(timezone.utc)


@pytest.fixture
def greenock(db_session):
    """Danny (hall Ailsa) and Tomasz (hall Darroch) at HMP Greenock."""
    import_without_pins(db_session, example_people())


def as_staff(app, client, role, **account) -> str:
    defaults = {PO: {"hall": "Ailsa"}, SW: {"caseload": (DANNY,)}, ADM: {"establishment": None}}
    username = make_user(app, role, **{**defaults.get(role, {}), **account})
    sign_in_staff(client, username)
    return username


def post(client, url, **data):
    return client.post(url, data={"csrf_token": csrf_from(client, "/staff/"), **data})


# Who may do what -------------------------------------------------------------------------

GET_ROUTES = {"/staff/letters/": READERS, "/staff/letters/{letter}": READERS,
              "/staff/letters/{letter}/pdf": READERS, "/staff/letters/figures": {CC, MGR}}
POST_ROUTES = {"/staff/letters/{letter}/acknowledge": READERS, "/staff/letters/{letter}/shared": READERS,
               "/staff/letters/{letter}/reply": READERS, "/staff/letters/help/{help}/done": READERS}


def test_the_matrix_covers_every_letters_route(app):
    rules = {rule.rule.replace("<int:letter_id>", "{letter}").replace("<int:help_id>", "{help}")
             for rule in app.url_map.iter_rules() if rule.endpoint.startswith("staff_letters.")}
    assert rules == set(GET_ROUTES) | set(POST_ROUTES)


@pytest.mark.databases("sqlite")
@pytest.mark.parametrize("role", ROLES)
def test_every_role_against_every_letters_route(app, client, greenock, role):
    letter = add_letter(app, DANNY)
    with app.app_context():
        with db.transaction() as session:
            help_request = HelpRequest(person_id=session.scalars(select(Person.id).where(
                Person.prison_number == DANNY)).one(), target_kind="forum", target_key="rmt", asked_at=NOW)
            session.add(help_request)
            session.flush()
            help_id = help_request.id
    as_staff(app, client, role)
    for route, allowed in GET_ROUTES.items():
        status = client.get(route.format(letter=letter)).status_code
        assert status == (200 if role in allowed else 403), f"{role} GET {route}"
    for route, allowed in POST_ROUTES.items():
        status = post(client, route.format(letter=letter, help=help_id), text="A reply.").status_code
        assert status == (302 if role in allowed else 403), f"{role} POST {route}"


def test_no_letters_page_opens_without_signing_in(app, client, greenock):
    letter = add_letter(app, DANNY)
    for route in GET_ROUTES:
        response = client.get(route.format(letter=letter))
        assert response.status_code == 302 and "/staff/sign-in" in response.headers["Location"]


def test_a_personal_officer_cannot_open_a_letter_from_another_hall(app, client, greenock):
    tomasz_letter = add_letter(app, TOMASZ, "Tomasz writes.")
    danny_letter = add_letter(app, DANNY, "Danny writes.")
    as_staff(app, client, PO, hall="Ailsa")
    inbox = client.get("/staff/letters/").get_data(as_text=True)
    assert "Danny" in inbox and "Tomasz" not in inbox
    assert client.get(f"/staff/letters/{tomasz_letter}").status_code == 404
    assert client.get(f"/staff/letters/{tomasz_letter}/pdf").status_code == 404
    assert post(client, f"/staff/letters/{tomasz_letter}/reply", text="x").status_code == 404
    assert client.get(f"/staff/letters/{danny_letter}").status_code == 200


# The inbox ---------------------------------------------------------------------------------

def test_the_inbox_groups_by_forum_and_meeting_date_and_filters(app, client, client_request, greenock):
    soon, later = date.today() + timedelta(days=5), date.today() + timedelta(days=30)
    add_letter(app, DANNY, "late one", meeting_date=soon, late=True)
    add_letter(app, DANNY, "for later", meeting_date=later)
    add_letter(app, TOMASZ, "to the board", forum="parole_board")
    add_letter(app, TOMASZ, "old and unanswered", forum="parole_board", sent_at=NOW - timedelta(days=20))
    add_letter(app, TOMASZ, "old, acknowledged", forum="other", sent_at=NOW - timedelta(days=20),
               received_at=NOW - timedelta(days=19), answered_at=NOW - timedelta(days=18), reply="Done.")
    as_staff(app, client, CC)
    page = client_request.get("/staff/letters/")
    headings = [h.get_text(strip=True) for h in page.select("main h2.govuk-heading-l")]
    assert headings[:3] == ["Something else", "The Parole Board for Scotland", "The Risk Management Team"]
    captions = [c.get_text(strip=True) for c in page.select("main table caption")]
    assert captions[2:4] == [f"Meeting on {soon.day} {soon:%B %Y}", f"Meeting on {later.day} {later:%B %Y}"]

    def references(url):
        return len(client_request.get(url).select("main table tbody tr"))

    assert references("/staff/letters/") == 5
    assert references("/staff/letters/?show=new") == 4
    assert references("/staff/letters/?show=overdue") == 1
    assert references("/staff/letters/?show=late") == 1
    assert references("/staff/letters/?forum=parole_board") == 2
    assert "Late for the meeting" in page.get_text()


def test_opening_a_letter_is_audited_and_each_step_shows_on_the_kiosk(app, client, greenock):
    letter_id = add_letter(app, DANNY, "Please let me go to the NTE.")
    as_staff(app, client, CC)
    assert client.get(f"/staff/letters/{letter_id}").status_code == 200
    with app.app_context():
        reference = db.session.get(Letter, letter_id).reference
        opened = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "view")).all()
    assert [event.detail for event in opened] == [f"letter {reference}"]

    assert post(client, f"/staff/letters/{letter_id}/acknowledge").status_code == 302
    assert post(client, f"/staff/letters/{letter_id}/shared").status_code == 302
    assert post(client, f"/staff/letters/{letter_id}/reply", text="The RMT will meet in May.").status_code == 302
    with app.app_context():
        letter = db.session.get(Letter, letter_id)
        assert letter.status == "answered" and letter.reply == "The RMT will meet in May."
        assert letter.received_at <= letter.shared_at <= letter.answered_at
        changes = db.session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "change")).all()
    assert changes == [f"letter {reference}: received", f"letter {reference}: shared with the meeting",
                       f"letter {reference}: replied"]

    kiosk = app.test_client()
    kiosk_sign_in(kiosk, DANNY)
    html = kiosk.get(f"/me/letters/{reference}").get_data(as_text=True)
    words = main_text(html)  # the words, whatever marks read aloud puts around sentences
    assert "Staff have written back" in words and " will meet in May." in words
    assert 'data-term="rmt"' in html


def test_an_empty_reply_is_refused_and_changes_nothing(app, client, greenock):
    letter_id = add_letter(app, DANNY)
    as_staff(app, client, CC)
    response = post(client, f"/staff/letters/{letter_id}/reply", text="  ")
    assert response.status_code == 400 and "Write the reply first." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Letter, letter_id).answered_at is None


def test_a_forged_staff_action_is_refused(app, client, greenock):
    letter_id = add_letter(app, DANNY)
    as_staff(app, client, CC)
    for data in ({}, {"csrf_token": "forged"}):
        assert client.post(f"/staff/letters/{letter_id}/acknowledge", data=data).status_code == 400
    with app.app_context():
        assert db.session.get(Letter, letter_id).received_at is None


def test_script_in_a_letter_is_text_in_the_inbox_the_letter_page_and_the_pdf(app, client, greenock, caplog):
    letter_id = add_letter(app, DANNY, f"Read this {XSS} <img src=x onerror=alert(2)>")
    as_staff(app, client, CC)
    for url in ("/staff/letters/", f"/staff/letters/{letter_id}"):
        html = client.get(url).get_data(as_text=True)
        assert "<script>alert(1)</script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get(f"/staff/letters/{letter_id}").get_data(as_text=True)

    with caplog.at_level(logging.ERROR, logger="weasyprint"):
        response = client.get(f"/staff/letters/{letter_id}/pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert not [r for r in caplog.records if r.name.startswith("weasyprint") and r.levelno >= logging.ERROR]
    reader = PdfReader(io.BytesIO(response.data))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert XSS in text and "<img src=x onerror=alert(2)>" in text
    with app.app_context():
        reference = db.session.get(Letter, letter_id).reference
        exported = db.session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "export")).all()
    assert reference in text and exported == [f"letter {reference} as PDF"]
    assert reader.metadata.title == f"Letter {reference}"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_help_requests_are_listed_and_marked_done(app, client, client_request, db_session):
    import_people(db_session, varied_people(date.today()))
    kiosk = app.test_client()
    kiosk_sign_in(kiosk, LIFER)
    kiosk.post("/me/letters/help/meeting/L-M2", data={"csrf_token": csrf_from(kiosk, "/me/letters/")})
    as_staff(app, client, CC)
    page = client_request.get("/staff/letters/")
    assert "Orr, Margaret" in page.select_one("#help-requests + ul").get_text()
    form = page.select_one("#help-requests + ul form")
    assert post(client, form["action"]).status_code == 302
    with app.app_context():
        assert db.session.scalars(select(HelpRequest.done_at)).one() is not None
    assert "Nobody is waiting for help." in client_request.get("/staff/letters/").get_text()


# Figures -----------------------------------------------------------------------------------

def test_figures_give_median_days_and_understanding_with_a_server_drawn_chart(app, client, client_request, greenock):
    for days_to_ack, days_to_answer in ((1, 4), (2, 6), (6, 10)):
        add_letter(app, DANNY, sent_at=NOW - timedelta(days=20),
                   received_at=NOW - timedelta(days=20 - days_to_ack),
                   answered_at=NOW - timedelta(days=20 - days_to_answer), reply="Answered.")
    add_letter(app, DANNY)  # not yet acknowledged: not counted
    with app.app_context():
        with db.transaction() as session:
            answers = [("decision", "parole", "yes"), ("decision", "parole", "no"),
                       ("decision", "open_estate", "partly"), ("meeting", "rmt", "yes")]
            for page, topic, understood in answers:
                session.add(Feedback(page=page, topic=topic, understood=understood, words="",
                                     given_on=date.today()))
            session.add(Feedback(page="kiosk", words=f"Nice {XSS}", given_on=date.today()))
    as_staff(app, client, MGR)
    page = client_request.get("/staff/letters/figures")
    values = [dd.get_text(" ", strip=True) for dd in page.select("main dl dd")]
    assert values == ["2.0 (3 letters)", "6.0 (3 letters)"]
    charts = page.select("main figure svg[role=img]")
    assert len(charts) == 2 and charts[0].find("title").get_text() == "Understanding by page"
    rows = {row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.find_all("td")]
            for row in page.select("main table tbody tr")}
    assert rows["Decision pages"] == ["33%", "33%", "33%", "3"]
    assert rows["Meeting pages"] == ["100%", "0%", "0%", "1"]
    html = client.get("/staff/letters/figures").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "Nice &lt;script&gt;" in html
