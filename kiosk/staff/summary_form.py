"""The rows of the plain-summary form: one for each line staff wrote (a reason, a next step, a
plan action), each with the phrase chosen for it and its slot values, then phrases added.

The form has as many rows as the record has lines, so it is read from the posted fields by
name (`line-3-phrase`, `line-3-place`, `added-0-phrase`, ...) rather than declared.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kiosk.services.staff import summaries
from kiosk.services.staff.summaries import Choice, StaffLine
from kiosk.services.wording import phrases

_ADDED = re.compile(r"^added-(\d{1,3})-phrase$")


@dataclass
class PhraseRow:
    """One row of the form: the line it is for (None: a phrase added on its own), the phrase
    chosen ("" for none) and the slot values typed."""

    name: str
    line: StaffLine | None
    phrase_key: str = ""
    slots: dict[str, str] = field(default_factory=dict)

    @property
    def options(self) -> list[phrases.Phrase]:
        """The phrases this row may choose from."""
        groups = (self.line.group,) if self.line else summaries.ADDED_GROUPS
        english = phrases.bank()
        return [phrase for group in groups for phrase in english.group(group)]

    @property
    def phrase(self) -> phrases.Phrase | None:
        return phrases.bank().phrases.get(self.phrase_key)

    @property
    def choice(self) -> Choice | None:
        """What is saved for this row; None when no phrase is chosen."""
        return Choice(self.phrase_key, dict(self.slots), self.line) if self.phrase_key else None


def rows_from_form(form: Mapping[str, str], lines: Iterable[StaffLine]) -> list[PhraseRow]:
    """The rows as posted, with one empty row for another added phrase."""
    rows = [_row_from(form, f"line-{i}", line) for i, line in enumerate(lines)]
    numbers = sorted({int(m[1]) for name in form if (m := _ADDED.match(name))})
    added = [row for row in (_row_from(form, f"added-{n}", None) for n in numbers) if row.phrase_key]
    return rows + _renumbered(added[:summaries.MAX_PHRASES])


def rows_from_choices(choices: Iterable[Choice], lines: Iterable[StaffLine]) -> list[PhraseRow]:
    """The rows of a saved summary, with one empty row for another added phrase."""
    choices = list(choices)
    for_line = {choice.line: choice for choice in choices if choice.line is not None}
    rows = []
    for i, line in enumerate(lines):
        choice = for_line.get(line)
        rows.append(PhraseRow(f"line-{i}", line, choice.phrase_key if choice else "",
                              dict(choice.slots) if choice else {}))
    added = [PhraseRow("", None, c.phrase_key, dict(c.slots)) for c in choices if c.line is None]
    return rows + _renumbered(added)


def _row_from(form: Mapping[str, str], name: str, line: StaffLine | None) -> PhraseRow:
    key = (form.get(f"{name}-phrase") or "").strip()
    phrase = phrases.bank().phrases.get(key)
    slots = {slot: (form.get(f"{name}-{slot}") or "").strip() for slot in (phrase.slots if phrase else ())}
    return PhraseRow(name, line, key, slots)


def _renumbered(added: list[PhraseRow]) -> list[PhraseRow]:
    """Added rows numbered from 0, then one empty row to add another."""
    rows = [PhraseRow(f"added-{n}", None, row.phrase_key, row.slots) for n, row in enumerate(added)]
    return rows + [PhraseRow(f"added-{len(added)}", None)]


def example(phrase: phrases.Phrase) -> str:
    """A phrase's English with its slots named, for staff to choose from ("... in [Place]")."""
    return re.sub(r"\{([a-z]+)(?:\.[a-z]+)?\}", lambda m: f"[{summaries.SLOT_LABELS[m[1]]}]", phrase.plain)
