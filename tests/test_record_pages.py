"""The record-page registry is the one place a page is added: a page registered here, with
its builder and body alone, is on the home page, in the staff view and in the print pack."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from jinja2 import DictLoader
from sqlalchemy import select

from kiosk import create_app
from kiosk.extensions import db
from kiosk.models import Person
from kiosk.printing.documents import pack_html
from kiosk.services.printing.packs import build_pack, printable
from kiosk.services.records import registry
from kiosk.services.records.registry import RecordPage
from support.kiosk import DANNY, example_people, import_people, sign_in_as
from support.pages import ClientRequest, IsolatedClient
from support.staff import fast_hashing, make_user, person_id, sign_in_staff  # noqa: F401  (autouse)


@dataclass(frozen=True)
class Visits:
    """What the throwaway page shows: how many visits, worked out from the person's id."""

    count: int


VISITS = RecordPage("visits", "Your visits", "calendar", lambda c: Visits(c.person_id % 7 + 2),
                    tile_hint="Who came to see you", print_name="Visits")
BODY = """{% macro body(page, ui) %}
<p class="govuk-body visits-{{ ui.medium }}">{{ page.count }} visits, shown on {{ ui.medium }}.</p>
{% endmacro %}"""


@pytest.fixture
def app(monkeypatch, database_url, clean_database):
    """An app made after the page is registered, with its template beside the others."""
    monkeypatch.setitem(registry.PAGES, VISITS.slug, VISITS)
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "test", "TESTING": True})
    app.test_client_class = IsolatedClient
    app.jinja_loader.loaders.insert(0, DictLoader({VISITS.template: BODY}))
    with app.app_context():
        import_people(db.session, example_people())
    yield app
    db.engine(app).dispose()


def visits_text(page, medium: str) -> str:
    return page.select_one(f"main .visits-{medium}").get_text()


def test_a_registered_page_has_a_tile_and_a_page_of_its_own(app):
    client = app.test_client()
    sign_in_as(client, DANNY)
    pages = ClientRequest(client)
    tile = pages.get("/me/").select_one("main a.app-tile[href='/me/visits']")
    assert tile is not None and "Who came to see you" in tile.get_text()
    page = pages.get("/me/visits")
    assert page.h1.get_text() == "Your visits"
    assert visits_text(page, "screen").endswith("visits, shown on screen.")


def test_staff_see_a_registered_page_as_the_person_does_and_can_print_it(app):
    client = app.test_client()
    sign_in_staff(client, make_user(app, "case_coordinator"))
    pages = ClientRequest(client)
    danny = person_id(app, DANNY)
    preview = pages.get(f"/staff/people/{danny}/as-they-see-it/visits")
    assert visits_text(preview, "screen").endswith("visits, shown on screen.")
    record = pages.get(f"/staff/people/{danny}")
    assert record.select_one(f"a[href='/staff/people/{danny}/print/visits?variant=easy_read']")
    printed = client.get(f"/staff/people/{danny}/print/visits?variant=large_print")
    assert printed.status_code == 200 and printed.mimetype == "application/pdf"


def test_a_registered_page_is_a_section_of_the_printed_pack(app):
    assert "visits" in printable()
    with app.test_request_context():
        danny = db.session.scalars(select(Person).where(Person.prison_number == DANNY)).one()
        pack = build_pack(db.session, danny, "pack", today=date.today(), language="en")
        assert [section.page.slug for section in pack.sections][-1] == "visits"
        html = pack_html(pack, lang="en", variant="easy_read")
    assert "Your visits" in html and f"{danny.id % 7 + 2} visits, shown on paper." in html
