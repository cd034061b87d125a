"""Who has looked at or printed the person's record: the role and the day, never a name."""
from flask import g, render_template
from flask_babel import lazy_gettext as _l

from kiosk.extensions import db
from kiosk.services.staff import audit
from kiosk.signin.access import person_required

from . import bp

# The staff roles in the person's words (staff see their own names for them).
LOOKED_BY = {
    "personal_officer": _l("A personal officer"),
    "case_coordinator": _l("A case coordinator"),
    "social_worker": _l("A social worker"),
    "rmt_administrator": _l("The office of the risk team"),
    "manager": _l("A manager"),
    "administrator": _l("A system manager"),
}
WHAT_THEY_DID = {audit.VIEW: _l("Looked at your record"), audit.PRINT: _l("Printed your papers")}


@bp.route("/who-has-looked")
@person_required
def record_views():
    """The person can see that staff use their record, and when."""
    views = audit.views_of_person(db.session, g.visit.person_id)
    rows = [(LOOKED_BY.get(view.role, _l("A member of staff")), WHAT_THEY_DID[view.action], view.on)
            for view in views]
    return render_template("pages/record_views.html", rows=rows)
