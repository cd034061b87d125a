"""See what they see: a person's kiosk pages exactly as they see them, read-only, for staff.

The pages are rendered by the kiosk's own views (in the person's language and display mode),
so the preview can never drift from what the person is shown. Each opening is audited.
"""
from flask import abort, g, url_for
from flask_babel import refresh

from kiosk.extensions import db
from kiosk.me import meetings, record_views, routes
from kiosk.models import KioskAccount
from kiosk.services.access.staff_access import Permission
from kiosk.signin.access import show_pages_as, signed_in_person

from . import bp
from .access import staff_required, viewed_person

# The kiosk pages staff can preview, by the name in the URL (the same as the kiosk endpoint).
KIOSK_PAGES = {
    "home": routes.home, "plan": routes.plan, "dates": routes.dates, "risk": routes.risk,
    "programmes": routes.programmes, "licence": routes.licence, "people": routes.people,
    "glossary": routes.glossary, "meetings": meetings.meetings, "meeting": meetings.meeting,
    "decisions": meetings.decisions, "decision": meetings.decision,
    "record_views": record_views.record_views,
}
# The pages about one item, named by its key in the URL; every other page takes no key.
KEYED_PAGES = {"meeting", "decision"}
# Blueprints that act for the signed-in person; the preview never links into them.
KIOSK_BLUEPRINTS = {"me", "signin", "letters", "language"}


@bp.route("/people/<int:person_id>/as-they-see-it/<page>")
@bp.route("/people/<int:person_id>/as-they-see-it/<page>/<key>")
@staff_required(Permission.FIND_PEOPLE)
def as_seen(person_id: int, page: str, key: str | None = None):
    """Render one kiosk page as the person sees it; staff cannot change anything from here."""
    if page not in KIOSK_PAGES or (key is not None) != (page in KEYED_PAGES):
        abort(404)
    person = viewed_person(person_id, f"kiosk page as they see it: {page}")
    account = db.session.get(KioskAccount, person.id) or KioskAccount(person_id=person.id)
    show_pages_as(person, account)
    g.staff_preview = True
    refresh()  # the page speaks the person's language, not the staff member's
    kiosk_view = KIOSK_PAGES[page].__wrapped__  # the view without the kiosk sign-in check
    return kiosk_view(key=key) if key is not None else kiosk_view()


def preview_url_for(endpoint: str, **values) -> str:
    """Links inside a preview stay inside the preview; kiosk actions lead nowhere."""
    blueprint, _, page = endpoint.rpartition(".")
    if blueprint == "me" and page in KIOSK_PAGES:
        return url_for("staff.as_seen", person_id=g.visit.person_id, page=page, **values)
    if blueprint in KIOSK_BLUEPRINTS:
        return "#"  # a kiosk action (a form, a letter, a setting): not part of the preview
    return url_for(endpoint, **values)


@bp.context_processor
def preview_links() -> dict:
    """During a preview, templates build links with `preview_url_for`."""
    if not g.get("staff_preview"):
        return {}
    return {"url_for": preview_url_for, "previewed_person": signed_in_person()}
