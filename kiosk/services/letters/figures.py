"""Figures for managers: how fast letters are acknowledged and answered, and how well people
understand each kind of page, with bar charts laid out here and drawn as inline SVG.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from statistics import median

from sqlalchemy.orm import Session

from kiosk.data import letter_queries
from kiosk.services.letters.feedback import ANSWERS, DECISION

SECONDS_A_DAY = 86400


@dataclass(frozen=True)
class Speed:
    """Median days from sending to a step, over the letters that have reached it."""

    median_days: float | None
    letters: int


def _days(start, end) -> float:
    return (end - start).total_seconds() / SECONDS_A_DAY


def speeds(session: Session, establishment_id: int | None) -> dict[str, Speed]:
    """Median days to acknowledge and to answer."""
    times = letter_queries.letter_times(session, establishment_id)
    result = {}
    for name, index in (("acknowledge", 1), ("answer", 2)):
        days = [_days(row[0], row[index]) for row in times if row[index] is not None]
        result[name] = Speed(round(median(days), 1) if days else None, len(days))
    return result


@dataclass(frozen=True)
class Understanding:
    """How many answered yes, partly and no about one page or decision type."""

    page: str
    topic: str | None
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def share(self, answer: str) -> float:
        """The fraction (0 to 1) who gave this answer."""
        return self.counts.get(answer, 0) / self.total if self.total else 0.0


def understanding(session: Session, establishment_id: int | None) -> dict[str, list[Understanding]]:
    """Understanding by page ("decision", "meeting") and, within decisions, by decision type."""
    by_page: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(ANSWERS, 0))
    by_topic: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(ANSWERS, 0))
    for page, topic, answer, count in letter_queries.understanding_counts(session, establishment_id):
        by_page[page][answer] += count
        if page == DECISION and topic:
            by_topic[topic][answer] += count
    return {
        "pages": [Understanding(page, None, counts) for page, counts in sorted(by_page.items())],
        "decision_types": [Understanding(DECISION, topic, counts)
                           for topic, counts in sorted(by_topic.items())],
    }


# Charts --------------------------------------------------------------------------------------

BAR_HEIGHT, GAP, LABEL_WIDTH, BAR_WIDTH = 28, 12, 260, 400


@dataclass(frozen=True)
class Segment:
    """One coloured part of a stacked bar, in SVG user units."""

    answer: str
    x: float
    width: float
    count: int


@dataclass(frozen=True)
class Bar:
    """One row of a stacked bar chart."""

    label: str
    y: int
    segments: tuple[Segment, ...]
    total: int


@dataclass(frozen=True)
class Chart:
    """A horizontal stacked bar chart: its size and its bars."""

    width: int
    height: int
    bars: tuple[Bar, ...]


def stacked_bars(rows: list[tuple[str, Understanding]]) -> Chart:
    """Lay out one bar per row, yes/partly/no stacked to 100 percent."""
    bars = []
    for index, (label, row) in enumerate(rows):
        x, segments = float(LABEL_WIDTH), []
        for answer in ANSWERS:
            width = round(row.share(answer) * BAR_WIDTH, 1)
            segments.append(Segment(answer, x, width, row.counts.get(answer, 0)))
            x += width
        bars.append(Bar(label, index * (BAR_HEIGHT + GAP), tuple(segments), row.total))
    height = max(len(bars) * (BAR_HEIGHT + GAP), BAR_HEIGHT)
    return Chart(LABEL_WIDTH + BAR_WIDTH + 60, height, tuple(bars))
