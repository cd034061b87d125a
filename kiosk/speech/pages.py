"""A person's page rendered again inside an audio request, to find the words to say.

The audio routes take no words from the browser: only the address of one of the person's own
pages. That page is rendered again for them, exactly as they would see it now (through its own
access checks), and its sentences are found as
the player's were. So the server only ever speaks what this person may read, and nobody can
make it say anything else.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import current_app, request
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect
from werkzeug.test import EnvironBuilder

from kiosk.services.speech.sentences import Sentence, sentences_in_page

from .player import MARKING, SPOKEN_BLUEPRINTS

MAX_ADDRESS = 1000
# A page has one <main>; the marked part is all that is inside it.
_MAIN = re.compile(r"<main\b[^>]*>(.*)</main>", re.DOTALL)


def sentences_on(page: str) -> tuple[Sentence, ...] | None:
    """The sentences of one of the signed-in person's pages, or None if it is not one."""
    html = _render_again(page, marking=False)
    return None if html is None else sentences_in_page(html)


def marked_main(page: str) -> str | None:
    """What is inside the <main> of one of the signed-in person's pages, each sentence marked
    for the player, or None if it is not one of their pages."""
    html = _render_again(page, marking=True)
    found = html and _MAIN.search(html)
    return found.group(1) if found else None


def _render_again(page: str, marking: bool) -> str | None:
    """The page's HTML as a plain GET from this browser would get it (its own app context, so
    nothing is shared with the audio request); None if that is not a person's own page."""
    parts = urlsplit(page or "")
    if (len(page) > MAX_ADDRESS or parts.scheme or parts.netloc or parts.fragment
            or not parts.path.startswith("/") or parts.path.startswith("//")):
        return None
    try:
        endpoint, _ = current_app.url_map.bind("localhost").match(parts.path, method="GET")
    except (HTTPException, RequestRedirect):
        return None
    if endpoint.partition(".")[0] not in SPOKEN_BLUEPRINTS:
        return None
    app = current_app._get_current_object()
    environ = EnvironBuilder(path=parts.path, query_string=parts.query, base_url=request.host_url,
                             headers={"Cookie": request.headers.get("Cookie", "")},
                             environ_overrides={MARKING: marking}).get_environ()
    with app.app_context(), app.request_context(environ):
        response = app.full_dispatch_request()
        if response.status_code != 200 or response.mimetype != "text/html":
            return None
        return response.get_data(as_text=True)
