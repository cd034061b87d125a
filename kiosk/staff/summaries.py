"""Plain summaries beside an official decision or plan, and the plain-language checker.

The checker form posts to itself and shows the report; with htmx the same report comes back
as a fragment while staff type, but only when the request targets it.
"""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from kiosk.extensions import db
from kiosk.services.access.staff_access import Permission
from kiosk.services.staff import summaries
from kiosk.services.wording import checker

from . import bp
from .access import now, person_or_404, staff_required, viewed_person
from .forms import CheckerForm

REPORT_TARGET = "checker-report"


def _wants_report_fragment() -> bool:
    """Only the checker's own as-you-type request gets the fragment (not history restores)."""
    return bool(request.headers.get("HX-Request")) and request.headers.get("HX-Target") == REPORT_TARGET


def _fragment():
    """The report alone, for the text typed so far (none past the summary's limit)."""
    form = CheckerForm()
    report = checker.check(form.text.data or "") if form.validate() else None
    return render_template("staff/_checker_report.html", report=report, form=form)


@bp.route("/checker", methods=["GET", "POST"])
@staff_required(Permission.WRITE_SUMMARIES)
def plain_checker():
    """Check any text: reading ease, long sentences, unexplained jargon, an easy-read preview."""
    if request.method == "POST" and _wants_report_fragment():
        return _fragment()
    form = CheckerForm()
    report = checker.check(form.text.data) if form.validate_on_submit() else None
    return render_template("staff/checker.html", form=form, report=report)


@bp.route("/people/<int:person_id>/summaries/<any(decision, plan):kind>/<item_key>",
          methods=["GET", "POST"])
@staff_required(Permission.WRITE_SUMMARIES)
def summary(person_id: int, kind: str, item_key: str):
    """Write the plain summary shown to the person beside the official text, checking it first."""
    if request.method == "POST" and _wants_report_fragment():
        person_or_404(person_id)
        return _fragment()
    person = viewed_person(person_id, f"plain summary of {kind} {item_key}")
    target = summaries.target_of(db.session, person.id, kind, item_key) or abort(404)
    existing = summaries.summary_of(db.session, person.id, kind, item_key)
    form = CheckerForm(data={"text": existing.text} if existing else None)
    report = checker.check(form.text.data) if form.validate_on_submit() else None
    if report is not None and request.form.get("action") == "save":
        with db.transaction() as db_session:
            summaries.save(db_session, g.staff_user, person, kind, item_key, form.text.data, now())
        flash(_("The plain summary is saved. The person will see it beside the official text."))
        return redirect(url_for("staff.person", person_id=person.id))
    return render_template("staff/summary.html", person=person, kind=kind, target=target,
                           existing=existing, form=form, report=report)
