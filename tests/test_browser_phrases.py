"""Plain words in Chromium: the pages that say licence conditions and plain summaries in
phrases, in a left-to-right and a right-to-left language, pass axe (WCAG 2.2 AA) in standard
and easy read with every "what staff wrote" open, wide and at 320 px; so does the staff page
that composes them, with its preview in either mode."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kiosk.extensions import db
from support.axe import assert_accessible, assert_no_horizontal_scroll
from support.kiosk import PIN, document, import_people, set_display
from support.phrases import NUMBER, compose_summary, person_on_licence
from support.staff import make_user, person_id, sign_in_staff_in_browser

pytestmark = pytest.mark.browser

PAGES = ["/me/licence", "/me/decisions/P-D1", "/me/plan"]
WIDTHS = (1280, 320)


def assert_accessible_at_each_width(page) -> None:
    """axe on the page as it is, with every "what staff wrote" open, wide and at 320 px."""
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        assert_accessible(page)
        assert_no_horizontal_scroll(page)


@pytest.fixture
def rona(live_server, page):
    """Rona, with a plain summary of her decision made from phrases."""
    with live_server.app.app_context():
        import_people(db.session, document([person_on_licence()]))
    compose_summary(live_server.app, make_user(live_server.app, "social_worker", caseload=(NUMBER,)))
    return person_id(live_server.app, NUMBER)


def sign_in(page) -> None:
    page.goto("/sign-in")
    page.fill("#prison_number", NUMBER)
    page.fill("#pin", PIN)
    page.locator("form.app-sign-in button[type=submit]").click()
    page.wait_for_url("**/me/")


@pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy read"])
@pytest.mark.parametrize("language", ["ar", "vi"])
def test_pages_said_in_phrases_pass_axe(page, live_server, rona, language, easy_read):
    set_display(live_server.app, NUMBER, language=language, easy_read=easy_read)
    sign_in(page)
    for url in PAGES:
        page.goto(url)
        assert page.locator(".app-said[data-phrase]").count(), url
        assert_accessible_at_each_width(page)


def test_what_staff_wrote_opens_with_the_keyboard(page, live_server, rona):
    set_display(live_server.app, NUMBER, language="pl", easy_read=True)
    sign_in(page)
    page.goto("/me/licence")
    for _ in range(80):  # Tab until the exclusion zone's "what staff wrote" has the focus
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('#condition-C2 .app-said__original')"):
            break
    else:
        raise AssertionError("the exclusion zone's 'what staff wrote' never took the focus")
    page.keyboard.press("Enter")
    assert page.locator("#condition-C2 .app-said__original").evaluate("d => d.open")
    assert page.locator("#condition-C2 .app-said__original .app-staff-text").is_visible()


@pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy read"])
def test_the_composing_page_passes_axe(page, live_server, rona, easy_read):
    set_display(live_server.app, NUMBER, language="ar", easy_read=easy_read)
    sign_in_staff_in_browser(page, make_user(live_server.app, "case_coordinator", username="composer"))
    page.goto(f"/staff/people/{rona}/summaries/decision/P-D1")
    assert_accessible_at_each_width(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.select_option("#line-1-phrase", "broke_a_prison_rule")
    page.select_option("#added-1-phrase", "look_again_on")
    page.get_by_role("button", name="Show the boxes to fill in and the preview").click()
    page.fill("#added-1-date", "2027-03-12")
    page.get_by_role("button", name="Show the boxes to fill in and the preview").click()
    expect(page.locator(".app-preview[lang=ar][dir=rtl] .app-said[data-phrase='look_again_on']")).to_have_count(1)
    assert_accessible_at_each_width(page)
