"""What the person's page templates can call: wording from content/, jargon finding, dates.

Registered app-wide through a route-less blueprint, so templates (and the macros they import)
can use them without the views passing them along, and staff can preview kiosk pages even
where the kiosk itself is switched off.
"""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, current_app, g

from kiosk.i18n import babel_locale, format_day, select_locale
from kiosk.services.wording.content import Content, Explanation, content_for
from kiosk.services.wording.plain_language import Segment, annotate

bp = Blueprint("page_helpers", __name__)


def locale() -> str:
    """The Babel locale of the signed-in person's language."""
    return babel_locale(select_locale())


def content() -> Content:
    """All person-facing wording in the person's language."""
    return content_for(select_locale())


def today() -> date:
    """Today in the prison's time zone (dates in the records are local calendar dates)."""
    return datetime.now(ZoneInfo(current_app.config["TIMEZONE"])).date()


@bp.app_template_global("explain")
def explain(key: str) -> Explanation:
    """One explanation from content/ by its dotted key."""
    return content().explain(key)


@bp.app_template_global("words_for")
def words_for(field: str, value: str) -> str:
    """Plain words for one record value, in the person's language (never a raw code)."""
    return content().label(field, value)


@bp.app_template_global("jargon_in")
def jargon_in(text: str) -> list[Segment]:
    """Staff text split into plain runs and glossary terms.

    One `seen` set per page (a page is one request), so each term is spelled out in full only
    the first time it appears on the page.
    """
    if "jargon_seen" not in g:
        g.jargon_seen = set()
    return annotate(text, content().glossary, g.jargon_seen)


@bp.app_template_filter("day")
def day(value: date, style: str = "long") -> str:
    """A date written out in the person's language, e.g. '12 March 2027'."""
    return format_day(value, select_locale(), style)
