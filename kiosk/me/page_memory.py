"""Record pages kept once rendered, so a person moving around their pages waits less.

A page such as the plan costs several queries and many template macros, yet what it shows
only changes when something in its key changes: the person's record or a staff summary (the
importer and plain summaries both move `Person.updated_at`), their settings and language,
their last visit (the "new" marks) or the day (the "in 3 weeks" words). Each rendered page is
kept in this process's memory under a key made of all of those, so a kept page is never out
of date, and app processes behind one database need nothing shared: a change in the
database is a new key everywhere.

Two parts of a page differ on every response, the script nonce and the form token; they are
taken out when a page is kept and fresh ones put back each time it is sent. A staff preview
(its banner and links differ) and any answer that is not a page are never kept.
"""
from __future__ import annotations

from functools import wraps
from threading import Lock

from cachetools import LRUCache
from flask import Flask, current_app, g, request
from flask_wtf.csrf import generate_csrf

from kiosk.security import csp_nonce

from .rendering import today

# Both contain "<", which escaped text can never hold, so no record text can look like them.
NONCE_MARK = "<!--kiosk:nonce-->"
TOKEN_MARK = "<!--kiosk:form-token-->"
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
    """Give each app its own memory, so two apps (or two test databases) never share pages."""
    if app.config["KIOSK_PAGE_MEMORY_SIZE"] > 0:
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
            return kept.replace(NONCE_MARK, csp_nonce()).replace(TOKEN_MARK, generate_csrf())
        page = view(**kwargs)
        if isinstance(page, str):
            memory.keep(key, _marked(page))
        return page

    return wrapper


def _marked(page: str) -> str:
    """The page with this response's nonce and form token swapped for marks."""
    return page.replace(csp_nonce(), NONCE_MARK).replace(generate_csrf(), TOKEN_MARK)


def _page_key(view_name: str, arguments: dict) -> tuple:
    """Everything a record page depends on; any change makes a new key."""
    person, account = g.person, g.account
    return (
        view_name, tuple(sorted(arguments.items())), request.query_string,
        person.id, person.updated_at, g.language, g.display, account.previous_visit_at, today(),
    )
