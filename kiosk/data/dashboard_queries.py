"""What a manager needs to act on: missing plans, plans not printed, risk not shared, by hall.

Every list is of people in custody within `scope`, the user's `person_scope` passed in.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from kiosk.models import (
    AuditEvent, Decision, Establishment, LicenceCondition, Person, PlainSummary, Plan, PlanAction,
    RiskAssessment, SummaryPhrase,
)
from kiosk.models.staff_side import PRINT

SIX_MONTHS = timedelta(days=183)
LIST_LIMIT = 100


@dataclass(frozen=True)
class Listed:
    """A list on the dashboard: the first rows and how many there are in all."""

    rows: list
    total: int


@dataclass(frozen=True)
class HallCount:
    """One hall: people in custody, and how many lack a plan or a shared risk assessment."""

    establishment: str
    hall: str
    people: int
    no_plan: int
    risk_not_shared: int


def _present(scope: ColumnElement[bool]):
    return (Person.present.is_(True), scope)


def _listed(session: Session, query) -> Listed:
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    return Listed(list(session.execute(query.limit(LIST_LIMIT))), total or 0)


def people_without_plan(session: Session, scope: ColumnElement[bool]) -> Listed:
    """People in custody whose record holds no agreed plan."""
    query = (select(Person).outerjoin(Plan, Plan.person_id == Person.id)
             .where(Plan.person_id.is_(None), *_present(scope))
             .order_by(Person.family_name, Person.given_name))
    return _listed(session, query)


def last_prints():
    """When each person's record was last printed (a subquery on the audit trail)."""
    return (select(AuditEvent.person_id, func.max(AuditEvent.at).label("last_printed"))
            .where(AuditEvent.action == PRINT).group_by(AuditEvent.person_id).subquery())


def plans_not_printed(session: Session, scope: ColumnElement[bool], now: datetime) -> Listed:
    """People with a plan never printed, or not printed in six months; never-printed first."""
    printed = last_prints()
    query = (select(Person, printed.c.last_printed).join(Plan, Plan.person_id == Person.id)
             .outerjoin(printed, printed.c.person_id == Person.id)
             .where((printed.c.last_printed.is_(None)) | (printed.c.last_printed < now - SIX_MONTHS),
                    *_present(scope))
             .order_by(printed.c.last_printed.is_not(None), printed.c.last_printed,
                       Person.family_name))
    return _listed(session, query)


def risk_not_shared(session: Session, scope: ColumnElement[bool]) -> Listed:
    """People whose risk assessment the record does not show as shared with them."""
    query = (select(Person, RiskAssessment.assessed_on)
             .join(RiskAssessment, RiskAssessment.person_id == Person.id)
             .where(RiskAssessment.shared_with_person_on.is_(None), *_present(scope))
             .order_by(RiskAssessment.assessed_on, Person.family_name))
    return _listed(session, query)


def counts_by_hall(session: Session, scope: ColumnElement[bool]) -> list[HallCount]:
    """People in custody per establishment and hall, with the gaps above counted."""
    no_plan = func.sum(case((Plan.person_id.is_(None), 1), else_=0))
    not_shared = func.sum(case((RiskAssessment.person_id.is_not(None)
                                & RiskAssessment.shared_with_person_on.is_(None), 1), else_=0))
    query = (select(Establishment.name, Person.hall, func.count(Person.id), no_plan, not_shared)
             .join(Establishment, Establishment.id == Person.establishment_id)
             .outerjoin(Plan, Plan.person_id == Person.id)
             .outerjoin(RiskAssessment, RiskAssessment.person_id == Person.id)
             .where(*_present(scope))
             .group_by(Establishment.name, Person.hall).order_by(Establishment.name, Person.hall))
    return [HallCount(name, hall or "", people, int(a or 0), int(b or 0))
            for name, hall, people, a, b in session.execute(query)]



# What still reaches people only in English (kiosk.services.staff.summaries.english_only) ------

def licence_texts(session: Session, scope: ColumnElement[bool]) -> list[tuple[str, int]]:
    """Each licence condition's words, and how many people in custody have it."""
    query = (select(LicenceCondition.text, func.count())
             .join(Person, Person.id == LicenceCondition.person_id)
             .where(*_present(scope)).group_by(LicenceCondition.text))
    return [(text, count) for text, count in session.execute(query)]


def decision_lines(session: Session, scope: ColumnElement[bool]) -> list[tuple[int, str, list, list]]:
    """Every decision's reasons and next steps: (person id, item key, reasons, next steps)."""
    query = (select(Decision.person_id, Decision.item_key, Decision.reasons, Decision.next_steps)
             .join(Person, Person.id == Decision.person_id).where(*_present(scope)))
    return [tuple(row) for row in session.execute(query)]


def action_lines(session: Session, scope: ColumnElement[bool]) -> list[tuple[int, str, str]]:
    """Every plan action: (person id, item key, its words)."""
    query = (select(PlanAction.person_id, PlanAction.item_key, PlanAction.text)
             .join(Person, Person.id == PlanAction.person_id).where(*_present(scope)))
    return [tuple(row) for row in session.execute(query)]


def phrased_lines(session: Session, scope: ColumnElement[bool]) -> list[tuple]:
    """Every line a summary chose a phrase for: (person id, summary's item key, field, line's
    item key, line's words, phrase key)."""
    query = (select(PlainSummary.person_id, PlainSummary.item_key, SummaryPhrase.line_field,
                    SummaryPhrase.line_key, SummaryPhrase.line_text, SummaryPhrase.phrase_key)
             .join(PlainSummary, PlainSummary.id == SummaryPhrase.summary_id)
             .join(Person, Person.id == PlainSummary.person_id)
             .where(SummaryPhrase.line_field.is_not(None), *_present(scope)))
    return [tuple(row) for row in session.execute(query)]
