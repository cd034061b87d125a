"""Managers searching the audit trail."""
from flask import g, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from kiosk.data import audit_queries, staff_queries
from kiosk.extensions import db
from kiosk.services.access.staff_access import Permission
from kiosk.services.staff import audit

from . import bp
from .access import staff_required
from .forms import choice, AuditSearchForm

ACTION_NAMES = {
    audit.VIEW: _l("Looked at a record"), audit.PRINT: _l("Printed a record"),
    audit.CHANGE: _l("Changed a record"), audit.PIN_RESET: _l("Reset a PIN"),
    audit.EXPORT: _l("Exported a record"), audit.IMPORT: _l("Imported records"),
    audit.SIGN_IN: _l("Signed in"), audit.SIGN_OUT: _l("Signed out"),
    audit.USER_CHANGE: _l("Changed a staff account"),
    audit.REVIEW: _l("Confirmed what people are told"),
}


@bp.route("/audit")
@staff_required(Permission.SEARCH_AUDIT)
def audit_trail():
    """Who did what to whose record, and when; search by prison number, username or action."""
    form = AuditSearchForm(request.args)
    form.action.choices = [choice("", _("Any"))] + [choice(a, str(ACTION_NAMES[a])) for a in audit.ACTIONS]
    events, unknown_number = None, False
    if request.args and form.validate():
        establishment_id = g.staff_user.establishment_id
        person = (staff_queries.person_by_number(db.session, form.prison_number.data,
                                                 establishment_id)
                  if form.prison_number.data else None)
        unknown_number = bool(form.prison_number.data) and person is None
        query = audit_queries.TrailQuery(person_id=person.id if person else None,
                                        username=form.username.data or None,
                                        action=form.action.data or None,
                                        establishment_id=establishment_id)
        events = [] if unknown_number else audit_queries.search(db.session, query)
    return render_template("staff/audit.html", form=form, events=events,
                           unknown_number=unknown_number, limit=audit_queries.SEARCH_LIMIT,
                           action_names=ACTION_NAMES)
