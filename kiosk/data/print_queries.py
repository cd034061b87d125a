"""Named queries for printed copies: requests, batches, the print log, and whom a batch holds.

Every staff-side list is scoped by `person_scope(user)`, so a batch or the queue can never
reach someone the user could not open one at a time.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.models import Caseload, Person, PrintBatch, PrintLogEntry, PrintRequest, StaffUser
from kiosk.services.access.staff_access import person_scope

LIST_LIMIT = 100
HALL, LANDING, CASELOAD = "hall", "landing", "caseload"
BATCH_SCOPES = (HALL, LANDING, CASELOAD)


def waiting_request(session: Session, person_id: int) -> PrintRequest | None:
    """The person's request not yet printed, if any."""
    return session.scalars(select(PrintRequest).where(
        PrintRequest.person_id == person_id, PrintRequest.status == "waiting")
        .order_by(PrintRequest.requested_at).limit(1)).first()


def last_printed_request(session: Session, person_id: int) -> PrintRequest | None:
    """The person's most recent request that has been printed."""
    return session.scalars(select(PrintRequest).where(
        PrintRequest.person_id == person_id, PrintRequest.status == "printed")
        .order_by(PrintRequest.printed_at.desc()).limit(1)).first()


def waiting_requests(session: Session, user: StaffUser) -> list[tuple[PrintRequest, Person]]:
    """Requests waiting to be printed for people this user may see, oldest first."""
    query = (select(PrintRequest, Person).join(Person, Person.id == PrintRequest.person_id)
             .where(PrintRequest.status == "waiting", person_scope(user))
             .order_by(PrintRequest.requested_at).limit(LIST_LIMIT))
    return [tuple(row) for row in session.execute(query)]


def print_log(session: Session, user: StaffUser) -> list[PrintLogEntry]:
    """The latest prints for people this user may see, newest first."""
    visible = select(Person.id).where(person_scope(user))
    return list(session.scalars(select(PrintLogEntry).where(PrintLogEntry.person_id.in_(visible))
                                .order_by(PrintLogEntry.printed_at.desc(), PrintLogEntry.id.desc())
                                .limit(LIST_LIMIT)))


def batches_of(session: Session, user: StaffUser) -> list[PrintBatch]:
    """This user's batches, newest first."""
    return list(session.scalars(select(PrintBatch).where(PrintBatch.created_by == user.id)
                                .order_by(PrintBatch.created_at.desc(), PrintBatch.id.desc())
                                .limit(20)))


def places(session: Session, user: StaffUser) -> list[tuple[str, str | None]]:
    """The halls and landings of people in custody this user may see, for the batch form."""
    query = (select(Person.hall, Person.landing).where(
        Person.present.is_(True), Person.hall.is_not(None), person_scope(user))
        .distinct().order_by(Person.hall, Person.landing))
    return [tuple(row) for row in session.execute(query)]


def people_for_batch(session: Session, user: StaffUser, scope: str, hall: str | None = None,
                     landing: str | None = None) -> list[int]:
    """Ids of the people in custody a batch prints, by cell order so packs come out walkable."""
    query = select(Person.id).where(Person.present.is_(True), person_scope(user))
    if scope == CASELOAD:
        query = query.where(Person.id.in_(select(Caseload.person_id)
                                          .where(Caseload.staff_user_id == user.id)))
    elif scope in (HALL, LANDING):
        query = query.where(Person.hall == hall)
        if scope == LANDING:
            query = query.where(Person.landing == landing)
    else:
        raise ValueError(f"unknown batch scope {scope!r}")
    return list(session.scalars(query.order_by(Person.hall, Person.landing, Person.cell,
                                               Person.family_name, Person.id)))
