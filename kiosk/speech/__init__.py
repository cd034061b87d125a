"""Read aloud on kiosk pages: the player, the audio routes, and espeak-ng found at start-up.

If espeak-ng is missing the app says so in its log and shows no player: read aloud is hidden,
never broken. Without opusenc the audio is plain WAV.
"""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, current_app

from kiosk.services.speech.audio_cache import AudioCache
from kiosk.services.speech.reader import ReadAloud
from kiosk.services.speech.voices import Speaker

bp = Blueprint("speech", __name__, url_prefix="/speech")
EXTENSION = "read_aloud"


def read_aloud() -> ReadAloud | None:
    """This app's read aloud, or None when espeak-ng was not found at start-up."""
    return current_app.extensions.get(EXTENSION)


@bp.record_once
def _find_speaker(state) -> None:
    set_up(state.app)


def set_up(app: Flask) -> None:
    """Find espeak-ng and opusenc, and say clearly in the log what is missing."""
    config = app.config
    speaker = Speaker.find(config["SPEECH_ESPEAK"], config["SPEECH_OPUSENC"], config["SPEECH_WORKERS"])
    if speaker is None:
        app.logger.warning(
            "Read aloud is switched off: the program %r was not found. Install the Debian "
            "package espeak-ng (scripts/install does) and restart the app.", config["SPEECH_ESPEAK"])
        return
    if speaker.opusenc is None:
        app.logger.warning(
            "Read aloud sends uncompressed WAV, about 13 times bigger: the program %r was not "
            "found. Install the Debian package opus-tools (scripts/install does).",
            config["SPEECH_OPUSENC"])
    cache = AudioCache(Path(config["SPEECH_CACHE_DIR"]), config["SPEECH_CACHE_MB"] * 1024 * 1024)
    app.extensions[EXTENSION] = ReadAloud(speaker, cache)


from . import player, routes  # noqa: E402,F401  (they attach themselves to bp)
