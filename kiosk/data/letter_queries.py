"""Named queries for letters, drafts, help requests and feedback.

Person-facing reads take the person's id and never return another person's row; staff reads
take a WHERE clause from `staff_access.person_scope`, so the scope rule lives in one place.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from kiosk.models import Feedback, HelpRequest, Letter, LetterDraft, Person


# The person's own -------------------------------------------------------------------------

def letters_of(session: Session, person_id: int) -> list[Letter]:
    """The person's letters, newest first."""
    query = select(Letter).where(Letter.person_id == person_id).order_by(Letter.sent_at.desc())
    return list(session.scalars(query))


def letter_of(session: Session, person_id: int, reference: str) -> Letter | None:
    """One of the person's letters by its reference; None if it is not theirs."""
    query = select(Letter).where(Letter.person_id == person_id, Letter.reference == reference)
    return session.scalars(query).one_or_none()


def letter_by_key(session: Session, person_id: int, send_key: str) -> Letter | None:
    """The letter already sent with this key, if any."""
    query = select(Letter).where(Letter.person_id == person_id, Letter.idempotency_key == send_key)
    return session.scalars(query).one_or_none()


def drafts_of(session: Session, person_id: int) -> list[LetterDraft]:
    """Letters started and not yet sent (with some words in them), newest first."""
    query = (select(LetterDraft).where(LetterDraft.person_id == person_id, LetterDraft.text != "")
             .order_by(LetterDraft.saved_at.desc()))
    return list(session.scalars(query))


def draft_for(session: Session, person_id: int, kind: str, key: str) -> LetterDraft | None:
    """The draft to one meeting, decision or team."""
    query = select(LetterDraft).where(LetterDraft.person_id == person_id,
                                      LetterDraft.target_kind == kind, LetterDraft.target_key == key)
    return session.scalars(query).one_or_none()


def draft_by_send_key(session: Session, person_id: int, send_key: str) -> LetterDraft | None:
    """The draft behind a Send button, locked so two sends of it take turns (PostgreSQL)."""
    query = (select(LetterDraft).where(LetterDraft.person_id == person_id,
                                       LetterDraft.send_key == send_key).with_for_update())
    return session.scalars(query).one_or_none()


def open_help_request(session: Session, person_id: int, kind: str, key: str) -> HelpRequest | None:
    """A help request for this letter that staff have not dealt with yet."""
    query = select(HelpRequest).where(HelpRequest.person_id == person_id,
                                      HelpRequest.target_kind == kind, HelpRequest.target_key == key,
                                      HelpRequest.done_at.is_(None))
    return session.scalars(query).first()


def letter_for_staff(session: Session, scope: ColumnElement[bool], letter_id: int) -> Letter | None:
    """One letter, if its writer is within the staff member's scope."""
    query = (select(Letter).join(Person, Person.id == Letter.person_id)
             .where(Letter.id == letter_id, scope))
    return session.scalars(query).one_or_none()


# The staff inbox ------------------------------------------------------------------------------

NEW, OVERDUE, LATE = "new", "overdue", "late"


def inbox(session: Session, scope: ColumnElement[bool], *, show: str | None, forum: str | None,
          sent_before: datetime, limit: int = 500) -> list[tuple[Letter, Person]]:
    """Letters in the staff member's scope, by forum and then meeting date (undated last)."""
    query: Select = (select(Letter, Person).join(Person, Person.id == Letter.person_id)
                     .where(scope)
                     .order_by(Letter.forum, Letter.meeting_date.is_(None), Letter.meeting_date,
                               Letter.sent_at)
                     .limit(limit))
    if forum:
        query = query.where(Letter.forum == forum)
    if show == NEW:
        query = query.where(Letter.received_at.is_(None))
    elif show == OVERDUE:
        query = query.where(Letter.answered_at.is_(None), Letter.sent_at < sent_before)
    elif show == LATE:
        query = query.where(Letter.late.is_(True))
    return [tuple(row) for row in session.execute(query)]


def open_help_requests(session: Session, scope: ColumnElement[bool]) -> list[tuple[HelpRequest, Person]]:
    """People in scope waiting for help to write a letter, oldest first."""
    query = (select(HelpRequest, Person).join(Person, Person.id == HelpRequest.person_id)
             .where(scope, HelpRequest.done_at.is_(None)).order_by(HelpRequest.asked_at))
    return [tuple(row) for row in session.execute(query)]


def help_request_for_staff(session: Session, scope: ColumnElement[bool], help_id: int) -> HelpRequest | None:
    """One help request, if its person is within the staff member's scope."""
    query = (select(HelpRequest).join(Person, Person.id == HelpRequest.person_id)
             .where(HelpRequest.id == help_id, scope))
    return session.scalars(query).one_or_none()


# Figures --------------------------------------------------------------------------------------

def letter_times(session: Session, establishment_id: int | None) -> list[tuple]:
    """(sent_at, received_at, answered_at) of every letter, for one establishment or all."""
    query = select(Letter.sent_at, Letter.received_at, Letter.answered_at)
    if establishment_id is not None:
        query = query.join(Person, Person.id == Letter.person_id).where(
            Person.establishment_id == establishment_id)
    return [tuple(row) for row in session.execute(query)]


def understanding_counts(session: Session, establishment_id: int | None) -> list[tuple[str, str | None, str, int]]:
    """(page, topic, understood, count) over feedback that answered "Was this page clear?".

    Anonymous feedback has no person, so it counts everywhere (it cannot be placed).
    """
    query = (select(Feedback.page, Feedback.topic, Feedback.understood, func.count())
             .where(Feedback.understood.is_not(None))
             .group_by(Feedback.page, Feedback.topic, Feedback.understood))
    if establishment_id is not None:
        here = select(Person.id).where(Person.establishment_id == establishment_id)
        query = query.where(or_(Feedback.person_id.is_(None), Feedback.person_id.in_(here)))
    return [tuple(row) for row in session.execute(query)]


def recent_words(session: Session, establishment_id: int | None, limit: int = 50) -> list[Feedback]:
    """The latest feedback with words in it, newest day first."""
    query = (select(Feedback).where(Feedback.words != "")
             .order_by(Feedback.given_on.desc(), Feedback.id.desc()).limit(limit))
    if establishment_id is not None:
        here = select(Person.id).where(Person.establishment_id == establishment_id)
        query = query.where(or_(Feedback.person_id.is_(None), Feedback.person_id.in_(here)))
    return list(session.scalars(query))

