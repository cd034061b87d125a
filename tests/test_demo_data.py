"""The demo data generator: valid, repeatable, complete, consistent and fit for the benchmarks."""
from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from kiosk.services.demo.export import ESTABLISHMENTS, generate_export, generate_people, write_export
from kiosk.services.demo.people import NAMES

ROOT = Path(__file__).resolve().parents[1]
OURS = ROOT / "kiosk" / "contract" / "record.schema.json"
SCHEMA = json.loads(OURS.read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
TODAY = date(2026, 11, 20)
# The abbreviations the glossary explains; staff text may use no others.
AGREED = {"ICM", "CC", "CIP", "CSA", "LS/CMI", "RMT", "NTE", "FGTR", "CIU", "OBP", "GPA", "PCMB",
          "PBSW", "CBSW", "PO", "HDC", "OLR", "MAPPA", "RMP", "CMP", "TARL", "PR2", "SEL", "MDT",
          "PQD", "SQA", "RoSH", "DG", "SPS", "HQ"}
SCOTTISH_SURNAME = re.compile(r"Ma?c[A-Z][a-z]+")


@pytest.fixture(scope="module")
def export() -> dict:
    return generate_export()


def problems(document: dict) -> list[str]:
    return [f"{error.json_path}: {error.message}" for error in VALIDATOR.iter_errors(document)]


def schema_paths(node: dict, path: tuple = ()):
    """Every place in the schema, as (path with [] for array items, node, name of $ref or None)."""
    name = None
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = SCHEMA["$defs"][name]
    yield path, node, name
    for key, child in node.get("properties", {}).items():
        yield from schema_paths(child, path + (key,))
    if "items" in node:
        yield from schema_paths(node["items"], path + ("[]",))


def data_values(node, path: tuple = ()):
    """Every leaf value in the document, with the same kind of path."""
    if isinstance(node, dict):
        for key, child in node.items():
            yield from data_values(child, path + (key,))
    elif isinstance(node, list):
        for child in node:
            yield from data_values(child, path + ("[]",))
    else:
        yield path, node


def seen_values(document: dict) -> dict[tuple, set]:
    seen = defaultdict(set)
    for path, value in data_values(document):
        seen[path].add(value)
    return seen


def test_default_export_matches_the_contract(export):
    assert problems(export) == []
    assert len(export["people"]) == 200
    assert export["exported_at"] == "2026-11-20T07:30:00Z"
    assert export["establishment"] == {"code": "GRN", "name": "HMP Greenock"}


@pytest.mark.parametrize("code", ["POL", "STI", "CHU", "BAR"])
@pytest.mark.parametrize("seed", [1, 99])
def test_other_establishments_and_seeds_match_the_contract(code, seed):
    document = generate_export(300, seed=seed, establishment_code=code)
    assert problems(document) == []
    assert document["establishment"]["name"] == ESTABLISHMENTS[code]


@pytest.mark.parametrize("people", [0, 1, 2])
def test_tiny_exports_match_the_contract(people):
    assert problems(generate_export(people)) == []


def test_the_17_establishments():
    assert len(ESTABLISHMENTS) == 17
    assert all(re.fullmatch(r"[A-Z]{2,5}", code) for code in ESTABLISHMENTS)
    assert ESTABLISHMENTS["GRN"] == "HMP Greenock"


def test_same_arguments_give_the_same_bytes():
    first = json.dumps(generate_export(150, seed=7), ensure_ascii=False)
    assert json.dumps(generate_export(150, seed=7), ensure_ascii=False) == first


def test_different_seeds_and_establishments_differ(export):
    assert generate_export(seed=2027)["people"] != export["people"]
    assert generate_export(establishment_code="BAR")["people"] != export["people"]


def test_a_smaller_export_is_the_start_of_a_bigger_one(export):
    assert generate_export(20)["people"] == export["people"][:20]


@pytest.mark.parametrize("seed, code", [(2026, "GRN"), (1, "BAR"), (2, "LIL")])
def test_every_enum_value_in_the_schema_appears(seed, code):
    seen = seen_values(generate_export(seed=seed, establishment_code=code))
    enums = {path: set(node["enum"]) for path, node, _ in schema_paths(SCHEMA) if "enum" in node}
    assert len(enums) >= 20
    missing = {"/".join(path): sorted(values - seen[path]) for path, values in enums.items()
               if values - seen[path]}
    assert missing == {}


def test_languages_include_the_product_ones_and_some_it_lacks(export):
    languages = seen_values(export)[("people", "[]", "preferred_language")]
    assert {"en", "gd", "pl", "sq", "vi", "ar"} <= languages
    assert {"ga", "ro"} <= languages


def test_people_are_varied(export):
    people = export["people"]
    for part in ("plan", "risk", "decisions", "dates", "licence", "programmes"):
        assert any(part in person for person in people), part
        assert any(part not in person for person in people), part
    new_arrivals = [p for p in people if p["sentence"]["type"] == "remand"
                    and not {"plan", "risk", "decisions", "dates"} & set(p)]
    assert new_arrivals
    assert max(len(p["plan"]["actions"]) for p in people if "plan" in p) >= 10
    assert any("preferred" in p["name"] for p in people)
    assert any(d.get("provisional") for p in people for d in p.get("dates", []))
    assert all("label" in d for p in people for d in p.get("dates", []) if d["kind"] == "other")
    halls = {p["location"]["hall"] for p in people}
    assert 4 <= len(halls) <= 6
    for person in people:
        sentence = person["sentence"]
        if sentence["type"] in ("life", "olr"):
            assert sentence["punishment_part_days"] >= 1
        if "licence" in person:
            assert sentence["type"] not in ("remand", "short_term")


def test_names_fit_the_language_where_it_fits(export):
    polish = [p["name"]["given"] for p in export["people"] if p.get("preferred_language") == "pl"]
    assert polish and set(polish) <= set(NAMES["pl"][0])


def test_establishments_for_women_and_young_people():
    young = generate_export(100, establishment_code="POL")["people"]
    ages = [(TODAY - date.fromisoformat(p["date_of_birth"])).days // 365 for p in young]
    assert min(ages) >= 16 and max(ages) <= 22
    women = {name for _, given, *_ in NAMES.values() for name in given}
    assert all(p["name"]["given"] in women for p in generate_export(50, establishment_code="LIL")["people"])


@pytest.mark.parametrize("code", ["GRN", "POL", "LIL"])
def test_ids_are_unique_and_references_hold(code):
    for person in generate_export(400, establishment_code=code)["people"]:
        collections = {"actions": person.get("plan", {}).get("actions", []),
                       "meetings": person.get("meetings", []), "decisions": person.get("decisions", []),
                       "conditions": person.get("licence", {}).get("conditions", [])}
        for name, items in collections.items():
            ids = [item["id"] for item in items]
            assert len(ids) == len(set(ids)), (person["prison_number"], name)
        meetings = {meeting["id"]: meeting for meeting in collections["meetings"]}
        for decision in person.get("decisions", []):
            if "meeting" in decision:
                meeting = meetings[decision["meeting"]]
                assert (meeting["status"], meeting["date"]) == ("held", decision["decided_on"])
        if "agreed_at_meeting" in person.get("plan", {}):
            meeting = meetings[person["plan"]["agreed_at_meeting"]]
            assert (meeting["status"], meeting["date"]) == ("held", person["plan"]["agreed_on"])


@pytest.mark.parametrize("code", ["GRN", "POL", "LIL"])
def test_dates_hang_together(code):
    today = TODAY.isoformat()
    for person in generate_export(400, establishment_code=code)["people"]:
        start = person["sentence"]["start_date"]
        assert person["date_of_birth"] < start <= today
        age_at_start = (date.fromisoformat(start) - date.fromisoformat(person["date_of_birth"])).days
        assert age_at_start >= 16 * 365
        for decision in person.get("decisions", []):
            assert start <= decision["decided_on"] < today
            assert decision.get("review_on", today) >= today
        for meeting in person.get("meetings", []):
            assert meeting["date"] >= start
            if meeting["date"] >= today:
                assert meeting["status"] == "scheduled" and "outcomes" not in meeting
            elif meeting["status"] == "held":
                assert meeting["outcomes"]
            else:
                assert meeting["status"] in ("postponed", "cancelled") and "outcomes" not in meeting
        if "plan" in person:
            assert start <= person["plan"]["agreed_on"] <= today
            for action in person["plan"]["actions"]:
                assert person["plan"]["agreed_on"] <= action["updated_on"] <= today
        if "risk" in person:
            assert start < person["risk"]["assessed_on"] < today


def test_prison_numbers_are_unique_and_never_clash_between_establishments():
    codes = [*ESTABLISHMENTS, "GR", "GRNA"]
    numbers = {code: [p["prison_number"] for p in generate_people(300, establishment_code=code)]
               for code in codes}
    every = [number for listed in numbers.values() for number in listed]
    assert len(every) == len(set(every))
    for code, listed in numbers.items():
        assert all(re.fullmatch(r"[A-Z0-9]{5,12}", n) and re.match(code + r"\d", n) for n in listed)


def test_staff_text_uses_only_the_agreed_abbreviations(export):
    text_paths = {path for path, _, name in schema_paths(SCHEMA) if name == "staff_text"}
    words = set()
    for path, value in data_values(export):
        if path in text_paths:
            words |= set(re.findall(r"[A-Za-z0-9/]*[A-Z][A-Za-z0-9/]*", value))
    shouting = {word for word in words if sum(c.isupper() for c in word) >= 2}
    unknown = {word for word in shouting - AGREED if not SCOTTISH_SURNAME.fullmatch(word)}
    assert unknown == set()
    assert len(shouting & AGREED) >= 20


def test_write_export_writes_what_generate_export_returns(tmp_path):
    path = tmp_path / "export.json"
    write_export(path, 60, seed=5, establishment_code="PER", today=date(2027, 3, 1))
    expected = generate_export(60, seed=5, establishment_code="PER", today=date(2027, 3, 1))
    raw = path.read_bytes()
    assert json.loads(raw) == expected
    assert raw == json.dumps(expected, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    write_export(path, 0)
    assert json.loads(path.read_bytes()) == generate_export(0)


def test_export_time_and_today_follow_each_other():
    assert generate_export(0, today=date(2027, 1, 5))["exported_at"] == "2027-01-05T07:30:00Z"
    moment = datetime(2027, 2, 3, 6, 0, tzinfo=timezone.utc)
    later = generate_export(30, exported_at=moment)
    assert later["exported_at"] == "2027-02-03T06:00:00Z"
    assert later == generate_export(30, exported_at=moment, today=date(2027, 2, 3))
    assert problems(later) == []


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError):
        generate_export(establishment_code="grn")
    with pytest.raises(ValueError):
        generate_export(-1)


def test_twenty_thousand_people_fit_the_import_size_limit():
    """The benchmarks import files of 20,000 people; the importer refuses files over 50 MB."""
    sizes = [len(json.dumps(person, ensure_ascii=False, separators=(",", ":")).encode())
             for person in generate_people(2000)]
    per_person = sum(sizes) / len(sizes)
    assert per_person * 20_000 < 0.95 * 50 * 1024 * 1024
