"""Named queries on the audit trail: what a person is shown of it, and a manager's search."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from kiosk.models import AuditEvent, Person, StaffUser
from kiosk.models.staff_side import PERSON_ROLE, SHOWN_TO_PERSON

SEARCH_LIMIT = 200


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
