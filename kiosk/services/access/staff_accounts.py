"""Staff accounts: argon2 passwords, a lockout after repeated failures, sessions that time out.

An unknown username and a wrong password get the same answers and take the same time: every
try runs one argon2 check (against a dummy hash for an unknown name), and wrong tries are
counted for unknown names too, so a lock says nothing about whether a name exists.

Wrong passwords are counted per username *and* the computer they were typed on (its
address), with the rule in kiosk.services.access.lockout. Five wrong tries lock that name on that
computer for 15 minutes; the person can still sign in from their own computer, so no one can
lock a colleague out by typing their name, and each computer gets five guesses per lock.
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from kiosk.data import staff_queries
from kiosk.models import Caseload, StaffSession, StaffUser
from kiosk.services.access import lockout, secrets_hashing
from kiosk.services.access.staff_access import Role

MIN_PASSWORD_LENGTH = 12
TOUCH_INTERVAL = timedelta(seconds=15)


@dataclass(frozen=True)
class SignInResult:
    """Either a user, or why there is none (`wrong` or `locked`)."""

    user: StaffUser | None = None
    problem: str | None = None
    locked_minutes: int = 0


def normalise_username(typed: str) -> str:
    """Usernames are kept in small letters, so 'JSmith' and 'jsmith' are one account."""
    return (typed or "").strip().lower()[:80]


def password_problem(password: str) -> str | None:
    """Why a new password is not good enough, or None."""
    if len(password or "") < MIN_PASSWORD_LENGTH:
        return f"A password needs at least {MIN_PASSWORD_LENGTH} characters."
    return None


def create_user(session: Session, username: str, display_name: str, password: str, role: str,
                now: datetime, establishment_id: int | None = None,
                hall: str | None = None) -> StaffUser:
    """Add an account; the password is kept only as an argon2 hash."""
    problem = password_problem(password)
    if problem:
        raise ValueError(problem)
    if role not in set(Role):
        raise ValueError(f"unknown role {role!r}")
    user = StaffUser(username=normalise_username(username), display_name=display_name.strip(),
                     password_hash=secrets_hashing.hash_secret(password), role=role, hall=hall or None,
                     establishment_id=establishment_id, active=True,
                     created_at=now)
    session.add(user)
    session.flush()
    return user


def user_by_name(session: Session, username: str) -> StaffUser | None:
    """The account with this username, if any."""
    return staff_queries.user_by_name(session, normalise_username(username))


def check_password(session: Session, username: str, password: str, now: datetime,
                   computer: str = "") -> SignInResult:
    """Check a username and password typed on `computer` (its address); the try is counted
    against that name on that computer first, whether or not the name exists."""
    name = normalise_username(username)
    key = lockout.key_for("password", name, computer or "")
    attempt = lockout.count_try(session, key, now)
    if attempt.allowed:
        user = staff_queries.user_by_name(session, name)
        checked = secrets_hashing.check(user.password_hash if user else None, password)
        if checked.right and user.active:
            lockout.clear(session, key)
            if checked.new_hash:
                user.password_hash = checked.new_hash
            return SignInResult(user=user)
    return SignInResult(problem=attempt.problem, locked_minutes=attempt.minutes_left(now))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def start_session(session: Session, user: StaffUser, now: datetime) -> str:
    """Open a staff session and return the token for the cookie."""
    token = secrets.token_urlsafe(32)
    session.add(StaffSession(token_hash=_token_hash(token), staff_user_id=user.id,
                             started_at=now, last_active_at=now))
    return token


def resume_session(session: Session, token: str | None, now: datetime, idle: timedelta,
                   longest: timedelta) -> StaffUser | None:
    """The user behind a token, unless the session was idle or open too long (then it ends)."""
    if not token:
        return None
    visit = session.get(StaffSession, _token_hash(token))
    if visit is None:
        return None
    user = session.get(StaffUser, visit.staff_user_id)
    if now - visit.last_active_at > idle or now - visit.started_at > longest or not user.active:
        session.delete(visit)
        return None
    if now - visit.last_active_at >= TOUCH_INTERVAL:
        visit.last_active_at = now
    return user


def end_session(session: Session, token: str | None) -> None:
    """Sign out: the session is gone from the server, whatever the browser keeps."""
    if token:
        session.execute(delete(StaffSession).where(StaffSession.token_hash == _token_hash(token)))


def caseload_ids(session: Session, user: StaffUser) -> set[int]:
    """The ids of the people on the user's caseload."""
    return staff_queries.caseload_ids(session, user.id)


def add_to_caseload(session: Session, user: StaffUser, person_id: int) -> None:
    """Put a person on a member of staff's caseload (once)."""
    if session.get(Caseload, (user.id, person_id)) is None:
        session.add(Caseload(staff_user_id=user.id, person_id=person_id))
