"""The background queue for print batches: huey, on SQLite by default or Redis when configured.

The web process only puts batches on the queue; `kiosk worker` runs the huey consumer that
builds them, so no web worker ever spends minutes on a PDF or starts a thread of its own.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from huey import Huey, RedisHuey, SqliteHuey
from huey.api import TaskWrapper

QUEUE_NAME = "kiosk-printing"


@dataclass(frozen=True)
class PrintQueue:
    """One app's huey and the task that builds a batch."""

    huey: Huey
    build_batch: TaskWrapper


def make_huey(config) -> Huey:
    """Redis when HUEY_REDIS_URL is set (several web servers, one worker); else a SQLite file."""
    if config.get("HUEY_REDIS_URL"):
        return RedisHuey(QUEUE_NAME, url=config["HUEY_REDIS_URL"])
    path = Path(config["HUEY_SQLITE_PATH"])
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(QUEUE_NAME, filename=str(path))


def queue_for(app: Flask) -> PrintQueue:
    """The app's print queue, made once from its configuration (`app` may be `current_app`)."""
    app = getattr(app, "_get_current_object", lambda: app)()  # the task outlives any context
    if "print_queue" not in app.extensions:
        from .batches import run_batch

        huey = make_huey(app.config)

        @huey.task(name="build_batch")
        def build_batch(batch_id: int) -> None:
            run_batch(app, batch_id)

        app.extensions["print_queue"] = PrintQueue(huey, build_batch)
    return app.extensions["print_queue"]
