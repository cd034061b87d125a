"""What every template can call, whoever renders it: wording from content/, jargon finding,
dates, and today's date in the prison's time zone.

Set up once by `create_app`, so the kiosk, the staff preview, printed copies and letters all
use the same helpers, even where the kiosk itself is switched off.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import Flask, current_app, g

from kiosk.i18n import babel_locale, format_day, select_locale
from kiosk.services.wording import phrases
from kiosk.services.wording.content import Content, Explanation, content_for
from kiosk.services.wording.plain_language import Segment, annotate


def locale() -> str:
    """The Babel locale of the signed-in person's language."""
    return babel_locale(select_locale())


def content() -> Content:
    """All person-facing wording in the person's language."""
    return content_for(select_locale())


def today() -> date:
    """Today in the prison's time zone (dates in the records are local calendar dates)."""
    return datetime.now(ZoneInfo(current_app.config["TIMEZONE"])).date()


def explain(key: str) -> Explanation:
    """One explanation from content/ by its dotted key."""
    return content().explain(key)


def words_for(field: str, value: str) -> str:
    """Plain words for one record value, in the person's language (never a raw code)."""
    return content().label(field, value)


def jargon_in(text: str) -> list[Segment]:
    """Staff text split into plain runs and glossary terms.

    One `seen` set per page (a page is one request), so each term is spelled out in full only
    the first time it appears on the page.
    """
    if "jargon_seen" not in g:
        g.jargon_seen = set()
    return annotate(text, content().glossary, g.jargon_seen)


def in_plain_words(line: phrases.Line) -> phrases.Said:
    """A line's phrase said in the person's language, its slots filled (components/said.html)."""
    return phrases.say(line.phrase, line.slots, select_locale())


def day(value: date, style: str = "long") -> str:
    """A date written out in the person's language, e.g. '12 March 2027'."""
    return format_day(value, select_locale(), style)


@contextmanager
def globals_kept(names: tuple[str, ...]) -> Iterator[None]:
    """Put these request globals back as they were on leaving: a part drawn in another
    language or display mode (a printed pack, a staff preview) leaves the rest of the page be."""
    saved = {name: g.get(name) for name in names}
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                g.pop(name, None)
            else:
                setattr(g, name, value)


def init_app(app: Flask) -> None:
    """Globals, not context, because macros imported without context need them too."""
    for helper in (explain, words_for, jargon_in, in_plain_words):
        app.add_template_global(helper)
    app.add_template_filter(day)
