"""Print batches through the real huey queue: `kiosk worker` in a subprocess builds one PDF for a
hall, the progress fragment, cancelling, and the print log each pack leaves."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from kiosk.extensions import db
from kiosk.models import AuditEvent, Person, PrintBatch, PrintLogEntry
from kiosk.printing import batches
from kiosk.printing.queue import queue_for
from support.kiosk import varied_people
from support.staff import (  # noqa: F401  (fast_hashing is an autouse fixture)
    csrf_from, fast_hashing, import_without_pins, make_user, sign_in_staff,
)

KIOSK = Path(sys.executable).with_name("kiosk")
# A worker builds a pack in about half a second; this leaves room on a busy two-core machine.
WORKER_DEADLINE = 90


@pytest.fixture
def greenock(db_session):
    """The six varied people: four in hall Ailsa (Danny and three more on landing 3), and
    Tomasz in hall Darroch."""
    people = varied_people(date.today())
    for cell, person in enumerate(people[3:], start=1):
        person["location"] = {"hall": "Ailsa", "landing": "3", "cell": str(cell)}
    import_without_pins(db_session, people)


@pytest.fixture
def own_queue(app, tmp_path):
    """This test's own queue file and batch folder, shared with the worker it starts."""
    app.config.update(HUEY_SQLITE_PATH=str(tmp_path / "huey.sqlite3"), PRINT_DIR=str(tmp_path / "print"))
    return {"DATABASE_URL": app.config["DATABASE_URL"], "SECRET_KEY": "test",
            "HUEY_SQLITE_PATH": app.config["HUEY_SQLITE_PATH"], "PRINT_DIR": app.config["PRINT_DIR"]}


@pytest.fixture
def worker(own_queue):
    """`kiosk worker` running in its own process, stopped (by its pid) after the test."""
    def start():
        process = subprocess.Popen([str(KIOSK), "worker"], env={**os.environ, **own_queue},
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        started.append(process)
        return process

    started: list[subprocess.Popen] = []
    yield start
    for process in started:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        print(process.stdout.read()[-5000:])  # shown by pytest when the test fails


def start_batch(client, place: str, variant: str = "easy_read") -> int:
    response = client.post("/staff/printing/batches", data={
        "csrf_token": csrf_from(client, "/staff/printing"), "place": place, "variant": variant})
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(re.search(r"/batches/(\d+)$", response.headers["Location"]).group(1))


def batch_row(app, batch_id: int) -> PrintBatch:
    with app.app_context():
        return db.session.get(PrintBatch, batch_id)


def wait_for(app, batch_id: int, status: str) -> PrintBatch:
    deadline = time.monotonic() + WORKER_DEADLINE
    while time.monotonic() < deadline:
        batch = batch_row(app, batch_id)
        if batch.status == status:
            return batch
        assert batch.status not in ("failed", "cancelled") or batch.status == status, batch.error
        time.sleep(0.25)
    raise AssertionError(f"batch {batch_id} is still {batch_row(app, batch_id).status}")


@pytest.mark.slow
@pytest.mark.databases("sqlite")
def test_the_worker_builds_a_hall_as_one_tagged_pdf_and_logs_every_pack(
        app, client, greenock, own_queue, worker):
    sign_in_staff(client, make_user(app, "case_coordinator"))
    with app.app_context():
        hall = db.session.scalars(select(Person).where(Person.hall == "Ailsa")
                                  .order_by(Person.prison_number)).all()
        numbers = [person.prison_number for person in hall]
    assert len(numbers) >= 2
    batch_id = start_batch(client, "hall|Ailsa")
    queued = client.get(f"/staff/printing/batches/{batch_id}").get_data(as_text=True)
    assert "Waiting to start" in queued and f"0 of {len(numbers)} packs" in queued

    worker()
    batch = wait_for(app, batch_id, "done")
    assert batch.done == len(numbers)

    response = client.get(f"/staff/printing/batches/{batch_id}/pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pdf_path = Path(own_queue["PRINT_DIR"]) / f"batch-{batch_id}.pdf"
    reader = PdfReader(pdf_path, strict=True)
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en" and catalog["/MarkInfo"]["/Marked"]
    structure = catalog["/StructTreeRoot"]
    assert len(structure["/K"]) == len(numbers)  # one Document element per pack
    assert structure["/ParentTreeNextKey"] == len(reader.pages)
    assert [item.title for item in reader.outline] == [
        f"{p.family_name}, {p.given_name} ({p.prison_number})" for p in sorted(
            hall, key=lambda p: (p.hall, p.landing or "", p.cell or "", p.family_name, p.id))]
    text = "\n".join(page.extract_text() for page in reader.pages)
    for number in numbers:
        assert text.count(f"{number} · Printed on") >= 2  # on every page of their pack
    assert "Tomasz" not in text  # hall Darroch

    with app.app_context():
        logged = db.session.scalars(select(PrintLogEntry.prison_number)
                                    .where(PrintLogEntry.batch_id == batch_id)).all()
        audited = db.session.scalar(select(func.count()).select_from(AuditEvent)
                                    .where(AuditEvent.action == "print"))
    assert sorted(logged) == sorted(numbers) and audited == len(numbers)

    done = client.get(f"/staff/printing/batches/{batch_id}",
                      headers={"HX-Request": "true", "HX-Target": "batch-progress"})
    fragment = done.get_data(as_text=True)
    assert fragment.lstrip().startswith('<div id="batch-progress"') and "<html" not in fragment
    assert "hx-trigger" not in fragment and "Open the PDF" in fragment  # polling stops


@pytest.mark.databases("sqlite")
def test_a_cancelled_batch_is_never_built_or_logged(app, client, greenock, own_queue, worker):
    sign_in_staff(client, make_user(app, "case_coordinator"))
    batch_id = start_batch(client, "hall|Ailsa")
    page = client.get(f"/staff/printing/batches/{batch_id}").get_data(as_text=True)
    assert 'data-hx-trigger="every 2s"' in page and "Refresh to see how far it has got" in page
    response = client.post(f"/staff/printing/batches/{batch_id}/cancel",
                           data={"csrf_token": csrf_from(client, "/staff/printing")})
    assert response.status_code == 302
    assert batch_row(app, batch_id).status == "cancelled"

    # The worker takes the queued task, sees the cancellation and stops; a later batch runs.
    worker()
    later = start_batch(client, "landing|Darroch|1")
    wait_for(app, later, "done")
    assert batch_row(app, batch_id).status == "cancelled"
    assert not (Path(own_queue["PRINT_DIR"]) / f"batch-{batch_id}.pdf").exists()
    assert client.get(f"/staff/printing/batches/{batch_id}/pdf").status_code == 404
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PrintLogEntry)
                                 .where(PrintLogEntry.batch_id == batch_id)) == 0


def test_a_batch_waits_on_the_queue_for_the_worker(app, client, greenock, own_queue):
    """The web process only enqueues: the task sits in huey's storage until a worker runs."""
    sign_in_staff(client, make_user(app, "case_coordinator"))
    batch_id = start_batch(client, "hall|Darroch")
    assert [task.args for task in queue_for(app).huey.pending()] == [(batch_id,)]
    assert batch_row(app, batch_id).status == "queued"


def test_a_batch_with_nobody_in_it_is_refused(app, client, greenock, own_queue):
    sign_in_staff(client, make_user(app, "case_coordinator"))
    response = client.post("/staff/printing/batches", data={
        "csrf_token": csrf_from(client, "/staff/printing"), "place": "caseload", "variant": "easy_read"})
    assert response.status_code == 200 and "There is nobody to print for there" in response.get_data(as_text=True)
    assert queue_for(app).huey.pending_count() == 0


def test_someone_elses_batch_is_not_found(app, client, greenock):
    sign_in_staff(client, make_user(app, "case_coordinator", username="first"))
    batch_id = start_batch(client, "hall|Ailsa")
    other = app.test_client()
    sign_in_staff(other, make_user(app, "case_coordinator", username="second"))
    for suffix in ("", "/pdf"):
        assert other.get(f"/staff/printing/batches/{batch_id}{suffix}").status_code == 404
    assert other.post(f"/staff/printing/batches/{batch_id}/cancel",
                      data={"csrf_token": csrf_from(other, "/staff/printing")}).status_code == 404


def test_a_finished_batch_pdf_is_removed_after_a_week(app, client, greenock, own_queue):
    sign_in_staff(client, make_user(app, "case_coordinator"))
    old, new = start_batch(client, "landing|Darroch|1"), start_batch(client, "landing|Darroch|1")
    batches.run_batch(app, old)  # the worker's own code, run here
    with app.app_context():
        with db.transaction() as session:
            session.get(PrintBatch, old).finished_at = datetime.now(timezone.utc) - timedelta(days=8)
    assert client.get(f"/staff/printing/batches/{old}/pdf").status_code == 200
    batches.run_batch(app, new)
    assert client.get(f"/staff/printing/batches/{old}/pdf").status_code == 404
    assert "removed a week after" in client.get(f"/staff/printing/batches/{old}").get_data(as_text=True)
    assert client.get(f"/staff/printing/batches/{new}/pdf").status_code == 200


def test_cancelling_a_running_batch_stops_it_within_a_pack(app, client, greenock, own_queue, monkeypatch):
    sign_in_staff(client, make_user(app, "case_coordinator"))
    batch_id = start_batch(client, "hall|Ailsa")
    progress = batches._progress

    def cancel_after_the_first(batch_id: int, done: int) -> None:
        progress(batch_id, done)
        client.post(f"/staff/printing/batches/{batch_id}/cancel",
                    data={"csrf_token": csrf_from(client, "/staff/printing")})

    monkeypatch.setattr(batches, "_progress", cancel_after_the_first)
    batches.run_batch(app, batch_id)
    batch = batch_row(app, batch_id)
    assert batch.status == "cancelled" and 1 <= batch.done < batch.total
    assert not list(Path(own_queue["PRINT_DIR"]).glob(f"batch-{batch_id}.*"))
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PrintLogEntry)) == 0


def test_a_failed_batch_keeps_its_error_for_staff(app, client, greenock, own_queue, monkeypatch):
    sign_in_staff(client, make_user(app, "case_coordinator"))
    batch_id = start_batch(client, "hall|Ailsa")

    def broken(*args, **kwargs):
        raise RuntimeError("the template is broken")

    monkeypatch.setattr(batches, "pack_html", broken)
    with pytest.raises(RuntimeError):
        batches.run_batch(app, batch_id)  # re-raised, so huey logs it too
    batch = batch_row(app, batch_id)
    assert batch.status == "failed" and batch.error == "the template is broken"
    page = client.get(f"/staff/printing/batches/{batch_id}").get_data(as_text=True)
    assert "Something went wrong" in page and "hx-trigger" not in page
