"""Named queries for a person's own pages. Every one is scoped to one person's id.

Views and services never build a `select()` themselves: they call a function here (or in
another module of kiosk/data/), so no page can ever show a row that belongs to someone else.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.models import (
    Decision, KeyDate, LicenceCondition, Meeting, PlainSummary, Plan, PlanAction, Programme,
    RiskArea, RiskAssessment, Sentence, StaffContact, Supervision,
)


def sentence_for(session: Session, person_id: int) -> Sentence | None:
    """The sentence the person is serving."""
    return session.get(Sentence, person_id)


def plan_for(session: Session, person_id: int) -> Plan | None:
    """The agreed plan, if the record holds one."""
    return session.get(Plan, person_id)


def actions_for(session: Session, person_id: int) -> list[PlanAction]:
    """The plan's actions in the order staff wrote them."""
    query = select(PlanAction).where(PlanAction.person_id == person_id).order_by(PlanAction.position)
    return list(session.scalars(query))


def dates_for(session: Session, person_id: int) -> list[KeyDate]:
    """The dates the prison holds for the person, soonest first."""
    query = (select(KeyDate).where(KeyDate.person_id == person_id)
             .order_by(KeyDate.date, KeyDate.position))
    return list(session.scalars(query))


def meetings_for(session: Session, person_id: int) -> list[Meeting]:
    """The person's meetings, earliest first."""
    query = (select(Meeting).where(Meeting.person_id == person_id)
             .order_by(Meeting.date, Meeting.item_key))
    return list(session.scalars(query))


def meeting_for(session: Session, person_id: int, item_key: str) -> Meeting | None:
    """One meeting by its record id; None when it is not this person's."""
    query = select(Meeting).where(Meeting.person_id == person_id, Meeting.item_key == item_key)
    return session.scalars(query).one_or_none()


def decisions_for(session: Session, person_id: int) -> list[Decision]:
    """The decisions made about the person, newest first."""
    query = (select(Decision).where(Decision.person_id == person_id)
             .order_by(Decision.decided_on.desc(), Decision.item_key))
    return list(session.scalars(query))


def decision_for(session: Session, person_id: int, item_key: str) -> Decision | None:
    """One decision by its record id; None when it is not this person's."""
    query = select(Decision).where(Decision.person_id == person_id, Decision.item_key == item_key)
    return session.scalars(query).one_or_none()


def decisions_at_meeting(session: Session, person_id: int, meeting_key: str) -> list[Decision]:
    """The decisions recorded as made at one of the person's meetings."""
    query = (select(Decision)
             .where(Decision.person_id == person_id, Decision.meeting_key == meeting_key)
             .order_by(Decision.decided_on, Decision.item_key))
    return list(session.scalars(query))


def plain_summaries_for(session: Session, person_id: int) -> dict[tuple[str, str], PlainSummary]:
    """The plain summaries written for the person, by (kind, item key), with their phrases."""
    query = select(PlainSummary).where(PlainSummary.person_id == person_id)
    return {(s.target_kind, s.item_key): s for s in session.scalars(query)}


def plain_summary_for(session: Session, person_id: int, kind: str, item_key: str) -> PlainSummary | None:
    """The plain summary staff wrote beside one of the person's decisions or their plan."""
    query = select(PlainSummary).where(PlainSummary.person_id == person_id,
                                       PlainSummary.target_kind == kind, PlainSummary.item_key == item_key)
    return session.scalars(query).one_or_none()


def risk_for(session: Session, person_id: int) -> RiskAssessment | None:
    """The latest risk and need assessment, if there is one."""
    return session.get(RiskAssessment, person_id)


def risk_areas_for(session: Session, person_id: int) -> list[RiskArea]:
    """The areas the assessment looked at, in the order they were recorded."""
    query = select(RiskArea).where(RiskArea.person_id == person_id).order_by(RiskArea.id)
    return list(session.scalars(query))


def programmes_for(session: Session, person_id: int) -> list[Programme]:
    """The person's programmes (courses), in the order staff wrote them."""
    query = select(Programme).where(Programme.person_id == person_id).order_by(Programme.position)
    return list(session.scalars(query))


def licence_for(session: Session, person_id: int) -> list[LicenceCondition]:
    """The licence conditions, in the order they are written in the licence."""
    query = (select(LicenceCondition).where(LicenceCondition.person_id == person_id)
             .order_by(LicenceCondition.position))
    return list(session.scalars(query))


def staff_for(session: Session, person_id: int) -> list[StaffContact]:
    """The workers who help the person, in the order staff listed them."""
    query = select(StaffContact).where(StaffContact.person_id == person_id).order_by(StaffContact.position)
    return list(session.scalars(query))


def supervision_for(session: Session, person_id: int) -> Supervision | None:
    """The supervision level, if it is recorded."""
    return session.get(Supervision, person_id)


def changed_since(session: Session, person_id: int, model, since: datetime) -> list:
    """Rows of one tracked table that were first seen or changed after `since`."""
    # An import sets changed_at when it first sees a row too, so one test covers both.
    query = select(model).where(model.person_id == person_id, model.changed_at > since)
    return list(session.scalars(query))

