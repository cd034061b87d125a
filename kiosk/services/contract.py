"""The record export contract: turn a file's bytes into a checked document, or say every problem.

The contract is an external interface we do not own: every valid file is accepted and every
invalid one refused whole, with each problem named by its place in the file.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from jsonschema import Draft202012Validator

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "contract" / "record.schema.json"
MAX_BYTES = 50 * 1024 * 1024
MAX_PEOPLE = 20_000
# Collections whose `id`s must be unique within one person; each is its own namespace.
ID_COLLECTIONS = (("plan", "actions"), ("meetings",), ("decisions",), ("licence", "conditions"))


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, and where it is."""

    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


class ExportRefused(Exception):
    """The file was refused; nothing was changed. `problems` lists every reason."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@lru_cache(maxsize=1)
def validator() -> Draft202012Validator:
    """The schema validator, with date and date-time formats checked (built once)."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def place(path: Iterable) -> str:
    """Write a JSON path the way staff read it: people[3].decisions[0].outcome."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(the whole file)"


def parse(raw: bytes, max_bytes: int = MAX_BYTES) -> object:
    """Decode and parse the bytes, refusing files that are too big, not UTF-8 or not JSON."""
    if len(raw) > max_bytes:
        raise ExportRefused([Problem("(the whole file)", (
            f"the file is {len(raw) / 1048576:.1f} MB; files over "
            f"{max_bytes // 1048576} MB are refused. Split it or ask for a smaller export."))])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ExportRefused([Problem("(the whole file)",
                                     f"not UTF-8 text (a bad byte at position {error.start})")])
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ExportRefused([Problem(f"line {error.lineno}, column {error.colno}",
                                     f"not valid JSON ({error.msg})")])


def schema_problems(document: object) -> list[Problem]:
    """Every way the document breaks the schema, in file order."""
    errors = sorted(validator().iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    return [Problem(place(error.absolute_path), error.message) for error in errors]


def _duplicates(values: Iterable[str]) -> list[str]:
    return [value for value, count in Counter(values).items() if count > 1]


def _ids_in(person: dict, collection: tuple[str, ...]) -> list[str]:
    container = person
    for key in collection[:-1]:
        container = container.get(key, {})
    return [item["id"] for item in container.get(collection[-1], [])]


def too_many_people(document: object, max_people: int) -> list[Problem]:
    """Refuse a huge file before the slow schema check, in words an operator can act on."""
    people = document.get("people") if isinstance(document, dict) else None
    if isinstance(people, list) and len(people) > max_people:
        return [Problem("people", f"{len(people):,} people; one file may hold at most "
                                  f"{max_people:,}. Ask for the export to be split.")]
    return []


def consistency_problems(document: dict) -> Iterator[Problem]:
    """What the schema cannot say: duplicate numbers and ids, references to meetings."""
    people = document["people"]
    for number in _duplicates(p["prison_number"] for p in people):
        where = [i for i, p in enumerate(people) if p["prison_number"] == number]
        yield Problem(f"people[{where[1]}].prison_number",
                      f"'{number}' is also used by people[{where[0]}]")
    for index, person in enumerate(people):
        yield from _person_problems(f"people[{index}]", person)


def _person_problems(prefix: str, person: dict) -> Iterator[Problem]:
    for collection in ID_COLLECTIONS:
        for item_id in _duplicates(_ids_in(person, collection)):
            yield Problem(f"{prefix}.{'.'.join(collection)}",
                          f"the id '{item_id}' is used more than once")
    meeting_ids = set(_ids_in(person, ("meetings",)))
    agreed_at = person.get("plan", {}).get("agreed_at_meeting")
    if agreed_at is not None and agreed_at not in meeting_ids:
        yield Problem(f"{prefix}.plan.agreed_at_meeting", f"no meeting has the id '{agreed_at}'")
    for d, decision in enumerate(person.get("decisions", [])):
        if "meeting" in decision and decision["meeting"] not in meeting_ids:
            yield Problem(f"{prefix}.decisions[{d}].meeting",
                          f"no meeting has the id '{decision['meeting']}'")


def check(raw: bytes, max_bytes: int = MAX_BYTES, max_people: int = MAX_PEOPLE) -> dict:
    """Return the checked document, or raise ExportRefused listing every problem found."""
    document = parse(raw, max_bytes)
    problems = too_many_people(document, max_people) or schema_problems(document)
    if not problems:
        problems = list(consistency_problems(document))
    if problems:
        raise ExportRefused(problems)
    return document
