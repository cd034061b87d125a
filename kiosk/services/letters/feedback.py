"""Feedback: "Was this page clear?" on decisions and meetings, and words about the kiosk.

Anonymous feedback keeps neither the person nor anything that points back to them (the
record's own key), and only the day it was given. This is not a complaints system: the pages
signpost the prison's complaint forms and the Ombudsman.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from kiosk.data import queries
from kiosk.limits import limit, too_long
from kiosk.models import Feedback

ANSWERS = ("yes", "partly", "no")
DECISION, MEETING, KIOSK = "decision", "meeting", "kiosk"
PAGES = (DECISION, MEETING, KIOSK)


def topic_of(session: Session, person_id: int, page: str, key: str | None) -> str | None | bool:
    """The decision subject or meeting kind the feedback is about; False if not theirs."""
    if page == DECISION:
        decision = queries.decision_for(session, person_id, key or "")
        return decision.subject if decision is not None else False
    if page == MEETING:
        meeting = queries.meeting_for(session, person_id, key or "")
        return meeting.kind if meeting is not None else False
    return None


def give(session: Session, person_id: int, *, page: str, key: str | None, topic: str | None,
         understood: str | None, words: str, anonymous: bool, now: datetime, today: date) -> Feedback:
    """Store one piece of feedback and commit; anonymous keeps only the topic and the day.

    :raise ValueError: words over their limit (the form says so before it gets here).
    """
    if too_long("feedback_words", words):
        raise ValueError(f"feedback holds at most {limit('feedback_words')} characters")
    feedback = Feedback(
        person_id=None if anonymous else person_id, page=page, topic=topic,
        item_key=None if anonymous or page == KIOSK else key,
        understood=understood if understood in ANSWERS else None,
        words=(words or "").replace("\r\n", "\n").strip(),
        given_on=today, given_at=None if anonymous else now)
    session.add(feedback)
    session.commit()
    return feedback
