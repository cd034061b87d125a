"""The record export contract: turn a file's bytes into a checked document, or say every problem.

The contract is an external interface we do not own: every valid file is accepted and every
invalid one refused whole, with each problem named by its place in the file.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import jsonschema_rs
from jsonschema import Draft202012Validator

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "contract" / "record.schema.json"
MAX_BYTES = 50 * 1024 * 1024
MAX_PEOPLE = 20_000
# The contract nests about six levels deep; a file nested deeper than this is refused before
# any validator walks it (they recurse, and Python's JSON parser gives up near 1,000 levels).
MAX_DEPTH = 32
_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
# PostgreSQL cannot keep NUL in text; in JSON it can only be written as this escape.
_NUL_ESCAPE = re.compile(r'(?<!\\)(?:\\\\)*\\u0000')
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
def _schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def fast_validator():
    """jsonschema-rs decides validity: a 20,000-person file in well under a second."""
    return jsonschema_rs.validator_for(_schema(), validate_formats=True)


@lru_cache(maxsize=1)
def wording_validator() -> Draft202012Validator:
    """The reference validator, used only to word the problems in a refused file."""
    return Draft202012Validator(_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


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
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ExportRefused([Problem(f"line {error.lineno}, column {error.colno}",
                                     f"not valid JSON ({error.msg})")])
    except RecursionError:
        raise ExportRefused([_nested_too_deeply(_deep_place_in(text))])
    if "\\u0000" in text and (nul := _NUL_ESCAPE.search(text)):
        raise ExportRefused([Problem(_line_and_column(text, nul.end() - 6),
                                     "text may not hold a NUL character (\\u0000)")])
    return document


def _line_and_column(text: str, index: int) -> str:
    line_start = text.rfind("\n", 0, index) + 1
    return f"line {text.count(chr(10), 0, index) + 1}, column {index - line_start + 1}"


def _nested_too_deeply(where: str) -> Problem:
    return Problem(where, f"nested more than {MAX_DEPTH} levels deep; the export format "
                          "never nests that deep")


def _deep_place_in(text: str) -> str:
    """The line and column where the text first nests deeper than MAX_DEPTH."""
    depth = 0
    for match in _BRACKETS.finditer(text):
        depth += 1 if match.group() in "[{" else -1 if match.group() in "]}" else 0
        if depth > MAX_DEPTH:
            return _line_and_column(text, match.start())
    return "(the whole file)"


def too_deep(document: object) -> list[Problem]:
    """The first place the document nests deeper than MAX_DEPTH, walked without recursion
    (the validators recurse). Asked only of a file the fast validator did not pass."""
    stack = [(document, ())]
    while stack:
        value, path = stack.pop()
        if len(path) > MAX_DEPTH:
            return [_nested_too_deeply(place(path))]
        children = value.items() if isinstance(value, dict) else (
            enumerate(value) if isinstance(value, list) else ())
        stack.extend((child, (*path, key)) for key, child in children
                     if isinstance(child, (dict, list)))
    return []


def schema_problems(document: object) -> list[Problem]:
    """Every way the document breaks the schema, in file order.

    The fast validator finds which people are wrong; the reference one words the problems,
    reading only those people, so a large file with one mistake is refused quickly.
    """
    try:
        fast_errors = list(fast_validator().iter_errors(document))
    except ValueError:  # jsonschema-rs: "Recursion limit reached"
        fast_errors = None
    if fast_errors == []:
        return []
    if deep := too_deep(document):
        return deep
    if fast_errors is None:
        return [Problem("(the whole file)", "the file could not be checked")]
    flagged = sorted({e.instance_path[1] for e in fast_errors if _is_person_path(e.instance_path)})
    if isinstance(document, dict) and isinstance(document.get("people"), list):
        sample = {**document, "people": [document["people"][i] for i in flagged]}
    else:
        sample, flagged = document, []
    worded = []
    for error in wording_validator().iter_errors(sample):
        path = list(error.absolute_path)
        if flagged and _is_person_path(path):
            path[1] = flagged[path[1]]
        worded.append(Problem(place(path), error.message))
    if not worded:  # never accept what the fast validator refused
        worded = [Problem(place(e.instance_path), e.message) for e in fast_errors]
    return sorted(worded, key=lambda p: _sort_key(p.place))


def _is_person_path(path) -> bool:
    return len(path) >= 2 and path[0] == "people" and isinstance(path[1], int)


def _sort_key(text: str) -> list:
    """Order places as they stand in the file: people[2] before people[10]."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


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
