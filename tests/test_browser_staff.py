"""Staff pages in Chromium: WCAG 2.2 AA by axe on every page, reflow at 320 px, and the
plain-language checker used with the keyboard alone."""
from __future__ import annotations

import json
from datetime import date

import pytest

from kiosk.extensions import db
from support.axe import assert_accessible, assert_no_horizontal_scroll, focused, tab_to
from support.kiosk import DANNY, document, example_people, varied_people
from support.staff import (  # noqa: F401  (fast_hashing is an autouse fixture)
    PASSWORD, fast_hashing, import_without_pins, make_user, person_id,
)

pytestmark = pytest.mark.browser

CASEWORK_PAGES = ["/staff/", "/staff/people", "/staff/people?q=mck", "/staff/people?q=zzz",
                  "/staff/people/{danny}", "/staff/people/{danny}/pin",
                  "/staff/people/{danny}/summaries/decision/D1", "/staff/checker",
                  "/staff/people/{danny}/as-they-see-it/home", "/staff/people/{danny}/as-they-see-it/plan",
                  "/staff/explanations",
                  "/staff/dashboard"]  # the last is refused: the page saying so is checked too
ROLE_PAGES = {
    "personal_officer": CASEWORK_PAGES,
    "manager": ["/staff/", "/staff/dashboard", "/staff/audit",
                f"/staff/audit?prison_number={DANNY}&username=&action=",
                "/staff/explanations", "/staff/explanations?section=values",
                "/staff/explanations?state=unconfirmed&q=parole&page=2"],
    "administrator": ["/staff/", "/staff/imports", "/staff/users", "/staff/users/{me}"],
}


@pytest.fixture
def people(live_server, page):
    """Six varied people in the live server's (freshly emptied) database."""
    with live_server.app.app_context():
        import_without_pins(db.session, varied_people(date.today()))


def sign_in(page, live_server, role: str, **account) -> dict:
    """Make an account and sign in through the form; the ids for URLs."""
    defaults = {"personal_officer": {"hall": "Ailsa"}, "administrator": {"establishment": None}}
    username = make_user(live_server.app, role, **{**defaults.get(role, {}), **account})
    page.goto("/staff/sign-in")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/")
    from support.staff import staff_user

    return {"danny": person_id(live_server.app, DANNY),
            "me": staff_user(live_server.app, username).id}


def visit_all(page, live_server, role: str, check) -> None:
    ids = sign_in(page, live_server, role)
    for url in ROLE_PAGES[role]:
        page.goto(url.format(**ids))
        check(page)


@pytest.mark.parametrize("role", ROLE_PAGES)
def test_every_staff_page_passes_axe(page, live_server, people, role):
    visit_all(page, live_server, role, assert_accessible)


@pytest.mark.parametrize("role", ROLE_PAGES)
def test_every_staff_page_reflows_at_320_px(page, live_server, people, role):
    page.set_viewport_size({"width": 320, "height": 640})
    visit_all(page, live_server, role, assert_no_horizontal_scroll)


def test_pages_after_forms_pass_axe(page, live_server, people):
    """Sign-in refused, a checked summary, a PIN slip, a refused upload, signed out."""
    page.goto("/staff/sign-in")
    page.get_by_role("button", name="Sign in").click()
    assert_accessible(page)
    ids = sign_in(page, live_server, "personal_officer")
    page.goto(f"/staff/people/{ids['danny']}/summaries/decision/D1")
    page.fill("#text", "The RMT said yes. The XQZ will write to you soon.")
    page.get_by_role("button", name="Show the boxes to fill in and the preview").click()
    page.wait_for_selector("#checker-report :text('XQZ')")
    assert_accessible(page)
    page.goto(f"/staff/people/{ids['danny']}/pin")
    page.get_by_role("button", name="Make a new PIN").click()
    page.wait_for_selector(".app-pin-slip")
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    assert_accessible(page)


def test_a_refused_upload_page_passes_axe(page, live_server, people, tmp_path):
    sign_in(page, live_server, "administrator")
    bad = document(example_people())
    bad["people"][0]["date_of_birth"] = "soon"
    upload = tmp_path / "bad.json"
    upload.write_text(json.dumps(bad))
    page.goto("/staff/imports")
    page.set_input_files("#export", str(upload))
    page.get_by_role("button", name="Import the file").click()
    page.wait_for_selector("#problems")
    assert_accessible(page)



def test_a_reviewer_confirms_an_entry_with_the_keyboard_alone_at_320_px(page, live_server, people):
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, live_server, "manager")
    page.goto("/staff/explanations?section=glossary")
    entry = page.locator("section.app-review-entry").first
    key = entry.get_attribute("id").removeprefix("entry-")
    assert entry.locator(".govuk-tag").first.inner_text() == "Not confirmed yet"
    assert entry.locator('dd[lang="ar"]').first.get_attribute("dir") == "rtl"
    tab_to(page, f'"Confirm {key}"')
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/staff/explanations?section=glossary#entry-{key}")
    assert f"{key} is confirmed" in page.inner_text(".govuk-notification-banner")
    assert page.locator(f'[id="entry-{key}"] .govuk-tag').first.inner_text() == "Confirmed"
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    page.goto("/staff/dashboard")
    assert_accessible(page)


def test_the_checker_works_with_the_keyboard_alone(page, live_server, people):
    sign_in(page, live_server, "personal_officer")
    page.goto("/staff/checker")
    tab_to(page, "textarea#text")
    page.keyboard.type("The RMT met. The XQZ will write to you.")
    # htmx updates the report as they type, with no button pressed.
    page.wait_for_selector("#checker-report .app-unexplained li")
    assert page.inner_text("#checker-report .app-unexplained") == "XQZ"
    assert focused(page).startswith("textarea#text")
    assert_accessible(page)
    tab_to(page, "Check the text")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.inner_text("#checker-report .app-unexplained") == "XQZ"
    assert "Risk Management Team" in page.inner_text("#checker-report")
