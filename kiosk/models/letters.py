"""Answering back: letters to a meeting or decision, drafts, help requests and feedback.

Kept apart from the imported records, which are rebuilt by every import: a letter points at
its meeting or decision by the record's own key and keeps a copy of the meeting date, so no
import can lose it or change what it was written for.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, person_fk


def _staff_fk() -> Mapped[int | None]:
    """Which staff member did something; the row stays if their account goes."""
    return mapped_column(Integer, ForeignKey("staff_users.id", ondelete="SET NULL"))


class Letter(Base):
    """A sent letter. Its status history is the four times: sent, received, shared, answered.

    `idempotency_key` comes from the draft it was sent from and is unique, so a double
    press, Back-and-resend or two kiosks at once can only ever make one letter.
    """

    __tablename__ = "letters"
    __table_args__ = (Index("ix_letters_forum_meeting_date", "forum", "meeting_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = person_fk()
    reference: Mapped[str] = mapped_column(String(12), unique=True)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    forum: Mapped[str] = mapped_column(String(30))
    meeting_key: Mapped[str | None] = mapped_column(String(40))
    decision_key: Mapped[str | None] = mapped_column(String(40))
    meeting_date: Mapped[date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    sent_at: Mapped[datetime] = mapped_column(index=True)
    received_at: Mapped[datetime | None]
    received_by: Mapped[int | None] = _staff_fk()
    shared_at: Mapped[datetime | None]
    shared_by: Mapped[int | None] = _staff_fk()
    answered_at: Mapped[datetime | None]
    answered_by: Mapped[int | None] = _staff_fk()
    reply: Mapped[str | None] = mapped_column(Text)

    @property
    def status(self) -> str:
        """The furthest step the letter has reached."""
        if self.answered_at:
            return "answered"
        if self.shared_at:
            return "shared"
        if self.received_at:
            return "received"
        return "sent"


class LetterDraft(Base):
    """What the person has written so far: one per person per thing they write to.

    Saved as they type, so it survives a time-out, Finish or a lost connection.
    """

    __tablename__ = "letter_drafts"
    __table_args__ = (UniqueConstraint("person_id", "target_kind", "target_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = person_fk()
    target_kind: Mapped[str] = mapped_column(String(20))
    target_key: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text, default="")
    send_key: Mapped[str] = mapped_column(String(64), unique=True)
    started_at: Mapped[datetime]
    saved_at: Mapped[datetime]


class HelpRequest(Base):
    """"Ask my personal officer to help me write this": open until staff mark it done."""

    __tablename__ = "letter_help_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = person_fk()
    target_kind: Mapped[str] = mapped_column(String(20))
    target_key: Mapped[str] = mapped_column(String(40))
    asked_at: Mapped[datetime]
    done_at: Mapped[datetime | None]
    done_by: Mapped[int | None] = _staff_fk()


class Feedback(Base):
    """"Was this page clear?", or words about the kiosk itself.

    Anonymous feedback keeps neither the person nor the record's own key, and only the day.
    """

    __tablename__ = "feedback"
    __table_args__ = (Index("ix_feedback_page_topic", "page", "topic"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("people.id", ondelete="SET NULL"), index=True)
    page: Mapped[str] = mapped_column(String(20))
    topic: Mapped[str | None] = mapped_column(String(40))
    item_key: Mapped[str | None] = mapped_column(String(40))
    understood: Mapped[str | None] = mapped_column(String(10))
    words: Mapped[str] = mapped_column(Text, default="")
    given_on: Mapped[date] = mapped_column(Date)
    given_at: Mapped[datetime | None]
