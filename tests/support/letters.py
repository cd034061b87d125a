"""Sent letters for tests that need one to exist (the kiosk's own flow is tested elsewhere)."""
from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import select

from kiosk.extensions import db
from kiosk.models import Letter, Person
from kiosk.services.letters import writing as letters


def add_letter(app, prison_number: str, text: str = "My views.", *, forum: str = "rmt",
               meeting_date: date | None = None, late: bool = False, sent_at: datetime | None = None,
               **fields) -> int:
    """A sent letter straight into the database; returns its id."""
    with app.app_context():
        with db.transaction() as session:
            person = session.scalars(select(Person).where(Person.prison_number == prison_number)).one()
            letter = Letter(person_id=person.id, reference=letters.new_reference(),
                            idempotency_key=letters.new_send_key(), forum=forum,
                            meeting_date=meeting_date, text=text, late=late,
                            sent_at=sent_at or datetime.now(timezone.utc), **fields)
            session.add(letter)
            session.flush()
            return letter.id
