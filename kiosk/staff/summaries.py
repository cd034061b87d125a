"""Plain summaries beside an official decision or plan, composed from the phrase bank, and
the plain-language checker.

The checker form posts to itself and shows the report; with htmx the same report comes back
as a fragment while staff type, but only when the request targets it.
"""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup

from kiosk.extensions import db
from kiosk.services.access.staff_access import Permission
from kiosk.services.staff import summaries
from kiosk.services.wording import checker, phrases

from . import bp, summary_form
from .access import now, person_or_404, staff_required, viewed_person
from .as_seen import seen_by
from .forms import CheckerForm, SummaryForm

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
    """Compose the plain summary shown to the person beside the official text: a phrase for
    each line staff wrote, phrases added, their own words (checked), and a preview in the
    person's language as they will see it."""
    if request.method == "POST" and _wants_report_fragment():
        person_or_404(person_id)
        return _fragment()
    person = viewed_person(person_id, f"plain summary of {kind} {item_key}")
    target = summaries.target_of(db.session, person.id, kind, item_key) or abort(404)
    lines = summaries.lines_of(db.session, person.id, target)
    existing = summaries.summary_of(db.session, person.id, kind, item_key)
    form = SummaryForm(data={"text": existing.text} if existing else None)
    posted = request.method == "POST"
    rows = (summary_form.rows_from_form(request.form, lines) if posted
            else summary_form.rows_from_choices(summaries.choices_of(existing), lines))
    choices = [row.choice for row in rows if row.choice]
    problems = [problem for choice in choices for problem in summaries.problems(choice)]
    valid = posted and form.validate_on_submit()
    if valid and request.form.get("action") == "save" and not problems:
        with db.transaction() as db_session:
            summaries.save(db_session, g.staff_user, person, kind, item_key, form.text.data or "", now(), choices)
        flash(_("The plain summary is saved. The person will see it beside the official text."))
        return redirect(url_for("staff.person", person_id=person.id))
    text = form.text.data or ""
    plain = summaries.compose([c for c in choices if not summaries.problems(c)], lines, text, now().date())
    with seen_by(person):
        preview = Markup(render_template("staff/_summary_preview.html", plain=plain, kind=kind))
    return render_template("staff/summary.html", person=person, kind=kind, target=target, rows=rows,
                           form=form, problems=problems if posted else [], preview=preview,
                           report=checker.check(text) if valid and text.strip() else None,
                           example=summary_form.example, slot_labels=summaries.SLOT_LABELS,
                           roles=phrases.bank().roles)
