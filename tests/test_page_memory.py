"""Kept record pages (kiosk.me.page_memory): served again only while nothing they show has
changed, never to anyone else, never in a staff preview, and always with a fresh script nonce
and a form token that works."""
from __future__ import annotations

import copy
import re
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from unittest.mock import patch

import pytest
from sqlalchemy import event

from kiosk import create_app
from kiosk.data.database import Database
from kiosk.extensions import db
from kiosk.me import page_memory
from kiosk.models import Plan
from kiosk.services.wording.phrases import say
from support.kiosk import (
    DANNY, PIN, TOMASZ, document, example_people, import_people, set_display, sign_in_as,
)
from support.pages import IsolatedClient, main_text
from support.staff import (  # noqa: F401  (fast_hashing is an autouse fixture)
    csrf_from, fast_hashing, make_user, person_id, sign_in_staff,
)


@pytest.fixture
def greenock(db_session):
    import_people(db_session, example_people())


@contextmanager
def statements(app):
    """The SQL statements the app runs inside the block: through SQLAlchemy, or straight on the
    driver (the visit check)."""
    seen: list[str] = []
    read_first_row = Database.first_row

    def note(_connection, _cursor, statement, *_args):
        seen.append(statement)

    def first_row(database, statement, **params):
        seen.append(str(statement))
        return read_first_row(database, statement, **params)

    engine = db.engine(app)
    event.listen(engine, "before_cursor_execute", note)
    try:
        with patch.object(Database, "first_row", first_row):
            yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def plan_words(client) -> str:
    """The words of the person's plan page, as served now."""
    return main_text(client.get("/me/plan").get_data(as_text=True))


def script_nonce(response) -> str:
    return re.search(r'<script nonce="([^"]+)"', response.get_data(as_text=True)).group(1)


def test_a_second_visit_to_a_page_is_served_from_memory_with_one_query(app, client, greenock):
    sign_in_as(client, DANNY)
    with statements(app) as first:
        fresh = client.get("/me/plan")
    with statements(app) as second:
        kept = client.get("/me/plan")
    assert fresh.status_code == kept.status_code == 200
    assert len(second) == 1 < len(first), "only the visit check runs for a kept page"
    assert main_text(kept.get_data(as_text=True)) == main_text(fresh.get_data(as_text=True))


def test_a_kept_page_gets_a_fresh_nonce_and_a_form_token_that_works(app, client, greenock):
    sign_in_as(client, DANNY)
    pages = [client.get("/me/plan") for _ in range(2)]
    nonces = [script_nonce(page) for page in pages]
    assert nonces[0] != nonces[1]
    for page, nonce in zip(pages, nonces):
        assert f"'nonce-{nonce}'" in page.headers["Content-Security-Policy"]
        assert page_memory.NONCE_MARK not in page.get_data(as_text=True)
    kept_html = pages[1].get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', kept_html).group(1)
    finished = client.post("/finish", data={"csrf_token": token})
    assert finished.status_code == 302 and finished.headers["Location"].endswith("/finished")
    assert client.get("/me/plan").headers["Location"].endswith("/sign-in")


def test_a_kept_page_is_not_served_to_a_browser_session_with_another_form_secret(app, client,
                                                                                greenock):
    sign_in_as(client, DANNY)
    client.get("/me/plan")
    with client.session_transaction() as browser_session:
        del browser_session["csrf_token"]  # as if the visit went on in a new browser session
    token = re.search(r'name="csrf_token" value="([^"]+)"',
                      client.get("/me/plan").get_data(as_text=True)).group(1)
    finished = client.post("/finish", data={"csrf_token": token})
    assert finished.status_code == 302 and finished.headers["Location"].endswith("/finished")


def test_a_kept_page_is_never_shown_to_the_next_person(app, client, greenock):
    # Words from each man's first plan action (the rest of the text has jargon explained).
    dannys, tomaszs = "Self-Change", "Links Centre"
    sign_in_as(client, DANNY)
    assert dannys in plan_words(client)
    client.post("/finish", data={"csrf_token": csrf_from(client, "/me/")})
    sign_in_as(client, TOMASZ)
    page = plan_words(client)
    assert tomaszs in page and dannys not in page


def test_a_newer_import_shows_at_once(app, client, db_session, greenock):
    sign_in_as(client, DANNY)
    client.get("/me/plan")
    people = copy.deepcopy(example_people())
    people[0]["plan"]["actions"][0]["text"] = "Go to the new reading group on Tuesdays."
    import_people(db_session, document(people, exported_at=datetime.now(timezone.utc)))
    assert "Go to the new reading group on Tuesdays." in plan_words(client)


def save_plan_summary(app, **fields) -> None:
    """A member of staff saves a plain summary of Danny's plan, from another device."""
    with app.app_context():
        plan_key = db.session.get(Plan, person_id(app, DANNY)).item_key
    staff = app.test_client()
    sign_in_staff(staff, make_user(app, "case_coordinator"))
    url = f"/staff/people/{person_id(app, DANNY)}/summaries/plan/{plan_key}"
    staff.post(url, data={"csrf_token": csrf_from(staff, url), "action": "save", **fields})


def test_a_plain_summary_staff_write_shows_at_once(app, client, greenock):
    sign_in_as(client, DANNY)
    assert "In plain words" not in plan_words(client)
    save_plan_summary(app, text="You and your officer agreed three things to work on.")
    page = plan_words(client)
    assert "In plain words" in page and "You and your officer agreed three things" in page


def test_a_plain_summary_made_only_of_phrases_shows_at_once(app, client, greenock):
    set_display(app, DANNY, easy_read=False)
    sign_in_as(client, DANNY)
    assert "In plain words" not in plan_words(client)
    save_plan_summary(app, text="", **{"added-0-phrase": "ask_role", "added-0-role": "personal_officer"})
    assert say("ask_role", {"role": "personal_officer"}).plain_text in plan_words(client)


def test_new_settings_and_language_show_at_once(app, client, greenock):
    sign_in_as(client, DANNY)
    client.get("/me/plan")
    set_display(app, DANNY, easy_read=True, high_contrast=True)
    html = client.get("/me/plan").get_data(as_text=True)
    assert "app-easy-read" in html and "app-high-contrast" in html
    set_display(app, DANNY, language="pl")
    assert '<html lang="pl"' in client.get("/me/plan").get_data(as_text=True)


def test_a_new_day_makes_the_page_again(app, client, greenock, monkeypatch):
    sign_in_as(client, DANNY)
    client.get("/me/dates")
    tomorrow = page_memory.today() + timedelta(days=1)
    monkeypatch.setattr(page_memory, "today", lambda: tomorrow)
    with statements(app) as seen:
        client.get("/me/dates")
    assert len(seen) > 1, "the dates page was made again for the new day"


def test_a_staff_preview_is_never_kept_or_served_from_memory(app, client, greenock):
    sign_in_as(client, DANNY)
    own = client.get("/me/plan").get_data(as_text=True)
    staff = app.test_client()
    sign_in_staff(staff, make_user(app, "personal_officer", hall="Ailsa"))
    preview = staff.get(f"/staff/people/{person_id(app, DANNY)}/as-they-see-it/plan")
    assert "app-preview-banner" in preview.get_data(as_text=True)
    assert "app-preview-banner" not in own
    assert "app-preview-banner" not in client.get("/me/plan").get_data(as_text=True)


def test_pages_work_with_the_memory_switched_off(app, greenock):
    forgetful = create_app({"DATABASE_URL": app.config["DATABASE_URL"], "SECRET_KEY": "test",
                            "TESTING": True, "KIOSK_PAGE_MEMORY_SIZE": 0})
    forgetful.test_client_class = IsolatedClient
    client = forgetful.test_client()
    sign_in_as(client, DANNY, PIN)
    assert page_memory.EXTENSION not in forgetful.extensions
    assert all(client.get("/me/plan").status_code == 200 for _ in range(2))
    db.engine(forgetful).dispose()
