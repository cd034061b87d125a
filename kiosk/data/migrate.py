"""Schema migrations through Alembic, driven from the app's own DATABASE_URL."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from .database import normalise_url

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(database_url: str) -> Config:
    """An Alembic config that needs no alembic.ini on disk."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", normalise_url(database_url).replace("%", "%%"))
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    """Bring the database up to the newest schema (or to `revision`)."""
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str) -> None:
    """Step the schema back, for testing that every migration can be undone."""
    command.downgrade(alembic_config(database_url), revision)

