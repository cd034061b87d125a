"""See what they see: a person's kiosk pages exactly as they see them, read-only, for staff.

The pages are built and rendered by the same code as the kiosk's (`kiosk.screens`, from the
record-page registry), in the person's language and display mode, so the preview can never
drift from what the person is shown. Each opening is audited.
"""
from collections.abc import Iterator
from contextlib import contextmanager

from flask import abort, g, url_for
from flask_babel import refresh

from kiosk import screens
from kiosk.extensions import db
from kiosk.models import KioskAccount, Person
from kiosk.services.access.staff_access import Permission
from kiosk.services.records.registry import PAGES
from kiosk.signin.access import show_pages_as, signed_in_person
from kiosk.templating import globals_kept

from . import bp
from .access import staff_required, viewed_person

HOME = "home"
# Blueprints that act for the signed-in person; the preview never links into them.
KIOSK_BLUEPRINTS = {"me", "signin", "letters", "language"}


@bp.route("/people/<int:person_id>/as-they-see-it/<page>")
@bp.route("/people/<int:person_id>/as-they-see-it/<page>/<key>")
@staff_required(Permission.FIND_PEOPLE)
def as_seen(person_id: int, page: str, key: str | None = None):
    """Render one kiosk page as the person sees it; staff cannot change anything from here."""
    record_page = PAGES.get(page)
    keyed = record_page is not None and record_page.keyed  # one meeting or one decision
    if (record_page is None and page != HOME) or keyed != (key is not None):
        abort(404)
    person = viewed_person(person_id, f"kiosk page as they see it: {page}")
    _show_as(person)
    if record_page is None:
        return screens.render_home()
    return screens.render_page(record_page, key)


def _show_as(person: Person) -> None:
    """From here on, pages are drawn in the person's language and display mode, read-only."""
    account = db.session.get(KioskAccount, person.id) or KioskAccount(person_id=person.id)
    show_pages_as(person, account)
    g.staff_preview = True
    refresh()  # the page speaks the person's language, not the staff member's


@contextmanager
def seen_by(person: Person) -> Iterator[None]:
    """Draw part of a staff page (a preview) as the person will see it, then back to staff's."""
    try:
        with globals_kept(("visit", "display", "language", "staff_preview")):
            _show_as(person)
            yield
    finally:
        refresh()


def preview_url_for(endpoint: str, **values) -> str:
    """Links inside a preview stay inside the preview; kiosk actions lead nowhere."""
    blueprint, _, page = endpoint.rpartition(".")
    if blueprint == "me" and (page == HOME or page in PAGES):
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

