"""What goes into a printed copy: the same page data the kiosk shows, gathered for paper.

A pack is every printed page of the record-page registry, in its order; a single section
(one decision, say) prints alone. Nothing here renders or reads the request: the person, the
sections, the language and today's date are passed in, so the web process and the worker
build the same pack.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from kiosk.i18n import best_language
from kiosk.models import KioskAccount, Person
from kiosk.services.records import pages, registry
from kiosk.services.records.registry import PageContext, RecordPage

PACK = "pack"
DECISION = "decision"  # one decision on its own, like a letter
EASY_READ, LARGE_PRINT = "easy_read", "large_print"
VARIANTS = (EASY_READ, LARGE_PRINT)


@dataclass(frozen=True)
class Section:
    """One page of the record on paper: its registry entry and what it shows."""

    page: RecordPage
    data: object


@dataclass(frozen=True)
class Pack:
    """One person's printed copy: what was asked for, and its sections in print order."""

    person: Person
    what: str
    printed_on: date
    sections: tuple[Section, ...]


def printable() -> tuple[str, ...]:
    """What can be printed: the whole pack, each printed page alone, or one decision."""
    return (PACK, *(page.slug for page in registry.printed()), DECISION)


def print_language(session: Session, person: Person) -> str:
    """The language the person reads their kiosk in: their own choice, else their record's."""
    account = session.get(KioskAccount, person.id)
    return (account.language if account is not None else None) or best_language(person.preferred_language)


def build_pack(session: Session, person: Person, what: str, *, today: date, language: str,
               decision_key: str | None = None) -> Pack | None:
    """Gather a pack or one section; None when a named decision is not this person's.

    Nothing is marked new on paper, so no previous visit is passed on. A page the pack would
    leave out (a licence with no conditions) still prints when asked for alone.
    """
    if what not in printable():
        raise ValueError(f"unknown print section {what!r}")
    context = PageContext(session=session, person_id=person.id, today=today, language=language)
    if what == DECISION:
        view = pages.decision_page(session, person.id, decision_key or "", None)
        decisions = registry.PAGES["decisions"]
        return None if view is None else Pack(person, what, today, (Section(decisions, [view]),))
    if what != PACK:
        page = registry.PAGES[what]
        return Pack(person, what, today, (Section(page, page.build(context)),))
    sections = (Section(page, page.build(context)) for page in registry.printed())
    return Pack(person, what, today, tuple(section for section in sections
                                           if section.page.offered(section.data)))
