"""Finding people (caseload, hall and search) and a person's record as staff see it."""
from flask import g, render_template, request

from kiosk.data import queries, staff_queries
from kiosk.extensions import db
from kiosk.services.access.staff_access import Permission, person_scope
from kiosk.services.staff import summaries

from . import bp
from .access import staff_required, viewed_person
from .forms import ConfirmForm, SearchForm


@bp.route("/people")
@staff_required(Permission.FIND_PEOPLE)
def people():
    """Search by name or prison number; with no search, the caseload and hall."""
    form = SearchForm(request.args)
    typed = form.q.data if form.validate() else ""
    results = staff_queries.search_people(db.session, person_scope(g.staff_user), typed) if typed else None
    return render_template(
        "staff/people.html", form=form, typed=typed, results=results,
        limit=staff_queries.SEARCH_LIMIT,
        caseload=staff_queries.caseload_people(db.session, g.staff_user) if not typed else [],
        hall=staff_queries.hall_people(db.session, g.staff_user) if not typed else [])


@bp.route("/people/<int:person_id>")
@staff_required(Permission.FIND_PEOPLE)
def person(person_id: int):
    """One person's record, summaries and PIN, and what reaches them only in English (licence
    conditions no phrase says are flagged); every opening is written to the audit trail."""
    person = viewed_person(person_id, "record page")
    plan = staff_queries.plan_of(db.session, person.id)
    decisions = staff_queries.decisions_of(db.session, person.id)
    return render_template(
        "staff/person.html", person=person, pin_form=ConfirmForm(), plan=plan, decisions=decisions,
        summaries=queries.plain_summaries_for(db.session, person.id),
        plain=summaries.record_in_plain_words(db.session, person.id, plan, decisions))
