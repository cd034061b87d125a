"""The declarative base shared by every table, and the columns many tables repeat."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# Named constraints let Alembic's batch mode rebuild SQLite tables reliably.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator):
    """A timezone-aware datetime stored as UTC, so SQLite and PostgreSQL compare alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware datetime")
        return value.astimezone(timezone.utc) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value


class Base(DeclarativeBase):
    """Every model derives from this; metadata carries the naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UtcDateTime, list: JSON, dict: JSON}


def person_fk(primary_key: bool = False) -> Mapped[int]:
    """A link to the person a row belongs to; rows go when the person's record is rebuilt."""
    return mapped_column(
        Integer,
        ForeignKey("people.id", ondelete="CASCADE"),
        primary_key=primary_key,
        index=not primary_key,
    )


class Tracked:
    """History kept across imports, so a person can be told what is new or changed.

    `item_key` identifies the item across snapshots (its contract id, or kind and label for a
    date); `content_hash` tells whether it changed.
    """

    item_key: Mapped[str] = mapped_column(String(200))
    content_hash: Mapped[str] = mapped_column(String(64))
    first_seen_at: Mapped[datetime]
    changed_at: Mapped[datetime]
