"""Named queries for printed copies: requests, batches, the print log, and whom a batch holds.

Every staff-side list takes `scope`, the user's `person_scope(user)`, so a batch or the queue
can never reach someone the user could not open one at a time.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from kiosk.models import Caseload, Person, PrintBatch, PrintLogEntry, PrintRequest

LIST_LIMIT = 100
HALL, LANDING, CASELOAD = "hall", "landing", "caseload"


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


def waiting_requests(session: Session, scope: ColumnElement[bool]) -> list[tuple[PrintRequest, Person]]:
    """Requests waiting to be printed for people in scope, oldest first."""
    query = (select(PrintRequest, Person).join(Person, Person.id == PrintRequest.person_id)
             .where(PrintRequest.status == "waiting", scope)
             .order_by(PrintRequest.requested_at).limit(LIST_LIMIT))
    return [tuple(row) for row in session.execute(query)]


def print_log(session: Session, scope: ColumnElement[bool]) -> list[PrintLogEntry]:
    """The latest prints for people in scope, newest first."""
    visible = select(Person.id).where(scope)
    return list(session.scalars(select(PrintLogEntry).where(PrintLogEntry.person_id.in_(visible))
                                .order_by(PrintLogEntry.printed_at.desc(), PrintLogEntry.id.desc())
                                .limit(LIST_LIMIT)))


def batches_of(session: Session, user_id: int) -> list[PrintBatch]:
    """The batches one user started, newest first."""
    return list(session.scalars(select(PrintBatch).where(PrintBatch.created_by == user_id)
                                .order_by(PrintBatch.created_at.desc(), PrintBatch.id.desc())
                                .limit(20)))


def places(session: Session, scope: ColumnElement[bool]) -> list[tuple[str, str | None]]:
    """The halls and landings of people in custody in scope, for the batch form."""
    query = (select(Person.hall, Person.landing).where(
        Person.present.is_(True), Person.hall.is_not(None), scope)
        .distinct().order_by(Person.hall, Person.landing))
    return [tuple(row) for row in session.execute(query)]


def people_for_batch(session: Session, scope: ColumnElement[bool], user_id: int, place: str,
                     hall: str | None = None, landing: str | None = None) -> list[int]:
    """Ids of the people in custody a batch prints, by cell order so packs come out walkable.

    `place` is the user's own caseload, a hall or a landing, always within `scope`.
    """
    query = select(Person.id).where(Person.present.is_(True), scope)
    if place == CASELOAD:
        query = query.where(Person.id.in_(select(Caseload.person_id)
                                          .where(Caseload.staff_user_id == user_id)))
    elif place in (HALL, LANDING):
        query = query.where(Person.hall == hall)
        if place == LANDING:
            query = query.where(Person.landing == landing)
    else:
        raise ValueError(f"unknown batch place {place!r}")
    return list(session.scalars(query.order_by(Person.hall, Person.landing, Person.cell,
                                               Person.family_name, Person.id)))


def people_by_ids(session: Session, ids: Iterable[int], chunk: int = 500) -> Iterator[Person]:
    """People by id in chunks, so a batch of thousands is never loaded at once."""
    ids = list(ids)
    for start in range(0, len(ids), chunk):
        yield from session.scalars(select(Person).where(Person.id.in_(ids[start:start + chunk])))


def batches_with_files_before(session: Session, finished_before: datetime) -> list[PrintBatch]:
    """Finished batches whose PDF is still kept, finished before a moment."""
    return list(session.scalars(select(PrintBatch).where(
        PrintBatch.file_name.is_not(None), PrintBatch.finished_at < finished_before)))
