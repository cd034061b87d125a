"""The person's key dates: as the prison records them, with words for how far away each is.

Dates are never calculated as legal dates. The one thing worked out here is the window in
which a person can first be *considered* for progression (002 1218-1236), and only when the
record holds no such date: it is labelled as worked out, with its rule, and the record always
wins.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from babel.dates import format_timedelta
from sqlalchemy.orm import Session

from kiosk.data import queries
from kiosk.models import KeyDate, Sentence

DERIVED_KEY = "worked-out:progression_eligibility"
# What comes before some dates depends on the person's case management: only Enhanced ICM
# has a pre-release case conference (002 2661-2663), so only they are told of one.
BEFORE_ON_ENHANCED_ICM = frozenset({"earliest_date_of_liberation"})


def before_key(kind: str, icm: str | None) -> str:
    """The explanation of what happens before a date of this kind, for this person's ICM."""
    if kind in BEFORE_ON_ENHANCED_ICM and icm == "enhanced":
        return f"dates.{kind}.before_enhanced"
    return f"dates.{kind}.before"


@dataclass(frozen=True)
class DateItem:
    """One date ready to show: what it is, when, how far away, and how sure it is."""

    key: str
    kind: str
    day: date
    when: str
    is_past: bool
    label: str | None = None
    note: str | None = None
    provisional: bool = False
    worked_out: bool = False
    rule: str | None = None
    caveats: tuple[str, ...] = ()
    change: str | None = None
    before: str = ""  # the explanation key for what happens before it (see before_key)

    @property
    def is_today(self) -> bool:
        """True when the date is today (its `when` words are then empty)."""
        return not self.when


@dataclass(frozen=True)
class KeyDates:
    """Dates still to come (soonest first) and dates gone by (latest first)."""

    coming: list[DateItem] = field(default_factory=list)
    past: list[DateItem] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Nothing recorded and nothing worked out."""
        return not self.coming and not self.past


@dataclass(frozen=True)
class Window:
    """A worked-out progression window: its first day, the rule used and its caveats."""

    day: date
    rule: str
    caveats: tuple[str, ...] = ()


def when_words(day: date, today: date, locale: str) -> str:
    """'in 3 weeks', '2 years ago' in the person's language; empty for today."""
    if day == today:
        return ""
    return format_timedelta(day - today, add_direction=True, granularity="day", locale=locale)


def change_flag(row, since: datetime | None) -> str | None:
    """'new' or 'changed' when a tracked row arrived or changed after `since`, else None."""
    if since is None:
        return None
    if row.first_seen_at > since:
        return "new"
    if row.changed_at > since:
        return "changed"
    return None


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later, or the month's last day if it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def progression_window(sentence: Sentence | None, dates: list[KeyDate]) -> Window | None:
    """When the person can first be considered for progression, by the rules in 002 1218-1236.

    None when the record already holds the date, or the sentence does not let us work it out.
    A recorded date the rule counts from (punishment part expiry, parole qualifying date)
    always wins over one worked out from the sentence; where we count from the sentence's
    start, time on remand may move the date, so the window says that is unknown.
    """
    if sentence is None or any(d.kind == "progression_eligibility" for d in dates):
        return None
    if sentence.type in ("life", "olr"):
        recorded = [d.date for d in dates if d.kind == "punishment_part_expiry"]
        if recorded:
            return Window(add_months(min(recorded), -48), "progression.rule.life_olr")
        if sentence.punishment_part_days:
            part_ends = sentence.start_date + timedelta(days=sentence.punishment_part_days)
            return Window(add_months(part_ends, -48), "progression.rule.life_olr",
                          ("progression.rule.remand",))
        return None
    if sentence.type == "long_term":
        qualifying = [d.date for d in dates if d.kind == "parole_qualifying_date"]
        if qualifying:
            day = max(add_months(sentence.start_date, 6), add_months(min(qualifying), -24))
            return Window(day, "progression.rule.long_term", ("progression.rule.remand",))
    if sentence.type == "short_term" and (sentence.length_days or 0) >= 365:
        return Window(add_months(sentence.start_date, 3), "progression.rule.short_term",
                      ("progression.rule.remand",))
    return None


def key_dates(session: Session, person_id: int, *, today: date, locale: str,
              since: datetime | None = None) -> KeyDates:
    """Every date of the person, split into coming and past, with a worked-out window if any."""
    rows = queries.dates_for(session, person_id)
    sentence = queries.sentence_for(session, person_id)
    icm = sentence.icm if sentence else None
    items = [_recorded(row, today, locale, since, icm) for row in rows]
    window = progression_window(sentence, rows)
    if window is not None:
        items.append(DateItem(
            key=DERIVED_KEY, kind="progression_eligibility", day=window.day,
            when=when_words(window.day, today, locale), is_past=window.day < today,
            worked_out=True, rule=window.rule, caveats=window.caveats,
            before=before_key("progression_eligibility", icm)))
    coming = sorted((i for i in items if not i.is_past), key=lambda i: i.day)
    past = sorted((i for i in items if i.is_past), key=lambda i: i.day, reverse=True)
    return KeyDates(coming=coming, past=past)


def _recorded(row: KeyDate, today: date, locale: str, since: datetime | None,
              icm: str | None) -> DateItem:
    return DateItem(
        key=row.item_key, kind=row.kind, day=row.date, when=when_words(row.date, today, locale),
        is_past=row.date < today, label=row.label, note=row.note, provisional=row.provisional,
        change=change_flag(row, since), before=before_key(row.kind, icm))
