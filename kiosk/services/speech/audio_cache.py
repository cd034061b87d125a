"""Audio of the app's own wording, kept on disk so the second person to hear a sentence does not
wait for it to be made.

Each file is named by the sentence's key (a hash of its voices and words) and the speed. Only
sentences that `shared.is_shared` says are ours are ever put here, but the folder is still
private to the service (0700, files 0600), and it is bounded: past `max_bytes`, the files used
least lately are removed.
"""
from __future__ import annotations

import os
import re
import tempfile
import threading
from pathlib import Path

_KEY = re.compile(r"^[0-9a-f]{32}$")
TRIM_EVERY = 50  # writes between checks of the folder's size
TRIM_TO = 0.8  # of max_bytes, so a full cache is not trimmed on every write


class AudioCache:
    """A bounded folder of audio files, safe for threads and for several app processes."""

    def __init__(self, folder: Path, max_bytes: int) -> None:
        self.folder = Path(folder)
        self.max_bytes = max_bytes
        self._writes = 0
        self._lock = threading.Lock()
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if self.folder.stat().st_mode & 0o077:
            self.folder.chmod(0o700)

    def path(self, key: str, speed: str, extension: str) -> Path | None:
        """Where a sentence's audio lives; None for a key that is not one of ours."""
        if not _KEY.match(key or "") or not speed.isalpha():
            return None
        return self.folder / f"{key}-{speed}.{extension}"

    def get(self, key: str, speed: str, extension: str) -> bytes | None:
        path = self.path(key, speed, extension)
        if path is None:
            return None
        try:
            audio = path.read_bytes()
            os.utime(path)  # used lately: trimmed last
        except FileNotFoundError:
            return None
        return audio

    def put(self, key: str, speed: str, extension: str, audio: bytes) -> None:
        """Keep audio under its key: written whole, then renamed, so no one reads half a file."""
        path = self.path(key, speed, extension)
        if path is None:
            return
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".new-")  # mode 0600
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(audio)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        with self._lock:
            self._writes += 1
            due = self._writes % TRIM_EVERY == 1
        if due:
            self.trim()

    def trim(self) -> None:
        """Remove the files used least lately until the folder is under its bound."""
        files = []
        for entry in os.scandir(self.folder):
            try:
                info = entry.stat()
            except FileNotFoundError:
                continue
            files.append((info.st_mtime, info.st_size, entry.path))
        total = sum(size for _, size, _ in files)
        if total <= self.max_bytes:
            return
        for _, size, path in sorted(files):
            Path(path).unlink(missing_ok=True)
            total -= size
            if total <= self.max_bytes * TRIM_TO:
                break

    def size(self) -> int:
        return sum(entry.stat().st_size for entry in os.scandir(self.folder))
