"""Printed copies: people's requests, batches built in the background, and the print log.

Kept apart from the imported records, so an import never loses a request or a log line.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, person_fk


class PrintRequest(Base):
    """A person asked at the kiosk for a printed copy; staff print it and say when."""

    __tablename__ = "print_requests"
    __table_args__ = (Index("ix_print_requests_status_requested_at", "status", "requested_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = person_fk()
    requested_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(20), default="waiting")  # waiting, printed
    printed_at: Mapped[datetime | None]
    printed_by: Mapped[int | None] = mapped_column(
        ForeignKey("staff_users.id", ondelete="SET NULL"))


class PrintBatch(Base):
    """Packs for a hall, a landing or a caseload, built as one PDF by the worker."""

    __tablename__ = "print_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime]
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("staff_users.id", ondelete="SET NULL"), index=True)
    scope: Mapped[str] = mapped_column(String(20))  # hall, landing, caseload
    scope_label: Mapped[str] = mapped_column(String(200))
    variant: Mapped[str] = mapped_column(String(20))
    person_ids: Mapped[list] = mapped_column(default=list)
    # queued, running, done, cancelled, failed
    status: Mapped[str] = mapped_column(String(20), default="queued")
    done: Mapped[int] = mapped_column(Integer, default=0)
    file_name: Mapped[str | None] = mapped_column(String(200))
    finished_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(Text)

    @property
    def total(self) -> int:
        """How many packs the batch holds."""
        return len(self.person_ids or [])


class PrintLogEntry(Base):
    """Who printed what for whom, and when: one line per person per print."""

    __tablename__ = "print_log"
    __table_args__ = (Index("ix_print_log_person_id_printed_at", "person_id", "printed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    printed_at: Mapped[datetime] = mapped_column(index=True)
    # No foreign keys, like the audit trail: the log outlives accounts and records.
    staff_user_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str | None] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(30))
    person_id: Mapped[int] = mapped_column(Integer)
    prison_number: Mapped[str] = mapped_column(String(12))
    what: Mapped[str] = mapped_column(String(40))
    variant: Mapped[str] = mapped_column(String(20))
    batch_id: Mapped[int | None] = mapped_column(Integer)
