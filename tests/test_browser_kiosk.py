"""A signed-in person's pages in Chromium: WCAG 2.2 AA by axe in every display mode, reflow at
320 px, and a journey made with the keyboard alone."""
from __future__ import annotations

from datetime import date

import pytest

from kiosk.extensions import db
from support.axe import assert_accessible, assert_no_horizontal_scroll, tab_to
from support.kiosk import DANNY, LICENSEE, LIFER, PIN, import_people, set_display, varied_people
from support.pages import record_page_urls

pytestmark = pytest.mark.browser

# Two people who between them reach every kind of page: one with a long, full record and a
# worked-out window, one on licence with a decision that went against them.
PEOPLE = (LIFER, LICENSEE)
MODES = {
    "standard": {"easy_read": False, "high_contrast": False},
    "easy read": {"easy_read": True, "high_contrast": False},
    "high contrast": {"easy_read": False, "high_contrast": True},
}


@pytest.fixture
def people(live_server, page):
    """The varied people in the live server's (freshly emptied) database."""
    with live_server.app.app_context():
        import_people(db.session, varied_people(date.today()))


def sign_in(page, prison_number: str) -> None:
    page.goto("/sign-in")
    page.fill("#prison_number", prison_number)
    page.fill("#pin", PIN)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/me/")


def every_page(page) -> list[str]:
    """The person's pages, with each meeting and decision found through the page links."""
    urls = record_page_urls() + ["/me/glossary?q=case"]
    for listing in ("/me/meetings", "/me/decisions"):
        page.goto(listing)
        urls += page.eval_on_selector_all(
            f"main a[href^='{listing}/']", "links => links.map(a => a.getAttribute('href'))")
    return urls


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("prison_number", PEOPLE)
def test_every_page_passes_axe(page, live_server, people, prison_number, mode):
    set_display(live_server.app, prison_number, **MODES[mode])
    sign_in(page, prison_number)
    for url in every_page(page):
        page.goto(url)
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        assert_accessible(page)


@pytest.mark.parametrize("prison_number", PEOPLE)
def test_every_page_reflows_at_320_px(page, live_server, people, prison_number):
    set_display(live_server.app, prison_number, easy_read=True)
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, prison_number)
    for url in every_page(page):
        page.goto(url)
        assert_no_horizontal_scroll(page)
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        assert_no_horizontal_scroll(page)


def test_a_keyboard_only_journey(page, live_server, people):
    set_display(live_server.app, DANNY, easy_read=False)
    page.goto("/sign-in")
    tab_to(page, "input#prison_number")
    page.keyboard.type(DANNY)
    tab_to(page, "input#pin")
    page.keyboard.type(PIN)
    page.keyboard.press("Enter")
    page.wait_for_url("**/me/")

    tab_to(page, "[href=/me/plan]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/me/plan")
    assert page.locator("h1").inner_text() == "Your plan"

    tab_to(page, "[href=/me/]")  # back to the home page
    page.keyboard.press("Enter")
    page.wait_for_url("**/me/")
    tab_to(page, "[href=/me/decisions]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/me/decisions")
    tab_to(page, "[href=/me/decisions/D2]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/me/decisions/D2")

    term = page.locator("details.app-term[data-term=gpa]").first
    assert term.get_attribute("open") is None
    assert "GPA" in tab_to(page, "summary")
    page.keyboard.press("Enter")
    assert term.get_attribute("open") is not None
    assert term.locator(".app-term__meaning").is_visible()

    tab_to(page, '"Finish"')
    page.keyboard.press("Enter")
    page.wait_for_url("**/finished")
    assert page.locator("h1").inner_text() == "You have finished"


def test_choosing_a_new_pin_by_keyboard_at_320_px(page, live_server, people):
    """After a staff reset: the choose-a-PIN page passes axe, reflows, and works by keyboard."""
    from datetime import datetime, timezone

    from sqlalchemy import select

    from kiosk.models import Person
    from kiosk.services.access import sign_in as kiosk_sign_in

    with live_server.app.app_context(), db.transaction() as session:
        danny = session.scalars(select(Person).where(Person.prison_number == DANNY)).one()
        kiosk_sign_in.account_for(session, danny).pin_reset_at = datetime.now(timezone.utc)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/sign-in")
    page.fill("#prison_number", DANNY)
    page.fill("#pin", PIN)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/choose-pin")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    tab_to(page, "input#pin")
    page.keyboard.type("2468")
    tab_to(page, "input#pin_again")
    page.keyboard.type("2468")
    page.keyboard.press("Enter")
    page.wait_for_url("**/me/")
