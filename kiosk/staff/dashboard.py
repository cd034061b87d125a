"""The manager's dashboard."""
from flask import g, render_template

from kiosk.data import dashboard_queries as board
from kiosk.data import review_queries
from kiosk.extensions import db
from kiosk.services.access.staff_access import Permission, person_scope
from kiosk.services.staff import summaries
from kiosk.services.wording import review

from . import bp
from .access import may, now, staff_required


@bp.route("/dashboard")
@staff_required(Permission.VIEW_DASHBOARD)
def dashboard():
    """People with no plan, plans not printed, risk not shared, counts by hall, how much of what
    staff wrote still reaches people only in English, and for a reviewer, how many
    explanations wait to be confirmed."""
    scope = person_scope(g.staff_user)
    unconfirmed = (review.unconfirmed_count(review_queries.newest_reviews(db.session))
                   if may(Permission.REVIEW_EXPLANATIONS) else None)
    return render_template(
        "staff/dashboard.html",
        no_plan=board.people_without_plan(db.session, scope),
        not_printed=board.plans_not_printed(db.session, scope, now()),
        not_shared=board.risk_not_shared(db.session, scope),
        halls=board.counts_by_hall(db.session, scope),
        english_only=summaries.english_only(db.session, scope),
        limit=board.LIST_LIMIT, unconfirmed=unconfirmed)
