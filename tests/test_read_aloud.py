"""Read aloud through the real app: audio for real pages in every language (its header and its
length checked against espeak-ng alone), the player on every page, what the cache may hold,
the speed remembered, and the audio routes refusing anything but the person's own pages."""
from __future__ import annotations

import logging
import os
import stat
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from flask import g
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from kiosk import create_app
from kiosk.extensions import db
from kiosk.models import Person
from kiosk.printing.documents import pack_html
from kiosk.services.access.display import DisplaySettings
from kiosk.services.printing.packs import PACK, VARIANTS, build_pack
from kiosk.services.speech.audio_cache import AudioCache
from kiosk.services.speech.sentences import sentences_in_page
from kiosk.services.speech.shared import is_shared
from kiosk.services.speech.voices import PAUSE_BETWEEN_PARTS, PAUSE_BETWEEN_SENTENCES, SPEEDS
from kiosk.speech.player import player_here
from support.audio import espeak_seconds, need_speech_programs, read_sound
from support.kiosk import (
    DANNY, LICENSEE, LIFER, TOMASZ, import_people, set_display, sign_in_as, varied_people,
)
from support.pages import IsolatedClient, main_text, record_page_urls
from support.staff import csrf_from, fast_hashing, make_user, person_id, sign_in_staff  # noqa: F401

LANGUAGES = ("en", "gd", "pl", "sq", "vi", "ar")
# Every page of the record-page registry (kiosk.screens renders them), one page for one item,
# and the pages that are not record pages.
PAGES = (*record_page_urls(), "/me/decisions/L-D2", "/me/glossary?q=case", "/me/settings",
         "/me/letters/")


@pytest.fixture(autouse=True)
def speech_programs():
    need_speech_programs()


@pytest.fixture
def people(db_session):
    import_people(db_session, varied_people(date.today()))


@pytest.fixture
def cache(app) -> Path:
    """The app's audio cache, emptied (the folder is shared by the session's apps)."""
    folder = Path(app.config["SPEECH_CACHE_DIR"])
    for path in folder.iterdir():
        path.unlink()
    return folder


def sentences(client, url: str):
    return sentences_in_page(client.get(url).get_data(as_text=True))


def marked(client, page: str):
    """The page's main part with its sentences marked, as the player asks for it on Play."""
    return client.get("/speech/marked", query_string={"page": page})


def audio(client, page: str, key: str):
    return client.get("/speech/sentence", query_string={"page": page, "key": key})


def seconds_alone(sentence, speed: str = "normal") -> float:
    """espeak-ng alone on the same words: the parts, and the app's pauses between them."""
    parts = [espeak_seconds(voice, words, SPEEDS[speed]) for voice, words in sentence.spoken]
    return sum(parts) + PAUSE_BETWEEN_PARTS * (len(parts) - 1)


def assert_audio(response, sentence, speed: str = "normal") -> float:
    """Ogg Opus, mono, private, and as long as espeak-ng alone makes the same words."""
    assert response.status_code == 200, f"no audio for {sentence.text!r}"
    assert response.mimetype == "audio/ogg"
    assert "no-store" in response.headers["Cache-Control"]
    sound = read_sound(response.data)
    assert (sound.kind, sound.channels) == ("ogg-opus", 1)
    expected = seconds_alone(sentence, speed)
    assert expected > 0.2 and abs(sound.seconds - expected) < 0.05, (
        f"{sentence.text!r}: {sound.seconds:.3f} s of audio, espeak-ng alone makes {expected:.3f} s")
    return sound.seconds


# Every language, real pages -----------------------------------------------------------------

@pytest.mark.databases("sqlite", "postgresql")
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_real_page_is_read_in_its_language(app, client, people, language):
    """The plan's heading (our own wording) and a date (personal), in the person's language;
    English staff text on the same page in the English voice."""
    set_display(app, LIFER, language=language, easy_read=False)
    sign_in_as(client, LIFER)
    found = sentences(client, "/me/plan")
    heading, dated = found[0], next(s for s in found if any(ch.isdigit() for ch in s.text))
    staff = next(s for s in found if s.text.startswith("RMP") and "agreed at" in s.text)
    assert heading.language == language and staff.spoken[0][0] == "en-gb"
    for sentence in (heading, dated, staff):
        assert_audio(audio(client, "/me/plan", sentence.key), sentence)


@pytest.mark.databases("sqlite")
def test_easy_read_lines_and_glossary_meanings_are_read_too(app, client, people):
    set_display(app, LICENSEE, language="sq", easy_read=True)
    sign_in_as(client, LICENSEE)
    page = BeautifulSoup(marked(client, "/me/decisions/K-D1").get_data(as_text=True), "html.parser")
    line = page.select_one(".app-easy-list__item .app-sentence")
    meaning = page.select_one(".app-term__meaning .app-sentence[data-audio-key]")
    found = {s.number: s for s in sentences(client, "/me/decisions/K-D1")}
    for span in (line, meaning):
        sentence = found[int(span["data-sentence"])]
        assert sentence.aside == (span is meaning)
        assert_audio(audio(client, "/me/decisions/K-D1", span["data-audio-key"]), sentence)


@pytest.mark.databases("sqlite")
def test_a_browser_without_javascript_gets_the_whole_page_as_one_file(app, client, people):
    set_display(app, LIFER, language="pl", easy_read=False)
    sign_in_as(client, LIFER)
    page = BeautifulSoup(client.get("/me/risk").get_data(as_text=True), "html.parser")
    link = page.select_one(".app-player a.app-player__file")
    assert link and link.get_text(strip=True) and not link.has_attr("hidden")
    response = client.get(link["href"])
    assert response.status_code == 200 and response.mimetype == "audio/ogg"
    assert "no-store" in response.headers["Cache-Control"]
    read = [s for s in sentences(client, "/me/risk") if not s.aside]
    expected = sum(seconds_alone(s) for s in read) + PAUSE_BETWEEN_SENTENCES * (len(read) - 1)
    assert abs(read_sound(response.data).seconds - expected) < 0.1 * len(read) ** 0.5


# The player ---------------------------------------------------------------------------------

@pytest.mark.databases("sqlite")
@pytest.mark.parametrize("easy_read", [False, True])
def test_every_kiosk_page_has_the_player_and_marking_changes_no_words(app, client, people, easy_read):
    """Pages are sent unmarked; the player's marked copy of each has the same words, with every
    sentence marked (marking costs about a quarter of a page, so it waits for Play)."""
    set_display(app, LIFER, easy_read=easy_read, read_aloud=True)
    sign_in_as(client, LIFER)
    for url in PAGES:
        html = client.get(url).get_data(as_text=True)
        page = BeautifulSoup(html, "html.parser")
        player = page.select_one("div.app-player[role=region][aria-label]")
        assert player is not None and player["data-page"] == url, url
        assert [b["data-action"] for b in player.select("button[type=button]")] == [
            "previous", "play", "next", "slower"]
        assert player.select_one(".app-player__controls").has_attr("hidden"), "buttons need JavaScript"
        assert page.select_one("script[src$='/static/read_aloud.js'][type=module]")
        assert not page.select(".app-sentence"), f"{url}: sent marked"
        asks = urlsplit(player["data-marked-url"])
        assert asks.path == "/speech/marked" and parse_qs(asks.query)["page"] == [url]
        response = marked(client, url)
        assert response.status_code == 200 and "no-store" in response.headers["Cache-Control"]
        copy = BeautifulSoup(f"<main>{response.get_data(as_text=True)}</main>", "html.parser")
        first = copy.select_one(".app-sentence")
        assert first is not None and first["data-sentence"] == "1" and first.get("data-audio-key"), url
        assert main_text(str(copy)) == main_text(html), f"{url}: marking changed the words"
        numbered = {int(span["data-sentence"]) for span in copy.select("[data-audio-key]")}
        assert numbered == {s.number for s in sentences(client, url)}, f"{url}: not as the audio counts"
        set_display(app, LIFER, read_aloud=False)
        plain = client.get(url).get_data(as_text=True)
        set_display(app, LIFER, read_aloud=True)
        assert main_text(html) == main_text(plain)
        assert not BeautifulSoup(plain, "html.parser").select(".app-player, .app-sentence")


@pytest.mark.databases("sqlite")
def test_staff_see_no_player_when_they_preview_a_persons_pages(app, client, people):
    sign_in_staff(client, make_user(app, "case_coordinator"))
    page = BeautifulSoup(client.get(f"/staff/people/{person_id(app, LIFER)}/as-they-see-it/plan")
                         .get_data(as_text=True), "html.parser")
    assert page.select_one("main h1") and not page.select(".app-player, .app-sentence")


@pytest.mark.databases("sqlite")
def test_printed_packs_have_no_player_and_no_sentence_marks(app, people):
    """The player and the marks belong to the kiosk's frame, not to the page bodies that are
    printed too: even rendered where a kiosk page would have the player, a pack has neither."""
    with app.test_request_context("/me/plan"):
        g.language = "en"
        g.display = DisplaySettings(easy_read=False, text_size=0, high_contrast=False, read_aloud=True)
        assert player_here() is not None, "rendered where a kiosk page has the player"
        person = db.session.scalars(select(Person).where(Person.prison_number == LIFER)).one()
        pack = build_pack(db.session, person, PACK, today=date.today(), language="en")
        for variant in VARIANTS:
            page = BeautifulSoup(pack_html(pack, lang="en", variant=variant), "html.parser")
            assert page.select_one("h1, h2"), variant
            assert not page.select(".app-player, .app-sentence, [data-sentence], script[src$='read_aloud.js']")


# Only the person's own pages --------------------------------------------------------------

@pytest.mark.databases("sqlite", "postgresql")
def test_no_audio_for_anyone_not_signed_in(client, people):
    for url in ("/speech/sentence?page=/me/&key=" + "0" * 32, "/speech/page?page=/me/",
                "/speech/marked?page=/me/"):
        response = client.get(url)
        assert response.status_code == 302 and response.headers["Location"].endswith("/sign-in")
    assert client.post("/speech/speed", data={"speed": "slower"}).status_code == 400  # no form token


@pytest.mark.databases("sqlite", "postgresql")
def test_no_one_hears_another_persons_sentences(client, people, cache):
    sign_in_as(client, DANNY)
    greeting = sentences(client, "/me/")[0]
    assert "Danny" in greeting.text and not is_shared(greeting)
    assert audio(client, "/me/", greeting.key).status_code == 200
    client.post("/finish", data={"csrf_token": csrf_from(client, "/me/")})
    sign_in_as(client, TOMASZ)
    for page in ("/me/", "/me/plan", "/staff/", "/speech/page", "http://evil.example/me/",
                 "//evil.example/me/", "/me/../staff/", "", "me/"):
        assert audio(client, page, greeting.key).status_code == 404, page
    for page in ("/staff/people", "/speech/marked", "//evil.example/me/", "/me/../staff/", ""):
        assert client.get("/speech/page", query_string={"page": page}).status_code == 404, page
        assert marked(client, page).status_code == 404, page
    assert "Danny" not in marked(client, "/me/").get_data(as_text=True)


@pytest.fixture
def tomasz(app, client, people):
    """Tomasz signed in; the keys of two of his pages, and Danny's personal keys."""
    other = app.test_client()
    sign_in_as(other, DANNY)
    danny_only = {s.key for s in sentences(other, "/me/") if not is_shared(s)}
    sign_in_as(client, TOMASZ)
    return {url: {s.key for s in sentences(client, url)} for url in ("/me/", "/me/risk")}, danny_only


@pytest.mark.databases("sqlite")
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_audio_route_says_nothing_but_the_persons_own_sentences(app, client, tomasz, data):
    """Any address and any key: audio comes back only for a sentence of that page of this
    person's, or for our own wording already in the cache; never a server error."""
    own, danny_only = tomasz
    page = data.draw(st.one_of(st.sampled_from([*own, "/me/plan?x=1", "/staff/", "/me/settings"]),
                               st.text(max_size=40), st.text(max_size=40).map(lambda t: "/me/" + t)))
    key = data.draw(st.one_of(st.sampled_from(sorted(set().union(*own.values(), danny_only))),
                              st.text(max_size=40), st.from_regex(r"[0-9a-f]{32}", fullmatch=True)))
    response = audio(client, page, key)
    cached = {name.split("-")[0] for name in os.listdir(app.config["SPEECH_CACHE_DIR"])}
    assert response.status_code in (200, 404)
    if response.status_code == 200:
        assert key in own.get(page, set()) or key in cached
        read_sound(response.data)
    if key in danny_only and key not in own.get(page, set()):
        assert response.status_code == 404


# The cache --------------------------------------------------------------------------------

@pytest.mark.databases("sqlite")
def test_the_cache_holds_only_our_own_wording_and_only_the_service_can_read_it(app, client, people, cache):
    set_display(app, LIFER, language="gd")
    sign_in_as(client, LIFER)
    heard = []
    for url in ("/me/", "/me/dates"):
        for sentence in sentences(client, url):
            assert audio(client, url, sentence.key).status_code == 200
            heard.append(sentence)
    files = sorted(cache.iterdir())
    assert {path.name.split("-")[0] for path in files} == {s.key for s in heard if is_shared(s)}
    assert any(not is_shared(s) for s in heard) and files, "both kinds were heard"
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in files)


def test_the_cache_is_bounded_and_keeps_what_was_used_lately(tmp_path):
    folder = tmp_path / "speech"
    folder.mkdir(mode=0o755)
    cache = AudioCache(folder, max_bytes=5000)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700, "a folder others could read is closed"
    keys = [f"{n:032x}" for n in range(10)]
    for age, key in enumerate(keys):
        cache.put(key, "normal", "ogg", b"x" * 1000)
        os.utime(cache.path(key, "normal", "ogg"), (1000 + age, 1000 + age))
    cache.get(keys[0], "normal", "ogg")  # used lately, so kept
    cache.trim()
    assert cache.size() <= 5000
    left = {path.name.split("-")[0] for path in folder.iterdir()}
    assert keys[0] in left and keys[-1] in left and keys[1] not in left
    assert cache.get("../../etc/passwd", "normal", "ogg") is None
    assert cache.path("0" * 32, "../x", "ogg") is None


# The speed ----------------------------------------------------------------------------------

@pytest.mark.databases("sqlite", "postgresql")
def test_the_speed_is_remembered_with_the_other_display_settings(app, client, people):
    sign_in_as(client, LIFER)
    heading = sentences(client, "/me/plan")[0]
    normal = assert_audio(audio(client, "/me/plan", heading.key), heading)
    token = csrf_from(client, "/me/plan")
    assert client.post("/speech/speed", data={"speed": "fast", "csrf_token": token}).status_code == 400
    assert client.post("/speech/speed", data={"speed": "slower", "csrf_token": token}).status_code == 204
    page = BeautifulSoup(client.get("/me/plan").get_data(as_text=True), "html.parser")
    assert page.select_one("[data-action=slower]")["aria-pressed"] == "true"
    settings_page = BeautifulSoup(client.get("/me/settings").get_data(as_text=True), "html.parser")
    assert settings_page.select_one("input[name=reading_speed][value=slower]").has_attr("checked")
    slower = assert_audio(audio(client, "/me/plan", heading.key), heading, "slower")
    assert slower > normal * 1.2

    client.post("/finish", data={"csrf_token": csrf_from(client, "/me/")})
    sign_in_as(client, LIFER)
    form = {"language": "en", "easy_read": "no", "text_size": "0", "read_aloud": "y",
            "reading_speed": "normal", "csrf_token": csrf_from(client, "/me/settings")}
    assert client.post("/me/settings", data=form).status_code == 302
    page = BeautifulSoup(client.get("/me/plan").get_data(as_text=True), "html.parser")
    assert page.select_one("[data-action=slower]")["aria-pressed"] == "false"


# When the programs are missing -------------------------------------------------------------

@pytest.mark.databases("sqlite")
def test_without_espeak_read_aloud_is_hidden_and_the_log_says_why(app, people, caplog):
    with caplog.at_level(logging.WARNING):
        quiet = create_app({**app.config, "SPEECH_ESPEAK": "/nowhere/espeak-ng"})
    quiet.test_client_class = IsolatedClient
    assert any("espeak-ng" in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records)
    client = quiet.test_client()
    sign_in_as(client, LIFER)
    page = BeautifulSoup(client.get("/me/plan").get_data(as_text=True), "html.parser")
    assert page.select_one("main h1") and not page.select(".app-player, .app-sentence, script[src$='read_aloud.js']")
    assert client.get("/speech/sentence?page=/me/plan&key=" + "0" * 32).status_code == 404
    settings_page = BeautifulSoup(client.get("/me/settings").get_data(as_text=True), "html.parser")
    assert settings_page.select("input[name=high_contrast]")
    assert not settings_page.select("input[name=read_aloud], input[name=reading_speed]")
    db.engine(quiet).dispose()


@pytest.mark.databases("sqlite")
def test_without_opusenc_the_audio_is_plain_wav(app, people, caplog, tmp_path):
    with caplog.at_level(logging.WARNING):
        plain = create_app({**app.config, "SPEECH_OPUSENC": "/nowhere/opusenc",
                            "SPEECH_CACHE_DIR": str(tmp_path / "wav")})
    plain.test_client_class = IsolatedClient
    assert any("opus-tools" in r.getMessage() for r in caplog.records)
    client = plain.test_client()
    sign_in_as(client, LIFER)
    heading = sentences(client, "/me/plan")[0]
    response = audio(client, "/me/plan", heading.key)
    assert response.mimetype == "audio/wav"
    sound = read_sound(response.data)
    assert sound.kind == "wav" and abs(sound.seconds - seconds_alone(heading)) < 0.01
    db.engine(plain).dispose()
