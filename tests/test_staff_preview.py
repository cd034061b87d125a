"""After a PIN reset the person chooses their own; staff see a person's kiosk pages as the
person sees them, read-only and audited, even on a staff device with the kiosk switched off."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from kiosk import create_app
from kiosk.extensions import db
from kiosk.models import AuditEvent, KioskAccount
from kiosk.services.records.registry import PAGES
from kiosk.services.staff import audit
from support.kiosk import DANNY, PIN, TOMASZ, example_people, sign_in_as
from support.pages import main_text
from support.staff import (  # noqa: F401  (fast_hashing is an autouse fixture)
    csrf_from, fast_hashing, import_without_pins, make_user, person_id, sign_in_staff,
)
from sqlalchemy import select


@pytest.fixture
def greenock(db_session):
    """Danny (hall Ailsa) and Tomasz (hall Darroch), both with PIN 1234."""
    from support.kiosk import import_people

    import_people(db_session, example_people())


def reset_pin_by_staff(app, client, prison_number: str) -> str:
    """A personal officer resets the PIN; returns the one-time PIN from the slip."""
    sign_in_staff(client, make_user(app, "personal_officer", hall="Ailsa"))
    url = f"/staff/people/{person_id(app, prison_number)}/pin"
    slip = client.post(url, data={"csrf_token": csrf_from(client, url)}).get_data(as_text=True)
    client.post("/staff/sign-out", data={"csrf_token": csrf_from(client, "/staff/")})
    return re.search(r'app-pin-slip__pin[^>]*>\s*([0-9]{6})', slip).group(1)


def choose(client, pin: str, again: str):
    return client.post("/choose-pin", data={"pin": pin, "pin_again": again,
                                            "csrf_token": csrf_from(client, "/choose-pin")})


# Choosing a PIN after a reset -------------------------------------------------------------

def test_after_a_reset_the_person_must_choose_their_own_pin_first(app, client, greenock):
    slip_pin = reset_pin_by_staff(app, client, DANNY)
    sign_in_as(client, DANNY, slip_pin)
    response = client.get("/me/plan")
    assert response.status_code == 302 and response.headers["Location"].endswith("/choose-pin")
    assert "Choose your own PIN" in client.get("/choose-pin").get_data(as_text=True)


def test_the_slip_pin_cannot_be_chosen_again(app, client, greenock):
    slip_pin = reset_pin_by_staff(app, client, DANNY)
    sign_in_as(client, DANNY, slip_pin)
    page = choose(client, slip_pin, slip_pin).get_data(as_text=True)
    assert "not the one on your slip" in page
    with app.app_context():
        assert db.session.get(KioskAccount, person_id(app, DANNY)).pin_reset_at is not None


def test_two_different_pins_are_refused_in_plain_words(app, client, greenock):
    sign_in_as(client, DANNY, reset_pin_by_staff(app, client, DANNY))
    page = choose(client, "2468", "2469").get_data(as_text=True)
    assert "The two PINs are not the same" in page


def test_the_chosen_pin_works_and_the_slip_pin_stops_working(app, client, greenock):
    slip_pin = reset_pin_by_staff(app, client, DANNY)
    sign_in_as(client, DANNY, slip_pin)
    response = choose(client, "2468", "2468")
    assert response.status_code == 302 and response.headers["Location"].endswith("/me/")
    assert client.get("/me/plan").status_code == 200
    client.post("/finish", data={"csrf_token": csrf_from(client, "/me/")})
    sign_in_as(client, DANNY, "2468")
    assert client.get("/me/plan").status_code == 200
    with app.app_context():
        assert db.session.get(KioskAccount, person_id(app, DANNY)).pin_reset_at is None


# See what they see ----------------------------------------------------------------------

# Each list page of the registry, and home. Not "who has looked": the preview is itself a look,
# so that page rightly gains a row between the two readings.
PREVIEWED = [("/me/", "home")] + [(f"/me{page.url_rule}", page.slug) for page in PAGES.values()
                                  if not page.keyed and page.slug != "record_views"]


@pytest.mark.parametrize("own_url, page", PREVIEWED)
def test_staff_see_the_same_words_as_the_person(app, client, greenock, own_url, page):
    sign_in_as(client, DANNY, PIN)
    own = main_text(client.get(own_url).get_data(as_text=True))
    client.post("/finish", data={"csrf_token": csrf_from(client, "/me/")})
    sign_in_staff(client, make_user(app, "case_coordinator"))
    url = f"/staff/people/{person_id(app, DANNY)}/as-they-see-it/{page}"
    response = client.get(url)
    assert response.status_code == 200
    assert main_text(response.get_data(as_text=True)) == own


@pytest.mark.parametrize("page_name", ["home", "moving_on", "complaints", "decision/D1"])
def test_a_preview_is_read_only_and_its_links_stay_inside(app, client, client_request, greenock, page_name):
    sign_in_staff(client, make_user(app, "case_coordinator"))
    danny = person_id(app, DANNY)
    before = account_row(app, danny)
    page = client_request.get(f"/staff/people/{danny}/as-they-see-it/{page_name}")
    assert "Seeing what Danny sees" in page.select_one("header").get_text()
    assert not page.select("form[action='/finish']") and not page.select("[data-idle-seconds]")
    links = [a["href"] for a in page.select("main a[href]")]
    assert links and all(href.startswith(f"/staff/people/{danny}/as-they-see-it/") for href in links
                         if not href.startswith("#")), links
    assert account_row(app, danny) == before  # no visit recorded, no setting changed


def account_row(app, person: int) -> dict:
    with app.app_context():
        account = db.session.get(KioskAccount, person)
        return {column.key: getattr(account, column.key) for column in KioskAccount.__table__.columns}


def test_every_preview_is_audited_and_shown_to_the_person(app, client, greenock):
    username = make_user(app, "case_coordinator")
    sign_in_staff(client, username)
    danny = person_id(app, DANNY)
    client.get(f"/staff/people/{danny}/as-they-see-it/risk")
    with app.app_context():
        [event] = db.session.scalars(select(AuditEvent).where(AuditEvent.person_id == danny))
        assert (event.username, event.action) == (username, audit.VIEW)
        assert "risk" in event.detail


def test_a_personal_officer_cannot_preview_someone_outside_their_hall(app, client, greenock):
    sign_in_staff(client, make_user(app, "personal_officer", hall="Ailsa"))
    tomasz = person_id(app, TOMASZ)
    assert client.get(f"/staff/people/{tomasz}/as-they-see-it/plan").status_code == 404
    assert client.get(f"/staff/people/{person_id(app, DANNY)}/as-they-see-it/settings").status_code == 404


def test_a_staff_device_with_the_kiosk_off_can_still_preview(database_url, clean_database):
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "t", "TESTING": True,
                      "KIOSK_ENABLED": False})
    with app.app_context():
        import_without_pins(db.session, example_people())
    client = app.test_client()
    start = client.get("/")
    assert start.status_code == 302 and start.headers["Location"].endswith("/staff/")
    sign_in_staff(client, make_user(app, "case_coordinator"))
    for page in ("home", "plan", "decision/D1", "moving_on", "complaints"):  # all link to kiosk pages
        response = client.get(f"/staff/people/{person_id(app, DANNY)}/as-they-see-it/{page}")
        assert response.status_code == 200, page
    db.engine(app).dispose()


# What the person sees of staff work ------------------------------------------------------

def test_the_person_sees_which_roles_looked_and_when_but_no_names(app, client, greenock):
    username = make_user(app, "personal_officer", hall="Ailsa")
    sign_in_staff(client, username)
    client.get(f"/staff/people/{person_id(app, DANNY)}")
    client.post("/staff/sign-out", data={"csrf_token": csrf_from(client, "/staff/")})
    sign_in_as(client, DANNY, PIN)
    page = main_text(client.get("/me/who-has-looked").get_data(as_text=True))
    assert "A personal officer Looked at your record" in page
    assert username not in page


def test_a_plain_summary_is_shown_beside_the_official_words_labelled(app, client, greenock):
    sign_in_staff(client, make_user(app, "case_coordinator"))
    url = f"/staff/people/{person_id(app, DANNY)}/summaries/decision/D1"
    client.post(url, data={"csrf_token": csrf_from(client, url), "text": "You can ask again in May.",
                           "action": "save"})
    client.post("/staff/sign-out", data={"csrf_token": csrf_from(client, "/staff/")})
    sign_in_as(client, DANNY, PIN)
    page = BeautifulSoup(client.get("/me/decisions/D1").get_data(as_text=True), "html.parser")
    summary = page.select_one(".app-plain-summary")
    assert "In plain words" in summary.get_text() and "You can ask again in May." in summary.get_text()
    assert "A member of staff wrote on" in summary.get_text()
