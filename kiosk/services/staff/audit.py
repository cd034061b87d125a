"""The audit trail: every staff view of a person, print, change, PIN reset, export and import,
and every review of what people are told.

The one module that writes it. Rows are only ever added; the person sees who looked at or
printed their record (role and date, never a name) and managers can search it (both read
through kiosk/data/audit_queries.py).
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy.orm import Session

from kiosk.models import AuditEvent, Person, StaffUser
from kiosk.models.staff_side import (  # noqa: F401  (the trail's words, used as audit.VIEW and so on)
    ACTIONS, CHANGE, EXPORT, IMPORT, PIN_RESET, PRINT, REVIEW, SIGN_IN, SIGN_OUT, USER_CHANGE, VIEW,
)


def record(session: Session, user: StaffUser, action: str, person: Person | None = None,
           detail: str = "", *, at: datetime | None = None) -> AuditEvent:
    """Add one row to the trail inside the caller's transaction (who, role, what, when)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    event = AuditEvent(at=at or datetime.now(timezone.utc), staff_user_id=user.id,
                       username=user.username, role=user.role, action=action,
                       person_id=person.id if person is not None else None,
                       detail=detail[:2000])
    session.add(event)
    return event
