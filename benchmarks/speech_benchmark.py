"""Benchmark: read aloud's time to first audio (run by hand, not a test; needs espeak-ng and
opusenc from Debian).

A made-up person's plan page, in each of the six languages, served by gunicorn with 2 workers
(the kiosk server's 2 cores). For the page's first sentence (its heading, our own wording):
  - espeak-ng alone: the time for espeak-ng to write that sentence's WAV, run directly, in the
    same run: the floor, since no sound can come sooner than it is made;
  - nothing cached: the app's audio route with an empty disk cache, from request to the last
    byte: the page rendered again for the person, the sound made and compressed;
  - cached: the same request again, served from the disk cache;
and, for a sentence with a date (personal, so never cached): the route, every time; and the
page's sentence marks (`/speech/marked`), which the player asks for once, on the first Play of
a page, before its first sound.
Each figure is the median of --rounds turns, taken in turn so a busy moment cannot favour one.
It also weighs the whole page's audio, as WAV and as Ogg Opus, to show what compression buys.

Goals: at most 300 ms to first sound with nothing cached, at most 20 ms from the cache.

    .venv/bin/python benchmarks/speech_benchmark.py [--rounds 9] [--languages en pl ar]
"""
from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from kiosk.services.speech.sentences import sentences_in_page  # noqa: E402
from kiosk.services.speech.voices import OPUS_ARGS, SPEEDS  # noqa: E402
from serving import serving  # noqa: E402

PAGE = "/me/plan"
LANGUAGES = ("en", "gd", "pl", "sq", "vi", "ar")
WAV_BYTES_A_SECOND = 22050 * 2


def kiosk(*args: str, env: dict, given: str | None = None) -> str:
    return subprocess.run([str(ROOT / ".venv/bin/kiosk"), *args], env=env, check=True,
                          capture_output=True, text=True, input=given).stdout


class Kiosk:
    """One browser at a kiosk: its cookies, signed in as one person."""

    def __init__(self, base: str, number: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        token = self.token("/sign-in")
        self.post("/sign-in", {"csrf_token": token, "prison_number": number, "pin": "1234"})

    def get(self, path: str) -> bytes:
        with self.opener.open(self.base + path) as response:
            return response.read()

    def post(self, path: str, fields: dict) -> None:
        self.opener.open(self.base + path, urllib.parse.urlencode(fields).encode()).read()

    def token(self, path: str) -> str:
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', self.get(path).decode()).group(1)

    def choose_language(self, language: str) -> None:
        self.post("/language", {"csrf_token": self.token(PAGE), "language": language, "next": PAGE})

    def timed(self, path: str) -> tuple[float, bytes]:
        started = time.perf_counter()
        body = self.get(path)
        return time.perf_counter() - started, body


MARKS = "/speech/marked?" + urllib.parse.urlencode({"page": PAGE})


def audio_path(key: str) -> str:
    return "/speech/sentence?" + urllib.parse.urlencode({"page": PAGE, "key": key})


def espeak_alone(voice: str, words: str) -> tuple[float, bytes]:
    started = time.perf_counter()
    wav = subprocess.run(["espeak-ng", "-v", voice, "-s", str(SPEEDS["normal"]), "-b", "1", "--stdout"],
                         input=words.encode("utf-8"), capture_output=True, check=True).stdout
    return time.perf_counter() - started, wav


def opusenc_alone(wav: bytes) -> float:
    """opusenc on espeak-ng's sound, as the app runs it: what compression costs per sentence."""
    started = time.perf_counter()
    subprocess.run(["opusenc", *OPUS_ARGS, "-", "-"], input=wav, capture_output=True, check=True)
    return time.perf_counter() - started


def empty(folder: Path) -> None:
    for path in folder.glob("*"):
        path.unlink()


def measure(kiosk_browser: Kiosk, cache: Path, language: str, rounds: int) -> dict:
    kiosk_browser.choose_language(language)
    found = sentences_in_page(kiosk_browser.get(PAGE).decode())
    first = found[0]
    dated = next(s for s in found if any(ch.isdigit() for ch in s.text) and not s.aside)
    for _ in range(2):  # each worker loads this language's wording once
        kiosk_browser.get(audio_path(first.key))
    taken: dict[str, list[float]] = {"alone": [], "opusenc": [], "afresh": [], "cached": [], "personal": [],
                                     "marks": []}
    for _ in range(rounds):
        made = [espeak_alone(voice, words) for voice, words in first.spoken]
        taken["alone"].append(sum(seconds for seconds, _ in made))
        taken["opusenc"].append(opusenc_alone(made[0][1]))
        empty(cache)
        taken["marks"].append(kiosk_browser.timed(MARKS)[0])
        seconds, ogg = kiosk_browser.timed(audio_path(first.key))
        taken["afresh"].append(seconds)
        taken["cached"].append(kiosk_browser.timed(audio_path(first.key))[0])
        taken["personal"].append(kiosk_browser.timed(audio_path(dated.key))[0])
        assert ogg[:4] == b"OggS"
    weights = [len(kiosk_browser.get(audio_path(s.key))) for s in found if not s.aside]
    seconds_of_sound = sum(_ogg_seconds(kiosk_browser.get(audio_path(s.key))) for s in found if not s.aside)
    return {"language": language, "first": first.text, **{k: statistics.median(v) for k, v in taken.items()},
            "sentences": len(weights), "ogg_bytes": sum(weights), "sound_seconds": seconds_of_sound}


def _ogg_seconds(ogg: bytes) -> float:
    """Length of an Ogg Opus file: the last page's granule position less the pre-skip."""
    last = ogg.rfind(b"OggS")
    granule = int.from_bytes(ogg[last + 6:last + 14], "little")
    head = ogg.find(b"OpusHead")
    return (granule - int.from_bytes(ogg[head + 10:head + 12], "little")) / 48000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--languages", nargs="+", default=list(LANGUAGES))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder) / "speech"
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
               "SECRET_KEY": "benchmark", "SPEECH_CACHE_DIR": str(cache), "KIOSK_IDLE_SECONDS": "3600"}
        said = kiosk("demo", "--people", "30", "--establishment", "GRN", "--pin", "1234",
                     "--output", f"{folder}/GRN.json", env=env)
        number = re.search(r"Try prison number (\S+)\.", said).group(1)
        with serving("kiosk:create_app()", env, workers=2) as server:
            base = server.url
            browser = Kiosk(base, number)
            results = [measure(browser, cache, language, args.rounds) for language in args.languages]
    print(f"Read aloud, {PAGE}, gunicorn with 2 workers on {os.cpu_count()} cores; medians of "
          f"{args.rounds} rounds. Ratios are against espeak-ng alone on the same words.")
    print(f"{'':4} {'espeak-ng alone':>16} {'nothing cached':>22} {'cached':>20} {'a personal sentence':>22}"
          f" {'marks, once a page':>19}")
    for r in results:
        alone = r["alone"]
        print(f"{r['language']:4} {alone * 1000:13.1f} ms {r['afresh'] * 1000:9.1f} ms ({r['afresh'] / alone:5.2f}x)"
              f" {r['cached'] * 1000:8.1f} ms ({r['cached'] / alone:5.2f}x)"
              f" {r['personal'] * 1000:9.1f} ms ({r['personal'] / alone:5.2f}x)"
              f" {r['marks'] * 1000:16.1f} ms")
    print("Compressing a sentence (opusenc alone on espeak-ng's sound for the heading): "
          + ", ".join(f"{r['language']} {r['opusenc'] * 1000:.1f} ms" for r in results))
    print("Audio weight of the whole page (all its sentences):")
    for r in results:
        wav = r["sound_seconds"] * WAV_BYTES_A_SECOND + 44 * r["sentences"]
        print(f"  {r['language']:3} {r['sentences']:3} sentences, {r['sound_seconds']:6.1f} s of speech: "
              f"WAV {wav / 1024:7.0f} KB, Ogg Opus {r['ogg_bytes'] / 1024:5.0f} KB "
              f"({wav / r['ogg_bytes']:4.1f} times smaller)")
    worst_first_play = max(r["marks"] + r["afresh"] for r in results)
    print(f"First Play on a page (the marks, then the first sound, nothing cached): worst "
          f"{worst_first_play * 1000:.0f} ms")
    worst_afresh = max(r["afresh"] for r in results)
    worst_cached = max(r["cached"] for r in results)
    print(f"Goals: nothing cached <= 300 ms: {'met' if worst_afresh <= 0.3 else 'NOT met'} "
          f"(worst {worst_afresh * 1000:.0f} ms); cached <= 20 ms: "
          f"{'met' if worst_cached <= 0.02 else 'NOT met'} (worst {worst_cached * 1000:.1f} ms)")


if __name__ == "__main__":
    sys.exit(main())
