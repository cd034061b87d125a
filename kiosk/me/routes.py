"""The person's home page, and a route for each page of the record-page registry.

The routes are made when the app is (from `kiosk.services.records.registry.PAGES`), so a new
page needs no view of its own: each one asks `kiosk.screens` to build and render it for the
signed-in person (g.visit, set by `person_required`).
"""
from kiosk import screens
from kiosk.services.records import registry
from kiosk.signin.access import person_required

from . import bp


@bp.route("/")
@person_required
def home():
    """Tiles for each section, and what is new since the last visit."""
    return screens.render_home()


def record_page_view(page: registry.RecordPage):
    """The kiosk view of one registry page, for the signed-in person only."""

    def view(**key):
        return screens.render_page(page, **key)

    view.__name__ = view.__qualname__ = page.slug
    view.__doc__ = f"The person's page: {page.slug}."
    return person_required(view)


@bp.record
def _add_record_pages(state) -> None:
    """One route per registry page, read each time an app is made (tests add pages)."""
    for page in registry.PAGES.values():
        state.add_url_rule(page.url_rule, endpoint=page.slug, view_func=record_page_view(page))
