"""The seeded dealer every part of a made-up record draws from, and the case it deals for.

One `random.Random`, seeded with the seed and the establishment code, makes everything, so the
same arguments give the same bytes. Values are dealt in whole rounds: each round tuple
repeats values to weight them, and the dealer deals every value of a round before starting
the next, so a couple of hundred people show every value of every enum while still looking
random.
"""
from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

DAY = timedelta(days=1)


@dataclass
class Case:
    """What the parts of one person's record are worked out from."""

    kind: str
    icm: str
    start: date
    served: int
    slots: dict
    supervision: dict = field(default_factory=dict)
    risk: dict | None = None
    eligible: date | None = None  # when progression (or parole) can first be considered
    meetings: dict[str, dict] = field(default_factory=dict)


class Dealer:
    """A seeded random source that deals whole rounds of values, so every value turns up."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.bags: dict[str, list] = {}

    def roll(self, low: int, high: int) -> int:
        """A whole number from low to high inclusive (cheaper than randint)."""
        return low + int(self.rng.random() * (high - low + 1))

    def pick(self, values: Sequence):
        """Any one of the values, where it does not matter whether every one turns up."""
        return values[int(self.rng.random() * len(values))]

    def deal(self, key: str, values: Sequence):
        """A value drawn from a bag holding a whole round of the values, refilled only when empty."""
        bag = self.bags.get(key)
        if not bag:
            bag = self.bags[key] = list(values)
        return bag.pop(int(self.rng.random() * len(bag)))

    def chance(self, key: str, one_in: int) -> bool:
        """True exactly once in every round of `one_in` calls with this key."""
        return self.deal(f"{one_in}:{key}", (True,) + (False,) * (one_in - 1))

    def day_between(self, first: date, last: date) -> date:
        """A day from first to last inclusive (first, if the range is empty)."""
        return first + self.roll(0, max(0, (last - first).days)) * DAY

    def texts(self, templates: Sequence[str], slots: dict, low: int, high: int) -> list[str]:
        """A few different lines from the templates, filled in for this person."""
        count = min(self.roll(low, high), len(templates))
        return [line.format_map(slots) for line in self.rng.sample(templates, count)]
