"""Benchmark: the signed-in plan page under load (run by hand, not a test; needs Debian's wrk).

For a database of 1,000 and of 100,000 people it measures, with 50 concurrent clients:
requests per second and p95 latency of the real plan page, and of a bare Flask app that
returns the same HTML, both under the same gunicorn settings in the same run.

    .venv/bin/python benchmarks/kiosk_benchmark.py [--sizes 1000 100000] [--seconds 10]
"""
from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
PERSON_PAGE = "/me/plan"
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %f %f\\n", summary.requests / (summary.duration / 1e6),
                         latency:percentile(95) / 1000))
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


def serve(app_spec: str, env: dict, cwd: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "4",
         "--log-level", "warning", app_spec], env=env, cwd=cwd)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, base
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start")


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


def load(base: str, cookie: str, seconds: int, script: Path) -> tuple[float, float]:
    output = subprocess.run(
        ["wrk", "-t2", "-c50", f"-d{seconds}s", "-s", str(script), "-H", f"Cookie: {cookie}",
         base + PERSON_PAGE], check=True, capture_output=True, text=True).stdout
    rate, p95 = re.search(r"RESULT (\S+) (\S+)", output).groups()
    return float(rate), float(p95)


def run(people: int, seconds: int, folder: Path) -> dict:
    env, number = build_database(people, folder)
    script = folder / "report.lua"
    script.write_text(WRK_SCRIPT)
    process, base = serve("kiosk:create_app()", {**env, "KIOSK_IDLE_SECONDS": "3600"}, ROOT)
    try:
        cookie, html = signed_in_cookie(base, number)
        real = load(base, cookie, seconds, script)
    finally:
        process.terminate()
        process.wait()
    (folder / "page.html").write_text(html)
    (folder / "bare.py").write_text(BARE_APP.format(path=str(folder / "page.html"), page=PERSON_PAGE))
    process, base = serve("bare:app", env, folder)
    try:
        bare = load(base, cookie, seconds, script)
    finally:
        process.terminate()
        process.wait()
    return {"people": people, "real": real, "bare": bare}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for people in args.sizes:
            results.append(run(people, args.seconds, Path(folder)))
            for name in Path(folder).glob("*.json"):
                name.unlink()
    for r in results:
        (rate, p95), (bare_rate, bare_p95) = r["real"], r["bare"]
        print(f"{r['people']:>7,} people: plan page {rate:7.0f} req/s, p95 {p95:5.1f} ms | "
              f"bare Flask {bare_rate:7.0f} req/s, p95 {bare_p95:5.1f} ms | "
              f"ratio {rate / bare_rate:.2f}")
    if len(results) > 1:
        print(f"largest / smallest p95: {results[-1]['real'][1] / results[0]['real'][1]:.2f}; "
              f"req/s: {results[0]['real'][0] / results[-1]['real'][0]:.2f} times slower")


if __name__ == "__main__":
    sys.exit(main())
