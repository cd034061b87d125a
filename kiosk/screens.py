"""A person's pages on screen, from the record-page registry: the same for the person at the
kiosk and for staff seeing what they see.

Both sides set `g.visit` (whose record, their settings and language) before asking for a
page; this module builds the page's data through its registry entry and renders its body
macro inside the kiosk layout, so the two can never show different things.
"""
from __future__ import annotations

from flask import abort, g, render_template, request

from kiosk.extensions import db
from kiosk.services.records import pages, registry
from kiosk.services.records.registry import PageContext, RecordPage
from kiosk.templating import today

SCREEN = "layouts/record_page.html"


def page_context(key: str | None = None) -> PageContext:
    """What the page's builder may know about this visit."""
    return PageContext(session=db.session, person_id=g.visit.person_id, today=today(),
                       language=g.language, since=g.visit.previous_visit_at, key=key,
                       args=request.args)


def render_page(page: RecordPage, key: str | None = None) -> str:
    """One record page; "not found" when its builder finds nothing (a key not theirs)."""
    data = page.build(page_context(key))
    if data is None:
        abort(404)
    return render_template(SCREEN, body_template=page.template, title=page.title, page=data)


def render_home() -> str:
    """The home page: what is new, and a tile for each page this person is offered."""
    context = page_context()
    home = pages.home_page(context.session, context.person_id, context.since,
                           tiles=registry.tiles(context))
    return render_template(SCREEN, body_template="pages/home.html", title=None, page=home)
