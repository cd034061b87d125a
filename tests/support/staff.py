"""Staff for the staff-side tests: make an account of any role, put people on its caseload,
sign in through the real form."""
from __future__ import annotations

import json
import re
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from kiosk.extensions import db
from kiosk.models import Establishment, Person, StaffUser
from kiosk.services.access import secrets_hashing, staff_accounts
from kiosk.services.access.staff_access import Role
from kiosk.services.imports.importer import import_export
from support.kiosk import document

PASSWORD = "correct horse battery staple"
ROLES = tuple(Role)


def make_user(app, role: str, username: str | None = None, establishment: str | None = "GRN",
              hall: str | None = None, caseload: tuple[str, ...] = (),
              password: str = PASSWORD) -> str:
    """An account of `role` at `establishment` (None: national); returns the username."""
    username = username or f"{role}-{establishment or 'national'}-{hall or 'all'}".lower()
    with app.app_context():
        with db.transaction() as session:
            establishment_id = None
            if establishment:
                establishment_id = session.scalars(select(Establishment.id).where(
                    Establishment.code == establishment)).one()
            user = staff_accounts.create_user(session, username, f"Test {role}", password, role,
                                              datetime.now(timezone.utc), establishment_id, hall)
            for number in caseload:
                person = session.scalars(select(Person).where(Person.prison_number == number)).one()
                staff_accounts.add_to_caseload(session, user, person.id)
    return username


def csrf_from(client, url: str) -> str:
    """The CSRF token of the form on a page."""
    page = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def try_sign_in(client, username: str, password: str = PASSWORD):
    """Post the staff sign-in form; returns the response."""
    return client.post("/staff/sign-in", data={"username": username, "password": password,
                                               "csrf_token": csrf_from(client, "/staff/sign-in")})


def sign_in_staff(client, username: str, password: str = PASSWORD) -> None:
    """Sign in through the real form and check it worked."""
    response = try_sign_in(client, username, password)
    assert response.status_code == 302, f"staff sign-in as {username} failed"


def sign_in_staff_in_browser(page, username: str) -> None:
    """Sign in through the form in Chromium, as staff do, and wait for the staff home."""
    page.goto("/staff/sign-in")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/")


def staff_user(app, username: str) -> StaffUser:
    """The account, read in its own context."""
    with app.app_context():
        return db.session.scalars(select(StaffUser).where(StaffUser.username == username)).one()


def person_id(app, prison_number: str) -> int:
    """A person's database id, for building URLs."""
    with app.app_context():
        return db.session.scalars(select(Person.id).where(Person.prison_number == prison_number)).one()


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch):
    """Cheap argon2 settings in tests (a real hash takes about 30 ms on this machine);
    import this fixture into a test module to use it."""
    from argon2 import PasswordHasher

    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(secrets_hashing, "HASHER", cheap)


def import_without_pins(db_session, people: list[dict], **establishment) -> None:
    """Import people (no kiosk PINs: hashing them would only slow the tests) and commit."""
    import_export(db_session, json.dumps(document(people, **establishment)).encode("utf-8"))
    db_session.commit()
