"""What the staff side keeps: accounts, caseloads, sign-in sessions, the audit trail, plain
summaries, and reviews of what people are told.

Kept apart from the imported records so that no import can ever change or lose it.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, person_fk
from .records import Person


class StaffUser(Base):
    """A member of staff; national roles have no establishment, personal officers have a hall."""

    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(30))
    establishment_id: Mapped[int | None] = mapped_column(ForeignKey("establishments.id"), index=True)
    hall: Mapped[str | None] = mapped_column(String(40))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]


class Caseload(Base):
    """A person a member of staff works with directly (personal officer, social worker)."""

    __tablename__ = "caseloads"

    staff_user_id: Mapped[int] = mapped_column(
        ForeignKey("staff_users.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = person_fk(primary_key=True)
    __table_args__ = (Index("ix_caseloads_person_id", "person_id"),)


class StaffSession(Base):
    """A signed-in staff visit. Only a hash of the cookie's token is stored."""

    __tablename__ = "staff_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_user_id: Mapped[int] = mapped_column(
        ForeignKey("staff_users.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime]
    last_active_at: Mapped[datetime]


# What an audit event's `action` holds (written by kiosk/services/staff/audit.py alone).
VIEW, PRINT, CHANGE, PIN_RESET, EXPORT, IMPORT = (
    "view", "print", "change", "pin_reset", "export", "import")
SIGN_IN, SIGN_OUT, USER_CHANGE = "sign_in", "sign_out", "user_change"
REVIEW = "review"  # a reviewer confirmed an explanation's words in every language
ACTIONS = (VIEW, PRINT, CHANGE, PIN_RESET, EXPORT, IMPORT, SIGN_IN, SIGN_OUT, USER_CHANGE, REVIEW)
# What a person is told about: people looking at or printing their record.
SHOWN_TO_PERSON = (VIEW, PRINT)
PERSON_ROLE = "person"  # the role recorded when the person acts for themselves


class AuditEvent(Base):
    """Who (and in what role) did what, to whose record, and when; never changed or deleted."""

    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_person_id_at", "person_id", "at"),
        Index("ix_audit_events_staff_user_id_at", "staff_user_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    # No foreign keys: the trail outlives accounts and records it mentions.
    staff_user_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str | None] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(30))
    action: Mapped[str] = mapped_column(String(30), index=True)
    person_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text, default="")


class PlainSummary(Base):
    """Staff's plain-words summary of an official decision or plan, shown beside the official text."""

    __tablename__ = "plain_summaries"
    __table_args__ = (UniqueConstraint("person_id", "target_kind", "item_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = person_fk()
    target_kind: Mapped[str] = mapped_column(String(20))
    item_key: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)  # staff's own words, in English ("" for none)
    written_by: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    written_at: Mapped[datetime]

    phrases: Mapped[list[SummaryPhrase]] = relationship(
        order_by="SummaryPhrase.position", cascade="all, delete-orphan", lazy="selectin")


class SummaryPhrase(Base):
    """A phrase of the bank (content/<lang>/phrases.yml) staff chose for a plain summary.

    Its key and slot values are kept, never its words, so a fix to a phrase or a translation
    reaches every summary at once. A phrase may say one line staff wrote (a reason, a next step,
    a plan action): that line's words are kept with it, so if an import changes the line, the
    phrase no longer stands for it and the line is shown as written again.
    """

    __tablename__ = "summary_phrases"

    id: Mapped[int] = mapped_column(primary_key=True)
    summary_id: Mapped[int] = mapped_column(ForeignKey("plain_summaries.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    phrase_key: Mapped[str] = mapped_column(String(80))
    slots: Mapped[dict] = mapped_column(default=dict)
    line_field: Mapped[str | None] = mapped_column(String(20))  # reasons, next_steps, actions; None: added
    line_key: Mapped[str | None] = mapped_column(String(200))  # a plan action's item key
    line_text: Mapped[str | None] = mapped_column(Text)  # the line as staff wrote it, when chosen


class ExplanationReview(Base):
    """A reviewer confirmed one entry of content/ (kiosk.services.wording.review): its words in
    every language, each language's fingerprint kept as it was, so a later change to any of
    them shows, and says which. Rows are only added; the newest for a key is its state."""

    __tablename__ = "explanation_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_key: Mapped[str] = mapped_column(String(200), index=True)
    fingerprints: Mapped[dict]  # language tag -> SHA-256 of that language's words, in hex
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    reviewer_name: Mapped[str] = mapped_column(String(120))  # as it was when they confirmed
    reviewed_at: Mapped[datetime]


# Staff search matches the start of a name whatever its case; these make it an index range scan
# on SQLite and PostgreSQL alike (see kiosk.data.staff_queries.search_people).
Index("ix_people_lower_family_name", func.lower(Person.__table__.c.family_name))
Index("ix_people_lower_given_name", func.lower(Person.__table__.c.given_name))
Index("ix_people_lower_preferred_name", func.lower(Person.__table__.c.preferred_name))
