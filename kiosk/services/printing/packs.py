"""What goes into a printed copy: the same page data the kiosk shows, gathered for paper.

A pack is every section in the kiosk's order; a single section (one decision, say) prints
alone. Nothing here renders or reads the request: the person, the sections, the language's
date locale and today's date are passed in, so the web process and the worker build the
same pack.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from kiosk.data import queries
from kiosk.i18n import best_language
from kiosk.models import KioskAccount, Person, StaffContact

from kiosk.services.records import key_dates
from kiosk.services.records import pages as record_pages
from kiosk.services.records.key_dates import KeyDates
from kiosk.services.records.pages import DecisionView, LicencePage, MeetingsPage, PlanPage, RiskPage

PACK = "pack"
SECTIONS = ("plan", "dates", "meetings", "decisions", "risk", "people", "licence")
DECISION = "decision"  # one decision on its own, like a letter
WHAT = (PACK, *SECTIONS, DECISION)
EASY_READ, LARGE_PRINT = "easy_read", "large_print"
VARIANTS = (EASY_READ, LARGE_PRINT)


@dataclass(frozen=True)
class Pack:
    """One person's printed copy: which sections it holds and the page data for each."""

    person: Person
    what: str
    printed_on: date
    plan: PlanPage | None = None
    dates: KeyDates | None = None
    meetings: MeetingsPage | None = None
    decisions: tuple[DecisionView, ...] = ()
    risk: RiskPage | None = None
    people: tuple[StaffContact, ...] | None = None
    licence: LicencePage | None = None

    @property
    def sections(self) -> tuple[str, ...]:
        """The sections in print order; licence only when there are conditions."""
        if self.what == PACK:
            return tuple(s for s in SECTIONS if s != "licence" or not self.licence.empty)
        return ("decisions",) if self.what == DECISION else (self.what,)


def print_language(session: Session, person: Person) -> str:
    """The language the person reads their kiosk in: their own choice, else their record's."""
    account = session.get(KioskAccount, person.id)
    return (account.language if account is not None else None) or best_language(person.preferred_language)


def build_pack(session: Session, person: Person, what: str, *, today: date, locale: str,
               decision_key: str | None = None) -> Pack | None:
    """Gather a pack or one section; None when a named decision is not this person's."""
    if what not in WHAT:
        raise ValueError(f"unknown print section {what!r}")
    if what == DECISION:
        view = record_pages.decision_page(session, person.id, decision_key or "", None)
        return None if view is None else Pack(person, what, today, decisions=(view,))
    wanted = set(SECTIONS) if what == PACK else {what}
    builders = {
        "plan": lambda: record_pages.plan_page(session, person.id, None),
        "dates": lambda: key_dates.key_dates(session, person.id, today=today, locale=locale,
                                             since=None),
        "meetings": lambda: record_pages.meetings_page(session, person.id, today, None),
        "decisions": lambda: tuple(record_pages.decisions_page(session, person.id, None)),
        "risk": lambda: record_pages.risk_page(session, person.id),
        "people": lambda: tuple(queries.staff_for(session, person.id)),
        "licence": lambda: record_pages.licence_page(session, person.id),
    }
    return Pack(person, what, today, **{name: builders[name]() for name in wanted})
