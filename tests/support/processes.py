"""Real server processes for tests that need more than one: Redis, the app under gunicorn
(`kiosk serve`) and `kiosk worker`.

Each starts in its own process group with its output in a log file, and `running()` stops
the whole group (by its id) when the block ends, however it ends.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from support.postgres import free_port

KIOSK = Path(sys.executable).with_name("kiosk")
REDIS_MISSING = ("redis-server not found: install the Debian package `redis-server` "
                 "(scripts/install --test does)")
START_SECONDS = 90  # four app processes importing at once on a busy two-core machine


def redis_server() -> str | None:
    """Debian's redis-server, if installed."""
    return shutil.which("redis-server")


def log_tail(log: Path, size: int = 4000) -> str:
    """The end of a process's log, for a failure message."""
    return log.read_text("utf-8", errors="replace")[-size:] if log.exists() else "(no log)"


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM to the group, then SIGKILL to whatever is left in it (a renderer, a worker)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


@contextmanager
def running(command: list[str], env: dict, log: Path,
            pass_fds: tuple[int, ...] = ()) -> Iterator[subprocess.Popen]:
    """Run `command` until the block ends (started, not waited for: see `wait_until`)."""
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=env, cwd=log.parent, stdout=output,
                                   stderr=subprocess.STDOUT, start_new_session=True,
                                   pass_fds=pass_fds)
    try:
        yield process
    finally:
        _stop(process)


def wait_until(ready: Callable[[], bool], process: subprocess.Popen, log: Path) -> None:
    """Wait for a started process to be ready; fail with its log if it dies or takes too long."""
    deadline = time.monotonic() + START_SECONDS
    while not ready():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{process.args[0]} did not start (exit {process.poll()}):\n"
                               f"{log_tail(log)}")
        time.sleep(0.2)


def logged(log: Path, words: str) -> Callable[[], bool]:
    """True once the process has written `words` to its log."""
    return lambda: words in log_tail(log)


def answering(url: str) -> Callable[[], bool]:
    """True once the server answers a request at all (a worker is up, not just the socket)."""
    def ready() -> bool:
        try:
            urllib.request.urlopen(url, timeout=10).close()
        except urllib.error.HTTPError:
            pass
        except OSError:
            return False
        return True
    return ready


@contextmanager
def redis(folder: Path) -> Iterator[str]:
    """A throwaway Redis on 127.0.0.1 that keeps nothing on disk; yields its URL."""
    port = free_port()
    command = [redis_server(), "--port", str(port), "--bind", "127.0.0.1", "--save", "",
               "--appendonly", "no", "--dir", str(folder)]
    log = folder / "redis.log"
    with running(command, os.environ.copy(), log) as process:
        # Said once it listens on the port; if another program took it, Redis stops instead.
        wait_until(logged(log, "Ready to accept connections"), process, log)
        yield f"redis://127.0.0.1:{port}/0"


@dataclass(frozen=True)
class AppInstance:
    """A started `kiosk serve`: its base URL, and a way to wait until it answers."""

    base: str
    process: subprocess.Popen
    log: Path

    def wait(self) -> str:
        wait_until(answering(self.base + "/"), self.process, self.log)
        return self.base


@contextmanager
def app_instance(env: dict, log: Path, workers: int = 2) -> Iterator[AppInstance]:
    """`kiosk serve` (gunicorn), started; `.wait()` for it to answer.

    It serves a socket bound here first (`--bind fd://N`), so no other program on the machine
    can take its port between choosing it and gunicorn starting.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        port, fd = listener.getsockname()[1], listener.fileno()
        command = [str(KIOSK), "serve", "--bind", f"fd://{fd}", "--workers", str(workers)]
        with running(command, env, log, pass_fds=(fd,)) as process:
            listener.close()  # gunicorn holds it now
            yield AppInstance(f"http://127.0.0.1:{port}", process, log)


def kiosk(*args: str, env: dict) -> str:
    """Run a `kiosk` command to the end; its output, or a failure with it."""
    result = subprocess.run([str(KIOSK), *args], env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"kiosk {' '.join(args)}:\n{result.stdout}{result.stderr}"
    return result.stdout
