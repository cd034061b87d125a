"""Explains the jargon in staff-written text without changing a word of it, and measures how hard text is to read."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import textstat

from kiosk.services.wording.content import GlossaryTerm

LONG_SENTENCE_WORDS = 20
_SEPARATORS = {
    " ": r"(?:\s*-\s*|\s+)",
    "-": r"(?:\s*-\s*|\s+)",
    "/": r"\s*[/-]\s*",
    ":": r"\s*:",
}
_SPLIT_SPELLING = re.compile(r"(\s+|[-/:])")
_PLURAL = r"(?:['\u2019]?s)?"
_CAPITALS = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2,6}(?=(?:['\u2019]?s)?(?![A-Za-z0-9]))")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\s*\n\s*")


@dataclass(frozen=True)
class Segment:
    """A run of staff text: plain, or a glossary term as written, flagged on its first use on a page."""

    text: str
    term: GlossaryTerm | None = None
    first_on_page: bool = False


@dataclass(frozen=True)
class Report:
    """How hard a text is to read, for the staff plain-language checker and the content tests."""

    flesch: float
    mean_sentence_words: float
    long_sentences: tuple[str, ...]
    unexplained: tuple[str, ...]


@dataclass(frozen=True)
class _Matcher:
    """One compiled pattern for a whole glossary, with the term behind each named alternative."""

    pattern: re.Pattern[str]
    terms: dict[str, GlossaryTerm]


def annotate(text: str, glossary: Iterable[GlossaryTerm], seen: set[str]) -> list[Segment]:
    """Split text into plain runs and found terms; joined back together they are the text exactly."""
    matcher = _matcher(tuple(glossary))
    segments: list[Segment] = []
    position = 0
    for found in matcher.pattern.finditer(text):
        if found.start() > position:
            segments.append(Segment(text[position : found.start()]))
        term = matcher.terms[found.lastgroup]
        segments.append(Segment(found.group(), term, term.key not in seen))
        seen.add(term.key)
        position = found.end()
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


def readability(text: str, glossary: Iterable[GlossaryTerm] = ()) -> Report:
    """Reading ease, sentence length and unexplained capitals, the measures our writing rules use."""
    sentences = [s for s in _SENTENCE_BREAK.split(text.strip()) if textstat.lexicon_count(s)]
    words = [textstat.lexicon_count(s) for s in sentences]
    unglossed = "".join(s.text for s in annotate(text, glossary, set()) if s.term is None)
    return Report(
        flesch=textstat.flesch_reading_ease(" ".join(_ended(s) for s in sentences)) if sentences else 100.0,
        mean_sentence_words=sum(words) / len(sentences) if sentences else 0.0,
        long_sentences=tuple(s for s, n in zip(sentences, words) if n > LONG_SENTENCE_WORDS),
        unexplained=tuple(dict.fromkeys(_CAPITALS.findall(unglossed))),
    )


def _ended(sentence: str) -> str:
    """Give a line without a full stop one, so a list counts as separate sentences."""
    return sentence if sentence[-1] in ".!?" else sentence + "."


@lru_cache(maxsize=16)
def _matcher(glossary: tuple[GlossaryTerm, ...]) -> _Matcher:
    """Build the pattern once per glossary; longer spellings go first so "ICM CC" beats "ICM"."""
    spellings = sorted(
        ((spelling, term) for term in glossary for spelling in term.match),
        key=lambda pair: -len(pair[0]),
    )
    names = {f"t{i}": term for i, (_, term) in enumerate(spellings)}
    alternatives = (f"(?P<t{i}>{_spelling_pattern(spelling)})" for i, (spelling, _) in enumerate(spellings))
    return _Matcher(re.compile("|".join(alternatives) or r"(?!)"), names)


def _spelling_pattern(spelling: str) -> str:
    """One spelling as a regex tolerant of spacing and punctuation, matched as whole words."""
    parts = _SPLIT_SPELLING.split(spelling.strip())
    body = "".join(_SEPARATORS[part.strip() or " "] if i % 2 else re.escape(part) for i, part in enumerate(parts))
    letters = [c for c in spelling if c.isalpha()]
    capitals = all(c.isupper() for c in letters)
    if capitals:
        body += _PLURAL
    if spelling[:1].isalnum():
        body = r"(?<![A-Za-z0-9])" + body
    if spelling[-1:].isalnum():
        body += r"(?![A-Za-z0-9])"
    if len(letters) >= 3 and not capitals:
        return f"(?i:{body})"
    return body
