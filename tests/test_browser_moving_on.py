"""Moving on, getting ready to get out and how to complain in Chromium: axe finds nothing for
each kind of person in both modes, in every language in both modes, and nothing scrolls
sideways at 320 px (issue 16)."""
from __future__ import annotations

from datetime import date

import pytest

from kiosk.extensions import db
from kiosk.i18n import LANGUAGES
from support import moving_on_people as people
from support.axe import assert_accessible, assert_no_horizontal_scroll
from support.kiosk import PIN, import_people, set_display

pytestmark = pytest.mark.browser

PAGES = ("/me/moving-on", "/me/getting-out", "/me/how-to-complain")
# Both modes at 320 px, and standard on a wide screen too.
MODES = {"standard": (False, 1024), "standard at 320 px": (False, 320),
         "easy read at 320 px": (True, 320)}
# Between them: every step of the men's path with a first temporary release, and getting out
# with a licence, breach and recall.
IN_EVERY_LANGUAGE = (people.LIFER, people.RECALLED)


@pytest.fixture
def kinds_of_people(live_server, page, monkeypatch):
    """One person of each kind, in prisons whose intake the setting names."""
    monkeypatch.setitem(live_server.app.config, "ESTABLISHMENT_KINDS", people.KINDS)
    with live_server.app.app_context():
        for each in people.documents(date.today()):
            import_people(db.session, each)


def sign_in(page, prison_number: str) -> None:
    page.goto("/sign-in")
    page.fill("#prison_number", prison_number)
    page.fill("#pin", PIN)
    page.locator("form.app-sign-in button[type=submit]").click()
    page.wait_for_url("**/me/")


def check_pages(page, live_server, prison_number: str, mode: str, lang: str = "en") -> None:
    """Each page, as this person sees it in this mode, passes axe with every detail open and,
    at 320 px, does not scroll sideways."""
    easy_read, width = MODES[mode]
    set_display(live_server.app, prison_number, easy_read=easy_read, language=lang)
    page.set_viewport_size({"width": width, "height": 768})
    sign_in(page, prison_number)
    for url in PAGES:
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == lang, url
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        if width == 320:
            assert_no_horizontal_scroll(page)
        assert_accessible(page)
    page.context.clear_cookies()  # signed out, for the next person


@pytest.mark.parametrize("mode", list(MODES))
def test_each_kind_of_person(page, live_server, kinds_of_people, mode):
    for number in people.EVERYONE:
        check_pages(page, live_server, number, mode)


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_every_language(page, live_server, kinds_of_people, lang, mode):
    for number in IN_EVERY_LANGUAGE:
        check_pages(page, live_server, number, mode, lang)
