"""Benchmark: import a 20,000-person export into a fresh database (run by hand, not a test).

Reports the import's wall time and peak memory, and as a baseline from the same run the time
to read and check the same file without writing anything, so the ratio shows what the
database writes cost on top of the unavoidable parsing and schema checking.

    .venv/bin/python benchmarks/import_benchmark.py [--people 20000] [--database-url URL]
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def child(kind: str, path: str, database_url: str) -> None:
    """Run one measurement in a fresh process, so peak memory is its own."""
    from kiosk import create_app
    from kiosk.data import migrate
    from kiosk.extensions import db
    from kiosk.services.imports import contract
    from kiosk.services.imports.importer import import_export

    raw = Path(path).read_bytes()
    if kind == "import":
        migrate.upgrade(database_url)
        app = create_app({"DATABASE_URL": database_url})
        with app.app_context():
            started = time.perf_counter()
            with db.transaction() as session:
                summary = import_export(session, raw)
            seconds = time.perf_counter() - started
        detail = summary.describe()
    else:
        started = time.perf_counter()
        contract.check(raw)
        seconds = time.perf_counter() - started
        detail = "read and checked only"
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "detail": detail}))


def measure(kind: str, path: Path, database_url: str) -> dict:
    output = subprocess.run([sys.executable, __file__, "--child", kind, str(path), database_url],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--database-url")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    from kiosk.services.demo.export import write_export

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.json"
        write_export(path, args.people)
        url = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
        size_mb = path.stat().st_size / 1048576
        baseline = measure("check", path, url)
        result = measure("import", path, url)
    print(f"file: {args.people:,} people, {size_mb:.1f} MB")
    print(f"baseline (read and check only): {baseline['seconds']:.1f} s, "
          f"peak {baseline['peak_mb']:.0f} MB")
    print(f"import: {result['seconds']:.1f} s, peak {result['peak_mb']:.0f} MB ({result['detail']})")
    print(f"ratio import / baseline: {result['seconds'] / baseline['seconds']:.2f}")


if __name__ == "__main__":
    main()
