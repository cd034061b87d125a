"""Who is signed in on the staff side, and what they may open: every staff view goes through here.

The staff session lives under its own cookie key, so a kiosk visit (`kiosk_token`) can never
open a staff page, and the role rules come from `kiosk.services.access.staff_access` alone.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import wraps

from flask import abort, current_app, g, redirect, render_template, request, session, url_for

from kiosk.extensions import db
from kiosk.i18n import DEFAULT_LANGUAGE
from kiosk.models import Person, StaffUser
from kiosk.services.access import staff_accounts
from kiosk.services.access.staff_access import Permission, can_see_person, has_permission

TOKEN_KEY = "staff_token"


def now() -> datetime:
    """The time now, in UTC."""
    return datetime.now(timezone.utc)


def _limits() -> tuple[timedelta, timedelta]:
    """How long a staff session may sit idle, and how long it may last at most."""
    config = current_app.config
    return (timedelta(seconds=config["STAFF_IDLE_SECONDS"]),
            timedelta(seconds=config["STAFF_SESSION_SECONDS"]))


def load_staff_user() -> StaffUser | None:
    """Find the staff user of this session and set g.staff_user; staff pages are in English."""
    g.language = DEFAULT_LANGUAGE
    idle, longest = _limits()
    with db.transaction() as db_session:
        user = staff_accounts.resume_session(db_session, session.get(TOKEN_KEY), now(), idle,
                                             longest)
    if user is None:
        session.pop(TOKEN_KEY, None)
        return None
    g.staff_user = user
    return user


def staff_required(permission: Permission | None = None):
    """Let a view run only for signed-in staff whose role grants `permission`."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            user = load_staff_user()
            if user is None:
                return redirect(url_for("staff.sign_in", next=request.full_path.rstrip("?")))
            if permission is not None and not has_permission(user, permission):
                return render_template("staff/forbidden.html"), 403
            return view(*args, **kwargs)

        return wrapper

    return decorate


def caseload() -> set[int]:
    """The signed-in user's caseload, read once per request."""
    if "staff_caseload" not in g:
        g.staff_caseload = staff_accounts.caseload_ids(db.session, g.staff_user)
    return g.staff_caseload


def person_or_404(person_id: int) -> Person:
    """The person, if this user may see them.

    :raise 404: if there is no such person or they are outside the user's scope, so a URL
        never reveals whether someone exists.
    """
    person = db.session.get(Person, person_id)
    if person is None or not can_see_person(g.staff_user, person, caseload()):
        abort(404)
    return person


def may(permission: Permission) -> bool:
    """For templates: whether to offer a link the signed-in user can use."""
    user = g.get("staff_user")
    return user is not None and has_permission(user, permission)


def viewed_person(person_id: int, what: str) -> Person:
    """`person_or_404`, and the view written to the audit trail (every staff view of a person)."""
    from kiosk.services.staff import audit

    person = person_or_404(person_id)
    with db.transaction() as db_session:
        audit.record(db_session, g.staff_user, audit.VIEW, person, what)
    return person
