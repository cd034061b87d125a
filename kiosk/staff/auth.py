"""Staff signing in and out, and the staff home page."""
from flask import g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from kiosk.extensions import db
from kiosk.i18n import DEFAULT_LANGUAGE
from kiosk.security import local_path
from kiosk.services.access import lockout, staff_accounts
from kiosk.services.staff import audit

from . import bp
from .access import TOKEN_KEY, load_staff_user, now, staff_required
from .forms import ConfirmForm, SignInForm


@bp.before_request
def staff_pages_are_english():
    """Staff pages never take the kiosk's language from a shared browser session."""
    g.language = DEFAULT_LANGUAGE


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    """Username and password; the same answer for an unknown username and a wrong password."""
    form = SignInForm()
    problem = None
    if form.validate_on_submit():
        with db.transaction() as db_session:
            result = staff_accounts.check_password(db_session, form.username.data,
                                                   form.password.data, now(),
                                                   request.remote_addr or "")
            if result.user is not None:
                token = staff_accounts.start_session(db_session, result.user, now())
                audit.record(db_session, result.user, audit.SIGN_IN)
        if result.user is not None:
            session.clear()  # ends any kiosk visit in this browser too
            session[TOKEN_KEY] = token
            return redirect(local_path(request.args.get("next"), "/staff/") or url_for("staff.home"))
        problem = _problem(result)
    return render_template("staff/sign_in.html", form=form, problem=problem)


def _problem(result: staff_accounts.SignInResult) -> str:
    if result.problem == "locked":
        return _("After %(tries)d wrong passwords, this username is locked on this computer for "
                 "%(minutes)d minutes. You can still sign in from another computer.",
                 minutes=result.locked_minutes, tries=lockout.MAX_FAILURES)
    return _("The username or password is not right.")


@bp.route("/sign-out", methods=["POST"])
def sign_out():
    """End the session on the server and clear the cookie."""
    form = ConfirmForm()
    if form.validate_on_submit():
        user = load_staff_user()
        with db.transaction() as db_session:
            staff_accounts.end_session(db_session, session.get(TOKEN_KEY))
            if user is not None:
                audit.record(db_session, user, audit.SIGN_OUT)
        session.clear()
    return redirect(url_for("staff.signed_out"))


@bp.route("/signed-out")
def signed_out():
    """Say the member of staff has signed out (or was signed out after a pause)."""
    return render_template("staff/signed_out.html")


@bp.route("/")
@staff_required()
def home():
    """What this member of staff can do, by their role."""
    return render_template("staff/home.html")
