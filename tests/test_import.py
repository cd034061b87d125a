"""The record import: every valid file is taken whole, every invalid one refused whole."""
from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from kiosk.models import Base, Decision, Person, PlanAction
from kiosk.services.imports.contract import ExportRefused
from kiosk.services.imports.importer import import_export
from support.kiosk import EXAMPLE as EXAMPLE_PATH

EXAMPLE = json.loads(EXAMPLE_PATH.read_text())
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


def as_bytes(document: dict) -> bytes:
    return json.dumps(document).encode("utf-8")


def later(document: dict, hours: int = 1) -> dict:
    """A copy of the document exported `hours` after it."""
    newer = copy.deepcopy(document)
    stamp = datetime.fromisoformat(document["exported_at"].replace("Z", "+00:00"))
    newer["exported_at"] = (stamp + timedelta(hours=hours)).isoformat()
    return newer


def snapshot(session) -> dict:
    """Every row of every table, to prove a refused import changed nothing."""
    return {table.name: sorted(map(repr, session.execute(select(table)).all()))
            for table in Base.metadata.sorted_tables}


def test_the_contract_example_imports(db_session):
    summary = import_export(db_session, EXAMPLE_PATH.read_bytes(), now=NOW)
    document = EXAMPLE
    assert summary.applied and summary.added == len(document["people"])
    count = db_session.scalar(select(func.count()).select_from(Person))
    assert count == len(document["people"])


def _with(change):
    document = copy.deepcopy(EXAMPLE)
    change(document)
    return as_bytes(document)


def _set(path, value):
    def change(document):
        target = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


INVALID = {
    "not JSON": (b'{"format": "custody-record-export",', "not valid JSON"),
    "not UTF-8": (b'{"format": "\xff\xfe"}', "not UTF-8"),
    "wrong version": (_with(_set(["version"], 2)), "version"),
    "unknown field": (_with(_set(["people", 0, "nickname"], "Dan")), "people[0]: Additional properties"),
    "bad enum": (_with(_set(["people", 0, "decisions", 0, "outcome"], "maybe")),
                 "people[0].decisions[0].outcome: 'maybe' is not one of"),
    "impossible date": (_with(_set(["people", 1, "date_of_birth"], "1979-02-30")),
                        "people[1].date_of_birth: '1979-02-30' is not a 'date'"),
    "other date without label": (
        _with(lambda d: d["people"][0]["dates"].append({"kind": "other", "date": "2027-01-01"})),
        "people[0].dates[5]: 'label' is a required property"),
    "duplicate prison number": (
        _with(lambda d: d["people"].append(copy.deepcopy(d["people"][0]))),
        "people[2].prison_number: 'GR1048213' is also used by people[0]"),
    "duplicate action id": (
        _with(_set(["people", 0, "plan", "actions", 1, "id"], "A1")),
        "people[0].plan.actions: the id 'A1' is used more than once"),
    "dangling meeting reference": (
        _with(_set(["people", 0, "decisions", 1, "meeting"], "M-NOPE")),
        "people[0].decisions[1].meeting: no meeting has the id 'M-NOPE'"),
    "dangling plan meeting": (
        _with(_set(["people", 0, "plan", "agreed_at_meeting"], "M-NOPE")),
        "people[0].plan.agreed_at_meeting: no meeting has the id 'M-NOPE'"),
}


@pytest.mark.parametrize("name", INVALID)
def test_invalid_files_are_refused_whole_with_located_messages(db_session, name):
    import_export(db_session, as_bytes(EXAMPLE), now=NOW)
    db_session.commit()
    before = snapshot(db_session)
    raw, expected = INVALID[name]
    with pytest.raises(ExportRefused) as refused:
        import_export(db_session, raw, now=NOW)
    db_session.rollback()
    assert any(expected in str(problem) for problem in refused.value.problems), refused.value
    assert snapshot(db_session) == before


def test_every_problem_is_listed_not_just_the_first(db_session):
    document = copy.deepcopy(EXAMPLE)
    document["people"][0]["decisions"][0]["outcome"] = "maybe"
    document["people"][1]["sentence"]["type"] = "forever"
    with pytest.raises(ExportRefused) as refused:
        import_export(db_session, as_bytes(document), now=NOW)
    places = [problem.place for problem in refused.value.problems]
    assert places == ["people[0].decisions[0].outcome", "people[1].sentence.type"]


def test_oversized_files_and_too_many_people_are_refused_plainly(db_session):
    with pytest.raises(ExportRefused, match="files over 1 MB are refused"):
        import_export(db_session, b" " * (1024 * 1024 + 1), now=NOW, max_bytes=1024 * 1024)
    with pytest.raises(ExportRefused, match="one file may hold at most 1"):
        import_export(db_session, as_bytes(EXAMPLE), now=NOW, max_people=1)


def test_newer_snapshot_updates_and_marks_people_who_left(db_session):
    import_export(db_session, as_bytes(EXAMPLE), now=NOW)
    newer = later(EXAMPLE)
    newer["people"][0]["plan"]["actions"][0]["status"] = "done"
    departed = newer["people"].pop(1)
    summary = import_export(db_session, as_bytes(newer), now=NOW + timedelta(days=1))
    assert (summary.added, summary.updated, summary.left, summary.unchanged) == (0, 1, 1, 0)
    gone = db_session.scalars(select(Person).filter_by(prison_number=departed["prison_number"])).one()
    assert gone.present is False and gone.left_at is not None


def test_history_says_what_changed_and_keeps_what_did_not(db_session):
    import_export(db_session, as_bytes(EXAMPLE), now=NOW)
    newer = later(EXAMPLE)
    newer["people"][0]["plan"]["actions"][0]["status"] = "done"
    next_day = NOW + timedelta(days=1)
    import_export(db_session, as_bytes(newer), now=next_day)
    actions = {a.item_key: a for a in db_session.scalars(select(PlanAction))}
    assert actions["A1"].first_seen_at == NOW and actions["A1"].changed_at == next_day
    assert actions["A2"].changed_at == NOW
    decision = db_session.scalars(select(Decision).filter_by(item_key="D2")).one()
    assert decision.changed_at == NOW


def test_older_snapshot_changes_nothing_and_says_so(db_session):
    import_export(db_session, as_bytes(later(EXAMPLE, hours=5)), now=NOW)
    db_session.commit()
    before = snapshot(db_session)
    older = copy.deepcopy(EXAMPLE)
    older["establishment"]["name"] = "Renamed"
    summary = import_export(db_session, as_bytes(older), now=NOW)
    db_session.commit()
    assert not summary.applied and "older than the last one imported" in summary.describe()
    assert snapshot(db_session) == before


def test_same_snapshot_twice_is_all_unchanged(db_session):
    import_export(db_session, as_bytes(EXAMPLE), now=NOW)
    summary = import_export(db_session, as_bytes(EXAMPLE), now=NOW)
    assert (summary.added, summary.updated, summary.unchanged) == (0, 0, 2)


@pytest.mark.parametrize("raw, expected", [
    (b"[1, 2]", "(the whole file): [1, 2] is not of type 'object'"),
    (b'{"people": 3}', "people: 3 is not of type 'array'"),
])
def test_files_of_the_wrong_shape_are_refused(db_session, raw, expected):
    with pytest.raises(ExportRefused) as refused:
        import_export(db_session, raw, now=NOW)
    assert expected in [str(problem) for problem in refused.value.problems]


def test_a_large_file_with_one_mistake_names_it(db_session):
    from kiosk.services.demo.export import generate_export

    document = generate_export(300)
    document["people"][250]["sentence"]["icm"] = "sometimes"
    with pytest.raises(ExportRefused) as refused:
        import_export(db_session, as_bytes(document), now=NOW)
    assert [str(p) for p in refused.value.problems] == [
        "people[250].sentence.icm: 'sometimes' is not one of ['standard', 'enhanced', 'none']"]


def test_the_demo_file_imports_whole(db_session):
    from kiosk.services.demo.export import generate_export

    summary = import_export(db_session, as_bytes(generate_export(200)), now=NOW)
    assert summary.added == 200
