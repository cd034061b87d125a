"""Reading audio back: the container's header and the sound's length, for Ogg Opus and WAV, and
espeak-ng alone on the same words, to compare with what the app made."""
from __future__ import annotations

import shutil
import struct
import subprocess
from typing import NamedTuple

from support.needs import skip_or_fail

ESPEAK_MISSING = "espeak-ng not found: install the Debian package `espeak-ng` (scripts/install does)"
OPUSENC_MISSING = "opusenc not found: install the Debian package `opus-tools` (scripts/install does)"
OPUS_RATE = 48000  # Ogg Opus counts granules at 48 kHz whatever the input rate


class Sound(NamedTuple):
    kind: str  # "ogg-opus" or "wav"
    channels: int
    seconds: float


def need_speech_programs() -> None:
    """Skip (or in CI fail) a test that needs espeak-ng and opusenc, naming the package."""
    if shutil.which("espeak-ng") is None:
        skip_or_fail(ESPEAK_MISSING)
    if shutil.which("opusenc") is None:
        skip_or_fail(OPUSENC_MISSING)


def read_sound(data: bytes) -> Sound:
    """The kind and length of an Ogg Opus or WAV file; AssertionError if it is neither."""
    if data[:4] == b"OggS":
        return _ogg_opus(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return _wav(data)
    raise AssertionError(f"not Ogg or WAV: starts {data[:16]!r}")


def _ogg_opus(data: bytes) -> Sound:
    """Walk the Ogg pages: the first packet is OpusHead (channels, pre-skip), the second
    OpusTags, and the last page's granule position less the pre-skip is the length."""
    at, packets, granule = 0, [], 0
    while at < len(data):
        assert data[at:at + 4] == b"OggS", f"broken Ogg page at byte {at}"
        granule = struct.unpack_from("<q", data, at + 6)[0]
        segments = data[at + 26]
        table = data[at + 27:at + 27 + segments]
        body = at + 27 + segments
        packets.append(data[body:body + sum(table)])
        at = body + sum(table)
    head, tags = packets[0], packets[1]
    assert head[:8] == b"OpusHead" and head[8] == 1, "the first packet is not an OpusHead"
    assert tags[:8] == b"OpusTags", "the second packet is not OpusTags"
    channels, pre_skip = head[9], struct.unpack_from("<H", head, 10)[0]
    return Sound("ogg-opus", channels, (granule - pre_skip) / OPUS_RATE)


def _wav(data: bytes) -> Sound:
    channels, rate = struct.unpack_from("<HI", data, 22)
    bits = struct.unpack_from("<H", data, 34)[0]
    assert data[36:40] == b"data", "no data chunk where a plain WAV has it"
    size = struct.unpack_from("<I", data, 40)[0]
    assert size == len(data) - 44, "the data size in the header is not the data's size"
    return Sound("wav", channels, size / (rate * channels * bits // 8))


def espeak_seconds(voice: str, words: str, words_per_minute: int) -> float:
    """How long espeak-ng alone takes to say the words (its WAV, read as it comes)."""
    wav = subprocess.run(["espeak-ng", "-v", voice, "-s", str(words_per_minute), "-b", "1", "--stdout"],
                         input=words.encode("utf-8"), capture_output=True, check=True).stdout
    return (len(wav) - 44) / (22050 * 2)
