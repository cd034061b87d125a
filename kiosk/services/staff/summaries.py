"""Plain summaries staff write beside an official decision or plan, shown to the person labelled.

The official text is never changed: the summary sits next to it, with who wrote it and when.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from kiosk.data import queries
from kiosk.limits import limit, too_long
from kiosk.models import Decision, Person, PlainSummary, Plan, StaffUser
from kiosk.services.staff import audit

DECISION, PLAN = "decision", "plan"
KINDS = (DECISION, PLAN)


def target_of(session: Session, person_id: int, kind: str, item_key: str) -> Decision | Plan | None:
    """The official decision or plan a summary belongs to; None if it is not this person's."""
    if kind == DECISION:
        return queries.decision_for(session, person_id, item_key)
    if kind == PLAN:
        plan = queries.plan_for(session, person_id)
        return plan if plan is not None and plan.item_key == item_key else None
    return None


def summary_of(session: Session, person_id: int, kind: str, item_key: str) -> PlainSummary | None:
    """The summary written for one decision or plan, if any."""
    return queries.plain_summary_for(session, person_id, kind, item_key)


def save(session: Session, user: StaffUser, person: Person, kind: str, item_key: str,
         text: str, now: datetime) -> PlainSummary:
    """Write or replace the summary and audit the change.

    :raise ValueError: over the summary's limit (the form says so before it gets here).
    """
    if too_long("summary", text.strip()):
        raise ValueError(f"a summary holds at most {limit('summary')} characters")
    summary = summary_of(session, person.id, kind, item_key)
    if summary is None:
        summary = PlainSummary(person_id=person.id, target_kind=kind, item_key=item_key)
        session.add(summary)
    summary.text, summary.written_by, summary.written_at = text.strip(), user.id, now
    person.updated_at = now  # the person's pages changed, so none is served from memory
    audit.record(session, user, audit.CHANGE, person, f"plain summary of {kind} {item_key}")
    session.flush()
    return summary
