"""Who is signed in at this kiosk: one place that every personal page goes through."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import wraps

from flask import current_app, g, redirect, request, session, url_for

from kiosk.extensions import db
from kiosk.i18n import best_language, chosen_before_sign_in
from kiosk.models import KioskAccount, Person
from kiosk.services.access import display
from kiosk.services.access import sign_in
from kiosk.services.access.sign_in import Visit

TOKEN_KEY = "kiosk_token"
# After staff reset a PIN, these are the only pages open until the person chooses their own.
PIN_CHOICE_ENDPOINTS = {"signin.choose_pin", "signin.still_here"}


def now() -> datetime:
    """The time now, in UTC."""
    return datetime.now(timezone.utc)


def idle_limit() -> timedelta:
    """How long a kiosk may sit untouched before the visit ends."""
    return timedelta(seconds=current_app.config["KIOSK_IDLE_SECONDS"])


def load_visit() -> Visit | None:
    """Check this kiosk's visit on the server and set g.visit, g.display and g.language."""
    visit = sign_in.resume_visit(db.session, session.get(TOKEN_KEY), now(), idle_limit())
    if visit is None:
        session.pop(TOKEN_KEY, None)
        return None
    show_pages_for(visit)
    if visit.pin_reset_at is not None:  # the account waits for their PIN; the kiosk does not
        g.language = chosen_before_sign_in() or g.language
    return visit


def show_pages_for(visit: Visit) -> None:
    """Set what every kiosk page reads: whose record, their display settings and language."""
    g.visit = visit
    g.display = display.settings_for(visit)
    g.language = visit.language or best_language(visit.preferred_language)


def show_pages_as(person: Person, account: KioskAccount) -> None:
    """Staff "see what they see": the person's own pages, from their loaded record."""
    show_pages_for(Visit.of(person, account))


def signed_in_person() -> Person:
    """The record of the person whose pages these are, read only when a page needs it.

    The session keeps one copy per request, so asking twice costs nothing.
    """
    return db.session.get(Person, g.visit.person_id)


def waiting_for_own_pin(visit: Visit) -> bool:
    """After a staff PIN reset, nothing but choosing a PIN (and Finish) works until it is
    chosen: the slip's PIN is known to staff, so it must not act for the person."""
    return visit.pin_reset_at is not None and request.endpoint not in PIN_CHOICE_ENDPOINTS


def person_required(view):
    """Let a view run only for a signed-in person; anyone else goes to the sign-in page."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        visit = load_visit()
        if visit is None:
            return redirect(url_for("signin.sign_in_page"))
        if waiting_for_own_pin(visit):
            return redirect(url_for("signin.choose_pin"))
        return view(*args, **kwargs)

    return wrapper
