"""Named queries for the kiosk's own side: the visit behind a token, and finding people by
the prison number typed (sign-in) or by establishment (demo PINs)."""
from __future__ import annotations

from sqlalchemy import Row, bindparam, select
from sqlalchemy.orm import Session

from kiosk.models import Establishment, KioskAccount, KioskSession, Person, Plan

# Runs on every kiosk page: the visit's last activity, then the columns of `sign_in.Visit`
# in their order.
_VISIT = (select(KioskSession.last_active_at, Person.id, Person.communication_needs, Person.preferred_language, KioskAccount.language,
                 KioskAccount.easy_read, KioskAccount.text_size, KioskAccount.high_contrast,
                 KioskAccount.read_aloud, KioskAccount.read_aloud_speed,
                 KioskAccount.previous_visit_at, KioskAccount.pin_reset_at)
          .join(Person, Person.id == KioskSession.person_id)
          .join(KioskAccount, KioskAccount.person_id == KioskSession.person_id)
          .where(KioskSession.token_hash == bindparam("visit_token")))


def visit_row(session: Session, token_hash: str) -> Row | None:
    """The visit with this token hash as one plain row (no ORM object), or None."""
    return session.execute(_VISIT, {"visit_token": token_hash}).first()


def person_in_custody(session: Session, prison_number: str) -> Person | None:
    """The person in custody with this (normalised) prison number, if any."""
    query = select(Person).where(Person.prison_number == prison_number, Person.present.is_(True))
    return session.scalars(query).first()


def people_at(session: Session, establishment_code: str) -> list[Person]:
    """Everyone recorded at an establishment, by prison number."""
    query = (select(Person).join(Person.establishment)
             .where(Establishment.code == establishment_code).order_by(Person.prison_number))
    return list(session.scalars(query))


def people_with_a_plan(session: Session) -> set[int]:
    """The ids of the people whose record holds an agreed plan."""
    return set(session.scalars(select(Plan.person_id)))
