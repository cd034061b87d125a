"""The start page in Chromium: WCAG 2.2 AA by axe, reflow at 320 px, keyboard, closed network."""
from __future__ import annotations

import pytest
from playwright.sync_api import Error as PlaywrightError

from support.axe import (
    assert_accessible, assert_no_horizontal_scroll, focused, run_axe, tab_through,
)

pytestmark = pytest.mark.browser


def test_start_page_has_no_axe_violations(page):
    page.goto("/")
    results = assert_accessible(page)
    ran = {rule["id"] for kind in ("passes", "incomplete", "inapplicable", "violations")
           for rule in results[kind]}
    assert {"target-size", "color-contrast", "html-has-lang"} <= ran


def test_axe_finds_a_real_problem(page):
    """The checker is switched on: a button with no name and a tiny target are caught."""
    page.goto("/")
    page.evaluate("""() => {
        const b = document.createElement('button');
        b.style.cssText = 'width:10px;height:10px;padding:0;position:absolute;top:0;left:0';
        document.querySelector('main').append(b);
    }""")
    found = {violation["id"] for violation in run_axe(page, "main")["violations"]}
    assert {"button-name"} <= found
    with pytest.raises(AssertionError, match="button-name"):
        assert_accessible(page, "main")


def test_start_page_reflows_at_320_px(page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/")
    assert_no_horizontal_scroll(page)
    assert page.get_by_role("link", name="Start").is_visible()


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page):
    page.goto("/")
    stops = tab_through(page, max_steps=3)
    assert stops[0] == 'a[href=#main-content] "Skip to main content"'
    page.goto("/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focused(page).startswith("main#main-content")
    page.keyboard.press("Tab")
    assert "Start" in focused(page)


def test_no_request_leaves_the_app(page, live_server, outside_requests):
    seen = []
    page.on("request", lambda request: seen.append(request.url))
    page.goto("/")
    page.wait_for_load_state("networkidle")
    assert seen and all(url.startswith(live_server) for url in seen)
    assert not outside_requests
    # The page's own policy refuses a fetch elsewhere before it reaches the network.
    blocked = page.evaluate("""() => fetch('https://example.org/track.gif')
        .then(() => 'reached', () => 'blocked')""")
    assert blocked == "blocked"


def test_the_network_guard_refuses_and_records_other_hosts(page, outside_requests):
    """Outside the page's CSP too (here a navigation): the browser fixture aborts it."""
    with pytest.raises(PlaywrightError, match="ERR_BLOCKED_BY_CLIENT"):
        page.goto("https://example.org/")
    assert outside_requests == ["https://example.org/"]
    outside_requests.clear()  # left recorded, it would fail this test at teardown
