"""What the prison's records say about each person, as imported from the export contract.

These tables are rebuilt from each snapshot; nothing a person or staff member writes lives
here (see `kiosk.models.kiosk_side` for that), so an import can never lose it.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Tracked, person_fk


class Establishment(Base):
    """A prison; each export file is a full snapshot of one."""

    __tablename__ = "establishments"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(5), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    last_exported_at: Mapped[datetime | None]


class ImportRun(Base):
    """One import of one file: kept so staff can see when records last arrived."""

    __tablename__ = "import_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    establishment_id: Mapped[int] = mapped_column(ForeignKey("establishments.id"), index=True)
    exported_at: Mapped[datetime]
    imported_at: Mapped[datetime]
    source: Mapped[str | None] = mapped_column(String(200))
    applied: Mapped[bool] = mapped_column(Boolean)
    added: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    left: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)


class Person(Base):
    """A person in custody, identified across snapshots by their prison number."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    prison_number: Mapped[str] = mapped_column(String(12), unique=True)
    establishment_id: Mapped[int] = mapped_column(ForeignKey("establishments.id"), index=True)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    preferred_name: Mapped[str | None] = mapped_column(String(100))
    date_of_birth: Mapped[date] = mapped_column(Date)
    preferred_language: Mapped[str | None] = mapped_column(String(40))
    communication_needs: Mapped[list] = mapped_column(default=list)
    hall: Mapped[str | None] = mapped_column(String(40), index=True)
    landing: Mapped[str | None] = mapped_column(String(40))
    cell: Mapped[str | None] = mapped_column(String(40))
    present: Mapped[bool] = mapped_column(Boolean, default=True)
    left_at: Mapped[datetime | None]
    record_hash: Mapped[str] = mapped_column(String(64))
    first_seen_at: Mapped[datetime]
    # When anything the person's pages show last changed: an import that changed their record,
    # or a plain summary staff wrote.
    updated_at: Mapped[datetime]

    establishment: Mapped[Establishment] = relationship(lazy="joined")

    @property
    def known_as(self) -> str:
        """The name the person asked to be called, else their given name."""
        return self.preferred_name or self.given_name


class Sentence(Base):
    """The sentence being served (one per person)."""

    __tablename__ = "sentences"

    person_id: Mapped[int] = person_fk(primary_key=True)
    type: Mapped[str] = mapped_column(String(40))
    start_date: Mapped[date] = mapped_column(Date)
    length_days: Mapped[int | None]
    punishment_part_days: Mapped[int | None]
    icm: Mapped[str] = mapped_column(String(20))


class StaffContact(Base):
    """A worker who helps the person, and how to reach them."""

    __tablename__ = "staff_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = person_fk()
    position: Mapped[int]
    role: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(100))
    how_to_contact: Mapped[str | None] = mapped_column(Text)


class Supervision(Tracked, Base):
    """The supervision level (High, Medium, Low): not the same thing as the risk assessment."""

    __tablename__ = "supervision"

    person_id: Mapped[int] = person_fk(primary_key=True)
    level: Mapped[str] = mapped_column(String(10))
    since: Mapped[date] = mapped_column(Date)
    next_review: Mapped[date | None] = mapped_column(Date)


class KeyDate(Tracked, Base):
    """A date the prison holds for the person; shown as recorded, never calculated."""

    __tablename__ = "key_dates"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = person_fk()
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(40))
    label: Mapped[str | None] = mapped_column(String(120))
    date: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    provisional: Mapped[bool] = mapped_column(Boolean, default=False)


class Plan(Tracked, Base):
    """The agreed plan (CIP, case management plan or risk management plan)."""

    __tablename__ = "plans"

    person_id: Mapped[int] = person_fk(primary_key=True)
    source: Mapped[str] = mapped_column(String(10))
    agreed_on: Mapped[date] = mapped_column(Date)
    agreed_at_meeting: Mapped[str | None] = mapped_column(String(40))
    summary: Mapped[str | None] = mapped_column(Text)


class PlanAction(Tracked, Base):
    """One action in the plan: what, who helps, by when, and progress."""

    __tablename__ = "plan_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = person_fk()
    position: Mapped[int]
    area: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(40))
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    updated_on: Mapped[date] = mapped_column(Date)
    progress_note: Mapped[str | None] = mapped_column(Text)


class Meeting(Tracked, Base):
    """A case conference, RMT, programme board, parole hearing or supervision review."""

    __tablename__ = "meetings"
    __table_args__ = (UniqueConstraint("person_id", "item_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = person_fk()
    kind: Mapped[str] = mapped_column(String(40))
    date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    person_invited: Mapped[bool | None] = mapped_column(Boolean)
    person_attended: Mapped[bool | None] = mapped_column(Boolean)
    outcomes: Mapped[list] = mapped_column(default=list)


class Decision(Tracked, Base):
    """A decision about the person, with reasons, conditions and next steps as recorded."""

    __tablename__ = "decisions"
    __table_args__ = (UniqueConstraint("person_id", "item_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = person_fk()
    forum: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(40))
    outcome: Mapped[str] = mapped_column(String(20))
    decided_on: Mapped[date] = mapped_column(Date)
    meeting_key: Mapped[str | None] = mapped_column(String(40))
    reasons: Mapped[list] = mapped_column(default=list)
    conditions: Mapped[list] = mapped_column(default=list)
    next_steps: Mapped[list] = mapped_column(default=list)
    review_on: Mapped[date | None] = mapped_column(Date)


class RiskAssessment(Tracked, Base):
    """The LS/CMI risk and need assessment: one fact among others, never a verdict."""

    __tablename__ = "risk_assessments"

    person_id: Mapped[int] = person_fk(primary_key=True)
    assessed_on: Mapped[date] = mapped_column(Date)
    level: Mapped[str] = mapped_column(String(20))
    strengths: Mapped[list] = mapped_column(default=list)
    protective_factors: Mapped[list] = mapped_column(default=list)
    serious_harm_assessment: Mapped[str | None] = mapped_column(String(20))
    plan_type: Mapped[str | None] = mapped_column(String(10))
    next_reassessment: Mapped[date | None] = mapped_column(Date)
    shared_with_person_on: Mapped[date | None] = mapped_column(Date)


class RiskArea(Base):
    """One of the eight areas the assessment looks at, rated from strength to very high need."""

    __tablename__ = "risk_areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = person_fk()
    area: Mapped[str] = mapped_column(String(40))
    rating: Mapped[str] = mapped_column(String(20))


class Programme(Base):
    """An offending behaviour programme and where the person is with it."""

    __tablename__ = "programmes"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = person_fk()
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(20))
    location: Mapped[str | None] = mapped_column(String(100))
    since: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)


class LicenceCondition(Tracked, Base):
    """A rule the person must keep after release on licence."""

    __tablename__ = "licence_conditions"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = person_fk()
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)


# The child tables an import rebuilds for a changed person, in the order it writes them.
PERSON_PARTS = (
    Sentence, StaffContact, Supervision, KeyDate, Plan, PlanAction,
    Meeting, Decision, RiskAssessment, RiskArea, Programme, LicenceCondition,
)
