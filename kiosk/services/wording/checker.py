"""The plain-language checker staff use while writing a summary: one report, however it is asked for.

The same function serves the plain form submit and the as-you-type update, so both show the
same thing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from kiosk.services.wording.content import GlossaryTerm, content_for
from kiosk.services.wording.plain_language import Report, Segment, annotate, readability

# Flesch reading ease bands, easiest first; our person-facing writing aims for 70 or more.
BANDS = (
    (80, _l("Very easy to read")),
    (70, _l("Easy to read")),
    (60, _l("Fairly easy to read")),
    (50, _l("Fairly hard to read")),
    (30, _l("Hard to read")),
    (float("-inf"), _l("Very hard to read")),
)
TARGET_EASE = 70
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\s*\n\s*")


@dataclass(frozen=True)
class CheckerReport:
    """Everything the checker shows under the text box."""

    text: str
    readability: Report
    band: str
    meets_target: bool
    terms: tuple[GlossaryTerm, ...]
    easy_lines: tuple[tuple[Segment, ...], ...]

    @property
    def empty(self) -> bool:
        """Nothing typed yet: show a hint instead of numbers."""
        return not self.text.strip()


def band_for(flesch: float) -> str:
    """Reading ease in words."""
    return next(str(label) for floor, label in BANDS if flesch >= floor)


def check(text: str, lang: str = "en") -> CheckerReport:
    """Reading ease, long sentences, unexplained jargon, explained terms and an easy-read preview."""
    glossary = content_for(lang).glossary
    report = readability(text, glossary)
    seen: set[str] = set()
    lines = tuple(tuple(annotate(sentence, glossary, seen))
                  for sentence in _SENTENCE.split(text.strip()) if sentence.strip())
    terms = {segment.term.key: segment.term for line in lines for segment in line if segment.term}
    return CheckerReport(text=text, readability=report, band=band_for(report.flesch),
                         meets_target=report.flesch >= TARGET_EASE and not report.long_sentences
                         and not report.unexplained,
                         terms=tuple(terms.values()), easy_lines=lines)
