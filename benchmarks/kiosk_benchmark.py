"""Benchmark: the signed-in plan page under load (run by hand, not a test; needs Debian's wrk).

For a database of 1,000 and of 100,000 people it measures, with 50 concurrent clients:
requests per second and p95 latency of the real plan page, and of a bare Flask app that
returns the same HTML, both under the same gunicorn settings in the same run. Two more
figures put those in context: the plan page with the page memory switched off (every view
made afresh, as on a person's first look), and the app's own /health, which does no page
work at all: the most any page of this app could reach. The apps run side by side and are
measured in turns for a few rounds; each figure is the median, so a busy moment on the
machine cannot favour one of them.

    .venv/bin/python benchmarks/kiosk_benchmark.py [--sizes 1000 100000] [--seconds 10] [--rounds 3]
"""
from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, NamedTuple


ROOT = Path(__file__).resolve().parent.parent
PERSON_PAGE = "/me/plan"
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %f %f %d\\n", summary.requests / (summary.duration / 1e6),
                         latency:percentile(95) / 1000, summary.requests))
end
"""
BARE_APP = """
from flask import Flask
app = Flask(__name__)
HTML = open({path!r}, "rb").read()
@app.route("{page}")
def page():
    return HTML, 200, {{"Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store"}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def kiosk(*args: str, env: dict) -> str:
    return subprocess.run([str(ROOT / ".venv/bin/kiosk"), *args], env=env, check=True,
                          capture_output=True, text=True).stdout


def build_database(people: int, folder: Path) -> tuple[dict, str]:
    """A fresh SQLite database holding `people` made-up people, in files of at most 20,000."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/bench-{people}.sqlite3"}
    kiosk("db", "upgrade", env=env)
    codes = ["GRN", "BAR", "EDN", "GLE", "SHO", "PER"]
    remaining, index = people, 0
    while remaining > 0:
        batch = min(remaining, 20_000)
        kiosk("demo", "--people", str(batch), "--establishment", codes[index],
              "--output", str(folder / f"{codes[index]}.json"), env=env)
        remaining, index = remaining - batch, index + 1
    number = re.search(r'"prison_number":\s*"([A-Z0-9]+)"', (folder / "GRN.json").read_text()).group(1)
    subprocess.run([str(ROOT / ".venv/bin/kiosk"), "pin", "set", number], env=env, check=True,
                   input="1234\n", capture_output=True, text=True)
    return env, number


class Measure(NamedTuple):
    rate: float  # requests per second
    p95: float  # milliseconds
    cpu: float  # microseconds of worker CPU per request: steadier than rates on a busy machine


class Server(NamedTuple):
    url: str
    pid: int


def workers_cpu_seconds(pid: int) -> float:
    """CPU time (user and system) used so far by a gunicorn master's worker processes."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    ticks = 0
    for child in children:
        fields = Path(f"/proc/{child}/stat").read_text().rpartition(")")[2].split()
        ticks += int(fields[11]) + int(fields[12])  # utime and stime
    return ticks / os.sysconf("SC_CLK_TCK")


@contextmanager
def serving(app_spec: str, env: dict, cwd: Path) -> Iterator[Server]:
    """Run an app under gunicorn (4 sync workers) and yield its base URL and process id."""
    port = free_port()
    process = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "4",
         "--log-level", "warning", app_spec], env=env, cwd=cwd)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("the server did not start")
        yield Server(f"http://127.0.0.1:{port}", process.pid)
    finally:
        process.terminate()
        process.wait()


def signed_in_cookie(base: str, number: str) -> tuple[str, str]:
    """Sign in once and return the cookie header and the plan page's HTML."""
    import http.cookiejar
    import urllib.parse
    import urllib.request

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(base + "/sign-in").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    body = urllib.parse.urlencode({"csrf_token": token, "prison_number": number, "pin": "1234"})
    opener.open(base + "/sign-in", body.encode())
    html = opener.open(base + PERSON_PAGE).read().decode()
    return "; ".join(f"{c.name}={c.value}" for c in jar), html


def load(server: Server, cookie: str, seconds: int, script: Path,
         page: str = PERSON_PAGE) -> Measure:
    cpu_before = workers_cpu_seconds(server.pid)
    output = subprocess.run(
        ["wrk", "-t2", "-c50", f"-d{seconds}s", "-s", str(script), "-H", f"Cookie: {cookie}",
         server.url + page], check=True, capture_output=True, text=True).stdout
    cpu = workers_cpu_seconds(server.pid) - cpu_before
    rate, p95, requests = re.search(r"RESULT (\S+) (\S+) (\d+)", output).groups()
    return Measure(float(rate), float(p95), cpu / int(requests) * 1e6)


def run(people: int, seconds: int, rounds: int, folder: Path) -> dict:
    """Serve all three apps at once and take turns, so each figure is the median of rounds
    taken under the same conditions as the others (this machine's load comes and goes)."""
    env, number = build_database(people, folder)
    script = folder / "report.lua"
    script.write_text(WRK_SCRIPT)
    kiosk_env = {**env, "KIOSK_IDLE_SECONDS": "3600"}
    forgetful_env = {**kiosk_env, "KIOSK_PAGE_MEMORY_SIZE": "0"}
    with serving("kiosk:create_app()", kiosk_env, ROOT) as base, \
            serving("kiosk:create_app()", forgetful_env, ROOT) as forgetful:
        cookie, html = signed_in_cookie(base.url, number)
        forgetful_cookie = signed_in_cookie(forgetful.url, number)[0]
        (folder / "page.html").write_text(html)
        (folder / "bare.py").write_text(BARE_APP.format(path=str(folder / "page.html"),
                                                        page=PERSON_PAGE))
        with serving("bare:app", env, folder) as bare:
            turns = {"real": lambda: load(base, cookie, seconds, script),
                     "bare": lambda: load(bare, cookie, seconds, script),
                     "afresh": lambda: load(forgetful, forgetful_cookie, seconds, script),
                     "floor": lambda: load(base, cookie, seconds, script, page="/health")}
            taken = {name: [] for name in turns}
            for _ in range(rounds):
                for name, measure in turns.items():
                    taken[name].append(measure())
    return {"people": people, **{name: _median(runs) for name, runs in taken.items()}}


def _median(runs: list[Measure]) -> Measure:
    """Each figure's median over several runs."""
    return Measure(*(statistics.median(figures) for figures in zip(*runs)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for people in args.sizes:
            results.append(run(people, args.seconds, args.rounds, Path(folder)))
            for name in Path(folder).glob("*.json"):
                name.unlink()
    for r in results:
        bare = r["bare"]
        print(f"{r['people']:,} people (medians of the rounds; ratios against bare Flask):")
        for label, name in (("plan page", "real"), ("plan page, memory off", "afresh"),
                            ("bare Flask, same HTML", "bare"), ("the app's /health", "floor")):
            m = r[name]
            print(f"  {label:<22} {m.rate:7.0f} req/s (ratio {m.rate / bare.rate:.2f}), "
                  f"p95 {m.p95:6.1f} ms, worker CPU {m.cpu:5.0f} µs/request "
                  f"(ratio {bare.cpu / m.cpu:.2f})")
    if len(results) > 1:
        print(f"largest / smallest p95: {results[-1]['real'].p95 / results[0]['real'].p95:.2f}; "
              f"req/s: {results[0]['real'].rate / results[-1]['real'].rate:.2f} times slower")


if __name__ == "__main__":
    sys.exit(main())
