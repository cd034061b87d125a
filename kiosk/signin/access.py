"""Who is signed in at this kiosk: one place that every personal page goes through."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import wraps

from flask import current_app, g, redirect, session, url_for

from kiosk.extensions import db
from kiosk.i18n import best_language
from kiosk.models import Person
from kiosk.services import display, sign_in

TOKEN_KEY = "kiosk_token"


def now() -> datetime:
    """The time now, in UTC."""
    return datetime.now(timezone.utc)


def idle_limit() -> timedelta:
    """How long a kiosk may sit untouched before the visit ends."""
    return timedelta(seconds=current_app.config["KIOSK_IDLE_SECONDS"])


def load_signed_in_person() -> Person | None:
    """Find the person of this visit and set g.person, g.account, g.display and g.language."""
    with db.transaction() as db_session:
        visit = sign_in.resume_visit(db_session, session.get(TOKEN_KEY), now(), idle_limit())
        if visit is None:
            session.pop(TOKEN_KEY, None)
            return None
        person = db_session.get(Person, visit.person_id)
        account = sign_in.account_for(db_session, person)
    g.person, g.account = person, account
    g.display = display.settings_for(person, account)
    g.language = account.language or best_language(person.preferred_language)
    return person


def person_required(view):
    """Let a view run only for a signed-in person; anyone else goes to the sign-in page."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if load_signed_in_person() is None:
            return redirect(url_for("signin.sign_in_page"))
        return view(*args, **kwargs)

    return wrapper
