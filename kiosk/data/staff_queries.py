"""Named queries for the staff side; every list of people takes `scope`, the user's
`person_scope(user)`, so no list reaches someone the user could not open one at a time.

Search matches the start of a prison number or of a name, whatever its case, as an index range
(`lower(name) >= 'smi' AND lower(name) < 'smi\\uffff'`), which SQLite and PostgreSQL both answer
from the indexes made in migration 0003, so it stays fast on 100,000 people.
"""
from __future__ import annotations

import re

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from kiosk.models import Caseload, Decision, Establishment, Person, Plan, StaffUser

SEARCH_LIMIT = 50
_HIGH = "\uffff"
_PRISON_NUMBER = re.compile(r"^[A-Za-z]{0,3}[0-9][0-9 ]*$|^[A-Za-z]{2}[0-9 ]*$")


def _starts_with(column, prefix: str) -> ColumnElement[bool]:
    """`column` begins with `prefix`, written as a range so a plain index serves it."""
    return and_(column >= prefix, column < prefix + _HIGH)


def _name_clause(word: str) -> ColumnElement[bool]:
    """One typed word matches the start of the family, given or preferred name."""
    return or_(_starts_with(func.lower(Person.family_name), word),
               _starts_with(func.lower(Person.given_name), word),
               _starts_with(func.lower(Person.preferred_name), word))


def looks_like_prison_number(typed: str) -> bool:
    """'GR104', 'gr 1048213' or '1048' are numbers; 'Smith' is a name."""
    return bool(_PRISON_NUMBER.match(typed.strip())) and any(c.isdigit() for c in typed)


def search_people(session: Session, scope: ColumnElement[bool], typed: str,
                  limit: int = SEARCH_LIMIT) -> list[Person]:
    """People in scope whose prison number or name starts with what was typed.

    One word: family-name matches first (read in the family-name index's order, so even a
    single letter stops after `limit` rows), then first and known-as names. Several words:
    every word must start one of the names.
    """
    typed = (typed or "").strip()
    if not typed:
        return []
    if looks_like_prison_number(typed):
        number = _starts_with(Person.prison_number, re.sub(r"\s+", "", typed).upper())
        return _people(session, select(Person).where(number, scope)
                       .order_by(Person.prison_number).limit(limit))
    words = [w for w in re.split(r"[\s,]+", typed.lower()) if w][:3]
    if len(words) > 1:
        return _people(session, select(Person).where(*(_name_clause(w) for w in words), scope)
                       .order_by(Person.family_name, Person.given_name, Person.id).limit(limit))
    return _by_one_word(session, words[0], scope, limit)


def _by_one_word(session: Session, word: str, scope, limit: int) -> list[Person]:
    """Family-name matches, then first-name and known-as matches, up to `limit` in all."""
    family = func.lower(Person.family_name)
    found = _people(session, select(Person).where(_starts_with(family, word), scope)
                    .order_by(family, func.lower(Person.given_name), Person.id).limit(limit))
    if len(found) < limit:
        other_names = or_(_starts_with(func.lower(Person.given_name), word),
                          _starts_with(func.lower(Person.preferred_name), word))
        found += _people(session, select(Person)
                         .where(other_names, ~_starts_with(family, word), scope)
                         .order_by(Person.family_name, Person.given_name, Person.id)
                         .limit(limit - len(found)))
    return found


def _people(session: Session, query) -> list[Person]:
    return list(session.scalars(query))


def caseload_people(session: Session, user: StaffUser) -> list[Person]:
    """The people on this user's caseload who are still in custody, by name."""
    query = (select(Person).join(Caseload, Caseload.person_id == Person.id)
             .where(Caseload.staff_user_id == user.id, Person.present.is_(True))
             .order_by(Person.family_name, Person.given_name))
    return list(session.scalars(query))


def hall_people(session: Session, user: StaffUser, limit: int = 500) -> list[Person]:
    """A personal officer's hall, by name (empty for anyone without a hall)."""
    if not user.hall or user.establishment_id is None:
        return []
    query = (select(Person).where(Person.establishment_id == user.establishment_id,
                                  Person.hall == user.hall, Person.present.is_(True))
             .order_by(Person.family_name, Person.given_name).limit(limit))
    return list(session.scalars(query))


def person_by_number(session: Session, prison_number: str,
                     establishment_id: int | None = None) -> Person | None:
    """The person with this prison number, whatever spacing or case was typed; with an
    establishment (the asking user's), only someone there, so the answer never says whether
    a number exists elsewhere."""
    number = re.sub(r"\s+", "", prison_number or "").upper()
    query = select(Person).where(Person.prison_number == number)
    if establishment_id is not None:
        query = query.where(Person.establishment_id == establishment_id)
    return session.scalars(query).first()


def staff_users(session: Session, scope: ColumnElement[bool]) -> list[StaffUser]:
    """The staff accounts an administrator manages (`staff_access.account_scope`), by username."""
    return list(session.scalars(select(StaffUser).where(scope).order_by(StaffUser.username)))


def user_by_name(session: Session, username: str) -> StaffUser | None:
    """The account with this (normalised) username, if any."""
    return session.scalars(select(StaffUser).where(StaffUser.username == username)).first()


def caseload_ids(session: Session, user_id: int) -> set[int]:
    """The ids of the people on one user's caseload."""
    return set(session.scalars(select(Caseload.person_id).where(Caseload.staff_user_id == user_id)))


def establishment_by_code(session: Session, code: str) -> Establishment | None:
    """The establishment with this code, if any of its records were imported."""
    return session.scalars(select(Establishment).where(Establishment.code == code)).first()


def establishments(session: Session, only: int | None = None) -> list[tuple[int, str]]:
    """Every establishment (or `only` that one), by name, as (id, name)."""
    query = select(Establishment.id, Establishment.name).order_by(Establishment.name)
    if only is not None:
        query = query.where(Establishment.id == only)
    return [tuple(row) for row in session.execute(query)]


def plan_of(session: Session, person_id: int) -> Plan | None:
    """The person's agreed plan, if the record holds one."""
    return session.get(Plan, person_id)


def decisions_of(session: Session, person_id: int) -> list[Decision]:
    """The decisions about the person, newest first."""
    query = (select(Decision).where(Decision.person_id == person_id)
             .order_by(Decision.decided_on.desc(), Decision.item_key))
    return list(session.scalars(query))
