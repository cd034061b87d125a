"""`kiosk worker`: the huey consumer that builds print batches, outside the web process."""
from __future__ import annotations

import logging

import click
from flask import current_app
from flask.cli import with_appcontext

from .queue import queue_for


@click.command("worker")
@click.option("--workers", default=1, show_default=True,
              help="Batches built at once (each uses one core while it renders).")
@with_appcontext
def worker(workers: int) -> None:
    """Build print batches as staff start them; stop with Ctrl+C or SIGTERM."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("weasyprint").setLevel(logging.WARNING)  # not every step of every page
    consumer = queue_for(current_app).huey.create_consumer(workers=workers, periodic=False)
    consumer.run()
