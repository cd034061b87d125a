"""Read aloud as the app uses it: the audio of one sentence or of a whole page.

The audio of our own wording comes from the cache when it can, and goes into it when it is
made. Personal sentences are made afresh every time and never stored: they cost about a
tenth of a second each, and the player asks for the next one while the last is still playing.
"""
from __future__ import annotations

from dataclasses import dataclass

from .audio_cache import AudioCache
from .sentences import Sentence
from .shared import is_shared
from .voices import Speaker


@dataclass
class ReadAloud:
    """The speaker (espeak-ng, opusenc) and the cache of our own wording."""

    speaker: Speaker
    cache: AudioCache

    @property
    def mimetype(self) -> str:
        return self.speaker.mimetype

    def cached(self, key: str, speed: str) -> bytes | None:
        """Audio already made for a key, without knowing its words (None if there is none)."""
        return self.cache.get(key, speed, self.speaker.extension)

    def sentence(self, sentence: Sentence, speed: str) -> bytes:
        """One sentence's audio."""
        audio = self.cached(sentence.key, speed)
        if audio is None:
            audio = self.speaker.say([sentence.spoken], speed)
            if is_shared(sentence):
                self.cache.put(sentence.key, speed, self.speaker.extension, audio)
        return audio

    def page(self, sentences: tuple[Sentence, ...], speed: str) -> bytes:
        """A whole page as one file (for a browser without JavaScript), meanings set aside left
        out. Made afresh each time: it nearly always holds something personal."""
        return self.speaker.say([s.spoken for s in sentences if not s.aside], speed)
