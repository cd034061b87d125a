"""Signing in and out in a real browser: keypad, keyboard only, time-out, and Finish wiping the screen."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from kiosk.extensions import db
from kiosk.i18n import LANGUAGES
from kiosk.models import Person
from kiosk.services.access import sign_in
from kiosk.services.imports.importer import import_export
from support.axe import assert_accessible, assert_no_horizontal_scroll
from support.kiosk import DANNY, EXAMPLE, PIN

pytestmark = pytest.mark.browser


@pytest.fixture
def danny(live_server):
    """Danny from the contract's example, with a PIN, in the live server's database."""
    with live_server.app.app_context():
        with db.transaction() as session:
            import_export(session, EXAMPLE.read_bytes())
            person = session.query(Person).filter_by(prison_number=DANNY).one()
            sign_in.set_pin(session, person, PIN)


@pytest.fixture
def short_time_out(live_server):
    """A visit that times out in 4 seconds, warning 2 seconds before."""
    config = live_server.app.config
    saved = config["KIOSK_IDLE_SECONDS"], config["KIOSK_WARNING_SECONDS"]
    config["KIOSK_IDLE_SECONDS"], config["KIOSK_WARNING_SECONDS"] = 4, 2
    yield
    config["KIOSK_IDLE_SECONDS"], config["KIOSK_WARNING_SECONDS"] = saved


def test_sign_in_with_the_on_screen_keypad(page, danny):
    page.goto("/sign-in")
    assert_accessible(page)
    page.get_by_role("textbox", name="Your prison number").fill(DANNY)
    for digit in PIN:
        page.locator(f"[data-digit='{digit}']").click()
    expect(page.get_by_role("textbox", name="Your PIN")).to_have_value(PIN)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Danny")
    assert_accessible(page)


def test_sign_in_and_finish_by_keyboard_alone(page, danny):
    page.goto("/sign-in")
    page.keyboard.press("Tab")  # the skip link comes first
    page.keyboard.press("Tab")  # the service name
    for _ in LANGUAGES:  # the language chooser, one button a language
        page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("textbox", name="Your prison number")).to_be_focused()
    page.keyboard.type(DANNY)
    page.keyboard.press("Tab")
    page.keyboard.type(PIN)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Danny")
    finish = page.get_by_role("button", name="Finish", exact=True)
    for _ in range(10):
        page.keyboard.press("Tab")
        if finish.evaluate("button => button === document.activeElement"):
            break
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("You have finished")


def test_after_finish_the_back_button_shows_nothing_of_the_person(page, danny):
    page.goto("/sign-in")
    page.get_by_role("textbox", name="Your prison number").fill(DANNY)
    page.get_by_role("textbox", name="Your PIN").fill(PIN)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Danny")
    page.get_by_role("button", name="Finish", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have finished")
    page.go_back()
    page.wait_for_load_state()
    assert "Danny" not in page.content() and "McKenna" not in page.content()
    assert re.search(r"/(sign-in|finished)$", page.url)
    stored = page.evaluate("() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage)")
    assert "Danny" not in stored


def test_time_out_warns_then_gives_more_time_then_closes(page, danny, short_time_out):
    page.goto("/sign-in")
    page.get_by_role("textbox", name="Your prison number").fill(DANNY)
    page.get_by_role("textbox", name="Your PIN").fill(PIN)
    page.get_by_role("button", name="Sign in").click()
    warning = page.get_by_role("dialog", name="Are you still there?")
    expect(warning).to_be_visible(timeout=5000)
    assert_accessible(page)
    page.get_by_role("button", name="I need more time").click()
    expect(warning).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Danny")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your page was closed", timeout=8000)
    page.go_back()
    assert "Danny" not in page.content()


def test_sign_in_fits_a_narrow_screen(page, danny):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/sign-in")
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
