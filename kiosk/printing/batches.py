"""Building a batch: every pack rendered to its own temporary file, then joined page by page.

Runs in the worker. Memory stays flat however many people the batch holds: the worker builds
each pack's HTML (the database work) and hands it to a small pool of renderer processes, at
most one pack ahead of each; each PDF is joined to the batch on disk as soon as it is ready and
then deleted. Renderer processes are replaced every few dozen packs, because WeasyPrint's own
caches grow a little with every document, and run at a lower priority than the web app. The
batch's status is read before each pack, so Cancel stops it within a pack or two.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import tempfile
from collections import deque
from datetime import datetime, timezone
from pathlib import Path

from flask import Flask

from kiosk.extensions import db
from kiosk.models import Person, PrintBatch
from kiosk.services.printing import copies as printing
from kiosk.services.printing import pdf
from kiosk.services.printing.packs import PACK, build_pack, print_language
from kiosk.services.printing.pdf_join import PdfJoiner
from kiosk.templating import today as local_today

from .documents import pack_html

log = logging.getLogger(__name__)
RECYCLE_AFTER = 40  # packs a renderer process makes before a fresh one takes over


def batch_file(app: Flask, batch: PrintBatch) -> Path:
    """Where a finished batch's PDF is kept."""
    return Path(app.config["PRINT_DIR"]) / f"batch-{batch.id}.pdf"


def _now() -> datetime:
    return datetime.now(timezone.utc)


def run_batch(app: Flask, batch_id: int) -> None:
    """Build the batch's PDF, unless it was cancelled; a failure is kept on the batch."""
    with app.app_context():
        with db.transaction() as session:
            batch = printing.claim_batch(session, batch_id)
            if batch is None:
                return
            people, variant, title = list(batch.person_ids), batch.variant, batch.scope_label
        try:
            finished = _build(app, batch_id, people, variant, title)
        except Exception as error:  # kept on the batch for staff to see, then re-raised for huey
            log.exception("print batch %s failed", batch_id)
            with db.transaction() as session:
                printing.fail_batch(session, batch_id, str(error))
            raise
        if finished:
            _finish(app, batch_id)


def _build(app: Flask, batch_id: int, people: list[int], variant: str, title: str) -> bool:
    """Render and join every pack; False when the batch was cancelled part way."""
    batch = db.session.get(PrintBatch, batch_id)
    target = batch_file(app, batch)
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    today = local_today()
    processes = max(1, int(app.config.get("PRINT_PROCESSES", 2)))
    renderers = multiprocessing.get_context("spawn").Pool(
        processes, initializer=_lower_priority, maxtasksperchild=RECYCLE_AFTER)
    with renderers, tempfile.TemporaryDirectory(prefix="print-batch-") as work, \
            _private_file(partial) as out:
        joiner = PdfJoiner(out, title=title, lang="en")
        rendering: deque = deque()  # packs handed to the renderers, in batch order
        done = 0
        for position, person_id in enumerate(people, start=1):
            if _cancelled(batch_id):
                break
            rendering.append(_hand_over(renderers, person_id, variant, today, Path(work) / f"{position}.pdf"))
            while len(rendering) > processes:
                done = _join_next(rendering, joiner, batch_id, done)
        else:
            while rendering:
                done = _join_next(rendering, joiner, batch_id, done)
            joiner.close()
            out.close()
            os.replace(partial, target)
            return True
    partial.unlink(missing_ok=True)
    return False


def _private_file(path: Path):
    """A new file only the service's own user can read: a batch holds many people's records."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # a part left by a stopped worker keeps its old mode otherwise
    return os.fdopen(descriptor, "wb")


def _lower_priority() -> None:
    """Renderers give way to the web app on a shared machine."""
    os.nice(10)


def _hand_over(renderers, person_id: int, variant: str, today, path: Path):
    """Build one pack's HTML here and start its PDF in a renderer; None if they have gone."""
    person = db.session.get(Person, person_id)
    if person is None:
        return None
    lang = print_language(db.session, person)
    html = pack_html(build_pack(db.session, person, PACK, today=today, language=lang),
                     lang=lang, variant=variant)
    title = f"{person.family_name}, {person.given_name} ({person.prison_number})"
    return renderers.apply_async(pdf.render_pdf, (html,), {"lang": lang, "target": str(path)}), path, title, lang


def _join_next(rendering: deque, joiner: PdfJoiner, batch_id: int, done: int) -> int:
    """Wait for the oldest pack, join it, delete its file, and count it done."""
    handed = rendering.popleft()
    if handed is not None:
        result, path, title, lang = handed
        result.get()  # a renderer's error stops the batch here
        joiner.append(path, title, lang=lang)
        path.unlink()
    _progress(batch_id, done + 1)
    return done + 1


def _cancelled(batch_id: int) -> bool:
    db.session.expunge_all()  # nothing of the last pack stays in memory
    return db.session.get(PrintBatch, batch_id).status == printing.CANCELLED


def _progress(batch_id: int, done: int) -> None:
    with db.transaction() as session:
        printing.note_progress(session, batch_id, done)


def _finish(app: Flask, batch_id: int) -> None:
    """Mark the batch done (unless cancelled at the last moment) and log every pack in it."""
    with db.transaction() as session:
        batch = session.get(PrintBatch, batch_id)
        now = _now()
        if not printing.finish_batch(session, batch_id, batch_file(app, batch).name, now):
            batch_file(app, batch).unlink(missing_ok=True)
            return
        printing.remove_old_files(session, now, lambda old: batch_file(app, old).unlink(missing_ok=True))
