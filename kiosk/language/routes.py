"""Switching language: remembered for the signed-in person, kept on this kiosk before sign-in."""
from flask import abort, redirect, request, session, url_for

from kiosk.extensions import db
from kiosk.i18n import LANGUAGES, SESSION_KEY
from kiosk.services import sign_in
from kiosk.signin.access import load_visit, signed_in_person
from kiosk.signin.routes import _local_path

from . import bp


@bp.route("/language", methods=["POST"])
def choose():
    """A button of the chooser was pressed: use that language, then go back to the same page.

    Before sign-in the choice lives in the session cookie until sign-in carries it into the
    person's account; Finish clears it, so the next person starts afresh.
    """
    language = request.form.get("language")
    if language not in LANGUAGES:
        abort(400)
    if load_visit() is None:
        session[SESSION_KEY] = language
    else:
        with db.transaction() as db_session:
            sign_in.choose_language(db_session, signed_in_person(), language)
    return redirect(_local_path(request.form.get("next")) or url_for("start.index"))
