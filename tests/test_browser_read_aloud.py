"""The read-aloud player in Chromium: Play really plays the server's audio and the highlight moves
on when a sentence has been heard; pause, next, back, slower and a glossary meaning read when
it is opened; keyboard only; axe on the player in both modes and at 320 px; and the plain link
when there is no JavaScript.

Headless Chromium plays audio with no sound card (it keeps time as if it were playing), so the
highlight here moves only when the <audio> element has really come to the end of a sentence."""
from __future__ import annotations

import time
from datetime import date

import pytest

from kiosk.extensions import db
from support.audio import need_speech_programs, read_sound
from support.axe import assert_accessible, assert_no_horizontal_scroll, focused, tab_to
from support.kiosk import LICENSEE, LIFER, PIN, import_people, set_display, varied_people

pytestmark = pytest.mark.browser

READING = ".app-sentence--reading"


@pytest.fixture
def people(live_server, page):
    need_speech_programs()
    with live_server.app.app_context():
        import_people(db.session, varied_people(date.today()))


def sign_in(page, prison_number: str, then: str) -> None:
    page.goto("/sign-in")
    page.fill("#prison_number", prison_number)
    page.fill("#pin", PIN)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/me/")
    page.goto(then)


def reading(page) -> list[str]:
    """The numbers of the sentences highlighted now."""
    return page.eval_on_selector_all(READING, "spans => [...new Set(spans.map(s => s.dataset.sentence))]")


def wait_until_reading(page, number: int, timeout: float = 20_000) -> float:
    page.wait_for_selector(f"{READING}[data-sentence='{number}']", timeout=timeout)
    return time.monotonic()


def seconds_of_sentence(page, number: int) -> float:
    """The length of a sentence's audio, fetched as the player fetches it."""
    key = page.get_attribute(f"[data-sentence='{number}'][data-audio-key]", "data-audio-key")
    player = page.locator(".app-player")
    response = page.request.get(f"{player.get_attribute('data-audio-url')}?page="
                                f"{player.get_attribute('data-page')}&key={key}")
    return read_sound(response.body()).seconds


def test_play_reads_each_sentence_and_the_highlight_follows(page, live_server, people):
    set_display(live_server.app, LIFER, easy_read=False)
    sign_in(page, LIFER, "/me/plan")
    play = page.locator("[data-action=play]")
    assert page.locator(".app-player__file").is_hidden() and play.is_visible()
    assert page.locator("main .app-sentence").count() == 0, "marked only when Play is pressed"

    play.click()
    started = wait_until_reading(page, 1)
    first_length = seconds_of_sentence(page, 1)
    assert play.inner_text().strip() == "Pause"
    assert page.locator("h1 .app-sentence").first.evaluate("e => e.classList.contains('app-sentence--reading')")
    moved = wait_until_reading(page, 2)
    assert reading(page) == ["2"], "one sentence at a time"
    assert moved - started >= first_length * 0.8, (
        f"the highlight moved after {moved - started:.2f} s, before the {first_length:.2f} s of "
        "audio could have been heard")

    play.click()  # pause
    assert play.inner_text().strip() == "Play"
    page.wait_for_timeout(max(1500, seconds_of_sentence(page, 2) * 1000 + 500))
    assert reading(page) == ["2"], "paused: the highlight stays where it was"

    page.locator("[data-action=next]").click()
    wait_until_reading(page, 3)
    page.locator("[data-action=previous]").click()
    wait_until_reading(page, 2)
    assert play.inner_text().strip() == "Pause"


def test_the_player_works_by_keyboard_and_scrolls_the_sentence_into_view(page, live_server, people):
    set_display(live_server.app, LIFER, easy_read=False)
    page.set_viewport_size({"width": 800, "height": 500})
    sign_in(page, LIFER, "/me/plan")
    assert "Play" in tab_to(page, '"Play"')
    page.keyboard.press("Enter")
    wait_until_reading(page, 1)
    tab_to(page, '"Next"')
    for _ in range(12):
        page.keyboard.press("Enter")
    assert "Next" in focused(page), "pressing a button keeps the focus on it"
    last = max(int(n) for n in reading(page)) if reading(page) else 0
    assert last > 5
    # The page scrolls smoothly to the sentence being read: it is on screen once that ends.
    page.wait_for_function(f"""() => {{
        const box = document.querySelector("{READING}")?.getBoundingClientRect();
        return Boolean(box) && box.top >= 0 && box.bottom <= window.innerHeight;
    }}""", timeout=5_000)


def test_a_glossary_meaning_is_read_when_the_term_is_opened(page, live_server, people):
    set_display(live_server.app, LIFER, easy_read=False)
    sign_in(page, LIFER, "/me/plan")
    term = page.locator("main details.app-term").first
    term.locator("summary").click()
    page.wait_for_selector(f".app-term__meaning {READING}", timeout=20_000)
    inside = page.eval_on_selector_all(
        READING, "spans => spans.every(s => s.closest('details.app-term[open] .app-term__meaning'))")
    assert inside, "only the opened term's meaning is highlighted"


def test_slower_is_remembered_for_the_next_page(page, live_server, people):
    sign_in(page, LIFER, "/me/dates")
    slower = page.locator("[data-action=slower]")
    assert slower.get_attribute("aria-pressed") == "false"
    with page.expect_response("**/speech/speed") as answer:
        slower.click()
    assert answer.value.status == 204 and slower.get_attribute("aria-pressed") == "true"
    page.goto("/me/plan")
    assert page.locator("[data-action=slower]").get_attribute("aria-pressed") == "true"


@pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy read"])
def test_the_player_passes_axe_while_reading_and_at_320_px(page, live_server, people, easy_read):
    set_display(live_server.app, LICENSEE, easy_read=easy_read)
    sign_in(page, LICENSEE, "/me/decisions/K-D1")
    assert_accessible(page, ".app-player")
    page.locator("[data-action=play]").click()
    wait_until_reading(page, 1)
    assert_accessible(page)  # the highlighted sentence and the playing player, the whole page
    page.locator("[data-action=play]").click()
    page.set_viewport_size({"width": 320, "height": 640})
    assert_no_horizontal_scroll(page)
    assert_accessible(page, ".app-player")
    for button in page.locator(".app-player button").all():
        box = button.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, "touch targets of 44 px or more"


def test_without_javascript_the_player_is_a_link_to_the_pages_audio(new_context, live_server, people):
    context = new_context(base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, LIFER, "/me/risk")
    link = page.locator("a.app-player__file")
    assert link.is_visible() and page.locator(".app-player__controls").is_hidden()
    box = link.bounding_box()
    assert box["height"] >= 44 and link.inner_text().strip() == "Listen to this page"
    response = page.request.get(link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "audio/ogg"
    assert read_sound(response.body()).seconds > 5
