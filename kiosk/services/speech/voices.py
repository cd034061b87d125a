"""Making the sound: espeak-ng from Debian says the words, opus-tools' opusenc compresses them.

espeak-ng writes 16-bit mono PCM at 22,050 Hz (about 44 KB a second). Ogg Opus at 24 kbit/s
for speech is about a thirteenth of that, and Chromium plays it; benchmarks/speech_benchmark.py
measures both for a real page. Without opusenc the audio is sent as WAV.

Both programs run with no network, from standard input to standard output, with a time limit,
and at most SPEECH_WORKERS at once per app process, so read aloud cannot take every core from
the pages.
"""
from __future__ import annotations

import shutil
import struct
import subprocess
import threading
from dataclasses import dataclass, field

# The product's languages and the espeak-ng voice for each (staff text is marked lang="en").
VOICES = {"en": "en-gb", "gd": "gd", "pl": "pl", "sq": "sq", "vi": "vi", "ar": "ar"}
DEFAULT_VOICE = VOICES["en"]
# Words a minute: espeak-ng's own 175 is fast for people who find reading hard.
SPEEDS = {"normal": 150, "slower": 110}
DEFAULT_SPEED = "normal"
RATE = 22050  # espeak-ng's sample rate (16-bit mono)
PAUSE_BETWEEN_PARTS = 0.15  # seconds, where a sentence changes voice
PAUSE_BETWEEN_SENTENCES = 0.5  # in the audio of a whole page
OPUS_ARGS = ("--quiet", "--bitrate", "24", "--speech", "--comp", "5")
TIMEOUT = 20  # seconds for one program to finish, and one more for each second of sound encoded


class SpeechUnavailable(RuntimeError):
    """The sound could not be made now (too busy, or a program failed)."""


def voice_for(language: str) -> str:
    """The espeak-ng voice for a language code; English for one we do not speak."""
    return VOICES.get(language, DEFAULT_VOICE)


@dataclass
class Speaker:
    """The programs found on this machine, and a limit on how many run at once."""

    espeak: str
    opusenc: str | None
    workers: int = 2
    _slots: threading.BoundedSemaphore = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._slots = threading.BoundedSemaphore(self.workers)

    @classmethod
    def find(cls, espeak: str = "espeak-ng", opusenc: str = "opusenc", workers: int = 2) -> Speaker | None:
        """The speaker, or None when espeak-ng is not installed."""
        espeak_path = shutil.which(espeak)
        if espeak_path is None:
            return None
        return cls(espeak_path, shutil.which(opusenc), workers)

    @property
    def extension(self) -> str:
        return "ogg" if self.opusenc else "wav"

    @property
    def mimetype(self) -> str:
        return "audio/ogg" if self.opusenc else "audio/wav"

    def say(self, sentences: list[tuple[tuple[str, str], ...]], speed: str) -> bytes:
        """Audio of one or more sentences, each given as its (voice, words) parts, in order."""
        if not self._slots.acquire(timeout=TIMEOUT):
            raise SpeechUnavailable("every read-aloud worker is busy")
        try:
            pcm = bytearray()
            for number, parts in enumerate(sentences):
                if number:
                    pcm += silence(PAUSE_BETWEEN_SENTENCES)
                for index, (voice, words) in enumerate(parts):
                    if index:
                        pcm += silence(PAUSE_BETWEEN_PARTS)
                    pcm += self.pcm(voice, words, speed)
            return self.encode(bytes(pcm))
        finally:
            self._slots.release()

    def pcm(self, voice: str, words: str, speed: str) -> bytes:
        """espeak-ng's samples for some words in one voice (the words go in on standard input,
        so nothing in them can be taken for an option)."""
        wav = self._run([self.espeak, "-v", voice, "-s", str(SPEEDS.get(speed, SPEEDS[DEFAULT_SPEED])),
                         "-b", "1", "--stdout"], words.encode("utf-8"))
        return samples_of(wav)

    def encode(self, pcm: bytes) -> bytes:
        """The samples as Ogg Opus, or as WAV when opusenc is missing."""
        wav = wav_file(pcm)
        if not self.opusenc:
            return wav
        return self._run([self.opusenc, *OPUS_ARGS, "-", "-"], wav, TIMEOUT + len(pcm) / (RATE * 2))

    @staticmethod
    def _run(command: list[str], given: bytes, timeout: float = TIMEOUT) -> bytes:
        try:
            done = subprocess.run(command, input=given, capture_output=True, timeout=timeout, check=True)
        except (OSError, subprocess.SubprocessError) as error:
            raise SpeechUnavailable(f"{command[0]} failed: {error}") from error
        return done.stdout


def silence(seconds: float) -> bytes:
    return b"\0\0" * int(RATE * seconds)


def wav_file(pcm: bytes) -> bytes:
    """16-bit mono PCM at RATE with a complete WAV header."""
    header = struct.pack("<4sI4s4sIHHIIHH4sI", b"RIFF", 36 + len(pcm), b"WAVE", b"fmt ", 16, 1, 1,
                         RATE, RATE * 2, 2, 16, b"data", len(pcm))
    return header + pcm


def samples_of(wav: bytes) -> bytes:
    """The samples of a WAV file. espeak-ng writing to a pipe cannot go back to fill in the
    sizes, so the data chunk is taken to run to the end."""
    if wav[:4] != b"RIFF" or wav[8:12] != b"WAVE":
        raise SpeechUnavailable("espeak-ng did not write WAV")
    at = 12
    while at + 8 <= len(wav):
        name, size = wav[at:at + 4], struct.unpack("<I", wav[at + 4:at + 8])[0]
        if name == b"data":
            return wav[at + 8:]
        at += 8 + size + (size & 1)
    raise SpeechUnavailable("espeak-ng wrote no sound")
