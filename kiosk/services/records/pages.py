"""Small view models for a person's pages, built from named queries scoped to that person.

Nothing here reads the request: the session, the person's id, today's date and the time of
their previous visit are passed in, so every page can be built and tested the same way.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from kiosk.data import audit_queries, letter_queries, queries
from kiosk.models import (
    Decision, Meeting, Person, PlainSummary, Plan, Programme, RiskAssessment,
    Sentence, StaffContact, Supervision,
)
from kiosk.services.records.key_dates import change_flag
from kiosk.services.records.whats_new import WhatsNew, whats_new
from kiosk.services.staff import audit, summaries
from kiosk.services.wording.content import GlossaryTerm
from kiosk.services.wording.phrases import Line, licence_lines

# Decisions about temporary release and moves out of closed conditions: people should be told
# when an application is sent and kept informed (002 3515-3526), so these show its progress.
TEMPORARY_RELEASE = frozenset({
    "fgtr", "home_leave", "special_escorted_leave", "unescorted_community_access",
    "work_placement", "open_estate", "national_top_end", "ciu",
})
PROGRESS_STEPS = ("submitted", "considered", "decided")
_STEP_OF_OUTCOME = {"submitted": 0, "in_progress": 1}  # any other outcome is a decision

# The eight areas of the LS/CMI in the order the assessment lists them; only the past is fixed.
RISK_AREAS = ("criminal_history", "education_employment", "family_marital", "leisure_recreation",
              "companions", "alcohol_drug", "procriminal_attitude", "antisocial_pattern")
FIXED_AREAS = frozenset({"criminal_history"})
# How much help an area calls for, drawn as a bar: a strength needs none.
NEED = {"strength": 0, "very_low": 1, "low": 2, "medium": 3, "high": 4, "very_high": 5}
UPCOMING_MEETING = frozenset({"scheduled", "postponed"})


def is_coming(meeting: Meeting, today: date) -> bool:
    """A meeting still to come: from today on, and neither held nor cancelled."""
    return meeting.date >= today and meeting.status in UPCOMING_MEETING


@dataclass(frozen=True)
class Step:
    """One step of a progress line and whether it is done, the current one, or still to come."""

    name: str
    state: str  # done, current, to_come


@dataclass(frozen=True)
class ProgressLine:
    """Sent off, then being looked at, then decided."""

    steps: tuple[Step, ...]

    @property
    def current(self) -> Step:
        """The step the application has reached."""
        return next(step for step in self.steps if step.state == "current")


def progress_line(subject: str, outcome: str) -> ProgressLine | None:
    """The progress of a temporary-release application; None for other kinds of decision."""
    if subject not in TEMPORARY_RELEASE:
        return None
    reached = _STEP_OF_OUTCOME.get(outcome, len(PROGRESS_STEPS) - 1)
    return ProgressLine(tuple(
        Step(name, "done" if i < reached else "current" if i == reached else "to_come")
        for i, name in enumerate(PROGRESS_STEPS)))


@dataclass(frozen=True)
class Flagged:
    """A record row with whether it is new or changed since the last visit."""

    row: object
    change: str | None = None


@dataclass(frozen=True)
class HomePage:
    """A greeting, what is new, a tile for each page offered, and whether a letter waits."""

    known_as: str
    news: WhatsNew
    tiles: list
    unsent_letter: bool


def home_page(session: Session, person_id: int, since: datetime | None, tiles: list) -> HomePage:
    """The home page of the person, with the tiles the registry offers them."""
    person = session.get(Person, person_id)
    return HomePage(known_as=person.known_as, news=whats_new(session, person_id, since), tiles=tiles,
                    unsent_letter=bool(letter_queries.drafts_of(session, person_id)))


@dataclass(frozen=True)
class PlanPage:
    """The plan: what has been done (shown first) and what is still to do."""

    plan: Plan | None
    sentence: Sentence | None
    done: list[Flagged]
    to_do: list[Flagged]
    finished_programmes: list[Programme]
    meeting: Meeting | None
    plain: summaries.PlainWords = summaries.PlainWords()

    @property
    def empty(self) -> bool:
        """No plan and no actions on the record."""
        return self.plan is None and not self.done and not self.to_do


def plan_page(session: Session, person_id: int, since: datetime | None) -> PlanPage:
    """The plan with its actions split into done and to do, and finished courses."""
    plan = queries.plan_for(session, person_id)
    rows = queries.actions_for(session, person_id)
    actions = [Flagged(a, change_flag(a, since)) for a in rows]
    summary = plan and queries.plain_summary_for(session, person_id, summaries.PLAN, plan.item_key)
    meeting = None
    if plan is not None and plan.agreed_at_meeting:
        meeting = queries.meeting_for(session, person_id, plan.agreed_at_meeting)
    return PlanPage(
        plan=plan, sentence=queries.sentence_for(session, person_id),
        done=[a for a in actions if a.row.status == "done"],
        to_do=[a for a in actions if a.row.status != "done"],
        finished_programmes=[p for p in queries.programmes_for(session, person_id)
                             if p.status == "completed"],
        meeting=meeting, plain=summaries.plain_words(summary, summaries.action_lines(rows)))


@dataclass(frozen=True)
class MeetingsPage:
    """Meetings still to come (soonest first) and those gone by (latest first)."""

    coming: list[Flagged]
    past: list[Flagged]


def meetings_page(session: Session, person_id: int, today: date,
                  since: datetime | None) -> MeetingsPage:
    """The person's meetings, split into coming and past."""
    meetings = queries.meetings_for(session, person_id)
    coming = [m for m in meetings if is_coming(m, today)]
    past = [m for m in reversed(meetings) if m not in coming]
    return MeetingsPage(coming=[Flagged(m, change_flag(m, since)) for m in coming],
                        past=[Flagged(m, change_flag(m, since)) for m in past])


@dataclass(frozen=True)
class MeetingPage:
    """One meeting, the decisions made at it, and whether the plan was agreed there."""

    meeting: Meeting
    decisions: list[Decision]
    plan_agreed_here: bool
    is_coming: bool


def meeting_page(session: Session, person_id: int, item_key: str, today: date) -> MeetingPage | None:
    """One of the person's meetings; None when the key is not theirs."""
    meeting = queries.meeting_for(session, person_id, item_key)
    if meeting is None:
        return None
    plan = queries.plan_for(session, person_id)
    return MeetingPage(
        meeting=meeting, decisions=queries.decisions_at_meeting(session, person_id, item_key),
        plan_agreed_here=plan is not None and plan.agreed_at_meeting == item_key,
        is_coming=is_coming(meeting, today))


@dataclass(frozen=True)
class DecisionView:
    """A decision with its progress line (temporary release only), change flag, and its lines
    in plain words (each reason and next step with the phrase chosen for it, if any)."""

    decision: Decision
    progress: ProgressLine | None
    change: str | None = None
    meeting: Meeting | None = None
    plain: summaries.PlainWords = summaries.PlainWords()


def _plain(decision: Decision, written: dict[tuple[str, str], PlainSummary]) -> summaries.PlainWords:
    return summaries.plain_words(written.get((summaries.DECISION, decision.item_key)),
                                 summaries.decision_lines(decision))


def decisions_page(session: Session, person_id: int, since: datetime | None) -> list[DecisionView]:
    """Every decision about the person, newest first."""
    written = queries.plain_summaries_for(session, person_id)
    return [DecisionView(d, progress_line(d.subject, d.outcome), change_flag(d, since), plain=_plain(d, written))
            for d in queries.decisions_for(session, person_id)]


def decision_page(session: Session, person_id: int, item_key: str,
                  since: datetime | None) -> DecisionView | None:
    """One of the person's decisions with the meeting it was made at; None if not theirs."""
    decision = queries.decision_for(session, person_id, item_key)
    if decision is None:
        return None
    meeting = None
    if decision.meeting_key:
        meeting = queries.meeting_for(session, person_id, decision.meeting_key)
    summary = queries.plain_summary_for(session, person_id, summaries.DECISION, item_key)
    return DecisionView(decision, progress_line(decision.subject, decision.outcome),
                        change_flag(decision, since), meeting,
                        summaries.plain_words(summary, summaries.decision_lines(decision)))


@dataclass(frozen=True)
class AreaView:
    """One area of the assessment: its rating, how much help it calls for, if it can change."""

    area: str
    rating: str
    need: int
    can_change: bool


@dataclass(frozen=True)
class RiskPage:
    """Risk and supervision, strengths first, the level as one fact among others."""

    risk: RiskAssessment | None
    areas: list[AreaView]
    supervision: Supervision | None

    @property
    def strength_areas(self) -> list[AreaView]:
        """Areas the assessment rated as a strength."""
        return [a for a in self.areas if a.rating == "strength"]


def risk_page(session: Session, person_id: int) -> RiskPage:
    """The assessment's areas (strengths first, then in the assessment's order) and supervision."""
    order = {area: i for i, area in enumerate(RISK_AREAS)}
    areas = sorted(queries.risk_areas_for(session, person_id),
                   key=lambda a: (a.rating != "strength", order.get(a.area, len(order))))
    return RiskPage(
        risk=queries.risk_for(session, person_id),
        areas=[AreaView(a.area, a.rating, NEED[a.rating], a.area not in FIXED_AREAS) for a in areas],
        supervision=queries.supervision_for(session, person_id))


@dataclass(frozen=True)
class ProgrammesPage:
    """Courses, with finished ones first, and whether any waits or is run elsewhere."""

    programmes: list[Programme]

    @property
    def any_waiting(self) -> bool:
        """True when the person is on a waiting list."""
        return any(p.status == "waiting" for p in self.programmes)

    @property
    def any_elsewhere(self) -> bool:
        """True when a course has a place recorded (it may be another prison)."""
        return any(p.location for p in self.programmes)


def programmes_page(session: Session, person_id: int) -> ProgrammesPage:
    """The person's courses; finished ones lead, so progress is seen first."""
    programmes = queries.programmes_for(session, person_id)
    return ProgrammesPage(sorted(programmes, key=lambda p: p.status != "completed"))


@dataclass(frozen=True)
class LicencePage:
    """Licence conditions: the standard ones, then the extra ones set for this person, each
    with the phrase that says it in plain words when one matches (else shown as written)."""

    standard: list[Line]
    additional: list[Line]

    @property
    def empty(self) -> bool:
        """No conditions recorded."""
        return not self.standard and not self.additional

    @property
    def all_plain(self) -> bool:
        """Every condition is said in plain words (no rule reaches the person only in English)."""
        return all(line.plain for line in (*self.standard, *self.additional))


def licence_page(session: Session, person_id: int) -> LicencePage:
    """The licence conditions, split by kind, matched to phrases as the page is built."""
    conditions = queries.licence_for(session, person_id)
    return LicencePage(standard=licence_lines(c for c in conditions if c.kind == "standard"),
                       additional=licence_lines(c for c in conditions if c.kind != "standard"))


def people_page(session: Session, person_id: int) -> list[StaffContact]:
    """The workers who help the person."""
    return queries.staff_for(session, person_id)


# The staff roles in the person's words (staff see their own names for them).
LOOKED_BY = {
    "personal_officer": _l("A personal officer"),
    "case_coordinator": _l("A case coordinator"),
    "social_worker": _l("A social worker"),
    "rmt_administrator": _l("The office of the risk team"),
    "manager": _l("A manager"),
    "administrator": _l("A system manager"),
}
WHAT_THEY_DID = {audit.VIEW: _l("Looked at your record"), audit.PRINT: _l("Printed your papers")}


@dataclass(frozen=True)
class RecordView:
    """Staff looked at or printed the record: who (a role, never a name), what, and when."""

    who: str
    what: str
    on: date


def record_views_page(session: Session, person_id: int) -> list[RecordView]:
    """The person can see that staff use their record, and when."""
    return [RecordView(LOOKED_BY.get(view.role, _l("A member of staff")), WHAT_THEY_DID[view.action], view.on)
            for view in audit_queries.views_of_person(session, person_id)]


@dataclass(frozen=True)
class GlossaryPage:
    """Every term, or those matching a search, in alphabetical order."""

    query: str
    terms: list[GlossaryTerm] = field(default_factory=list)
    total: int = 0


def glossary_page(glossary: tuple[GlossaryTerm, ...], query: str | None) -> GlossaryPage:
    """Terms whose name, full name, spellings or meaning contain the words searched for."""
    query = " ".join((query or "").split())[:100]
    needle = query.casefold()
    terms = [t for t in glossary if not needle or needle in _searchable(t)]
    return GlossaryPage(query=query, terms=sorted(terms, key=lambda t: t.term.casefold()),
                        total=len(glossary))


def _searchable(term: GlossaryTerm) -> str:
    return " ".join((term.term, term.stands_for, *term.match, term.plain, term.easy)).casefold()
