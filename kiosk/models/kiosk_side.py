"""What the kiosk itself keeps about a person: PIN, display choices and sign-in sessions.

Wrong PINs are counted in kiosk.models.lockouts, with wrong staff passwords.

Kept apart from the imported records so that no import can ever change or lose it.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, person_fk


class KioskAccount(Base):
    """A person's kiosk settings. Display choices start from their communication needs."""

    __tablename__ = "kiosk_accounts"

    person_id: Mapped[int] = person_fk(primary_key=True)
    pin_hash: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[str | None] = mapped_column(String(10))
    easy_read: Mapped[bool | None] = mapped_column(Boolean)
    text_size: Mapped[int | None] = mapped_column(SmallInteger)
    high_contrast: Mapped[bool | None] = mapped_column(Boolean)
    read_aloud: Mapped[bool | None] = mapped_column(Boolean)
    read_aloud_speed: Mapped[str | None] = mapped_column(String(10))  # a key of voices.SPEEDS
    previous_visit_at: Mapped[datetime | None]
    this_visit_at: Mapped[datetime | None]
    # Set when staff reset the PIN: the person must choose their own at the next sign-in.
    pin_reset_at: Mapped[datetime | None]


class KioskSession(Base):
    """A signed-in visit. Only a hash of the cookie's token is stored; Finish deletes the row."""

    __tablename__ = "kiosk_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[int] = person_fk()
    started_at: Mapped[datetime]
    last_active_at: Mapped[datetime]
