"""An app under gunicorn for a benchmark: started on a free port, stopped afterwards."""
from __future__ import annotations

import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, NamedTuple

ROOT = Path(__file__).resolve().parent.parent


class Server(NamedTuple):
    host: str
    port: int

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(app_spec: str, env: dict, cwd: Path = ROOT, workers: int = 4) -> Iterator[Server]:
    """Run `app_spec` under gunicorn with sync workers until the block ends."""
    port = free_port()
    process = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--backlog", "2048", "--log-level", "warning", app_spec], env=env, cwd=cwd)
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("the server did not start")
        yield Server("127.0.0.1", port)
    finally:
        process.terminate()
        process.wait()
