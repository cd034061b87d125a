"""Guesses sent at once: twenty wrong PINs, and twenty wrong staff passwords, all at the same
moment, on SQLite and PostgreSQL. At most five are checked, none gives a 500, and the right
PIN or password sent after them is refused: the lock holds however the guesses arrive.

Each check is slowed down, so every request is still checking while the others arrive (the
widest window a race could use); argon2 itself is kept cheap.
"""
from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import select

from kiosk.extensions import db
from kiosk.models import Person
from kiosk.services.access import secrets_hashing, sign_in, staff_accounts
from support.hostile import WatchedHasher
from support.kiosk import LIFER, PIN, import_people, varied_people
from support.staff import (  # noqa: F401  (fast_hashing is an autouse fixture)
    PASSWORD, csrf_from, fast_hashing, make_user,
)

AT_ONCE = 20
CHECK_TAKES = 0.2  # seconds


@pytest.fixture
def people(db_session):
    import_people(db_session, varied_people())


def checks_counted(monkeypatch) -> list:
    """Every argon2 check made from now on, each slowed to CHECK_TAKES."""
    checks = []

    def slowly(password_hash):
        checks.append(password_hash)
        time.sleep(CHECK_TAKES)

    monkeypatch.setattr(secrets_hashing, "HASHER", WatchedHasher(secrets_hashing.HASHER, slowly))
    return checks


def all_at_once(app, url: str, form_page: str, data: dict) -> list[int]:
    """Post the same form from AT_ONCE clients at the same moment; their status codes."""
    clients = [app.test_client() for _ in range(AT_ONCE)]
    tokens = [csrf_from(client, form_page) for client in clients]
    start = threading.Barrier(AT_ONCE)
    statuses = [None] * AT_ONCE

    def guess(index: int) -> None:
        start.wait()
        try:
            response = clients[index].post(url, data={**data, "csrf_token": tokens[index]})
            statuses[index] = response.status_code
        except Exception:  # the test app passes errors on; served, each would be a 500
            statuses[index] = 500

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(AT_ONCE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return statuses


def test_twenty_wrong_pins_at_once_get_at_most_five_checks(app, people, monkeypatch):
    with app.app_context(), db.transaction() as session:
        person = session.scalars(select(Person).where(Person.prison_number == LIFER)).one()
        sign_in.set_pin(session, person, PIN)
    checks = checks_counted(monkeypatch)
    statuses = all_at_once(app, "/sign-in", "/sign-in", {"prison_number": LIFER, "pin": "9999"})
    assert statuses == [200] * AT_ONCE
    assert len(checks) <= 5, f"{len(checks)} wrong PINs were checked"
    right = app.test_client()
    refused = right.post("/sign-in", data={"prison_number": LIFER, "pin": PIN,
                                           "csrf_token": csrf_from(right, "/sign-in")})
    assert refused.status_code == 200 and "locked" in refused.get_data(as_text=True)


def test_twenty_wrong_passwords_at_once_get_at_most_five_checks(app, people, monkeypatch):
    username = make_user(app, "case_coordinator")
    checks = checks_counted(monkeypatch)
    statuses = all_at_once(app, "/staff/sign-in", "/staff/sign-in",
                           {"username": username, "password": "not the password"})
    assert statuses == [200] * AT_ONCE
    assert len(checks) <= 5, f"{len(checks)} wrong passwords were checked"
    right = app.test_client()
    refused = right.post("/staff/sign-in", data={"username": username, "password": PASSWORD,
                                                 "csrf_token": csrf_from(right, "/staff/sign-in")})
    assert refused.status_code == 200 and "locked" in refused.get_data(as_text=True)


def test_twenty_first_guesses_for_an_unknown_number_at_once(app, people, monkeypatch):
    """Every request makes the number's first count at the same moment: one row, no 500."""
    checks = checks_counted(monkeypatch)
    statuses = all_at_once(app, "/sign-in", "/sign-in", {"prison_number": "ZZ9999999", "pin": "1111"})
    assert statuses == [200] * AT_ONCE and len(checks) <= 5
