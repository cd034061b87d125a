"""Writing to a meeting or decision from the kiosk: saved as typed, checked, sent exactly once,
with a readable reference; kept across Finish; refused without a valid CSRF token; always the
person's own; script shown as text. Runs on SQLite and PostgreSQL."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from kiosk.extensions import db
from kiosk.models import HelpRequest, KioskSession, Letter, LetterDraft, Meeting
from kiosk.services.letters import writing as letters
from support.kiosk import LICENSEE, LIFER, XSS, import_people, sign_in_as, varied_people
from support.staff import fast_hashing  # noqa: F401  (autouse: cheap PIN hashing)

RMT_LATER = "/me/letters/write/meeting/L-M2"      # Maggie's RMT, 40 days away
PAROLE = "/me/letters/write/meeting/K-M1"          # Kyle's parole hearing
AUTOSAVE = {"HX-Request": "true", "HX-Target": "draft-status"}


@pytest.fixture
def people(db_session):
    import_people(db_session, varied_people(date.today()))


@pytest.fixture
def maggie(client, people):
    sign_in_as(client, LIFER)
    return client


def token(client_request, url="/me/letters/") -> str:
    return client_request.csrf_token(url)


def autosave(client, client_request, url, text):
    return client.post(url, data={"text": text, "csrf_token": token(client_request)}, headers=AUTOSAVE)


def count(app, model, **where) -> int:
    with app.app_context():
        query = select(func.count()).select_from(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return db.session.scalar(query)


def only_draft(app) -> LetterDraft:
    with app.app_context():
        return db.session.scalars(select(LetterDraft)).one()


def check_and_send(client_request, write_url, text) -> tuple[str, str]:
    """Write, press Check, read the send key, press Send: (send key, confirmation URL)."""
    check_url = client_request.post(write_url, data={"text": text, "action": "check"})
    key = client_request.get(check_url).find("input", attrs={"name": "send_key"})["value"]
    confirmation = client_request.post("/me/letters/send", data={"send_key": key}, csrf_from=check_url)
    return key, confirmation


# Saving as they type ---------------------------------------------------------------------

def test_autosave_stores_the_words_and_says_when(app, client, client_request, maggie):
    response = autosave(client, client_request, RMT_LATER, "I have finished my course.")
    assert response.status_code == 200
    assert "Saved at" in response.get_data(as_text=True)
    assert "2974 more characters" in response.get_data(as_text=True)
    assert only_draft(app).text == "I have finished my course."
    page = client_request.get(RMT_LATER)
    assert page.find("textarea", id="text").get_text() == "I have finished my course."
    assert page.find("textarea", id="text")["data-hx-post"] == RMT_LATER


def end_visits(app) -> None:
    """The kiosk was left alone longer than the idle limit."""
    with app.app_context():
        with db.transaction() as session:
            for visit in session.scalars(select(KioskSession)):
                visit.last_active_at -= timedelta(seconds=app.config["KIOSK_IDLE_SECONDS"] + 1)


def test_an_autosave_after_the_visit_timed_out_sends_the_screen_away(app, client, client_request, maggie):
    csrf = token(client_request)
    end_visits(app)
    response = client.post(RMT_LATER, data={"text": "late words", "csrf_token": csrf}, headers=AUTOSAVE)
    assert response.status_code == 204 and response.headers["HX-Redirect"] == "/timed-out"
    assert count(app, LetterDraft) == 0


def test_without_javascript_save_keeps_the_draft(app, client_request, maggie):
    location = client_request.post(RMT_LATER, data={"text": "Line one.\r\nLine two.", "action": "save"})
    assert location.endswith(RMT_LATER + "?saved=1")
    page = client_request.get(location)
    assert "Your letter is saved" in page.get_text()
    assert only_draft(app).text == "Line one.\nLine two."


@pytest.mark.parametrize("ending", ["finish", "time-out"])
def test_the_draft_survives_the_end_of_a_visit_and_is_there_next_sign_in(app, client, client_request, maggie, ending):
    autosave(client, client_request, RMT_LATER, "Words I do not want to lose.")
    if ending == "finish":
        client_request.post("/finish", csrf_from="/me/")
    else:
        end_visits(app)
    assert client.get("/me/letters/").status_code == 302  # signed out
    sign_in_as(client, LIFER)
    home = client_request.get("/me/")
    assert "You have a letter to finish. It is saved." in home.find("a", href="/me/letters/").get_text()
    listing = client_request.get("/me/letters/")
    assert "Letters you have not sent yet" in listing.get_text()
    assert listing.find("a", href=RMT_LATER)
    assert client_request.get(RMT_LATER).find("textarea").get_text() == "Words I do not want to lose."


def test_over_long_text_is_kept_whole_and_cannot_be_sent_until_shorter(app, client, client_request, maggie):
    long_text = "word " * 700  # 3,500 characters against a limit of 3,000
    response = autosave(client, client_request, RMT_LATER, long_text)
    assert "500 characters too long. Nothing has been cut out." in response.get_data(as_text=True)
    assert only_draft(app).text == long_text
    check = client_request.get("/me/letters/check/meeting/L-M2")
    assert "too long to send" in check.get_text()
    assert check.find("input", attrs={"name": "send_key"}) is None
    forced = client_request.post("/me/letters/send", data={"send_key": only_draft(app).send_key},
                                 csrf_from="/me/letters/")
    assert forced.endswith("/me/letters/")
    assert count(app, Letter) == 0 and only_draft(app).text == long_text


# Sending exactly once ------------------------------------------------------------------------

def test_send_gives_a_readable_reference_and_what_happens_next(app, client_request, maggie):
    _key, confirmation = check_and_send(client_request, RMT_LATER, "Please consider my progress.")
    page = client_request.get(confirmation)
    reference = page.find(class_="app-reference").get_text()
    assert re.fullmatch(r"[ACDEFHJKMNPRTWXY3479]{4}-[ACDEFHJKMNPRTWXY3479]{4}", reference)
    text = page.get_text(" ")
    assert "What happens next" in text and "You should get an answer by" in text
    due = (date.today() + timedelta(days=14))
    assert f"{due.day} {due:%B %Y}" in " ".join(text.split())
    with app.app_context():
        letter = db.session.scalars(select(Letter)).one()
        assert (letter.reference, letter.forum, letter.meeting_key, letter.late) == (
            reference, "rmt", "L-M2", False)
        assert letter.meeting_date == date.today() + timedelta(days=40)
    assert count(app, LetterDraft) == 0  # the draft became the letter


def test_double_press_and_back_and_resend_make_one_letter(app, client, client_request, maggie):
    key, first = check_and_send(client_request, RMT_LATER, "Only once, please.")
    for _again in range(3):
        again = client.post("/me/letters/send", data={"send_key": key, "csrf_token": token(client_request)})
        assert again.status_code == 302 and again.headers["Location"] == first
    assert count(app, Letter) == 1
    # Back to the check page after sending: nothing to send any more, and no second letter.
    assert client.get("/me/letters/check/meeting/L-M2").headers["Location"].endswith(RMT_LATER)
    assert "You already sent a letter to this" in client_request.get(RMT_LATER).get_text()


def test_a_letter_for_a_meeting_after_the_papers_deadline_is_late_but_accepted(app, client_request, db_session, people):
    with app.app_context():
        with db.transaction() as session:
            meeting = session.scalars(select(Meeting).where(Meeting.item_key == "K-M1")).one()
            meeting.date = date.today() + timedelta(days=3)
    sign_in_as(client_request.client, LICENSEE)
    assert "may be late for the meeting" in client_request.get(PAROLE).get_text()
    _key, confirmation = check_and_send(client_request, PAROLE, "Please read this before the hearing.")
    assert "Staff will still pass it on." in client_request.get(confirmation).get_text()
    with app.app_context():
        letter = db.session.scalars(select(Letter)).one()
        assert letter.late and letter.forum == "parole_board"


def test_a_letter_to_a_meeting_that_has_been_is_accepted_and_flagged(app, client_request, maggie):
    write = "/me/letters/write/meeting/L-M1"  # held 100 days ago
    assert "This meeting has already happened." in client_request.get(write).get_text()
    check_and_send(client_request, write, "I could not come.")
    with app.app_context():
        assert db.session.scalars(select(Letter.late)).one() is True


def test_letters_to_a_team_and_about_a_decision(app, client_request, maggie):
    choose = client_request.get("/me/letters/new")
    assert choose.find("a", href="/me/letters/write/forum/temporary_release")
    check_and_send(client_request, "/me/letters/write/forum/parole_board", "To the Board.")
    decision = client_request.get("/me/decisions/L-D1")
    assert decision.find("a", href="/me/letters/write/decision/L-D1")
    check_and_send(client_request, "/me/letters/write/decision/L-D1", "About my FGTR.")
    # A decision made at a meeting long gone: the letter is about the decision, not late.
    check_and_send(client_request, "/me/letters/write/decision/L-D2", "About my escorted leave.")
    with app.app_context():
        sent = db.session.execute(select(Letter.forum, Letter.late).order_by(Letter.forum)).all()
    assert [tuple(row) for row in sent] == [("parole_board", False), ("rmt", False),
                                            ("temporary_release", False)]


# Only their own ------------------------------------------------------------------------------

def test_another_persons_meeting_decision_and_letter_are_not_found(app, client, client_request, people):
    sign_in_as(client, LICENSEE)
    check_and_send(client_request, PAROLE, "Kyle's letter.")
    with app.app_context():
        reference = db.session.scalars(select(Letter.reference)).one()
    client_request.post("/finish", csrf_from="/me/")
    sign_in_as(client, LIFER)
    for url in (PAROLE, "/me/letters/check/meeting/K-M1", "/me/letters/write/decision/K-D1",
                f"/me/letters/{reference}", f"/me/letters/{reference}/receipt",
                "/me/letters/write/forum/not-a-team"):
        assert client.get(url).status_code == 404, url
    posted = client.post(PAROLE, data={"text": "sneaky", "csrf_token": token(client_request)})
    assert posted.status_code == 404
    assert count(app, LetterDraft) == 0


def test_a_stolen_send_key_sends_nothing_for_someone_else(app, client, client_request, people):
    sign_in_as(client, LICENSEE)
    client_request.post(PAROLE, data={"text": "Kyle's words", "action": "save"})
    kyle_key = only_draft(app).send_key
    client_request.post("/finish", csrf_from="/me/")
    sign_in_as(client, LIFER)
    client.post("/me/letters/send", data={"send_key": kyle_key, "csrf_token": token(client_request)})
    assert count(app, Letter) == 0 and only_draft(app).text == "Kyle's words"


# Forged requests and long sessions ---------------------------------------------------------

@pytest.mark.parametrize("bad_token", [None, "not-a-real-token"])
def test_a_forged_save_or_send_is_refused_in_plain_words_and_changes_nothing(app, client, client_request, maggie, bad_token):
    client_request.post(RMT_LATER, data={"text": "The real words.", "action": "save"})
    key = only_draft(app).send_key
    forged = {} if bad_token is None else {"csrf_token": bad_token}
    for url, data in ((RMT_LATER, {"text": "Forged words."}), ("/me/letters/send", {"send_key": key}),
                      ("/me/letters/help/meeting/L-M2", {})):
        response = client.post(url, data={**data, **forged})
        assert response.status_code == 400
        assert "That page was out of date, so nothing was changed." in response.get_data(as_text=True)
    assert only_draft(app).text == "The real words."
    assert count(app, Letter) == 0 and count(app, HelpRequest) == 0


def test_a_token_older_than_flasks_default_hour_still_sends(app, client, client_request, maggie, monkeypatch):
    """A letter written slowly over the whole visit: the token is hours old when Send is pressed."""
    import itsdangerous.timed

    assert app.config["WTF_CSRF_TIME_LIMIT"] is None
    client_request.post(RMT_LATER, data={"text": "Written slowly.", "action": "save"})
    old_token = token(client_request, "/me/letters/check/meeting/L-M2")
    key = only_draft(app).send_key
    three_hours_later = itsdangerous.timed.time.time() + 3 * 3600
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: three_hours_later)
    response = client.post("/me/letters/send", data={"send_key": key, "csrf_token": old_token})
    assert response.status_code == 302 and "/sent" in response.headers["Location"]
    assert count(app, Letter) == 1


# Help and text safety ------------------------------------------------------------------------

def test_asking_for_help_saves_the_words_and_asks_once(app, client_request, maggie):
    for _twice in range(2):
        location = client_request.post("/me/letters/help/meeting/L-M2", data={"text": "I need help"},
                                       csrf_from=RMT_LATER)
    assert location.endswith(RMT_LATER + "#help")
    assert "We have told your personal officer." in client_request.get(RMT_LATER).get_text()
    assert count(app, HelpRequest) == 1 and only_draft(app).text == "I need help"


def test_script_in_a_letter_is_shown_as_text_on_the_kiosk(app, client, client_request, maggie):
    _key, confirmation = check_and_send(client_request, RMT_LATER, f"Hello {XSS} <b>bold</b>")
    reference = client_request.get(confirmation).find(class_="app-reference").get_text()
    for url in (f"/me/letters/{reference}", f"/me/letters/{reference}/receipt"):
        html = client.get(url).get_data(as_text=True)
        assert "<script>alert(1)</script>" not in html and "<b>bold</b>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert client_request.get(url).find(class_="app-letter-text").get_text() == f"Hello {XSS} <b>bold</b>"


def test_my_letters_shows_the_status_and_the_reply_with_jargon_explained(app, client_request, maggie):
    _key, confirmation = check_and_send(client_request, RMT_LATER, "My views.")
    reference = client_request.get(confirmation).find(class_="app-reference").get_text()
    with app.app_context():
        with db.transaction() as session:
            letter = session.scalars(select(Letter)).one()
            letters.reply(letter, None, "The RMT read your letter. Your PO will explain.",
                          datetime.now(timezone.utc))
    listing = client_request.get("/me/letters/")
    assert reference in listing.get_text() and "Staff wrote back" in listing.get_text()
    page = client_request.get(f"/me/letters/{reference}")
    assert "Staff have written back to you." in page.get_text()
    terms = {term["data-term"] for term in page.select(".app-staff-words details.app-term")}
    assert {"rmt", "po"} <= terms


def test_the_reference_never_uses_characters_that_look_alike():
    references = {letters.new_reference() for _ in range(2000)}
    assert len(references) == 2000
    assert not set("".join(references)) & set("0OQ1IL2Z5S8B6GUV")


def test_home_has_a_write_a_letter_tile(client_request, maggie):
    assert client_request.get("/me/").find("a", href="/me/letters/")
