"""The player on every kiosk page: whether it shows, and the page's sentences marked for it.

A page is sent with its text as it is. Marking every sentence costs about a quarter of making
a page, and most pages are read, not listened to, so the marks are made only when the player
asks for them (`kiosk.speech.pages.marked_main`), as Play is first pressed."""
from __future__ import annotations

from typing import NamedTuple

from flask import current_app, g, has_request_context, request
from markupsafe import Markup

from kiosk.services.speech import sentences

from . import EXTENSION, bp

# Blueprints whose pages are a person's own, with the player on them.
SPOKEN_BLUEPRINTS = frozenset({"me", "letters"})
# Set in the WSGI environ of a page rendered again for the player (never from the browser).
MARKING = "kiosk.mark_sentences"


class Player(NamedTuple):
    """What the player needs to know about the page it is on."""

    page: str  # the page's path and query, as the audio routes take it
    speed: str
    marking: bool  # this render is for the player, so its sentences are marked

    def mark(self, main_html: str) -> Markup:
        """The page's main part with its sentences marked for highlighting."""
        return sentences.mark(main_html, g.language).html


def player_here() -> Player | None:
    """A player for this page: on a person's own pages, when read aloud is on for them and
    espeak-ng is installed; never in a staff preview, nor on paper (no request there)."""
    if (not has_request_context() or EXTENSION not in current_app.extensions
            or request.blueprint not in SPOKEN_BLUEPRINTS
            or g.get("staff_preview") or "display" not in g or not g.display.read_aloud):
        return None
    query = request.query_string.decode("utf-8", "replace")
    return Player(page=request.path + (f"?{query}" if query else ""), speed=g.display.reading_speed,
                  marking=bool(request.environ.get(MARKING)))


@bp.app_context_processor
def _player() -> dict:
    return {"read_aloud_player": player_here()}
