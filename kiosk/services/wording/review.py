"""Reviewing what people are told: every explanation, glossary entry and label that states a
fact, in every language, with its source, and whether a named reviewer confirmed these words.

A review keeps a fingerprint (SHA-256) of each language's words as they were when confirmed.
Any later change, to the English or to one translation, no longer matches: the entry is
unconfirmed again, and the page says which language changed. The fingerprints cover the
English too, so a translation whose English changed since it was checked shows as checked
against older English: confirming an entry means every language was checked against this
English. The kiosk never reads any of this; it shows every entry alike.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import lru_cache
from itertools import groupby

from sqlalchemy.orm import Session

from kiosk.i18n import DEFAULT_LANGUAGE, LANGUAGES
from kiosk.models import ExplanationReview, StaffUser
from kiosk.services.staff import audit
from kiosk.services.wording.content import Entry, Source, content_for

PER_PAGE = 20


def fingerprint(words: tuple[str, ...]) -> str:
    """SHA-256 of the words, spacing aside (a YAML line wrapped anew is not a change)."""
    normal = [" ".join(text.split()) for text in words]
    return hashlib.sha256(json.dumps(normal, ensure_ascii=False).encode("utf-8")).hexdigest()


def section_of(key: str) -> str:
    """How the page groups entries: 'explanations.dates', 'glossary' or 'values'."""
    kind, rest = key.split(".", 1)
    return f"{kind}.{rest.split('.')[0]}" if kind == "explanations" else kind


@dataclass(frozen=True)
class Wording:
    """One entry's words in one language, as the kiosk shows them (English where untranslated)."""

    lang: str
    entry: Entry
    fingerprint: str


@dataclass(frozen=True)
class Reviewable:
    """One entry in every language, in the order of LANGUAGES (English first)."""

    key: str
    section: str
    source: Source
    wordings: tuple[Wording, ...]
    searched: str  # the key and every language's words, casefolded, for the search box

    @property
    def fingerprints(self) -> dict[str, str]:
        """Each language's fingerprint: what a review stores."""
        return {wording.lang: wording.fingerprint for wording in self.wordings}

    @property
    def fingerprint(self) -> str:
        """One fingerprint of them all, carried by the confirm button, so a reviewer confirms
        the words they were shown and not words that changed after the page was drawn."""
        return fingerprint(tuple(f"{lang}:{value}" for lang, value in self.fingerprints.items()))


def _listed(entry: Entry) -> bool:
    """Every explanation and glossary entry; a label only when it states a fact."""
    return not entry.key.startswith("values.") or entry.source.factual


def _reviewable(english: Entry, by_language: dict[str, dict[str, Entry]]) -> Reviewable:
    wordings = tuple(Wording(lang, entries[english.key], fingerprint(entries[english.key].words))
                     for lang, entries in by_language.items())
    searched = " ".join((english.key, *(word for w in wordings for word in w.entry.words)))
    return Reviewable(english.key, section_of(english.key), english.source, wordings,
                      searched.casefold())


@lru_cache(maxsize=1)
def catalogue() -> tuple[Reviewable, ...]:
    """Every listed entry, in the order of content/en, built once (content is read once too)."""
    by_language = {lang: {e.key: e for e in content_for(lang).entries()} for lang in LANGUAGES}
    return tuple(_reviewable(entry, by_language)
                 for entry in by_language[DEFAULT_LANGUAGE].values() if _listed(entry))


def sections() -> tuple[str, ...]:
    """The sections, in the order their first entry appears."""
    return tuple(dict.fromkeys(entry.section for entry in catalogue()))


class State(StrEnum):
    """Where an entry stands."""

    CONFIRMED = "confirmed"  # these words, in every language, as a reviewer confirmed them
    CHANGED = "changed"      # confirmed once, but some language's words changed since
    NEW = "new"              # never confirmed


UNCONFIRMED = "unconfirmed"  # a filter for CHANGED and NEW together


class LanguageState(StrEnum):
    """Where one language of an entry stands: the translation staleness guard."""

    CHECKED = "checked"              # these words were confirmed, against this English
    CHANGED = "changed"              # these words changed after they were confirmed
    OLDER_ENGLISH = "older_english"  # the words were confirmed, but the English changed since
    NOT_CHECKED = "not_checked"      # never confirmed (or a language added since)


@dataclass(frozen=True)
class Status:
    """An entry and its newest review, compared."""

    entry: Reviewable
    review: ExplanationReview | None

    def language_state(self, lang: str) -> LanguageState:
        """Whether this language's words are the ones confirmed, against the same English."""
        confirmed = self.review.fingerprints if self.review is not None else {}
        if lang not in confirmed:
            return LanguageState.NOT_CHECKED
        if confirmed[lang] != self.entry.fingerprints[lang]:
            return LanguageState.CHANGED
        if confirmed.get(DEFAULT_LANGUAGE) != self.entry.fingerprints[DEFAULT_LANGUAGE]:
            return LanguageState.OLDER_ENGLISH
        return LanguageState.CHECKED

    @property
    def changed_languages(self) -> tuple[str, ...]:
        """The languages whose words changed since the review (none for a new entry)."""
        if self.review is None:
            return ()
        return tuple(lang for lang in LANGUAGES
                     if self.language_state(lang) in (LanguageState.CHANGED, LanguageState.NOT_CHECKED))

    @property
    def state(self) -> State:
        if self.review is None:
            return State.NEW
        if all(self.language_state(lang) is LanguageState.CHECKED for lang in LANGUAGES):
            return State.CONFIRMED
        return State.CHANGED


def statuses(reviews: dict[str, ExplanationReview]) -> list[Status]:
    """Every listed entry with its newest review (`kiosk.data.review_queries.newest_reviews`)."""
    return [Status(entry, reviews.get(entry.key)) for entry in catalogue()]


def unconfirmed_count(reviews: dict[str, ExplanationReview]) -> int:
    """How many entries wait for a reviewer: never confirmed, or changed since."""
    return sum(status.state is not State.CONFIRMED for status in statuses(reviews))


@dataclass(frozen=True)
class Filter:
    """What a reviewer asked to see; an empty part matches everything."""

    text: str = ""
    section: str = ""
    state: str = ""  # a State, UNCONFIRMED, or "" for any

    def matches(self, status: Status) -> bool:
        if self.section and status.entry.section != self.section:
            return False
        if self.state == UNCONFIRMED and status.state is State.CONFIRMED:
            return False
        if self.state not in ("", UNCONFIRMED) and status.state != self.state:
            return False
        return self.text.casefold().strip() in status.entry.searched


@dataclass(frozen=True)
class Page:
    """One page of the entries a filter matches."""

    statuses: list[Status]
    number: int
    pages: int
    total: int  # how many entries match, on every page

    @property
    def first(self) -> int:
        """The position of this page's first entry among all that match (from 1)."""
        return (self.number - 1) * PER_PAGE + 1 if self.statuses else 0

    @property
    def by_section(self) -> list[tuple[str, list[Status]]]:
        """This page's entries under their sections, in order."""
        return [(section, list(group))
                for section, group in groupby(self.statuses, key=lambda s: s.entry.section)]


def page_of(all_statuses: list[Status], wanted: Filter, number: int) -> Page:
    """The `number`th page (kept within the pages there are) of the entries `wanted` matches."""
    matching = [status for status in all_statuses if wanted.matches(status)]
    pages = max(1, -(-len(matching) // PER_PAGE))
    number = min(max(1, number), pages)
    start = (number - 1) * PER_PAGE
    return Page(matching[start:start + PER_PAGE], number, pages, len(matching))


class Refusal(StrEnum):
    """Why a confirmation was not kept."""

    NO_SUCH_ENTRY = "no_such_entry"
    WORDS_CHANGED = "words_changed"  # the words changed after the reviewer's page was drawn


class ReviewRefused(Exception):
    """A confirmation that was not kept, and why."""

    def __init__(self, reason: Refusal):
        super().__init__(reason)
        self.reason = reason


def confirm(session: Session, user: StaffUser, key: str, shown: str,
            now: datetime) -> ExplanationReview:
    """Keep a reviewer's confirmation of an entry, and its audit row, in the caller's
    transaction. `shown` is the entry's fingerprint as the reviewer's page showed it.

    Permission is the caller's to check (the view asks for REVIEW_EXPLANATIONS).

    :raise ReviewRefused: for a key that is not listed, or words that changed since `shown`.
    """
    entry = next((entry for entry in catalogue() if entry.key == key), None)
    if entry is None:
        raise ReviewRefused(Refusal.NO_SUCH_ENTRY)
    if shown != entry.fingerprint:
        raise ReviewRefused(Refusal.WORDS_CHANGED)
    review = ExplanationReview(entry_key=key, fingerprints=entry.fingerprints,
                               reviewed_by=user.id, reviewer_name=user.display_name,
                               reviewed_at=now)
    session.add(review)
    words = ", ".join(f"{lang} {value}" for lang, value in entry.fingerprints.items())
    audit.record(session, user, audit.REVIEW, None, f"confirmed {key}; words {words}", at=now)
    return review
