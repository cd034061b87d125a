"""Signing in at a shared kiosk: PIN checks, the lockout, and visits that end cleanly.

Wrong PINs are counted per prison number typed (kiosk.services.access.lockout), never per address:
every kiosk on a hall shares one address. Anyone can lock someone else's number for 15
minutes; their personal officer lifts it by resetting the PIN. An unknown number and a wrong
PIN get the same answer.
"""
from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy import bindparam, delete, update
from sqlalchemy.orm import Session

from kiosk.data import kiosk_queries
from kiosk.models import KioskAccount, KioskSession, Person
from kiosk.services.access import lockout, secrets_hashing

# A visit's last-active time is written at most this often, so reading pages costs no writes.
TOUCH_INTERVAL = timedelta(seconds=15)
PIN_PATTERN = re.compile(r"^[0-9]{4,6}$")


@dataclass(frozen=True)
class SignInResult:
    """Either a person, or the reason there is none (`wrong` or `locked`)."""

    person: Person | None = None
    problem: str | None = None
    locked_minutes: int = 0


def normalise_number(typed: str) -> str:
    """Prison numbers are capitals and digits; people type spaces and small letters."""
    return re.sub(r"\s+", "", typed or "").upper()[:40]


def is_valid_pin(pin: str) -> bool:
    """A PIN is 4 to 6 digits."""
    return bool(PIN_PATTERN.match(pin or ""))


def account_for(session: Session, person: Person) -> KioskAccount:
    """The person's kiosk account, made on first use."""
    account = session.get(KioskAccount, person.id)
    if account is None:
        account = KioskAccount(person_id=person.id)
        session.add(account)
        session.flush()
    return account


def choose_language(session: Session, person: Person, language: str) -> None:
    """Remember the person's language, so every kiosk opens their pages in it."""
    account_for(session, person).language = language


def set_pin(session: Session, person: Person, pin: str) -> None:
    """Store a new PIN as an argon2 hash and clear any lockout on the number."""
    if not is_valid_pin(pin):
        raise ValueError("A PIN is 4 to 6 digits.")
    account_for(session, person).pin_hash = secrets_hashing.hash_secret(pin)
    lockout.clear(session, _lockout_key(person.prison_number))


def choose_own_pin(session: Session, person: Person, pin: str) -> bool:
    """After a staff reset: the person's own PIN replaces the one on the slip.

    :return: False (and nothing changed) if they typed the PIN from the slip again, since
        staff have seen that one.
    """
    account = account_for(session, person)
    if secrets_hashing.check(account.pin_hash, pin).right:
        return False
    set_pin(session, person, pin)
    account.pin_reset_at = None
    return True


def set_pin_for_everyone(session: Session, establishment_code: str, pin: str) -> str | None:
    """Demo data only: one PIN for every person of an establishment, hashed once.

    Returns one prison number to try, someone whose record has a plan.
    """
    if not is_valid_pin(pin):
        raise ValueError("A PIN is 4 to 6 digits.")
    pin_hash = secrets_hashing.hash_secret(pin)
    people = kiosk_queries.people_at(session, establishment_code)
    for person in people:
        account_for(session, person).pin_hash = pin_hash
    with_plan = kiosk_queries.people_with_a_plan(session)
    return next((p.prison_number for p in people if p.id in with_plan), None)


def _lockout_key(number: str) -> str:
    return lockout.key_for("pin", number)


def check_pin(session: Session, typed_number: str, pin: str, now: datetime) -> SignInResult:
    """Check a prison number and PIN; the try is counted against the number first."""
    number = normalise_number(typed_number)
    attempt = lockout.count_try(session, _lockout_key(number), now)
    if attempt.allowed:
        person = kiosk_queries.person_in_custody(session, number)
        account = session.get(KioskAccount, person.id) if person else None
        checked = secrets_hashing.check(account.pin_hash if account else None, pin)
        if checked.right:
            lockout.clear(session, _lockout_key(number))
            if checked.new_hash:
                account.pin_hash = checked.new_hash
            return SignInResult(person=person)
    return SignInResult(problem=attempt.problem, locked_minutes=attempt.minutes_left(now))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def start_visit(session: Session, person: Person, now: datetime) -> str:
    """Open a visit and return the token for the cookie; the last visit becomes 'previous'."""
    token = secrets.token_urlsafe(32)
    session.add(KioskSession(token_hash=_token_hash(token), person_id=person.id,
                             started_at=now, last_active_at=now))
    account = account_for(session, person)
    account.previous_visit_at, account.this_visit_at = account.this_visit_at, now
    return token


class Visit(NamedTuple):
    """What every kiosk page needs about the person at the screen, read in one row; a page
    that needs the person's record loads it then (`signed_in_person`)."""

    person_id: int
    communication_needs: list
    preferred_language: str | None
    language: str | None
    easy_read: bool | None
    text_size: int | None
    high_contrast: bool | None
    read_aloud: bool | None
    read_aloud_speed: str | None
    previous_visit_at: datetime | None
    pin_reset_at: datetime | None

    @classmethod
    def of(cls, person: Person, account: KioskAccount) -> Visit:
        """The same view of a person from their loaded record (a staff preview has no visit)."""
        return cls(person.id, person.communication_needs,
                   person.preferred_language, account.language, account.easy_read,
                   account.text_size, account.high_contrast, account.read_aloud,
                   account.read_aloud_speed, account.previous_visit_at, account.pin_reset_at)


# Built once, as they run on every page.
_TOUCH = (update(KioskSession).where(KioskSession.token_hash == bindparam("visit_token"))
          .values(last_active_at=bindparam("now")))
_END = delete(KioskSession).where(KioskSession.token_hash == bindparam("visit_token"))


def resume_visit(session: Session, token: str | None, now: datetime,
                 idle: timedelta) -> Visit | None:
    """The visit behind a token, read in one query, if it has not been idle too long; an idle
    one is ended. Every kiosk page asks this first, so it reads one plain row, not ORM objects."""
    if not token:
        return None
    token_hash = _token_hash(token)
    row = kiosk_queries.visit_row(session, token_hash)
    if row is None:
        return None
    last_active_at, *visit = row
    if now - last_active_at > idle:
        session.execute(_END, {"visit_token": token_hash})
        session.commit()
        return None
    if now - last_active_at >= TOUCH_INTERVAL:
        session.execute(_TOUCH, {"visit_token": token_hash, "now": now})
        session.commit()
    return Visit._make(visit)


def end_visit(session: Session, token: str | None) -> None:
    """Finish: the visit is gone from the server, whatever the browser keeps."""
    if token:
        session.execute(_END, {"visit_token": _token_hash(token)})
