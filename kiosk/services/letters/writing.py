"""Letters a person writes to a meeting, a decision or a team: never lost, sent exactly once.

The rules: a draft is saved on the server as the person types (one per person per thing they
write to); text over the length limit is kept, never cut; sending turns the draft into a
letter in one transaction, keyed by the draft's send key, which is unique among letters, so
however many times or places Send is pressed there is one letter. A letter for a meeting
that arrives after the papers deadline is late: still accepted, and flagged to staff.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.data import letter_queries, queries
from kiosk.limits import LETTER_CEILING, limit, too_long
from kiosk.models import Decision, HelpRequest, Letter, LetterDraft, Meeting

MEETING, DECISION, FORUM = "meeting", "decision", "forum"

# Who a letter goes to. The first six can be chosen from "Write a letter".
FORUM_NAMES = {
    "case_conference": _l("Your case meeting"),
    "rmt": _l("The Risk Management Team"),
    "parole_board": _l("The Parole Board for Scotland"),
    "supervision_review": _l("Your supervision level review"),
    "temporary_release": _l("Temporary release (going out of prison for a time)"),
    "other": _l("Something else"),
    "programme_board": _l("The course board"),
}
CHOOSABLE_FORUMS = ("case_conference", "rmt", "parole_board", "supervision_review",
                    "temporary_release", "other")
_MEETING_FORUM = {"icm_initial": "case_conference", "icm_annual": "case_conference",
                  "icm_progression": "case_conference", "icm_pre_release": "case_conference",
                  "rmt": "rmt", "pcmb": "programme_board", "parole_hearing": "parole_board",
                  "supervision_review": "supervision_review"}
_DECISION_FORUM = {"rmt": "rmt", "icm": "case_conference", "pcmb": "programme_board",
                   "parole_board": "parole_board", "supervision_review": "supervision_review"}
_TEMPORARY_RELEASE = {"fgtr", "special_escorted_leave", "unescorted_community_access",
                      "home_leave"}

# Reference letters and numbers that cannot be mistaken for one another when read aloud or
# copied by hand: no 0/O/Q, 1/I/L, 2/Z, 5/S, 6/G, 8/B, U/V.
REFERENCE_ALPHABET = "ACDEFHJKMNPRTWXY3479"
REFERENCE_LENGTH = 8


@dataclass(frozen=True)
class Rules:
    """Local settings: the length limit, the papers deadline and when to expect an answer."""

    max_chars: int = 3000
    deadline_days: int = 7
    answer_days: int = 14

    @classmethod
    def from_config(cls, config) -> "Rules":
        """The rules from the app's settings (LETTER_* in kiosk/config.py)."""
        return cls(max_chars=config["LETTER_MAX_CHARS"], deadline_days=config["LETTER_DEADLINE_DAYS"],
                   answer_days=config["LETTER_ANSWER_DAYS"])


@dataclass(frozen=True)
class Target:
    """What a letter is written to: a meeting, a decision, or a team chosen from the list."""

    kind: str
    key: str
    forum: str
    meeting: Meeting | None = None
    decision: Decision | None = None

    @property
    def meeting_date(self) -> date | None:
        return self.meeting.date if self.meeting is not None else None


def forum_name(forum: str) -> str:
    """Who the letter goes to, in plain words."""
    return str(FORUM_NAMES.get(forum, FORUM_NAMES["other"]))


def find_target(session: Session, person_id: int, kind: str, key: str) -> Target | None:
    """The person's own meeting or decision, or a team from the list; None for anything else."""
    if kind == MEETING:
        meeting = queries.meeting_for(session, person_id, key)
        if meeting is not None:
            return Target(MEETING, key, _MEETING_FORUM.get(meeting.kind, "other"), meeting=meeting)
    elif kind == DECISION:
        decision = queries.decision_for(session, person_id, key)
        if decision is not None:  # about the decision itself, so never late for a meeting
            return Target(DECISION, key, _decision_forum(decision), decision=decision)
    elif kind == FORUM and key in CHOOSABLE_FORUMS:
        return Target(FORUM, key, key)
    return None


def _decision_forum(decision: Decision) -> str:
    if decision.subject in _TEMPORARY_RELEASE and decision.forum not in _DECISION_FORUM:
        return "temporary_release"
    return _DECISION_FORUM.get(decision.forum, "other")


def written_to(letter: Letter, target: Target) -> bool:
    """Whether a sent letter was written to this meeting, decision or team."""
    if target.kind == MEETING:
        return letter.meeting_key == target.key and letter.decision_key is None
    if target.kind == DECISION:
        return letter.decision_key == target.key
    return letter.forum == target.key and letter.meeting_key is None and letter.decision_key is None


# Length --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Length:
    """How long the text is against the limit; nothing is ever cut."""

    count: int
    limit: int

    @property
    def left(self) -> int:
        return max(self.limit - self.count, 0)

    @property
    def over(self) -> int:
        return max(self.count - self.limit, 0)


def length_of(text: str, rules: Rules) -> Length:
    """Characters typed, counted as the person sees them (line ends count once)."""
    return Length(len(normalise(text)), rules.max_chars)


def normalise(text: str | None) -> str:
    """Browsers send line ends as CRLF; store them as they were typed."""
    return (text or "").replace("\r\n", "\n")


def too_long_to_keep(text: str | None) -> bool:
    """Past the ceiling (kiosk.limits.LETTER_CEILING) a draft is not kept at all; below it,
    text over the length limit is kept, but not sent until it is shorter."""
    return len(normalise(text)) > LETTER_CEILING


# Drafts --------------------------------------------------------------------------------------

def new_send_key() -> str:
    """A key no one can guess, tying a Send button to one draft."""
    return secrets.token_urlsafe(32)


def save_draft(session: Session, person_id: int, target: Target, text: str, now: datetime) -> LetterDraft:
    """Keep what the person has written, committed before anything says it is saved.

    Two kiosks saving the first words at once both end up writing to the one draft.

    :raise ValueError: past the ceiling (the page says so before it gets here).
    """
    if too_long_to_keep(text):
        raise ValueError("a letter past the ceiling is not kept")
    for _attempt in range(3):
        draft = letter_queries.draft_for(session, person_id, target.kind, target.key)
        if draft is None:
            draft = LetterDraft(person_id=person_id, target_kind=target.kind, target_key=target.key,
                                send_key=new_send_key(), started_at=now)
            session.add(draft)
        draft.text = normalise(text)
        draft.saved_at = now
        try:
            session.commit()
            return draft
        except IntegrityError:
            session.rollback()
    raise RuntimeError("could not save the draft")


def ask_for_help(session: Session, person_id: int, target: Target, now: datetime) -> HelpRequest:
    """Ask the personal officer to help write this letter (once, until staff deal with it)."""
    request = letter_queries.open_help_request(session, person_id, target.kind, target.key)
    if request is None:
        request = HelpRequest(person_id=person_id, target_kind=target.kind, target_key=target.key,
                              asked_at=now)
        session.add(request)
    session.commit()
    return request


# Sending -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Sent:
    """What pressing Send did: the letter (new or already sent), or why nothing was sent."""

    letter: Letter | None
    created: bool = False
    problem: str | None = None  # "empty", "too_long" or "gone" (no draft and no letter)


def is_late(meeting_date: date | None, sent_on: date, rules: Rules) -> bool:
    """After the papers deadline for the meeting (or the meeting has been)."""
    return meeting_date is not None and sent_on > meeting_date - timedelta(days=rules.deadline_days)


def lateness(meeting_date: date | None, today: date, rules: Rules) -> str | None:
    """What to tell the person writing today: None, "late" (after the papers deadline) or
    "after" (the meeting has already been). Either way the letter is accepted."""
    if not is_late(meeting_date, today, rules):
        return None
    return "after" if meeting_date < today else "late"


def answer_due(sent_on: date, rules: Rules) -> date:
    """When the person can expect an answer."""
    return sent_on + timedelta(days=rules.answer_days)


def new_reference() -> str:
    """A short reference that is easy to read out and copy, e.g. 'KM7C-RT3X'."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"{chars[:4]}-{chars[4:]}"


def send(session: Session, person_id: int, send_key: str, now: datetime, today: date,
         rules: Rules) -> Sent:
    """Turn the draft behind `send_key` into a letter, exactly once, and commit.

    A second send with the same key, at the same moment or later, finds the first letter.
    """
    for _attempt in range(5):
        try:
            result = _send_attempt(session, person_id, send_key, now, today, rules)
            session.commit()
            return result
        except IntegrityError:  # the same key sent elsewhere, or (rarely) a reference clash
            session.rollback()
    raise RuntimeError("could not send the letter")


def _send_attempt(session: Session, person_id: int, send_key: str, now: datetime, today: date,
                  rules: Rules) -> Sent:
    letter = letter_queries.letter_by_key(session, person_id, send_key)
    if letter is not None:
        return Sent(letter)
    draft = letter_queries.draft_by_send_key(session, person_id, send_key)
    if draft is None:  # sent by another press that finished while this one waited
        letter = letter_queries.letter_by_key(session, person_id, send_key)
        return Sent(letter) if letter is not None else Sent(None, problem="gone")
    if not draft.text.strip():
        return Sent(None, problem="empty")
    if length_of(draft.text, rules).over:
        return Sent(None, problem="too_long")
    target = find_target(session, person_id, draft.target_kind, draft.target_key)
    letter = _letter_from(draft, target, send_key, now, today, rules)
    session.add(letter)
    session.flush()  # the unique key is claimed before the draft is touched
    session.delete(draft)
    session.flush()
    return Sent(letter, created=True)


def _letter_from(draft: LetterDraft, target: Target | None, send_key: str, now: datetime,
                 today: date, rules: Rules) -> Letter:
    """The letter as sent. A meeting or decision removed by a later import still gets it."""
    meeting_date = target.meeting_date if target else None
    return Letter(
        person_id=draft.person_id, reference=new_reference(), idempotency_key=send_key,
        forum=target.forum if target else "other",
        meeting_key=target.meeting.item_key if target and target.meeting else None,
        decision_key=target.decision.item_key if target and target.decision else None,
        meeting_date=meeting_date, text=draft.text, late=is_late(meeting_date, today, rules),
        sent_at=now)


# Staff actions -------------------------------------------------------------------------------

def acknowledge(letter: Letter, staff_id: int, now: datetime) -> None:
    """Staff have the letter: the person sees it was received."""
    if letter.received_at is None:
        letter.received_at, letter.received_by = now, staff_id


def mark_shared(letter: Letter, staff_id: int, now: datetime) -> None:
    """Passed to the meeting; sharing implies it was received."""
    acknowledge(letter, staff_id, now)
    if letter.shared_at is None:
        letter.shared_at, letter.shared_by = now, staff_id


def reply(letter: Letter, staff_id: int, text: str, now: datetime) -> None:
    """The answer the person reads on the kiosk; a second reply replaces the first.

    :raise ValueError: over the reply's limit (the form says so before it gets here).
    """
    if too_long("reply", normalise(text).strip()):
        raise ValueError(f"a reply holds at most {limit('reply')} characters")
    acknowledge(letter, staff_id, now)
    letter.reply = normalise(text).strip()
    letter.answered_at, letter.answered_by = now, staff_id
