"""The rules of printed copies: asking for one, logging each print, and batches from start to end.

Every print is one line in the print log and one `print` row in the audit trail, written
together, so the person's kiosk ("who has printed my record") and the manager dashboard
("never printed / not printed in six months") both see it. Printing a pack answers the
person's waiting request, if they made one.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from kiosk.data import print_queries
from kiosk.models import Person, PrintBatch, PrintLogEntry, PrintRequest, StaffUser

from kiosk.services.printing.packs import PACK, VARIANTS
from kiosk.services.staff import audit

QUEUED, RUNNING, DONE, CANCELLED, FAILED = "queued", "running", "done", "cancelled", "failed"
KEEP_FOR = timedelta(days=7)  # a finished batch's PDF is personal data: removed after this


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


def claim_batch(session: Session, batch_id: int) -> PrintBatch | None:
    """The worker takes a queued batch; None when it is gone, cancelled or already taken."""
    batch = session.get(PrintBatch, batch_id)
    if batch is None or batch.status != QUEUED:
        return None
    batch.status = RUNNING
    return batch


def note_progress(session: Session, batch_id: int, done: int) -> None:
    """How many packs of the batch are joined so far, for its progress bar."""
    session.get(PrintBatch, batch_id).done = done


def fail_batch(session: Session, batch_id: int, error: str) -> None:
    """Keep what went wrong on the batch, for staff to see."""
    batch = session.get(PrintBatch, batch_id)
    batch.status, batch.error = FAILED, error[:2000]


def finish_batch(session: Session, batch_id: int, file_name: str, now: datetime) -> bool:
    """Mark the batch done and log every pack in it; False if it was cancelled at the last moment."""
    batch = session.get(PrintBatch, batch_id)
    if batch.status != RUNNING:
        return False
    batch.status, batch.finished_at, batch.file_name = DONE, now, file_name
    user = session.get(StaffUser, batch.created_by) if batch.created_by else None
    if user is not None:
        log_batch(session, batch, user, now)
    return True


def log_batch(session: Session, batch: PrintBatch, user: StaffUser, now: datetime) -> None:
    """Log and audit every pack of a finished batch, as if each had been printed alone."""
    for person in print_queries.people_by_ids(session, batch.person_ids):
        record_print(session, user, person, PACK, batch.variant, now, batch.id)


def remove_old_files(session: Session, now: datetime, remove: Callable[[PrintBatch], None]) -> None:
    """Remove the PDFs of batches finished more than a week ago; the log keeps what they held."""
    for batch in print_queries.batches_with_files_before(session, now - KEEP_FOR):
        remove(batch)
        batch.file_name = None
