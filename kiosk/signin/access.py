"""Who is signed in at this kiosk: one place that every personal page goes through."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import wraps

from flask import current_app, g, redirect, request, session, url_for

from kiosk.extensions import db
from kiosk.i18n import best_language
from kiosk.models import KioskAccount, Person
from kiosk.services import display, sign_in

TOKEN_KEY = "kiosk_token"
# After staff reset a PIN, these are the only pages open until the person chooses their own.
PIN_CHOICE_ENDPOINTS = {"signin.choose_pin", "signin.still_here"}


def now() -> datetime:
    """The time now, in UTC."""
    return datetime.now(timezone.utc)


def idle_limit() -> timedelta:
    """How long a kiosk may sit untouched before the visit ends."""
    return timedelta(seconds=current_app.config["KIOSK_IDLE_SECONDS"])


def load_signed_in_person() -> Person | None:
    """Find the person of this visit and set g.person, g.account, g.display and g.language."""
    found = sign_in.resume_visit(db.session, session.get(TOKEN_KEY), now(), idle_limit())
    if db.session.dirty or db.session.deleted:  # the visit was touched or ended: keep that
        db.session.commit()
    if found is None:
        session.pop(TOKEN_KEY, None)
        return None
    person, account = found
    show_pages_as(person, account)
    return person


def show_pages_as(person: Person, account: KioskAccount) -> None:
    """Set what every kiosk page reads: whose record, their display settings and language.

    Staff "see what they see" calls this too, so their preview is the person's own pages.
    """
    g.person, g.account = person, account
    g.display = display.settings_for(person, account)
    g.language = account.language or best_language(person.preferred_language)


def person_required(view):
    """Let a view run only for a signed-in person; anyone else goes to the sign-in page."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if load_signed_in_person() is None:
            return redirect(url_for("signin.sign_in_page"))
        if g.account.pin_reset_at is not None and request.endpoint not in PIN_CHOICE_ENDPOINTS:
            return redirect(url_for("signin.choose_pin"))
        return view(*args, **kwargs)

    return wrapper
