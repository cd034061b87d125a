"""Benchmark: a hall of kiosks, each person visiting once (run by hand, not a test).

The path people really take: many different people, 50 kiosks at once, each person signing
in, opening their home page and six record pages once each, saving a letter draft as they
type, and finishing. No person comes twice, so nothing is seen again (a benchmark that mostly
hits a cache measures the cache). For a database of 1,000 and of 100,000 people it reports
each step's p50 and p95, and the throughput as a ratio to a bare Flask app that answers the
same requests with the same HTML, measured in turns in the same run, under the same gunicorn
settings, so a busy moment on the machine cannot favour either.

With --print N, a batch of N printed packs is built by the print worker's code while the hall
keeps visiting: it reports the batch's time and the kiosk's p95 during it.

    .venv/bin/python benchmarks/hall_visit_benchmark.py [--sizes 1000 100000] [--visits 400]
        [--rounds 2] [--print 100] [--data DIR]

Goals (issue 19): a first look at >= 0.25 of bare Flask; p95 <= 60 ms; sign-in p95 <= 150 ms;
100,000 people no more than 1.2 times slower than 1,000; 100 packs in <= 60 s under load.
"""
from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serving import ROOT, Server, serving  # noqa: E402

PIN = "1234"
KIOSKS = 50
CLIENT_PROCESSES = 2  # the hall's 50 kiosks, shared between this many client processes
RECORD_PAGES = ("plan", "dates", "decisions", "risk", "programmes", "people")
LETTER = "/me/letters/write/forum/rmt"
READING = 2.0  # seconds a person spends on a page, in the hall that runs while a batch prints
# Each step of a visit: (its name, method, path). The token and cookie come from earlier steps.
VISIT = (("sign-in page", "GET", "/sign-in"), ("sign-in", "POST", "/sign-in"),
         ("home", "GET", "/me/"),
         *((page, "GET", f"/me/{page}") for page in RECORD_PAGES),
         ("autosave", "POST", LETTER), ("finish", "POST", "/finish"))
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
BARE_APP = """
import json
from flask import Flask, request
app = Flask(__name__)
ANSWERS = {{(a["method"], a["path"]): a for a in json.load(open({path!r}))}}
@app.route("/<path:path>", methods=["GET", "POST"])
@app.route("/", defaults={{"path": ""}}, methods=["GET", "POST"])
def answer(path):
    kept = ANSWERS[(request.method, request.path)]
    return kept["body"], kept["status"], kept["headers"]
"""


# The data -----------------------------------------------------------------------------------

def kiosk(*args: str, env: dict) -> None:
    subprocess.run([str(ROOT / ".venv/bin/kiosk"), *args], env=env, check=True, capture_output=True)


def database(people: int, folder: Path) -> tuple[dict, list[str]]:
    """A SQLite database of `people` made-up people (built once per folder), each with the PIN,
    and their prison numbers."""
    path = folder / f"hall-{people}.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "SECRET_KEY": "benchmark",
           "KIOSK_IDLE_SECONDS": "3600", "HUEY_SQLITE_PATH": str(folder / f"huey-{people}.sqlite3"),
           "PRINT_DIR": str(folder / f"print-{people}")}
    if not path.exists():
        kiosk("db", "upgrade", env=env)
        codes, remaining = iter(["GRN", "BAR", "EDN", "GLE", "SHO", "PER"]), people
        while remaining > 0:
            batch = min(remaining, 20_000)
            kiosk("demo", "--people", str(batch), "--establishment", next(codes), "--pin", PIN,
                  "--output", str(folder / "demo.json"), env=env)
            remaining -= batch
    with sqlite3.connect(path) as connection:
        numbers = [row[0] for row in connection.execute("SELECT prison_number FROM people")]
    return env, numbers


# The hall -----------------------------------------------------------------------------------

class Step(NamedTuple):
    name: str
    started: float
    seconds: float


class Kiosk:
    """One kiosk: a browser's cookie and form token, and nothing else."""

    def __init__(self, host: str, port: int, reading: float = 0.0) -> None:
        self.host, self.port, self.reading = host, port, reading
        self.number = self.cookie = self.token = ""

    def ask(self, method: str, path: str, name: str, steps: list[Step]) -> str:
        headers, body = {"Cookie": self.cookie}, None
        if method == "POST":
            form = {"csrf_token": self.token}
            if name == "sign-in":
                form |= {"prison_number": self.number, "pin": PIN}
            if name == "autosave":
                form["text"] = "I would like to say that I have done every course on my plan."
                headers |= {"HX-Request": "true", "HX-Target": "draft-status"}
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        connection.request(method, path, body, headers)
        response = connection.getresponse()
        html = response.read().decode("utf-8", "replace")
        connection.close()
        steps.append(Step(name, started, time.perf_counter() - started))
        if response.status >= 400:
            raise RuntimeError(f"{name}: {response.status} for {self.number}")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                self.cookie = value.split(";", 1)[0]
        if found := TOKEN.search(html):
            self.token = found.group(1)
        return html

    def visit(self, number: str, steps: list[Step], parts=VISIT) -> None:
        """Some steps of a visit (the whole of one by default), each step's time in `steps`."""
        if parts[0][0] == "sign-in page":
            self.number, self.cookie, self.token = number, "", ""
        for name, method, path in parts:
            self.ask(method, path, name, steps)
            time.sleep(self.reading)


SIGNING_IN, LOOKING = VISIT[:2], VISIT[2:-2]


def _hall(host: str, port: int, numbers: list[str], kiosks: int, looks_only: bool,
          reading: float, all_signed_in, stop, results) -> None:
    """`kiosks` kiosks visiting the people in turn, one visit each, until they run out or
    `stop` is set; the steps go to `results`. With `looks_only`, everyone is signed in first,
    unmeasured, and once every client process is ready (`all_signed_in`) each person only
    looks at their pages."""
    steps: list[Step] = []
    lock = threading.Lock()

    def work_on(items, job) -> None:
        queue = iter(items)

        def next_item():
            with lock:
                return None if stop.is_set() else next(queue, None)

        def kiosk_at_work() -> None:
            while item := next_item():
                job(item)

        threads = [threading.Thread(target=kiosk_at_work) for _ in range(kiosks)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    if looks_only:
        screens = [Kiosk(host, port) for _ in numbers]
        work_on(list(zip(screens, numbers)), lambda item: item[0].visit(item[1], [], SIGNING_IN))
        all_signed_in.wait()
        work_on(screens, lambda screen: screen.visit(screen.number, steps, LOOKING))
    else:
        work_on(numbers, lambda number: Kiosk(host, port, reading).visit(number, steps))
    results.put(steps)


class Load(NamedTuple):
    steps: list[Step]

    @property
    def seconds(self) -> float:
        """From the first request's start to the last one's end."""
        return max(s.started + s.seconds for s in self.steps) - min(s.started for s in self.steps)

    @property
    def rate(self) -> float:
        return len(self.steps) / self.seconds


@contextmanager
def hall(server: Server, numbers: list[str], stop_at_end: bool, looks_only: bool = False,
         reading: float = 0.0) -> Iterator[list[Load]]:
    """The whole hall at once: 50 kiosks in CLIENT_PROCESSES processes, so the client's own
    work does not queue on one interpreter, each person taking `reading` seconds over each
    page (none: the hardest load). It stops when the people run out, or (if `stop_at_end`)
    when the `with` block ends; the Load is then in the list given."""
    stop, results = multiprocessing.Event(), multiprocessing.Queue()
    all_signed_in = multiprocessing.Barrier(CLIENT_PROCESSES)
    shares = [numbers[i::CLIENT_PROCESSES] for i in range(CLIENT_PROCESSES)]
    clients = [multiprocessing.Process(target=_hall, args=(
        server.host, server.port, share, KIOSKS // CLIENT_PROCESSES, looks_only, reading, all_signed_in,
        stop, results)) for share in shares]
    for client in clients:
        client.start()
    done: list[Load] = []
    try:
        yield done
    finally:
        if stop_at_end:
            stop.set()
        steps = [step for _ in clients for step in results.get()]
        for client in clients:
            client.join()
    done.append(Load(steps))


def whole_hall(server: Server, numbers: list[str], looks_only: bool = False) -> Load:
    """Every one of `numbers` visits once."""
    with hall(server, numbers, stop_at_end=False, looks_only=looks_only) as done:
        pass
    return done[0]


def captured_visit(server: Server, number: str) -> list[dict]:
    """One visit's answers, for the bare app to give back word for word."""
    answers: list[dict] = []
    screen = Kiosk(server.host, server.port)
    screen.number = number
    for name, method, path in VISIT:
        html = screen.ask(method, path, name, [])
        answers.append({"method": method, "path": path, "body": html,
                        "status": 302 if name in ("sign-in", "finish") else 200,
                        "headers": {"Content-Type": "text/html; charset=utf-8",
                                    "Cache-Control": "no-store",
                                    **({"Location": "/me/"} if name == "sign-in" else {})}})
    return answers


# Printing under load --------------------------------------------------------------------------

PRINT_SCRIPT = """
import sys, time
from datetime import datetime, timezone
from sqlalchemy import select
from kiosk import create_app
from kiosk.extensions import db
from kiosk.models import Person, PrintBatch
from kiosk.printing import batches
app = create_app()
with app.app_context():
    ids = db.session.scalars(select(Person.id).order_by(Person.id).limit(int(sys.argv[1]))).all()
    row = PrintBatch(created_at=datetime.now(timezone.utc), created_by=None, scope="hall",
                     scope_label="Benchmark", variant="easy_read", person_ids=ids, status="queued", done=0)
    db.session.add(row)
    db.session.commit()
    batch_id = row.id
started = time.perf_counter()
batches.run_batch(app, batch_id)
with app.app_context():
    print(f"{time.perf_counter() - started:.1f} {db.session.get(PrintBatch, batch_id).status}")
"""


def printing_under_load(server: Server, env: dict, numbers: list[str], packs: int) -> None:
    """A batch built by the worker's code while the hall keeps visiting, each person reading
    each page for READING seconds (people come again if they run out: a new visit is a first
    look again). With no reading at all the kiosks take every cycle of both cores, and the
    batch, which runs at low priority so that the kiosks come first, waits."""
    with hall(server, numbers * 100, stop_at_end=True, reading=READING) as done:
        batch = subprocess.run([str(ROOT / ".venv/bin/python"), "-c", PRINT_SCRIPT, str(packs)],
                               env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    seconds, status = batch.stdout.split()
    during = done[0].steps
    print(f"  {packs} packs while 50 kiosks visit, {READING:.0f} s a page: {float(seconds):.1f} s ({status}); "
          f"kiosk p95 meanwhile {percentile([s.seconds for s in during], 95) * 1000:.0f} ms "
          f"over {len(during)} requests")


# Figures ----------------------------------------------------------------------------------------

def percentile(values: list[float], wanted: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * wanted / 100))] if ordered else 0.0


def ratio_line(label: str, ours: list[Load], bare: list[Load]) -> float:
    rate = statistics.median(load.rate for load in ours)
    bare_rate = statistics.median(load.rate for load in bare)
    print(f"  {label}: {rate:.0f} requests/s against bare Flask's {bare_rate:.0f}: "
          f"ratio {rate / bare_rate:.2f}")
    return rate / bare_rate


def step_lines(loads: list[Load], names: list[str]) -> float:
    """Each step's p50 and p95; the p95 of all the page looks together."""
    steps = [step for load in loads for step in load.steps]
    looks = []
    for name in names:
        times = [step.seconds * 1000 for step in steps if step.name == name]
        if name in ("home", *RECORD_PAGES):
            looks += times
        print(f"    {name:<13} p50 {percentile(times, 50):6.1f} ms   p95 {percentile(times, 95):6.1f} ms")
    print(f"    {'every page':<13} p50 {percentile(looks, 50):6.1f} ms   p95 {percentile(looks, 95):6.1f} ms")
    return percentile(looks, 95)


def report(people: int, runs: dict[str, list[Load]]) -> dict:
    print(f"{people:,} people, {KIOSKS} kiosks, medians of {len(runs['visits'])} round(s):")
    visit_ratio = ratio_line("whole visits", runs["visits"], runs["bare visits"])
    p95 = step_lines(runs["visits"], [name for name, _method, _path in VISIT])
    looks_ratio = ratio_line("first looks only (everyone signed in first)", runs["looks"],
                             runs["bare looks"])
    looks_p95 = step_lines(runs["looks"], [name for name, _method, _path in LOOKING])
    return {"visit ratio": visit_ratio, "looks ratio": looks_ratio, "p95": p95, "looks p95": looks_p95,
            "rate": statistics.median(load.rate for load in runs["visits"])}


def run(people: int, visits: int, rounds: int, packs: int, folder: Path) -> dict:
    env, numbers = database(people, folder)
    random.Random(people).shuffle(numbers)
    needed = 2 * visits * rounds + 20
    if needed > len(numbers):
        raise SystemExit(f"{visits} visits x {rounds} rounds need {needed} people; there are {len(numbers)}")
    with serving("kiosk:create_app()", env, ROOT) as server:
        whole_hall(server, [numbers.pop() for _ in range(KIOSKS // 2)])  # each worker warmed up
        (folder / "answers.json").write_text(json.dumps(captured_visit(server, numbers.pop())))
        (folder / "bare.py").write_text(BARE_APP.format(path=str(folder / "answers.json")))
        with serving("bare:app", env, folder) as bare:
            runs: dict[str, list[Load]] = {"visits": [], "bare visits": [], "looks": [], "bare looks": []}
            for _ in range(rounds):
                for looks_only, name in ((False, "visits"), (True, "looks")):
                    people_now, numbers = numbers[:visits], numbers[visits:]
                    runs[name].append(whole_hall(server, people_now, looks_only))
                    runs[f"bare {name}"].append(whole_hall(bare, people_now, looks_only))
        figures = report(people, runs)
        if packs:
            printing_under_load(server, env, numbers, packs)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--visits", type=int, default=300, help="different people per round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--print", type=int, default=0, dest="packs",
                        help="also build a batch of this many packs under the load")
    parser.add_argument("--data", type=Path, help="keep the databases here and use them again")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hall-visit-") as scratch:
        folder = args.data or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        figures = [run(people, args.visits, args.rounds, args.packs, folder) for people in args.sizes]
    if len(figures) > 1:
        print(f"{args.sizes[-1]:,} people against {args.sizes[0]:,}: whole visits "
              f"{figures[0]['rate'] / figures[-1]['rate']:.2f} times slower, page p95 "
              f"{figures[-1]['p95'] / figures[0]['p95']:.2f} times as long")


if __name__ == "__main__":
    sys.exit(main())
