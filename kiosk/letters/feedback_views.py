"""Feedback: "Was this page clear?" from decision and meeting pages, and about the kiosk."""
from __future__ import annotations

from flask import abort, g, redirect, render_template, url_for

from kiosk.errors import error_page
from kiosk.extensions import db
from kiosk.services.letters import feedback
from kiosk.signin.access import now, person_required
from kiosk.templating import today

from . import bp
from .forms import FeedbackForm

BACK_TO = {feedback.DECISION: "me.decision", feedback.MEETING: "me.meeting"}


@bp.route("/feedback", methods=["POST"])
@person_required
def page_feedback():
    """Store the answer about one of the person's own decisions or meetings, then go back."""
    form = FeedbackForm()
    if not form.validate_on_submit():
        return error_page("too_long" if form.words.errors else 400, 400)
    if form.page.data not in BACK_TO:
        abort(400)
    topic = feedback.topic_of(db.session, g.visit.person_id, form.page.data, form.key.data)
    if topic is False:
        abort(404)
    if form.has_something():
        _store(form, topic)
    return redirect(url_for(BACK_TO[form.page.data], key=form.key.data, feedback="thanks",
                            _anchor="feedback"))


@bp.route("/about-these-pages", methods=["GET", "POST"])
@person_required
def kiosk_feedback():
    """Words about the kiosk itself, and where to go for a complaint (this is not one)."""
    form = FeedbackForm(data={"page": feedback.KIOSK})
    thanked = False
    valid = form.validate_on_submit()
    if form.words.errors:
        return error_page("too_long", 400)
    if valid and form.has_something():
        _store(form, None, page=feedback.KIOSK)
        form, thanked = FeedbackForm(formdata=None, data={"page": feedback.KIOSK}), True
    return render_template("letters/kiosk_feedback.html", form=form, thanked=thanked)


def _store(form: FeedbackForm, topic: str | None, page: str | None = None) -> None:
    feedback.give(db.session, g.visit.person_id, page=page or form.page.data,
                  key=form.key.data or None, topic=topic, understood=form.understood.data or None,
                  words=form.words.data or "", anonymous=form.anonymous.data, now=now(),
                  today=today())
