"""Plain summaries staff write beside an official decision or plan, shown to the person labelled.

The official text is never changed: the summary sits next to it, with who wrote it and when.
A summary is composed from the phrase bank (kiosk/services/wording/phrases.py): for each line
staff wrote (a reason, a next step, a plan action) they may choose the phrase that says it
plainly, fill its slots, add phrases, and add words of their own (kept in English, and shown
as such). The person reads each phrase in their own language, with the line it stands for one
tap away.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.orm import Session

from kiosk.data import dashboard_queries as board
from kiosk.data import queries
from kiosk.limits import limit, too_long
from kiosk.models import Decision, Person, PlainSummary, Plan, PlanAction, StaffUser, SummaryPhrase
from kiosk.services.staff import audit
from kiosk.services.wording import phrases
from kiosk.services.wording.phrases import Line

DECISION, PLAN = "decision", "plan"
KINDS = (DECISION, PLAN)
# Which lines of the record a summary can say in phrases, and the group each line's phrase
# comes from; a phrase added on its own may come from any of them.
REASONS, NEXT_STEPS, ACTIONS = "reasons", "next_steps", "actions"
GROUP_FOR = {REASONS: "decision_reasons", NEXT_STEPS: "next_steps", ACTIONS: "plan_actions"}
FIELDS = {DECISION: (REASONS, NEXT_STEPS), PLAN: (ACTIONS,)}
ADDED_GROUPS = tuple(GROUP_FOR.values())
MAX_PHRASES = 60
# What each slot is called on the staff form.
SLOT_LABELS = {"place": "Place", "programme": "Course", "name": "Name", "role": "Who",
               "date": "Date", "from": "From (time)", "until": "Until (time)"}
SLOT_LENGTH = 120  # characters of a place, a name or a course's name
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


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


@dataclass(frozen=True)
class StaffLine:
    """One line of the official text a phrase can stand for: a reason, a next step or an action."""

    field: str
    text: str
    key: str | None = None  # a plan action's item key

    @property
    def group(self) -> str:
        """The phrase bank group its phrases come from."""
        return GROUP_FOR[self.field]


def decision_lines(decision: Decision) -> list[StaffLine]:
    """A decision's reasons, then its next steps."""
    return ([StaffLine(REASONS, text) for text in decision.reasons]
            + [StaffLine(NEXT_STEPS, text) for text in decision.next_steps])


def action_lines(actions: Iterable[PlanAction]) -> list[StaffLine]:
    """A plan's actions."""
    return [StaffLine(ACTIONS, action.text, action.item_key) for action in actions]


def lines_of(session: Session, person_id: int, target: Decision | Plan) -> list[StaffLine]:
    """The lines of a decision or of the person's plan, in order."""
    if isinstance(target, Decision):
        return decision_lines(target)
    return action_lines(queries.actions_for(session, person_id))


@dataclass(frozen=True)
class Choice:
    """A phrase chosen for a summary and its slot values; `line` is the line it says, if any."""

    phrase_key: str
    slots: dict[str, str] = field(default_factory=dict)
    line: StaffLine | None = None


def problems(choice: Choice) -> list[str]:
    """What stops a choice from being saved, in words for staff; none when it can be."""
    english = phrases.bank()
    phrase = english.phrases.get(choice.phrase_key)
    allowed = (choice.line.group,) if choice.line else ADDED_GROUPS
    if phrase is None or phrase.group not in allowed:
        return [f"“{choice.phrase_key}” is not a phrase for this."]
    found = []
    for name in phrase.slots:
        value = (choice.slots.get(name) or "").strip()
        kind = phrases.SLOTS[name]
        if not value:
            found.append(f"Fill in “{SLOT_LABELS[name]}” for “{_start(phrase)}”.")
        elif kind == phrases.ROLE and value not in english.roles:
            found.append(f"Choose who for “{_start(phrase)}”.")
        elif kind == phrases.DATE and not _is_date(value):
            found.append(f"Give the date for “{_start(phrase)}” as a real date.")
        elif kind == phrases.TIME and not _TIME.match(value):
            found.append(f"Give the time for “{_start(phrase)}” as 19:00.")
        elif kind == phrases.TEXT and len(value) > SLOT_LENGTH:
            found.append(f"“{SLOT_LABELS[name]}” for “{_start(phrase)}” must be {SLOT_LENGTH} characters or fewer.")
    return found


def _start(phrase: phrases.Phrase) -> str:
    return phrase.plain if len(phrase.plain) <= 60 else phrase.plain[:57] + "..."


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def save(session: Session, user: StaffUser, person: Person, kind: str, item_key: str,
         text: str, now: datetime, choices: Iterable[Choice] = ()) -> PlainSummary:
    """Write or replace the summary (its own words and its phrases) and audit the change.

    :raise ValueError: over a limit, or a phrase that cannot be said (the form says so first).
    """
    choices = list(choices)
    if too_long("summary", text.strip()):
        raise ValueError(f"a summary holds at most {limit('summary')} characters")
    if len(choices) > MAX_PHRASES:
        raise ValueError(f"a summary holds at most {MAX_PHRASES} phrases")
    wrong = [problem for choice in choices for problem in problems(choice)]
    if wrong:
        raise ValueError("; ".join(wrong))
    summary = summary_of(session, person.id, kind, item_key)
    if summary is None:
        summary = PlainSummary(person_id=person.id, target_kind=kind, item_key=item_key)
        session.add(summary)
    summary.text, summary.written_by, summary.written_at = text.strip(), user.id, now
    summary.phrases = [_row(position, choice) for position, choice in enumerate(choices)]
    person.updated_at = now  # what the person's pages show has changed
    audit.record(session, user, audit.CHANGE, person, f"plain summary of {kind} {item_key}")
    session.flush()
    return summary


def _row(position: int, choice: Choice) -> SummaryPhrase:
    slots = {name: choice.slots[name].strip() for name in phrases.bank().phrase(choice.phrase_key).slots}
    line = choice.line
    return SummaryPhrase(position=position, phrase_key=choice.phrase_key, slots=slots,
                         line_field=line and line.field, line_key=line and line.key,
                         line_text=line and line.text)


def choices_of(summary: PlainSummary | None) -> list[Choice]:
    """The phrases a summary holds, as choices (for staff to change them)."""
    if summary is None:
        return []
    return [Choice(row.phrase_key, dict(row.slots),
                   StaffLine(row.line_field, row.line_text or "", row.line_key) if row.line_field else None)
            for row in summary.phrases]


@dataclass(frozen=True)
class PlainWords:
    """All the person reads about a decision or plan in plain words: each line staff wrote with
    the phrase that says it (if one was chosen for it as it reads now), the phrases added, and
    staff's own words (English)."""

    lines: dict[str, list[Line]] = field(default_factory=dict)
    added: list[Line] = field(default_factory=list)
    text: str = ""
    written_on: date | None = None

    def of(self, field_name: str) -> list[Line]:
        """The lines of one field (reasons, next steps, actions), in the record's order."""
        return self.lines.get(field_name, [])

    def action(self, item_key: str) -> Line | None:
        """The line of one plan action."""
        return next((line for line in self.of(ACTIONS) if line.item_key == item_key), None)

    @property
    def written(self) -> bool:
        """True when there is a summary to show beside the official text (phrases or words)."""
        return bool(self.added or self.text)

    @property
    def in_english_only(self) -> int:
        """Lines that reach the person only as staff wrote them."""
        return sum(not line.plain for lines in self.lines.values() for line in lines)


def plain_words(summary: PlainSummary | None, lines: Iterable[StaffLine]) -> PlainWords:
    """The record's lines with the phrases a saved summary chose for them (see compose)."""
    if summary is None:
        return compose([], lines)
    return compose(choices_of(summary), lines, summary.text, summary.written_at.date())


def compose(choices: Iterable[Choice], lines: Iterable[StaffLine], text: str = "",
            written_on: date | None = None) -> PlainWords:
    """The record's lines, each with the phrase chosen for it, and the phrases added. A phrase
    stands for a line only while the line reads as it did when it was chosen: an import that
    changes the line shows it as written again. A phrase no longer in the bank is left out."""
    known = phrases.bank().phrases
    chosen, added = {}, []
    for choice in choices:
        if choice.phrase_key not in known:
            continue
        if choice.line is None:
            added.append(Line("", choice.phrase_key, tuple(choice.slots.items())))
        else:
            chosen[choice.line] = choice
    by_field: dict[str, list[Line]] = {}
    for line in lines:
        choice = chosen.get(line)
        by_field.setdefault(line.field, []).append(
            Line(line.text, choice.phrase_key, tuple(choice.slots.items()), line.key) if choice
            else Line(line.text, item_key=line.key))
    return PlainWords(by_field, added, text.strip(), written_on)


@dataclass(frozen=True)
class RecordInPlainWords:
    """For staff, one person's record as it reaches them: each licence condition (matched to a
    phrase or not), and the plan's and each decision's lines with their phrases."""

    licence: list[Line]
    plan: PlainWords | None
    decisions: dict[str, PlainWords]

    @property
    def unmatched_conditions(self) -> list[Line]:
        """Licence conditions no phrase says: the person reads them only as staff wrote them."""
        return [line for line in self.licence if not line.plain]

    @property
    def in_english_only(self) -> int:
        """Conditions, reasons, next steps and actions that reach the person only in English."""
        words = [self.plan] if self.plan else []
        return len(self.unmatched_conditions) + sum(w.in_english_only for w in (*words, *self.decisions.values()))


def record_in_plain_words(session: Session, person_id: int, plan: Plan | None,
                          decisions: Iterable[Decision]) -> RecordInPlainWords:
    """The person's licence conditions, plan and decisions as they reach them in plain words."""
    written = queries.plain_summaries_for(session, person_id)
    return RecordInPlainWords(
        licence=phrases.licence_lines(queries.licence_for(session, person_id)),
        plan=plan and plain_words(written.get((PLAN, plan.item_key)),
                                  action_lines(queries.actions_for(session, person_id))),
        decisions={d.item_key: plain_words(written.get((DECISION, d.item_key)), decision_lines(d))
                   for d in decisions})


@dataclass(frozen=True)
class EnglishOnly:
    """How much still reaches people only as staff wrote it, in English: each kind of line,
    with no phrase, out of how many; and the licence wordings no phrase matches, commonest first."""

    counts: dict[str, tuple[int, int]]  # "conditions", "reasons", "next_steps", "actions": (left, all)
    unmatched_wordings: list[tuple[str, int]]


def english_only(session: Session, scope) -> EnglishOnly:
    """For the dashboard: conditions no phrase matches, and reasons, next steps and actions no
    summary chose a phrase for (as the line reads now), among people in custody in `scope`."""
    wordings = board.licence_texts(session, scope)
    unmatched = sorted(((text, n) for text, n in wordings if phrases.match_condition(text) is None),
                       key=lambda pair: (-pair[1], pair[0]))
    known = phrases.bank().phrases
    phrased = {(person, field, key if field == ACTIONS else item, text)
               for person, item, field, key, text, phrase in board.phrased_lines(session, scope) if phrase in known}
    counts = {"conditions": (sum(n for _, n in unmatched), sum(n for _, n in wordings))}
    for field_name in (REASONS, NEXT_STEPS):
        lines = [(person, field_name, key, text) for person, key, reasons, steps in board.decision_lines(session, scope)
                 for text in (reasons if field_name == REASONS else steps)]
        counts[field_name] = (sum(line not in phrased for line in lines), len(lines))
    actions = [(person, ACTIONS, key, text) for person, key, text in board.action_lines(session, scope)]
    counts[ACTIONS] = (sum(line not in phrased for line in actions), len(actions))
    return EnglishOnly(counts, unmatched)
