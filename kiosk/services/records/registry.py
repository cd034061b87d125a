"""Every page of a person's record, in one list: the one place a new page is added.

The kiosk makes a route for each entry (/me/<path>, endpoint `me.<slug>`), the home page
offers a tile for each entry with a hint, staff see each one as the person sees it, and the
print pack holds each entry with a print name, in this order. Each page's body is one macro,
`body(page, ui)` in templates/pages/<slug>.html, drawn on screen and on paper alike.

To add a page: a builder (in pages.py, taking explicit arguments), an entry below, its
template and its wording in content/ and the catalogues. Nothing else needs to know.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from kiosk.i18n import babel_locale
from kiosk.services.records import key_dates, moving_on, pages
from kiosk.services.wording.content import content_for


@dataclass(frozen=True)
class PageContext:
    """All a builder may know: whose record, which day, which language; never the request."""

    session: Session
    person_id: int
    today: date
    language: str
    since: datetime | None = None  # the person's previous visit; None on paper (nothing is "new")
    key: str | None = None  # the item a keyed page shows (one meeting, one decision)
    args: Mapping[str, str] = field(default_factory=dict)  # the page's own query, e.g. a search

    @property
    def locale(self) -> str:
        """The Babel locale that writes dates the way readers of the language expect."""
        return babel_locale(self.language)


@dataclass(frozen=True)
class RecordPage:
    """One page of a person's record: where it lives, what it is called, how it is built."""

    slug: str  # endpoint `me.<slug>`, the staff preview's name for it, its print section
    title: str  # its heading, on screen and on paper
    icon: str  # its picture (a Tabler icon) on its tile and its printed section
    build: Callable[[PageContext], object]  # gathers what it shows; None answers "not found"
    path: str | None = None  # its URL below /me/, when that is not the slug
    tile_hint: str | None = None  # the line under its tile on the home page; None: no tile
    tile_title: str | None = None  # its tile's title, when shorter than its heading
    print_name: str | None = None  # staff's name for its printed section; None: not printed
    shown: Callable[[object], bool] | None = None  # offered (tile, pack) only when true of its data

    @property
    def template(self) -> str:
        """The template holding its `body(page, ui)` macro."""
        return f"pages/{self.slug}.html"

    @property
    def url_rule(self) -> str:
        """Its route below /me/."""
        return "/" + (self.path or self.slug)

    @property
    def keyed(self) -> bool:
        """One item of a list (a meeting, a decision), reached from the list's links."""
        return "<key>" in self.url_rule

    def offered(self, data: object) -> bool:
        """Whether a tile or a printed section is offered for what the page holds."""
        return self.shown is None or self.shown(data)


def _in_order(*entries: RecordPage) -> dict[str, RecordPage]:
    return {entry.slug: entry for entry in entries}


PAGES: dict[str, RecordPage] = _in_order(
    RecordPage("plan", _l("Your plan"), "clipboard-list",
               lambda c: pages.plan_page(c.session, c.person_id, c.since),
               tile_hint=_l("What you do, and what you have done"), print_name="Plan"),
    RecordPage("dates", _l("Your dates"), "calendar-event",
               lambda c: key_dates.key_dates(c.session, c.person_id, today=c.today, locale=c.locale,
                                             since=c.since),
               tile_hint=_l("Days that matter to you"), print_name="Dates"),
    RecordPage("moving_on", _l("Moving on"), "stairs-up",
               lambda c: moving_on.moving_on_page(c.session, c.person_id, c.today, establishment_kinds()),
               path="moving-on", tile_hint=_l("Where you are, and what comes next"),
               print_name="Moving on"),
    RecordPage("release", _l("Getting ready to get out"), "door-exit",
               lambda c: moving_on.release_page(c.session, c.person_id, c.today), path="getting-out",
               tile_hint=_l("What to sort out before you get out"), print_name="Getting ready to get out",
               shown=lambda release: release.due),
    RecordPage("meetings", _l("Your meetings"), "users-group",
               lambda c: pages.meetings_page(c.session, c.person_id, c.today, c.since),
               tile_hint=_l("Meetings about you"), print_name="Meetings"),
    RecordPage("meeting", _l("Your meetings"), "users-group",
               lambda c: pages.meeting_page(c.session, c.person_id, c.key, c.today),
               path="meetings/<key>"),
    RecordPage("decisions", _l("What was decided"), "scale",
               lambda c: pages.decisions_page(c.session, c.person_id, c.since),
               tile_hint=_l("Decisions about you, and why"), print_name="Decisions"),
    RecordPage("decision", _l("What was decided"), "scale",
               lambda c: pages.decision_page(c.session, c.person_id, c.key, c.since),
               path="decisions/<key>"),
    RecordPage("risk", _l("Your risk and needs check and supervision"), "shield-check",
               lambda c: pages.risk_page(c.session, c.person_id),
               tile_hint=_l("What it says, and what can change"), tile_title=_l("Your risk and needs check"),
               print_name="Risk and supervision"),
    RecordPage("programmes", _l("Your courses"), "school",
               lambda c: pages.programmes_page(c.session, c.person_id),
               tile_hint=_l("Courses for you")),
    RecordPage("licence", _l("Your licence"), "list-check",
               lambda c: pages.licence_page(c.session, c.person_id),
               tile_hint=_l("The rules for when you get out"), print_name="Licence",
               shown=lambda licence: not licence.empty),
    RecordPage("people", _l("Who's who"), "users",
               lambda c: pages.people_page(c.session, c.person_id),
               tile_hint=_l("Who helps you, and how to ask them"), print_name="Who's who"),
    RecordPage("glossary", _l("Words staff use"), "vocabulary",
               lambda c: pages.glossary_page(content_for(c.language).glossary, c.args.get("q")),
               tile_hint=_l("What the words mean")),
    RecordPage("record_views", _l("Who has looked at your record"), "eye",
               lambda c: pages.record_views_page(c.session, c.person_id), path="who-has-looked",
               tile_hint=_l("When staff looked at your record"), tile_title=_l("Who has looked")),
    RecordPage("complaints", _l("How to complain"), "message-report",
               lambda c: moving_on.ComplaintsPage(), path="how-to-complain",
               print_name="How to complain"),  # no tile: linked beside the letters
)


def establishment_kinds() -> Mapping[str, str]:
    """Who each prison holds (the ESTABLISHMENT_KINDS setting): the one setting a builder
    needs, read where every page is built (kiosk, staff preview and print alike)."""
    return current_app.config.get("ESTABLISHMENT_KINDS", {})


def tiles(context: PageContext) -> list[RecordPage]:
    """The pages the home page offers this person, in order (a `shown` test builds the page)."""
    return [page for page in PAGES.values()
            if page.tile_hint is not None and (page.shown is None or page.offered(page.build(context)))]


def printed() -> list[RecordPage]:
    """The pages a printed pack can hold, in order."""
    return [page for page in PAGES.values() if page.print_name is not None]
