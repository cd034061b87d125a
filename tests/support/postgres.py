"""A throwaway PostgreSQL cluster for one test session, from Debian's server binaries.

Debian's `pg_ctl` refuses to run as root, so as root every server command runs as the
`postgres` OS user (through `su`); otherwise it runs as the current user. The cluster lives
in a temporary folder, listens on 127.0.0.1 on a free port, trades durability for speed,
and is stopped (`-m immediate`) and deleted at the end.
"""
from __future__ import annotations

import atexit
import glob
import os
import pwd
import re
import shlex
import shutil
import socket
import stat
import subprocess
import tempfile
from pathlib import Path

MISSING = (
    "PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin: "
    "install the Debian package `postgresql` (scripts/install --test does)"
)


def find_bin_dir() -> Path | None:
    """The bin folder of the newest PostgreSQL server installed by Debian, if any."""
    found = []
    for initdb in glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        version = Path(initdb).parent.parent.name
        key = tuple(int(part) for part in re.findall(r"\d+", version))
        found.append((key, Path(initdb).parent))
    return max(found)[1] if found else None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _traversable_by_others(path: Path) -> bool:
    """True when every folder from / down to `path` can be entered by another user."""
    for folder in [path, *path.parents]:
        if not folder.stat().st_mode & stat.S_IXOTH:
            return False
    return True


def _temp_parent() -> Path:
    """A temporary folder the `postgres` user can reach (pytest's own basetemp is 0700)."""
    for candidate in (tempfile.gettempdir(), "/tmp", "/var/tmp"):
        path = Path(candidate)
        if path.is_dir() and _traversable_by_others(path):
            return path
    raise RuntimeError("no temporary folder is traversable by the postgres user")


class PostgresCluster:
    """One server; `create_database` hands out databases on it."""

    def __init__(self, bin_dir: Path):
        self.bin_dir = bin_dir
        self.as_root = os.geteuid() == 0
        self.root: Path | None = None
        self.port: int | None = None
        self._running = False

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def _run(self, *args: str) -> None:
        """Run a server command, as `postgres` when we are root, failing loudly with its output."""
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_root:
            command = ["su", "postgres", "-s", "/bin/sh", "-c", shlex.join(command)]
        result = subprocess.run(command, capture_output=True, text=True, cwd=self.root)
        if result.returncode != 0:
            log = self.root / "server.log"
            raise RuntimeError(
                f"{shlex.join(command)} failed ({result.returncode}):\n"
                f"{result.stdout}{result.stderr}"
                + (f"\nserver log:\n{log.read_text()}" if log.exists() else "")
            )

    def start(self) -> "PostgresCluster":
        self.root = Path(tempfile.mkdtemp(prefix="kiosk-pg-", dir=_temp_parent()))
        atexit.register(self.stop)
        if self.as_root:
            postgres = pwd.getpwnam("postgres")
            os.chown(self.root, postgres.pw_uid, postgres.pw_gid)
        self._run("initdb", "-D", str(self.data_dir), "-U", "postgres", "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        for attempt in range(3):
            self.port = free_port()
            options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                       "-c fsync=off -c full_page_writes=off -c synchronous_commit=off")
            try:
                self._run("pg_ctl", "-D", str(self.data_dir), "-w", "-t", "60",
                          "-l", str(self.root / "server.log"), "-o", options, "start")
                break
            except RuntimeError:
                if attempt == 2:  # another process may have taken the port; try another
                    raise
        self._running = True
        return self

    def stop(self) -> None:
        """Stop at once (nothing here needs to survive) and delete every file. Idempotent."""
        if self._running:
            self._running = False
            try:
                self._run("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "stop")
            except RuntimeError:
                pass
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create (or re-create) an empty database and return its SQLAlchemy URL."""
        import psycopg
        from psycopg import sql

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres",
                             dbname="postgres", autocommit=True) as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)
