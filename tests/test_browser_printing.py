"""Printing in Chromium: a person asks for a printed copy with the keyboard alone at 320 px;
staff see the request, start a batch and cancel it; axe on every printing page."""
from __future__ import annotations

from datetime import date

import pytest

from kiosk.extensions import db
from support.axe import assert_accessible, assert_no_horizontal_scroll, tab_to
from support.kiosk import DANNY, PIN, import_people, varied_people
from support.staff import (  # noqa: F401  (fast_hashing is an autouse fixture)
    PASSWORD, fast_hashing, make_user, person_id,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def people(live_server, page):
    with live_server.app.app_context():
        import_people(db.session, varied_people(date.today()))


def test_asking_for_a_copy_reaches_staff_who_can_batch_and_cancel(page, live_server, people):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/sign-in")
    page.fill("#prison_number", DANNY)
    page.fill("#pin", PIN)
    page.keyboard.press("Enter")
    page.wait_for_url("**/me/")
    page.get_by_role("link", name="Your plan on paper").click()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    button = page.get_by_role("button", name="Ask for a printed copy")
    assert button.bounding_box()["height"] >= 44
    tab_to(page, 'button "Ask for a printed copy')  # keyboard only: Tab to the button, then Enter
    page.keyboard.press("Enter")
    page.wait_for_selector("#print-request")
    assert "You asked on" in page.inner_text("main")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    page.get_by_role("button", name="Finish").first.click()

    page.set_viewport_size({"width": 1024, "height": 800})
    username = make_user(live_server.app, "personal_officer", hall="Ailsa")
    page.goto("/staff/sign-in")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/")
    page.get_by_role("link", name="Printing").click()
    assert DANNY in page.inner_text("#requests + table")
    assert_accessible(page)
    page.goto(f"/staff/people/{person_id(live_server.app, DANNY)}")
    assert page.get_by_role("link", name="Print whole pack in large print").is_visible()
    assert_accessible(page)

    page.goto("/staff/printing")
    page.select_option("#place", "hall|Ailsa")
    page.get_by_label("Large print, 24 point").check()
    page.get_by_role("button", name="Start printing").click()
    page.wait_for_url("**/staff/printing/batches/*")
    assert "Waiting to start" in page.inner_text("#batch-progress")
    assert page.get_attribute("#batch-progress", "data-hx-trigger") == "every 2s"
    with page.expect_response(lambda r: "/staff/printing/batches/" in r.url
                              and r.request.headers.get("hx-target") == "batch-progress"):
        pass  # htmx polls the progress fragment while the batch waits
    assert_accessible(page)
    page.get_by_role("button", name="Cancel this batch").click()
    page.wait_for_selector("text=Cancelled")
    assert page.get_attribute("#batch-progress", "data-hx-trigger") is None
    assert_accessible(page)
