"""Benchmark: printed copies (run by hand, not a test).

1. One person's pack: the median time of the whole path (queries, HTML, PDF), and the ratio
   to WeasyPrint rendering the same finished HTML alone, with the same options, in the same run.
2. A batch of N packs (default 100) built by the same code the worker runs: total time, and
   the memory of the worker and of its renderer processes after each tenth pack (flat means
   it does not grow with the batch).

    .venv/bin/python benchmarks/print_benchmark.py [--people 100] [--repeats 7] [--processes 1]

Goals: at most 1 s and 1.2 times for a pack; at most 60 s for 100, with flat memory.
"""
from __future__ import annotations

import argparse
import io
import json
import resource
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pypdf import PdfReader  # noqa: E402
from sqlalchemy import func, select  # noqa: E402
from weasyprint import HTML  # noqa: E402

from kiosk import create_app  # noqa: E402
from kiosk.data import migrate  # noqa: E402
from kiosk.extensions import db  # noqa: E402
from kiosk.models import Person, PlanAction, PrintBatch  # noqa: E402
from kiosk.printing import batches  # noqa: E402
from kiosk.printing.documents import pack_html  # noqa: E402
from kiosk.services.demo.export import generate_export  # noqa: E402
from kiosk.services.imports.importer import import_export  # noqa: E402
from kiosk.services.printing import pdf  # noqa: E402
from kiosk.services.printing.packs import PACK, build_pack  # noqa: E402


def rss_mb(pid: str = "self") -> float:
    """Resident memory of a process now, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children_mb() -> list[float]:
    """Resident memory of each renderer process (the children of this one), in MB."""
    pids = " ".join(path.read_text() for path in Path("/proc/self/task").glob("*/children")).split()
    sizes = []
    for pid in pids:
        try:
            sizes.append(rss_mb(pid))
        except FileNotFoundError:  # a renderer being replaced
            pass
    return sizes


def median_seconds(work, repeats: int) -> float:
    work()  # warm up: fonts, stylesheets, templates
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def typical_person(session) -> Person:
    """The person whose plan has the median number of actions (a middling pack)."""
    counts = session.execute(select(PlanAction.person_id, func.count()).group_by(PlanAction.person_id)
                             .order_by(func.count(), PlanAction.person_id)).all()
    return session.get(Person, counts[len(counts) // 2][0])


def one_pack(app, repeats: int) -> None:
    today = date.today()
    with app.app_context():
        person = typical_person(db.session)

        def whole_path() -> bytes:
            pack = build_pack(db.session, person, PACK, today=today, language="en")
            return pdf.render_pdf(pack_html(pack, lang="en", variant="easy_read"), lang="en")

        html = pack_html(build_pack(db.session, person, PACK, today=today, language="en"),
                         lang="en", variant="easy_read")

        def weasyprint_alone() -> bytes:
            return HTML(string=html, base_url=pdf.BASE_URL, url_fetcher=pdf.AppFilesOnly()).write_pdf(
                pdf_variant=pdf.PDF_VARIANT)

        pages = len(PdfReader(io.BytesIO(whole_path())).pages)
        ours = median_seconds(whole_path, repeats)
        alone = median_seconds(weasyprint_alone, repeats)
    print(f"one pack ({person.prison_number}, {pages} pages): median {ours:.3f} s; "
          f"WeasyPrint alone on the same HTML {alone:.3f} s; ratio {ours / alone:.2f}")


def batch(app, people: int) -> None:
    with app.app_context():
        ids = db.session.scalars(select(Person.id).order_by(Person.id).limit(people)).all()
        row = PrintBatch(created_at=datetime.now(timezone.utc), created_by=None, scope="hall",
                         scope_label="Benchmark", variant="easy_read", person_ids=ids, status="queued", done=0)
        db.session.add(row)
        db.session.commit()
        batch_id = row.id
    samples: list[tuple[int, float, list[float]]] = []
    progress = batches._progress

    def sampled(batch_id: int, done: int) -> None:
        progress(batch_id, done)
        if done % 10 == 0:
            samples.append((done, rss_mb(), children_mb()))

    batches._progress = sampled
    started = time.perf_counter()
    batches.run_batch(app, batch_id)
    took = time.perf_counter() - started
    batches._progress = progress
    with app.app_context():
        row = db.session.get(PrintBatch, batch_id)
        path = batches.batch_file(app, row)
        pages = len(PdfReader(path).pages)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    renderer_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"batch of {len(ids)} packs ({pages} pages, {path.stat().st_size / 1e6:.1f} MB) with "
          f"{app.config['PRINT_PROCESSES']} renderer process(es): {took:.1f} s, status {row.status}; "
          f"peak RSS: worker {peak:.0f} MB, largest renderer {renderer_peak:.0f} MB")
    print("  RSS after each tenth pack, worker / renderers (MB): " + ", ".join(
        f"{n}: {mb:.0f} / {'+'.join(f'{c:.0f}' for c in kids) or '-'}" for n, mb, kids in samples))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--processes", type=int, default=2, help="PRINT_PROCESSES for the batch")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="print-benchmark-") as work:
        url = f"sqlite:///{work}/kiosk.sqlite3"
        migrate.upgrade(url)
        app = create_app({"DATABASE_URL": url, "SECRET_KEY": "benchmark", "PRINT_DIR": f"{work}/print",
                          "HUEY_SQLITE_PATH": f"{work}/huey.sqlite3", "PRINT_PROCESSES": args.processes})
        with app.app_context():
            export = generate_export(people=args.people, seed=2026, establishment_code="GRN", today=date.today())
            import_export(db.session, json.dumps(export).encode("utf-8"))
            db.session.commit()
        one_pack(app, args.repeats)
        batch(app, args.people)


if __name__ == "__main__":
    main()
