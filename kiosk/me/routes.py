"""The person's home page and the pages about their plan, dates, risk, courses and workers.

Every view is thin: it asks a service for a small view model scoped to the signed-in person
(g.visit, set by `person_required`) and renders it. Meetings and decisions are in
`meetings.py`.
"""
from flask import g, render_template, request

from kiosk.data import letter_queries
from kiosk.extensions import db
from kiosk.services.records import key_dates
from kiosk.services.records import pages as record_pages
from kiosk.signin.access import person_required, signed_in_person

from . import bp
from .page_memory import remembered
from kiosk.templating import content, locale, today


def _since():
    """When the person last used the kiosk before this visit (None on a first visit)."""
    return g.visit.previous_visit_at


@bp.route("/")
@person_required
def home():
    """Tiles for each section, and what is new since the last visit."""
    page = record_pages.home_page(db.session, g.visit.person_id, _since())
    unsent = bool(letter_queries.drafts_of(db.session, g.visit.person_id))
    return render_template("pages/home.html", person=signed_in_person(), page=page,
                           unsent_letter=unsent)


@bp.route("/plan")
@person_required
@remembered
def plan():
    """The agreed plan: what has been done, and what is still to do."""
    page = record_pages.plan_page(db.session, g.visit.person_id, _since())
    return render_template("pages/plan.html", page=page)


@bp.route("/dates")
@person_required
@remembered
def dates():
    """Key dates with what each means; past dates apart; a worked-out window if any."""
    page = key_dates.key_dates(db.session, g.visit.person_id, today=today(), locale=locale(),
                               since=_since())
    return render_template("pages/dates.html", page=page)


@bp.route("/risk")
@person_required
@remembered
def risk():
    """Risk and supervision: strengths first, what can change, the level as one fact."""
    page = record_pages.risk_page(db.session, g.visit.person_id)
    return render_template("pages/risk.html", page=page)


@bp.route("/programmes")
@person_required
@remembered
def programmes():
    """Courses: finished ones first, then where each other one stands."""
    page = record_pages.programmes_page(db.session, g.visit.person_id)
    return render_template("pages/programmes.html", page=page)


@bp.route("/licence")
@person_required
@remembered
def licence():
    """Licence conditions in plain words, and what happens if one is broken."""
    page = record_pages.licence_page(db.session, g.visit.person_id)
    return render_template("pages/licence.html", page=page)


@bp.route("/people")
@person_required
@remembered
def people():
    """Who's who: each worker, what they do and how to reach them."""
    staff = record_pages.people_page(db.session, g.visit.person_id)
    return render_template("pages/people.html", staff=staff)


@bp.route("/glossary")
@person_required
@remembered
def glossary():
    """Every word staff use, searchable with a plain form that needs no JavaScript."""
    page = record_pages.glossary_page(content().glossary, request.args.get("q"))
    return render_template("pages/glossary.html", page=page)
