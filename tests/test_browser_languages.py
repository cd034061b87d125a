"""Every language in Chromium: the chooser pressed for real, axe with no violation on every
kiosk page in every language (right-to-left included), the app's own fonts in use, a mirrored
layout in Arabic, and screenshots of the plan page in Arabic and Vietnamese for the README."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kiosk.extensions import db
from kiosk.i18n import LANGUAGES
from support.axe import assert_accessible, assert_no_horizontal_scroll
from support.kiosk import LIFER, PIN, import_people, set_display, varied_people

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
# Easy read where pictures sit beside the words, to see them mirrored in Arabic.
EASY_READ = {"vi", "ar"}
# Pages with the same layout (one per meeting, decision or letter form): one of each is enough.
ONE_OF_EACH = ("/me/meetings/", "/me/decisions/", "/me/letters/write/")
DIRECTIONAL = {"stairs-up.svg", "door-exit.svg", "door-enter.svg", "walk.svg", "send.svg",
               "arrow-right.svg", "arrow-back-up.svg", "trending-up.svg", "trending-down.svg",
               "chart-line.svg", "hand-finger.svg", "arrows-exchange.svg"}
FONTS_READY = "() => document.fonts.ready.then(() => true)"
FONT_FACES_IN_USE = """() => [...document.fonts].filter(f => f.status === 'loaded')
    .map(f => f.family.replaceAll('"', '') + ' ' + f.unicodeRange)"""


@pytest.fixture
def people(live_server, page):
    with live_server.app.app_context():
        import_people(db.session, varied_people(date.today()))


def links_from(page) -> list[str]:
    return page.eval_on_selector_all(
        "a[href^='/me/']", "links => links.map(a => a.getAttribute('href').split('#')[0])")


def visit_every_page(page, check) -> list[str]:
    """Open each of the person's pages, found by following links from their home page, and
    run `check` on it there (one visit per page)."""
    urls, queue, shapes = [], ["/me/", "/me/glossary?q=case"], set()
    while queue:
        url = queue.pop(0)
        shape = next((prefix for prefix in ONE_OF_EACH if url.startswith(prefix)), url)
        if url in urls or shape in shapes:
            continue
        shapes.add(shape)
        page.goto(url)
        urls.append(url)
        queue += links_from(page)
        check(url)
    return urls


def choose_language(page, code: str) -> None:
    """Press the language's own button in the chooser, as a person would."""
    page.locator(f"nav.app-languages button[value={code}]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == code


def sign_in(page, prison_number: str) -> None:
    page.fill("#prison_number", prison_number)
    page.fill("#pin", PIN)
    page.locator("form.app-sign-in button[type=submit]").click()
    page.wait_for_url("**/me/")


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_every_page_in_every_language_passes_axe(page, live_server, people, lang):
    set_display(live_server.app, LIFER, easy_read=lang in EASY_READ, language=None)
    page.goto("/sign-in")
    choose_language(page, lang)
    assert_accessible(page)
    sign_in(page, LIFER)
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")

    def check(url):
        assert page.locator("html").get_attribute("lang") == lang, url
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        assert_accessible(page)

    assert len(visit_every_page(page, check)) >= 15
    if lang in ("ar", "vi"):
        take_plan_screenshot(page, lang)


def take_plan_screenshot(page, lang: str) -> None:
    """The plan page as a person reading `lang` sees it, for docs/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 900, "height": 900})
    page.goto("/me/plan")
    page.evaluate(FONTS_READY)
    page.screenshot(path=SCREENSHOTS / f"plan-{lang}.png", full_page=True)


def test_arabic_is_mirrored_and_uses_the_apps_own_fonts(page, live_server, people):
    set_display(live_server.app, LIFER, easy_read=True, language="ar")
    page.goto("/sign-in")
    sign_in(page, LIFER)
    page.evaluate(FONTS_READY)
    assert any(face.startswith("Noto Sans Arabic") for face in page.evaluate(FONT_FACES_IN_USE))

    tile = page.locator(".app-tile").first
    picture, words = tile.locator(".app-picture").bounding_box(), tile.locator(".app-tile__text").bounding_box()
    assert picture["x"] > words["x"], "in Arabic the picture starts the line on the right"
    back = page.locator(".govuk-back-link")
    page.goto("/me/plan")
    assert page.evaluate("() => getComputedStyle(document.querySelector('.govuk-back-link'), '::before').right") != "auto"
    assert back.bounding_box()["x"] > 450, "the back link starts on the right"

    page.goto("/me/dates")
    pictures = page.evaluate("""() => [...document.querySelectorAll('img.app-picture')].map(img =>
        [img.getAttribute('src').split('/').pop(), getComputedStyle(img).transform !== 'none'])""")
    mirrored = {name for name, flipped in pictures if flipped}
    assert mirrored and mirrored <= DIRECTIONAL, pictures
    assert {name for name, flipped in pictures if not flipped} - DIRECTIONAL, pictures

    page.set_viewport_size({"width": 320, "height": 640})
    for url in ("/me/", "/me/plan", "/me/dates"):
        page.goto(url)
        assert_no_horizontal_scroll(page)


def test_vietnamese_letters_come_from_the_apps_own_font(page, live_server, people):
    set_display(live_server.app, LIFER, language="vi")
    page.goto("/sign-in")
    sign_in(page, LIFER)
    page.evaluate(FONTS_READY)
    faces = page.evaluate(FONT_FACES_IN_USE)
    assert any(face.startswith("Noto Sans ") and "U+1EA0-1EF9" in face for face in faces), faces
