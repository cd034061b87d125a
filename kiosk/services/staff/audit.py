"""The audit trail: every staff view of a person, print, change, PIN reset, export and import.

The one module that writes it. Rows are only ever added; the person sees who looked at or
printed their record (role and date, never a name) and managers can search it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from kiosk.models import AuditEvent, Person, StaffUser

VIEW, PRINT, CHANGE, PIN_RESET, EXPORT, IMPORT = (
    "view", "print", "change", "pin_reset", "export", "import")
SIGN_IN, SIGN_OUT, USER_CHANGE = "sign_in", "sign_out", "user_change"
ACTIONS = (VIEW, PRINT, CHANGE, PIN_RESET, EXPORT, IMPORT, SIGN_IN, SIGN_OUT, USER_CHANGE)
# What a person is told about: people looking at or printing their record.
SHOWN_TO_PERSON = (VIEW, PRINT)
SEARCH_LIMIT = 200
PERSON_ROLE = "person"  # the role recorded when the person acts for themselves


def record(session: Session, user: StaffUser, action: str, person: Person | None = None,
           detail: str = "", *, at: datetime | None = None) -> AuditEvent:
    """Add one row to the trail inside the caller's transaction (who, role, what, when)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    event = AuditEvent(at=at or datetime.now(timezone.utc), staff_user_id=user.id,
                       username=user.username, role=user.role, action=action,
                       person_id=person.id if person is not None else None,
                       detail=detail[:2000])
    session.add(event)
    return event


def record_by_person(session: Session, person: Person, action: str = PRINT,
                     detail: str = "") -> AuditEvent:
    """A person's own action at the kiosk (printing their plan): kept for the dashboard's
    "not printed" list, never shown back to them as someone else looking."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    event = AuditEvent(at=datetime.now(timezone.utc), staff_user_id=None, username=None,
                       role=PERSON_ROLE, action=action, person_id=person.id, detail=detail[:2000])
    session.add(event)
    return event


@dataclass(frozen=True)
class ViewOfRecord:
    """What a person is shown: the role of who looked or printed, what, and the date."""

    role: str
    action: str
    on: date


def views_of_person(session: Session, person_id: int, limit: int = 50) -> list[ViewOfRecord]:
    """Who has looked at or printed this person's record, newest first (role and date only)."""
    query = (select(AuditEvent.role, AuditEvent.action, AuditEvent.at)
             .where(AuditEvent.person_id == person_id,
                    AuditEvent.action.in_(SHOWN_TO_PERSON), AuditEvent.role != PERSON_ROLE)
             .order_by(AuditEvent.at.desc()).limit(limit))
    return [ViewOfRecord(role, action, at.date()) for role, action, at in session.execute(query)]


@dataclass(frozen=True)
class TrailQuery:
    """A manager's search of the trail; every part is optional."""

    person_id: int | None = None
    username: str | None = None
    action: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    establishment_id: int | None = None  # a manager's own establishment; None: national


def search(session: Session, query: TrailQuery, limit: int = SEARCH_LIMIT) -> list[AuditEvent]:
    """Matching events, newest first; the indexes cover person, user and time."""
    statement = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)
    if query.person_id is not None:
        statement = statement.where(AuditEvent.person_id == query.person_id)
    if query.username:
        statement = statement.where(AuditEvent.username == query.username.strip().lower())
    if query.action:
        statement = statement.where(AuditEvent.action == query.action)
    if query.since is not None:
        statement = statement.where(AuditEvent.at >= query.since)
    if query.until is not None:
        statement = statement.where(AuditEvent.at < query.until)
    if query.establishment_id is not None:
        statement = statement.where(or_(
            AuditEvent.person_id.in_(select(Person.id).where(
                Person.establishment_id == query.establishment_id)),
            AuditEvent.staff_user_id.in_(select(StaffUser.id).where(
                StaffUser.establishment_id == query.establishment_id))))
    return list(session.scalars(statement))
