"""Record pages kept once rendered, so a person moving around their pages waits less.

A page such as the plan costs several queries and many template macros, yet what it shows
only changes when something in its key changes: the person's record or a staff summary (the
importer and plain summaries both move `Person.updated_at`), their settings and language,
their last visit (the "new" marks) or the day (the "in 3 weeks" words). Each rendered page is
kept in this process's memory under a key made of all of those, so a kept page is never out
of date, and app processes behind one database need nothing shared: a change in the
database is a new key everywhere.

The script nonce differs on every response: it is taken out when a page is kept and a fresh
one put back each time it is sent. The form token (for Finish) is tied to the browser
session's secret, which is part of the key, and never expires (WTF_CSRF_TIME_LIMIT is None),
so a kept page's token stays good. A staff preview (its banner and links differ) and any
answer that is not a page are never kept. A page served from here reads only the visit row
(`g.visit`): no ORM object is loaded at all.
"""
from __future__ import annotations

from functools import wraps
from threading import Lock

from cachetools import LRUCache
from flask import Flask, current_app, g, request, session
from flask_wtf.csrf import generate_csrf

from kiosk.security import csp_nonce

from kiosk.templating import today

# It contains "<", which escaped text can never hold, so no record text can look like it.
NONCE_MARK = "<!--kiosk:nonce-->"
EXTENSION = "kiosk_page_memory"


class PageMemory:
    """A bounded store of rendered pages, safe for a threaded server."""

    def __init__(self, size: int) -> None:
        self._pages: LRUCache = LRUCache(maxsize=size)
        self._lock = Lock()

    def get(self, key: tuple) -> str | None:
        with self._lock:
            return self._pages.get(key)

    def keep(self, key: tuple, page: str) -> None:
        with self._lock:
            self._pages[key] = page


def init_app(app: Flask) -> None:
    """Give each app its own memory, so two apps (or two test databases) never share pages.

    Only while form tokens never expire, since a kept page keeps the token it was made with.
    """
    if app.config["KIOSK_PAGE_MEMORY_SIZE"] > 0 and app.config["WTF_CSRF_TIME_LIMIT"] is None:
        app.extensions[EXTENSION] = PageMemory(app.config["KIOSK_PAGE_MEMORY_SIZE"])


def remembered(view):
    """Serve a kept copy of a record page when nothing it shows can have changed."""

    @wraps(view)
    def wrapper(**kwargs):
        memory: PageMemory | None = current_app.extensions.get(EXTENSION)
        if memory is None or g.get("staff_preview"):
            return view(**kwargs)
        key = _page_key(view.__name__, kwargs)
        kept = memory.get(key)
        if kept is not None:
            return kept.replace(NONCE_MARK, csp_nonce())
        page = view(**kwargs)
        if isinstance(page, str):
            memory.keep(key, page.replace(csp_nonce(), NONCE_MARK))
        return page

    return wrapper


def _page_key(view_name: str, arguments: dict) -> tuple:
    """Everything a record page depends on; any change makes a new key."""
    visit = g.visit
    return (
        view_name, tuple(sorted(arguments.items())), request.query_string, _form_secret(),
        visit.person_id, visit.record_updated_at, g.language, g.display, visit.previous_visit_at,
        today(),
    )


def _form_secret() -> str:
    """The session's secret behind its form tokens, made now if this is its first page."""
    field = current_app.config["WTF_CSRF_FIELD_NAME"]
    if field not in session:
        generate_csrf()
    return session[field]
