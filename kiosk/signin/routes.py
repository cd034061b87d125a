"""Routes for signing in, keeping a visit alive, and finishing."""
from flask import g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from kiosk.extensions import db
from kiosk.i18n import chosen_before_sign_in
from kiosk.security import local_path
from kiosk.services.access import sign_in

from . import bp
from .access import TOKEN_KEY, now, person_required, signed_in_person
from .forms import ChoosePinForm, SignInForm


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in_page():
    """Prison number and PIN; the same answer for an unknown number and a wrong PIN."""
    form = SignInForm()
    problem = None
    if form.validate_on_submit():
        with db.transaction() as db_session:
            result = sign_in.check_pin(db_session, form.prison_number.data, form.pin.data, now())
            if result.person is not None:
                token = sign_in.start_visit(db_session, result.person, now())
                if language := chosen_before_sign_in():
                    sign_in.choose_language(db_session, result.person, language)
        if result.person is not None:
            session.clear()
            session[TOKEN_KEY] = token
            return redirect(url_for("me.home"))
        problem = _sign_in_problem(result)
    return render_template("signin/sign_in.html", form=form, problem=problem)


def _sign_in_problem(result: sign_in.SignInResult) -> str:
    if result.problem == "locked":
        return _("This prison number is locked for %(minutes)d minutes after 5 wrong PINs. "
                 "Please wait, or ask your personal officer for help.",
                 minutes=result.locked_minutes)
    return _("The prison number or PIN is not right. Please check them and try again.")


@bp.route("/choose-pin", methods=["GET", "POST"])
@person_required
def choose_pin():
    """After staff reset the PIN: the person chooses their own before anything else."""
    if g.visit.pin_reset_at is None:
        return redirect(url_for("me.home"))
    form = ChoosePinForm()
    problem = None
    if form.validate_on_submit():
        with db.transaction() as db_session:
            chosen = sign_in.choose_own_pin(db_session, signed_in_person(), form.pin.data)
            if chosen and (language := chosen_before_sign_in()):
                sign_in.choose_language(db_session, signed_in_person(), language)
        if chosen:
            return redirect(url_for("me.home"))
        problem = _("Please choose a new PIN, not the one on your slip.")
    return render_template("signin/choose_pin.html", form=form, problem=problem)


@bp.route("/finish", methods=["POST"])
def finish():
    """End the visit on the server and clear this screen."""
    with db.transaction() as db_session:
        sign_in.end_visit(db_session, session.get(TOKEN_KEY))
    session.clear()
    return redirect(url_for("signin.finished"))


@bp.route("/finished")
def finished():
    """Tell the person they have finished and nothing of theirs is left on screen."""
    return render_template("signin/finished.html", timed_out=False)


@bp.route("/timed-out")
def timed_out():
    """The visit ended because the kiosk was left alone: say so kindly."""
    with db.transaction() as db_session:
        sign_in.end_visit(db_session, session.get(TOKEN_KEY))
    session.clear()
    return render_template("signin/finished.html", timed_out=True)


@bp.route("/still-here", methods=["POST"])
@person_required
def still_here():
    """'I need more time': the visit was just renewed by `person_required`."""
    if request.headers.get("HX-Request") or request.accept_mimetypes.best == "application/json":
        return "", 204
    return redirect(local_path(request.form.get("next")) or url_for("me.home"))
