"""The rules of printed copies: asking for one, logging each print, and batches.

Every print is one line in the print log and one `print` row in the audit trail, written
together, so the person's kiosk ("who has printed my record") and the manager dashboard
("never printed / not printed in six months") both see it. Printing a pack answers the
person's waiting request, if they made one.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kiosk.data import print_queries
from kiosk.models import Person, PrintBatch, PrintLogEntry, PrintRequest, StaffUser

from kiosk.services.staff import audit
from kiosk.services.printing.packs import PACK, VARIANTS

QUEUED, RUNNING, DONE, CANCELLED, FAILED = "queued", "running", "done", "cancelled", "failed"
FINISHED = (DONE, CANCELLED, FAILED)


def ask_for_copy(session: Session, person: Person, now: datetime) -> PrintRequest:
    """A person's request for a printed copy; asking twice keeps the one that is waiting."""
    waiting = print_queries.waiting_request(session, person.id)
    if waiting is not None:
        return waiting
    request = PrintRequest(person_id=person.id, requested_at=now, status="waiting")
    session.add(request)
    return request


def record_print(session: Session, user: StaffUser, person: Person, what: str, variant: str,
                 now: datetime, batch_id: int | None = None) -> PrintLogEntry:
    """Log one print for one person, audit it, and answer their request if it was the pack."""
    entry = PrintLogEntry(printed_at=now, staff_user_id=user.id, username=user.username,
                          role=user.role, person_id=person.id, prison_number=person.prison_number,
                          what=what, variant=variant, batch_id=batch_id)
    session.add(entry)
    detail = f"printed {what} ({variant})" + (f" in batch {batch_id}" if batch_id else "")
    audit.record(session, user, audit.PRINT, person, detail, at=now)
    if what == PACK:
        session.execute(update(PrintRequest).where(
            PrintRequest.person_id == person.id, PrintRequest.status == "waiting")
            .values(status="printed", printed_at=now, printed_by=user.id))
    return entry


def start_batch(session: Session, user: StaffUser, scope: str, label: str,
                person_ids: list[int], variant: str, now: datetime) -> PrintBatch:
    """A batch waiting for the worker; the people are fixed now, as the user could see them."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown print variant {variant!r}")
    batch = PrintBatch(created_at=now, created_by=user.id, scope=scope, scope_label=label[:200],
                       variant=variant, person_ids=person_ids, status=QUEUED, done=0)
    session.add(batch)
    session.flush()
    return batch


def cancel_batch(session: Session, batch: PrintBatch) -> bool:
    """Ask the worker to stop; True if the batch was still queued or running."""
    changed = session.execute(update(PrintBatch).where(
        PrintBatch.id == batch.id, PrintBatch.status.in_((QUEUED, RUNNING)))
        .values(status=CANCELLED)).rowcount
    session.refresh(batch)
    return bool(changed)


def log_batch(session: Session, batch: PrintBatch, user: StaffUser, now: datetime) -> None:
    """Log and audit every pack of a finished batch, as if each had been printed alone."""
    for person in _people(session, batch.person_ids):
        record_print(session, user, person, PACK, batch.variant, now, batch.id)


def _people(session: Session, ids: Iterable[int]) -> Iterable[Person]:
    """People by id in chunks, so a batch of thousands is never loaded at once."""
    ids = list(ids)
    for start in range(0, len(ids), 500):
        yield from session.scalars(select(Person).where(Person.id.in_(ids[start:start + 500])))
