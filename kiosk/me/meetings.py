"""Meetings and decisions about the person. A key that is not theirs answers 404."""
from flask import abort, g, render_template

from kiosk.extensions import db
from kiosk.services.records import pages as record_pages
from kiosk.signin.access import person_required

from . import bp
from kiosk.templating import today


@bp.route("/meetings")
@person_required
def meetings():
    """Meetings to come and meetings gone by."""
    page = record_pages.meetings_page(db.session, g.visit.person_id, today(),
                                      g.visit.previous_visit_at)
    return render_template("pages/meetings.html", page=page)


@bp.route("/meetings/<key>")
@person_required
def meeting(key: str):
    """One meeting: what it is for, who goes, how to get ready, and what was agreed."""
    page = record_pages.meeting_page(db.session, g.visit.person_id, key, today())
    if page is None:
        abort(404)
    return render_template("pages/meeting.html", page=page)


@bp.route("/decisions")
@person_required
def decisions():
    """Every decision about the person, newest first."""
    page = record_pages.decisions_page(db.session, g.visit.person_id, g.visit.previous_visit_at)
    return render_template("pages/decisions.html", decisions=page)


@bp.route("/decisions/<key>")
@person_required
def decision(key: str):
    """One decision: what, why, what next, when it is looked at again, how to give views."""
    page = record_pages.decision_page(db.session, g.visit.person_id, key, g.visit.previous_visit_at)
    if page is None:
        abort(404)
    return render_template("pages/decision.html", view=page)
