"""The audio routes. Each takes the address of one of the person's own pages, never words."""
from __future__ import annotations

from flask import abort, current_app, g, request

from kiosk.extensions import db
from kiosk.services.access import display
from kiosk.services.speech.voices import SPEEDS, SpeechUnavailable
from kiosk.signin.access import person_required

from . import bp, read_aloud
from .pages import marked_main, sentences_on


@bp.get("/sentence")
@person_required
def sentence():
    """One sentence of a page, named by its key: from the cache when it is our own wording
    (the cache holds nothing else), otherwise found on the page rendered again and made."""
    service = read_aloud() or abort(404)
    key, speed = request.args.get("key", ""), g.display.reading_speed
    audio = service.cached(key, speed)
    if audio is None:
        found = [s for s in sentences_on(request.args.get("page", "")) or () if s.key == key]
        if not found:
            abort(404)
        audio = _made(lambda: service.sentence(found[0], speed))
    return _audio(audio, service.mimetype)


@bp.get("/marked")
@person_required
def marked():
    """The page's main part with its sentences marked, asked for when Play is first pressed:
    the player puts the marks around the words already on screen."""
    read_aloud() or abort(404)
    html = marked_main(request.args.get("page", "")) or abort(404)
    return current_app.response_class(html, mimetype="text/html")


@bp.get("/page")
@person_required
def page():
    """A whole page as one sound file: the player's link for a browser without JavaScript."""
    service = read_aloud() or abort(404)
    found = sentences_on(request.args.get("page", "")) or abort(404)
    audio = _made(lambda: service.page(found, g.display.reading_speed))
    response = _audio(audio, service.mimetype)
    response.headers["Content-Disposition"] = f"inline; filename=page.{service.speaker.extension}"
    return response


@bp.post("/speed")
@person_required
def speed():
    """Remember the speed the person chose on the player, with their other settings."""
    chosen = request.form.get("speed")
    if chosen not in SPEEDS:
        abort(400)
    with db.transaction() as session:
        display.save_choices(session, g.visit.person_id, read_aloud_speed=chosen)
    return "", 204


def _made(make):
    try:
        return make()
    except SpeechUnavailable as error:
        current_app.logger.warning("Read aloud could not make a sound: %s", error)
        abort(503)


def _audio(audio: bytes, mimetype: str):
    """Audio for this person only: no-store, like every page (kiosk.security adds it)."""
    return current_app.response_class(audio, mimetype=mimetype)
