"""Benchmark: staff search by name or prison number on 100,000 people (run by hand, not a test).

Builds a migrated SQLite database (or uses --url, e.g. a PostgreSQL database that has been
migrated with `kiosk db upgrade`) holding N made-up people in 17 establishments, then times
`staff_queries.search_people` for typical searches by three kinds of user: a case coordinator
(one establishment), a personal officer (a hall and a caseload) and a national RMT
administrator (everyone). Prints the median and 95th percentile of each, in milliseconds.

    .venv/bin/python benchmarks/staff_search_benchmark.py [--people 100000] [--runs 50]
        [--url URL | --postgres]

`--postgres` starts a throwaway PostgreSQL cluster (Debian's server, as the test suite does).
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, select, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from kiosk.data import migrate, staff_queries  # noqa: E402
from kiosk.data.database import make_engine  # noqa: E402
from kiosk.models import Caseload, Establishment, Person, StaffUser  # noqa: E402
from kiosk.services.access.staff_access import person_scope  # noqa: E402
from kiosk.services.demo.people import HALLS, NAMES  # noqa: E402

CODES = ["GRN", "EDN", "GLE", "DUM", "KIL", "LOW", "BAR", "INV", "GRE", "SHO", "CAS", "PER",
         "ADD", "POL", "STI", "BEL", "LIL"]
SEARCHES = ["campbell", "Mc", "m", "smith", "ross stew", "GR1", "GR104", "GR1048213", "zz"]


def build(url: str, people: int, seed: int = 2026) -> None:
    """Migrate and fill the database with establishments and people (rows only, no records)."""
    migrate.upgrade(url)
    rng = random.Random(seed)
    now = datetime.now(timezone.utc)
    given = [n for names in NAMES.values() for n in names[0] + names[1]]
    family = [n for names in NAMES.values() for n in names[2]]
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(insert(Establishment), [
            {"id": i + 1, "code": code, "name": f"HMP {code}"} for i, code in enumerate(CODES)])
        rows = [{
            "prison_number": f"{CODES[i % len(CODES)][:2]}{1_000_000 + i:07d}",
            "establishment_id": i % len(CODES) + 1, "given_name": rng.choice(given),
            "family_name": rng.choice(family), "date_of_birth": date(1990, 1, 1),
            "communication_needs": [], "hall": rng.choice(HALLS[:8]), "present": True,
            "record_hash": "x", "first_seen_at": now, "updated_at": now,
        } for i in range(people)]
        for start in range(0, people, 10_000):
            connection.execute(insert(Person), rows[start:start + 10_000])
        connection.execute(text("ANALYZE"))  # fresh statistics, as a database in use has
    engine.dispose()


def users(session: Session) -> dict[str, StaffUser]:
    """Three kinds of user; the personal officer has 40 people on their caseload."""
    now = datetime.now(timezone.utc)
    made = {
        "case coordinator": StaffUser(username="cc", display_name="CC", password_hash="-",
                                      role="case_coordinator", establishment_id=1, created_at=now),
        "personal officer": StaffUser(username="po", display_name="PO", password_hash="-",
                                      role="personal_officer", establishment_id=1, hall="Ailsa",
                                      created_at=now),
        "national RMT administrator": StaffUser(username="rmt", display_name="RMT", password_hash="-",
                                                role="rmt_administrator", created_at=now),
    }
    session.add_all(made.values())
    session.flush()
    some = session.scalars(select(Person.id).where(Person.establishment_id == 2).limit(40))
    session.add_all(Caseload(staff_user_id=made["personal officer"].id, person_id=i) for i in some)
    session.commit()
    return made


def time_search(session: Session, user: StaffUser, typed: str, runs: int) -> tuple[float, float, int]:
    """Median and 95th percentile in ms, and how many rows came back."""
    return time_query(session, lambda: staff_queries.search_people(session, person_scope(user), typed), runs)


def time_baseline(session: Session, runs: int) -> tuple[float, float, int]:
    """The cheapest useful query, as a yardstick: one person by exact prison number."""
    number = session.scalars(select(Person.prison_number).limit(1)).one()
    return time_query(session, lambda: list(session.scalars(
        select(Person).where(Person.prison_number == number))), runs)


def time_query(session: Session, query, runs: int) -> tuple[float, float, int]:
    """Run `query` `runs` times: median and 95th percentile in ms, and rows returned."""
    timings, found = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        rows = query()
        timings.append((time.perf_counter() - start) * 1000)
        found = len(rows)
        for row in rows:  # the next run loads them afresh, as a new request would
            session.expunge(row)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--url", help="an empty database to use instead of a new SQLite file")
    parser.add_argument("--postgres", action="store_true", help="use a throwaway PostgreSQL")
    args = parser.parse_args()
    cluster = None
    if args.postgres:
        sys.path.insert(0, str(ROOT / "tests"))
        from support.postgres import PostgresCluster, find_bin_dir

        cluster = PostgresCluster(find_bin_dir()).start()
        args.url = cluster.create_database("staff_search")
    try:
        run(args)
    finally:
        if cluster is not None:
            cluster.stop()


def run(args: argparse.Namespace) -> None:
    """Build the database and time every search for every kind of user."""
    with tempfile.TemporaryDirectory() as folder:
        url = args.url or f"sqlite:///{folder}/staff-search.sqlite3"
        started = time.perf_counter()
        build(url, args.people)
        print(f"{args.people:,} people in {url.split(':')[0]} in {time.perf_counter() - started:.1f} s")
        engine = make_engine(url)
        with Session(engine, expire_on_commit=False) as session:
            baseline, _, _ = time_baseline(session, args.runs)
            print(f"baseline (one person by exact prison number): median {baseline:.2f} ms")
            for kind, user in users(session).items():
                print(f"\n{kind}:")
                for typed in SEARCHES:
                    median, p95, found = time_search(session, user, typed, args.runs)
                    print(f"  {typed!r:14} {found:3d} found   median {median:6.2f} ms   "
                          f"p95 {p95:6.2f} ms   {median / baseline:5.1f} x baseline")
        engine.dispose()


if __name__ == "__main__":
    main()
