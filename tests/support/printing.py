"""Print batches for tests that need one to exist without running the worker."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import select

from kiosk.extensions import db
from kiosk.models import PrintBatch, StaffUser
from kiosk.printing.batches import batch_file
from kiosk.services.printing.pdf import render_pdf

_TINY = ('<!doctype html><html lang="en"><head><title>Batch</title></head>'
         '<body><p>A finished batch.</p></body></html>')
_rendered: list[bytes] = []


def _tiny_pdf() -> bytes:
    """One page, rendered once per test run."""
    if not _rendered:
        _rendered.append(render_pdf(_TINY, lang="en"))
    return _rendered[0]


def finished_batch(app, username: str) -> int:
    """A finished, empty batch of the user's, with a real one-page PDF; returns its id."""
    with app.app_context():
        with db.transaction() as session:
            user = session.scalars(select(StaffUser).where(StaffUser.username == username)).one()
            now = datetime.now(timezone.utc)
            batch = PrintBatch(created_at=now, created_by=user.id, scope="caseload",
                               scope_label="My caseload", variant="easy_read", person_ids=[],
                               status="done", done=0, finished_at=now)
            session.add(batch)
            session.flush()
            path = batch_file(app, batch)
            batch.file_name = path.name
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_bytes(_tiny_pdf())
        return batch.id
