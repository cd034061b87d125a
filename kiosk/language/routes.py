"""Switching language: remembered for the signed-in person, kept on this kiosk before sign-in."""
from flask import abort, redirect, request, session, url_for

from kiosk.extensions import db
from kiosk.i18n import LANGUAGES, SESSION_KEY
from kiosk.security import local_path
from kiosk.services.access import sign_in
from kiosk.signin.access import load_visit, signed_in_person, waiting_for_own_pin

from . import bp


@bp.route("/language", methods=["POST"])
def choose():
    """A button of the chooser was pressed: use that language, then go back to the same page.

    Before sign-in, and while a person still has to choose their own PIN after a staff reset,
    the choice lives in the session cookie: nothing in their account changes until then.
    Sign-in (or choosing the PIN) carries it into the account; Finish clears it, so the next
    person starts afresh.
    """
    language = request.form.get("language")
    if language not in LANGUAGES:
        abort(400)
    visit = load_visit()
    if visit is None or waiting_for_own_pin(visit):
        session[SESSION_KEY] = language
    else:
        with db.transaction() as db_session:
            sign_in.choose_language(db_session, signed_in_person(), language)
    return redirect(local_path(request.form.get("next")) or url_for("start.index"))
