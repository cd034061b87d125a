"""Moving on: the steps for a person's kind of sentence, where their record puts them on them,
when they can first be looked at, and getting ready to get out; the pages built from them.

The rules are pure: they take record rows and today's date and return what to show, so each
can be tested alone (tests/test_moving_on_rules.py); the page builders at the end read the
record with a few named queries. Which steps each kind of sentence
and person has (PATH RULES below) comes from the progression review, 002, as it lays the path
out for adult men (002 124-126), with the women's and young people's parts from 002 128-143
and 001. The record has no sex field: a person is known to be a woman or a man only from the
prison they are in, as configured (ESTABLISHMENT_KINDS, kiosk/config.py). Where that is not
known, the page shows only what is true for everyone, and who to ask.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from kiosk.config import MEN, OPEN, WOMEN
from kiosk.data import queries
from kiosk.models import (
    Decision, KeyDate, Meeting, Person, PlanAction, Programme, Sentence, StaffContact, Supervision,
)
from kiosk.services.records.key_dates import add_months, progression_window
from kiosk.services.records.pages import (
    DecisionView, LicencePage, is_coming, licence_page, progress_line,
)

# Young people: up to the age of 21 (Polmont holds 16 to 21, 001 2052-2053; the initial custody
# review is for young people up to 21, 001 1298-1304).
YOUNG_UNTIL = 21

# Who the steps shown are for (content keys moving_on.path.<reader>).
MAN, WOMAN, YOUNG_MAN, YOUNG, ANYONE = "man", "woman", "young_man", "young", "anyone"

# PATH RULES. The kind of sentence decides the steps (002 1218-1236 for the time each must
# serve first); recall and remand have their own (remand: no steps, 002 124-126).
LIFE, LONG, SHORT, RECALL = "life", "long", "short", "recall"
SENTENCE_FAMILY = {
    "life": LIFE, "olr": LIFE,                      # indeterminate (002 1221-1227)
    "long_term": LONG, "extended": LONG,            # 002 1229-1231, 000 474, 000 596
    "short_term": SHORT, "supervised_release_order": SHORT,
    "short_term_sex_offender_licence": SHORT,       # short sentences (002 1233-1235, 000 110)
    "recall": RECALL,
}
# Steps in the prisons for adult men: closed conditions (002 1187-1199), the National Top End
# for long sentences (002 3533-3567, 000 596; for a life sentence the usual first move,
# 002 1221-1227), the open prison (002 3568-3576, 3717-3747), then a Community Integration
# Unit or temporary release near the end of a long sentence (002 3866-3888, 3554-3571).
# (step, optional): an optional step is one not everyone has.
MEN_STEPS = {
    LIFE: (("closed", False), ("nte", False), ("open_estate", False),
           ("ciu_or_temporary_release", False)),
    LONG: (("closed", False), ("nte", True), ("open_estate", False),
           ("ciu_or_temporary_release", False)),
    SHORT: (("closed", False), ("open_estate", False)),
}
# A short sentence needs 12 months or more for a move to the open prison (002 1233-1235).
SHORT_OPEN_FROM_DAYS = 365
# Steps for everyone else, whatever the sentence: women's community custody units
# (002 128-133, 001 1991-1994), young men's steps inside the prison for young people
# (002 133-143), and for anyone we cannot place only what is true for all (002 125-139).
OTHER_STEPS = {
    WOMAN: (("closed", False), ("ccu", True)),
    YOUNG_MAN: (("closed", False), ("young_steps", False)),
    YOUNG: (("closed", False), ("fewer_rules", False)),
    ANYONE: (("closed", False), ("fewer_rules", False)),
}
# Back in on recall: a decision about letting the person out again (004 160, 003 126-128).
RECALL_STEPS = (("recalled", False), ("re_release", False))
OUT = "out"  # the last step: getting out, explained for the kind of sentence (moving_on.out.*)
STEP_TITLES = {
    "closed": _l("Closed conditions"), "nte": _l("The National Top End"),
    "open_estate": _l("The open prison"),
    "ciu_or_temporary_release": _l("A Community Integration Unit, or temporary release"),
    "ccu": _l("A community custody unit"), "young_steps": _l("Steps in the prison for young people"),
    "fewer_rules": _l("Places with fewer rules"), "recalled": _l("Back in prison"),
    "re_release": _l("A decision about getting out again"), OUT: _l("Getting out"),
}

# A decision that agreed a move puts the person at that step (002 3065-3070), though they may
# still be waiting for a place (002 3584-3589).
MOVE_STEP = {"national_top_end": "nte", "open_estate": "open_estate",
             "ciu": "ciu_or_temporary_release"}

# Getting ready to get out: anyone within six months of a release date on record (the issue's
# product rule), or with licence conditions on record.
RELEASE_SOON_MONTHS = 6
RELEASE_DATE_KINDS = frozenset({"earliest_date_of_liberation", "hdc_eligibility_date",
                                "sentence_expiry_date"})
# Sentences supervised by a social worker after release (000 110-124, 002 3952-3974).
SUPERVISED_AFTER = frozenset({"long_term", "extended", "life", "olr", "supervised_release_order",
                              "short_term_sex_offender_licence", "recall"})


@dataclass(frozen=True)
class Step:
    """One step of the path: its key, its explanation, and where the person stands to it."""

    key: str
    explanation: str
    state: str  # done, here, next, later
    optional: bool = False
    agreed_on: date | None = None  # the day a decision agreed the move to this step

    @property
    def title(self) -> str:
        """Its name, in the person's language."""
        return str(STEP_TITLES[self.key])


@dataclass(frozen=True)
class Path:
    """The steps for this person's kind of sentence, and who they are drawn for."""

    reader: str
    steps: tuple[Step, ...]
    notes: tuple[str, ...] = ()  # explanations shown under the path
    recall: bool = False  # back in on recall: the same steps for everyone

    @property
    def intro(self) -> str | None:
        """Whose steps these are; recall needs no such words."""
        return None if self.recall else f"moving_on.path.{self.reader}"

    @property
    def here(self) -> Step:
        """The step the record puts the person at."""
        return next(step for step in self.steps if step.state == "here")

    @property
    def next(self) -> Step | None:
        """The step after it, if any."""
        return next((step for step in self.steps if step.state == "next"), None)


@dataclass(frozen=True)
class FirstLook:
    """When the person can first be looked at for a move: recorded, worked out, or unknown."""

    day: date | None = None
    worked_out: bool = False
    rule: str | None = None
    caveats: tuple[str, ...] = ()


def age_on(born: date, day: date) -> int:
    """Whole years from a birthday to a day."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def is_young(born: date, today: date) -> bool:
    """Under 21 today: a young person (001 1298-1304, 001 2052-2053)."""
    return age_on(born, today) < YOUNG_UNTIL


def reader_for(born: date, today: date, holds: str | None) -> str:
    """Who the steps are drawn for: a woman or a man only where the prison holds only women or
    only men (the record has no sex field); young people have steps of their own."""
    young = is_young(born, today)
    if holds == WOMEN:
        return WOMAN
    if holds in (MEN, OPEN):
        return YOUNG_MAN if young else MAN
    return YOUNG if young else ANYONE


def step_keys(sentence_type: str, length_days: int | None, reader: str) -> tuple[tuple[str, bool], ...]:
    """The steps (and whether each is optional) for a kind of sentence and reader, getting out
    last; none for remand or a sentence type we do not know."""
    family = SENTENCE_FAMILY.get(sentence_type)
    if family is None:
        return ()
    if family == RECALL:
        steps = RECALL_STEPS
    elif reader == MAN:
        steps = MEN_STEPS[family]
        if family == SHORT and length_days is not None and length_days < SHORT_OPEN_FROM_DAYS:
            steps = steps[:1]
        elif family == SHORT and length_days is None:
            steps = (steps[0], ("open_estate", True))
    else:
        steps = OTHER_STEPS[reader]
    return (*steps, (OUT, False))


def path_for(sentence: Sentence | None, reader: str, decisions: Iterable[Decision],
             holds: str | None) -> Path | None:
    """The person's path with where their record puts them; None on remand (no steps yet)."""
    if sentence is None:
        return None
    keys = step_keys(sentence.type, sentence.length_days, reader)
    if not keys:
        return None
    here, agreed_on = _place([key for key, _ in keys], decisions, holds)
    steps = tuple(
        Step(key, _explanation(key, sentence.type), _state(i, here), optional,
             agreed_on if i == here else None)
        for i, (key, optional) in enumerate(keys))
    return Path(reader, steps, _notes(sentence, reader, keys),
                recall=SENTENCE_FAMILY[sentence.type] == RECALL)


def _place(keys: Sequence[str], decisions: Iterable[Decision], holds: str | None) -> tuple[int, date | None]:
    """The step the record puts the person at: the open prison if they are in it, else the
    furthest move agreed (newest decision first), else the first step."""
    here, agreed_on = 0, None
    if holds == OPEN and "open_estate" in keys:
        here = keys.index("open_estate")
    for decision in decisions:
        step = MOVE_STEP.get(decision.subject)
        if decision.outcome == "approved" and step in keys and keys.index(step) > here:
            here, agreed_on = keys.index(step), decision.decided_on
            break
    return here, agreed_on


def _state(index: int, here: int) -> str:
    if index < here:
        return "done"
    if index == here:
        return "here"
    return "next" if index == here + 1 else "later"


def _explanation(key: str, sentence_type: str) -> str:
    if key == OUT:
        return f"moving_on.out.{sentence_type}"
    return f"moving_on.step.{key}"


def _notes(sentence: Sentence, reader: str, keys: Sequence[tuple[str, bool]]) -> tuple[str, ...]:
    notes = []
    if reader == MAN and SENTENCE_FAMILY[sentence.type] == SHORT and "open_estate" not in dict(keys):
        notes.append("moving_on.short_sentence")
    if sentence.type == "life":
        notes.append("moving_on.fgtr_first")
    return tuple(notes)


def first_look(sentence: Sentence | None, dates: Sequence[KeyDate], reader: str) -> FirstLook:
    """When a move can first be looked at: a recorded date always wins; the window worked out
    from the rules (002 1218-1236) only for adult men, whose path those rules describe;
    otherwise unknown, and the page says who to ask."""
    recorded = sorted(d.date for d in dates if d.kind == "progression_eligibility")
    if recorded:
        return FirstLook(recorded[0])
    if reader == MAN:
        window = progression_window(sentence, list(dates))
        if window is not None:
            return FirstLook(window.day, worked_out=True, rule=window.rule, caveats=window.caveats)
    return FirstLook()


def release_dates_soon(dates: Iterable[KeyDate], today: date) -> list[KeyDate]:
    """Release dates on record from today to six months ahead, soonest first."""
    until = add_months(today, RELEASE_SOON_MONTHS)
    return sorted((d for d in dates if d.kind in RELEASE_DATE_KINDS and today <= d.date <= until),
                  key=lambda d: d.date)


def supervised_after_release(sentence: Sentence | None, has_licence: bool) -> bool:
    """Whether a social worker will supervise the person once out (000 110-124): by the kind
    of sentence, Enhanced ICM (002 1619-1624), or licence conditions on record."""
    if has_licence:
        return True
    return sentence is not None and (sentence.type in SUPERVISED_AFTER or sentence.icm == "enhanced")


# Pages ------------------------------------------------------------------------------------------

# Courses that count as done, and those still to come (002 2892-2935).
COURSES_DONE = frozenset({"completed"})
COURSES_TO_COME = frozenset({"assessment_due", "waiting", "offered", "in_progress"})
# What getting ready to get out asks about, and the areas of the plan that hold it.
RELEASE_AREAS = {"home": "housing", "money": "money", "papers": "identity_documents",
                 "doctor": "physical_health"}


@dataclass(frozen=True)
class MovingOnPage:
    """The steps, where the record puts the person, and what counts for the next one."""

    establishment: str
    reader: str
    young: bool
    path: Path | None  # None on remand: no steps yet
    first_look: FirstLook | None  # None where no move is looked at (remand, recall)
    supervision: Supervision | None
    supervision_review: date | None
    courses_done: list[Programme]
    courses_to_come: list[Programme]
    team_decisions: list[DecisionView]
    team_review: date | None
    team_meeting: Meeting | None
    fgtr: list[DecisionView] | None  # life sentences only
    fgtr_date: KeyDate | None
    release_soon: bool

    @property
    def remand(self) -> bool:
        """No steps yet: the person has not been given a sentence."""
        return self.path is None

    @property
    def recall(self) -> bool:
        """Back in on recall: the next step is a decision about getting out again."""
        return self.path is not None and self.path.recall


def moving_on_page(session: Session, person_id: int, today: date,
                   kinds: Mapping[str, str]) -> MovingOnPage:
    """The moving-on page of one person, from eight small reads of their record."""
    person = session.get(Person, person_id)
    sentence = queries.sentence_for(session, person_id)
    dates = queries.dates_for(session, person_id)
    decisions = queries.decisions_for(session, person_id)
    holds = kinds.get(person.establishment.code)
    reader = reader_for(person.date_of_birth, today, holds)
    path = path_for(sentence, reader, decisions, holds)
    supervision = queries.supervision_for(session, person_id)
    programmes = queries.programmes_for(session, person_id)
    team = [d for d in decisions if d.forum == "rmt"]
    looks_at_moves = path is not None and not path.recall
    return MovingOnPage(
        establishment=person.establishment.name, reader=reader,
        young=is_young(person.date_of_birth, today), path=path,
        first_look=first_look(sentence, dates, reader) if looks_at_moves else None,
        supervision=supervision,
        supervision_review=_supervision_review(supervision, dates, today),
        courses_done=[p for p in programmes if p.status in COURSES_DONE],
        courses_to_come=[p for p in programmes if p.status in COURSES_TO_COME],
        team_decisions=[DecisionView(d, progress_line(d.subject, d.outcome)) for d in team],
        team_review=min((d.review_on for d in team if d.review_on and d.review_on >= today),
                        default=None),
        team_meeting=_next_meeting(session, person_id, "rmt", today),
        fgtr=([DecisionView(d, progress_line(d.subject, d.outcome))
               for d in decisions if d.subject == "fgtr"]
              if sentence is not None and sentence.type == "life" else None),
        fgtr_date=next((d for d in dates if d.kind == "fgtr_eligibility" and d.date >= today), None),
        release_soon=bool(release_dates_soon(dates, today)
                          or queries.licence_for(session, person_id)),
    )


def _next_meeting(session: Session, person_id: int, kind: str, today: date) -> Meeting | None:
    """The person's next meeting of one kind still to come, if one is on the record."""
    return next((m for m in queries.meetings_for(session, person_id)
                 if m.kind == kind and is_coming(m, today)), None)


def _supervision_review(supervision: Supervision | None, dates: Sequence[KeyDate],
                        today: date) -> date | None:
    """The next supervision review on record: the level's own date, else a dated review."""
    if supervision is not None and supervision.next_review:
        return supervision.next_review
    return next((d.date for d in dates if d.kind == "supervision_review" and d.date >= today), None)


@dataclass(frozen=True)
class ReleasePage:
    """Getting ready to get out: release dates soon, who meets the person, what to sort out,
    and the licence."""

    dates: list[KeyDate]
    licence: LicencePage
    sentence_type: str | None
    enhanced: bool  # Enhanced ICM: a pre-release case meeting (002 2656-2663)
    supervised: bool  # a social worker outside supervises them (000 110-124)
    pre_release_meeting: Meeting | None
    social_worker: StaffContact | None  # the social worker outside, if named on the record
    actions: dict[str, list[PlanAction]]  # by part of the page (RELEASE_AREAS), from the plan

    @property
    def due(self) -> bool:
        """A release date within six months, or licence conditions on record."""
        return bool(self.dates) or not self.licence.empty


def release_page(session: Session, person_id: int, today: date) -> ReleasePage:
    """Getting ready to get out for one person, from six small reads of their record."""
    sentence = queries.sentence_for(session, person_id)
    licence = licence_page(session, person_id)
    actions = queries.actions_for(session, person_id)
    return ReleasePage(
        dates=release_dates_soon(queries.dates_for(session, person_id), today),
        licence=licence, sentence_type=sentence.type if sentence else None,
        enhanced=sentence is not None and sentence.icm == "enhanced",
        supervised=supervised_after_release(sentence, not licence.empty),
        pre_release_meeting=_next_meeting(session, person_id, "icm_pre_release", today),
        social_worker=next((s for s in queries.staff_for(session, person_id) if s.role == "cbsw"),
                           None),
        actions={part: [a for a in actions if a.area == area and a.status != "done"]
                 for part, area in RELEASE_AREAS.items()},
    )


@dataclass(frozen=True)
class ComplaintsPage:
    """How to complain: the same for everyone, so it holds nothing from the record."""
