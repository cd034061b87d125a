"""Signing in at a shared kiosk: PINs, the lockout, time-out, Finish and forged requests."""
from __future__ import annotations

import json
import re
import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from kiosk.extensions import db
from kiosk.models import KioskAccount, KioskSession, Person, SignInLockout
from kiosk.services.access import sign_in
from kiosk.services.imports.importer import import_export
from support.kiosk import EXAMPLE

DANNY, TOMASZ = "GR1048213", "GR2207761"
NOT_RIGHT = "The prison number or PIN is not right"


@pytest.fixture
def people(db_session):
    """The two example people, each with PIN 1234."""
    import_export(db_session, EXAMPLE.read_bytes())
    for person in db_session.scalars(select(Person)):
        sign_in.set_pin(db_session, person, "1234")
    db_session.commit()


def csrf_token(client, url="/sign-in") -> str:
    page = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def try_pin(client, number, pin):
    return client.post("/sign-in", data={"prison_number": number, "pin": pin,
                                         "csrf_token": csrf_token(client)})


def test_right_pin_signs_in_and_shows_the_persons_name(client, people):
    response = try_pin(client, "gr 104 8213", "1234")
    assert response.status_code == 302 and response.headers["Location"].endswith("/me/")
    home = client.get("/me/")
    assert "Danny" in home.get_data(as_text=True)
    assert home.headers["Cache-Control"] == "no-store"


def test_unknown_number_and_wrong_pin_get_the_same_answer(client, people):
    wrong_pin = try_pin(client, DANNY, "9999").get_data(as_text=True)
    unknown = try_pin(client, "ZZ999999", "1234").get_data(as_text=True)
    assert NOT_RIGHT in wrong_pin and NOT_RIGHT in unknown


def test_five_wrong_pins_lock_the_number_for_fifteen_minutes(client, people, db_session):
    for _ in range(4):
        assert NOT_RIGHT in try_pin(client, DANNY, "9999").get_data(as_text=True)
    locked = try_pin(client, DANNY, "9999").get_data(as_text=True)
    assert "locked for 15 minutes" in locked
    # Even the right PIN is refused while locked; another number is not affected.
    assert "locked" in try_pin(client, DANNY, "1234").get_data(as_text=True)
    assert try_pin(client, TOMASZ, "1234").status_code == 302


def test_the_lock_lifts_after_fifteen_minutes(db_session, people):
    start = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)
    for _ in range(5):
        result = sign_in.check_pin(db_session, DANNY, "0000", start)
    assert result.problem == "locked" and result.locked_minutes == 15
    assert sign_in.check_pin(db_session, DANNY, "1234", start + timedelta(minutes=14)).problem == "locked"
    later = sign_in.check_pin(db_session, DANNY, "1234", start + timedelta(minutes=16))
    assert later.person is not None and later.person.prison_number == DANNY
    db_session.flush()
    assert db_session.scalars(select(SignInLockout)).first() is None


def test_a_pin_is_four_to_six_digits(client, people):
    page = try_pin(client, DANNY, "12ab").get_data(as_text=True)
    assert "Your PIN is 4 to 6 numbers." in page


def test_finish_ends_the_visit_on_the_server(client, people, db_session):
    try_pin(client, DANNY, "1234")
    assert db_session.scalar(select(func.count()).select_from(KioskSession)) == 1
    token = csrf_token(client, "/me/")
    finished = client.post("/finish", data={"csrf_token": token})
    assert finished.headers["Location"].endswith("/finished")
    db_session.expire_all()
    assert db_session.scalar(select(func.count()).select_from(KioskSession)) == 0
    assert client.get("/me/").headers["Location"].endswith("/sign-in")


def test_an_idle_visit_times_out(app, client, people, db_session):
    app.config["KIOSK_IDLE_SECONDS"] = 0
    try_pin(client, DANNY, "1234")
    assert client.get("/me/").status_code == 302
    db_session.expire_all()
    assert db_session.scalar(select(func.count()).select_from(KioskSession)) == 0


def test_using_the_kiosk_keeps_the_visit_alive(client, people, db_session):
    try_pin(client, DANNY, "1234")
    visit = db_session.scalars(select(KioskSession)).one()
    visit.last_active_at -= timedelta(minutes=9)  # one minute before the 10-minute time-out
    db_session.commit()
    assert client.get("/me/plan").status_code == 200
    db_session.refresh(visit)
    touched = visit.last_active_at
    assert datetime.now(timezone.utc) - touched < timedelta(seconds=5)
    assert client.get("/me/plan").status_code == 200
    db_session.refresh(visit)
    assert visit.last_active_at == touched, "written at most every 15 seconds, not per page"


def session_cookie(client) -> str:
    return client.get_cookie("session").value


def test_a_changed_session_cookie_is_refused_after_the_real_one_was_seen(client, people):
    try_pin(client, DANNY, "1234")
    real = session_cookie(client)
    assert client.get("/me/plan").status_code == 200
    changed = real[:-2] + ("AA" if not real.endswith("AA") else "BB")  # a different signature
    client.set_cookie("session", changed)
    assert client.get("/me/plan").headers["Location"] == "/sign-in"
    client.set_cookie("session", real)
    assert client.get("/me/plan").status_code == 200


def test_a_session_cookie_too_old_is_refused_even_if_seen_before(app, client, people,
                                                                 monkeypatch):
    try_pin(client, DANNY, "1234")
    assert client.get("/me/plan").status_code == 200
    later = time.time() + app.permanent_session_lifetime.total_seconds() + 60
    monkeypatch.setattr(time, "time", lambda: later)  # the cookie signer reads time.time()
    assert client.get("/me/plan").headers["Location"] == "/sign-in"


def test_forged_requests_are_refused(client, people):
    refused = client.post("/sign-in", data={"prison_number": DANNY, "pin": "1234"})
    assert refused.status_code == 400 and "nothing was changed" in refused.get_data(as_text=True)
    forged = client.post("/sign-in", data={"prison_number": DANNY, "pin": "1234",
                                           "csrf_token": "forged"})
    assert forged.status_code == 400


def test_a_person_who_left_cannot_sign_in(client, people, db_session):
    document = json.loads(EXAMPLE.read_text())
    document["exported_at"] = "2026-11-21T07:30:00Z"
    document["people"] = document["people"][:1]
    import_export(db_session, json.dumps(document).encode())
    db_session.commit()
    assert NOT_RIGHT in try_pin(client, TOMASZ, "1234").get_data(as_text=True)


def test_pins_are_hashed_at_the_stated_cost_and_older_hashes_are_made_again(db_session, people):
    """Argon2id at OWASP's minimum (19 MiB, 2 passes, 1 lane), as kiosk/services/access/
    secrets_hashing.py states; a PIN hashed at argon2-cffi's heavier default is hashed again at
    that cost when its owner next signs in, and the PIN still works."""
    from argon2 import PasswordHasher

    from kiosk.services.access import secrets_hashing

    danny = db_session.scalars(select(Person).where(Person.prison_number == DANNY)).one()
    account = db_session.get(KioskAccount, danny.id)
    assert account.pin_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    account.pin_hash = PasswordHasher().hash("1234")  # argon2-cffi's default: m=65536,t=3,p=4
    db_session.commit()
    now = datetime.now(timezone.utc)
    assert sign_in.check_pin(db_session, DANNY, "1234", now).person is not None
    db_session.commit()
    rehashed = db_session.get(KioskAccount, danny.id).pin_hash
    assert rehashed.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert secrets_hashing.check(rehashed, "1234").right
    assert sign_in.check_pin(db_session, DANNY, "1234", now).person is not None
