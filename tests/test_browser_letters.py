"""Letters and feedback in Chromium: one journey by keyboard alone at 320 px in easy read, with
the draft saved as the person types and axe on every step; the same flow with JavaScript off;
and the staff inbox, letter and figures pages checked by axe."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from kiosk.extensions import db
from kiosk.models import Feedback, KioskSession, Letter, LetterDraft
from support.axe import assert_accessible, assert_no_horizontal_scroll, focused, tab_to
from support.kiosk import LIFER, PIN, XSS, import_people, set_display, varied_people
from support.staff import PASSWORD, fast_hashing, make_user  # noqa: F401  (autouse fixture)

pytestmark = pytest.mark.browser
WORDS = f"I have finished my course. {XSS}"
STARTER = "Since the last meeting, I have…"


@pytest.fixture
def people(live_server, page):
    with live_server.app.app_context():
        import_people(db.session, varied_people(date.today()))


def in_database(live_server, query):
    with live_server.app.app_context():
        return list(db.session.scalars(query))


def sign_in(page) -> None:
    page.goto("/sign-in")
    page.fill("#prison_number", LIFER)
    page.fill("#pin", PIN)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/me/")



def press_on(page, wanted: str, url_pattern: str) -> None:
    tab_to(page, wanted)
    page.keyboard.press("Enter")
    page.wait_for_url(url_pattern)


def checked(page) -> None:
    """Every step: no axe violation (with every <details> open) and no sideways scroll."""
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


def test_a_letter_by_keyboard_alone_at_320_px_in_easy_read(page, live_server, people):
    set_display(live_server.app, LIFER, easy_read=True)
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page)
    press_on(page, "[href=/me/letters/]", "**/me/letters/")
    checked(page)
    press_on(page, "[href=/me/letters/new]", "**/me/letters/new")
    checked(page)
    press_on(page, "[href=/me/letters/write/meeting/L-M2]", "**/write/meeting/L-M2")
    checked(page)

    assert "Since the last meeting" in tab_to(page, '"Use these words')  # a sentence starter
    page.keyboard.press("Enter")
    assert focused(page).startswith("textarea#text")
    page.keyboard.type(WORDS)
    letter = f"{STARTER} {WORDS}"
    status = page.locator("#draft-status")
    status.get_by_text("Saved at").wait_for()  # saved on the server by htmx, no button pressed
    assert "more characters" in status.inner_text()
    assert [d.text for d in in_database(live_server, select(LetterDraft))] == [letter]
    checked(page)

    press_on(page, '"Check your letter"', "**/check/meeting/L-M2")
    assert page.locator(".app-letter-text").inner_text() == letter  # script shown as text
    checked(page)
    press_on(page, '"Send my letter"', "**/sent")
    checked(page)
    reference = page.locator(".app-reference").inner_text()
    assert [l.reference for l in in_database(live_server, select(Letter))] == [reference]

    press_on(page, "See your receipt", "**/receipt")
    checked(page)
    page.goto(f"/me/letters/{reference}")
    checked(page)
    page.goto("/me/letters/about-these-pages")
    checked(page)

    page.goto("/me/decisions/L-D2")
    tab_to(page, "input#page-feedback-yes")
    page.keyboard.press("Space")
    tab_to(page, '"Send my answer"')
    page.keyboard.press("Enter")
    page.wait_for_url("**/me/decisions/L-D2?feedback=thanks#feedback")
    checked(page)
    assert [f.understood for f in in_database(live_server, select(Feedback))] == ["yes"]

    # The other states of the writing pages: a meeting that has been, help asked for, too long.
    page.goto("/me/letters/write/meeting/L-M1")
    page.fill("#text", "word " * 700)
    page.locator("#draft-status").get_by_text("characters too long").wait_for()
    page.get_by_role("button", name="Ask my personal officer to help me write this").click()
    page.wait_for_url("**/write/meeting/L-M1#help")
    assert "already happened" in page.locator("main").inner_text()
    checked(page)
    page.goto("/me/letters/check/meeting/L-M1")
    assert "500 characters too long" in page.locator("main").inner_text()
    checked(page)

    # Left alone too long while a letter is open: the next keystroke's save leaves the screen.
    page.goto("/me/letters/write/forum/other")
    with live_server.app.app_context():
        with db.transaction() as session:
            for visit in session.scalars(select(KioskSession)):
                visit.last_active_at -= timedelta(seconds=live_server.app.config["KIOSK_IDLE_SECONDS"] + 1)
    page.locator("#text").press_sequentially("Hello")
    page.wait_for_url("**/timed-out")


def test_the_whole_flow_works_without_javascript(browser, live_server, people):
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page)
        page.goto("/me/letters/write/forum/parole_board")
        page.fill("#text", "Written with no JavaScript.")
        page.get_by_role("button", name="Save it for later").click()
        page.wait_for_url("**/write/forum/parole_board?saved=1")
        assert page.locator("#text").input_value() == "Written with no JavaScript."
        page.get_by_role("button", name="Ask my personal officer to help me write this").click()
        page.wait_for_url("**/write/forum/parole_board#help")
        assert "We have told your" in page.locator("#help ~ .govuk-inset-text").inner_text()
        page.get_by_role("button", name="Check your letter").click()
        page.wait_for_url("**/check/forum/parole_board")
        page.get_by_role("button", name="Send my letter").click()
        page.wait_for_url("**/sent")
        assert page.locator(".app-reference").inner_text()
        page.go_back()  # Back from the confirmation: nothing left to send twice
        page.wait_for_url("**/write/forum/parole_board")
        assert "You already sent a letter to this" in page.locator("main").inner_text()
        assert len(in_database(live_server, select(Letter))) == 1

        page.goto("/me/meetings/L-M1")
        page.check("#page-feedback-no")
        page.fill("#page-feedback-words", "What is an RMP?")
        page.check("#page-feedback-anonymous")
        page.get_by_role("button", name="Send my answer").click()
        page.wait_for_url("**/me/meetings/L-M1?feedback=thanks#feedback")
        [feedback] = in_database(live_server, select(Feedback))
        assert (feedback.person_id, feedback.understood, feedback.words) == (None, "no", "What is an RMP?")
    finally:
        context.close()


def test_staff_letters_pages_pass_axe(page, live_server, people):
    kiosk_letter = page.context.browser.new_context(base_url=live_server)
    kiosk_page = kiosk_letter.new_page()
    sign_in(kiosk_page)
    kiosk_page.goto("/me/letters/write/meeting/L-M2")
    kiosk_page.fill("#text", WORDS)
    kiosk_page.get_by_role("button", name="Check your letter").click()
    kiosk_page.get_by_role("button", name="Send my letter").click()
    kiosk_page.wait_for_url("**/sent")
    kiosk_page.goto("/me/decisions/L-D2")
    kiosk_page.check("#page-feedback-partly")
    kiosk_page.get_by_role("button", name="Send my answer").click()
    kiosk_page.wait_for_url("**feedback=thanks#feedback")
    kiosk_letter.close()

    username = make_user(live_server.app, "case_coordinator")
    page.goto("/staff/sign-in")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/")
    [letter_id] = in_database(live_server, select(Letter.id))
    for url in ("/staff/letters/", "/staff/letters/?show=late", f"/staff/letters/{letter_id}",
                "/staff/letters/figures"):
        page.goto(url)
        assert_accessible(page)
        assert_no_horizontal_scroll(page)
    page.goto(f"/staff/letters/{letter_id}")
    assert XSS in page.locator(".app-letter-text").inner_text()
    page.get_by_role("button", name="Save the reply").click()  # empty: refused, with an error summary
    assert_accessible(page)
