"""Realistic but made-up record exports in the contract format, for demos, tests and benchmarks.

A person is made by `Maker`, which draws each part of their record from the module that knows
it (people, sentences, decisions, plans, risk); `dealer.py` says how values are dealt.

Everything is invented. Staff free text uses only the abbreviations the product's glossary
explains: ICM, ICM CC, CC, CIP, CSA, LS/CMI, RMT, NTE, FGTR, CIU, OBP, GPA, PCMB, PBSW, CBSW,
PO, HDC, OLR, MAPPA, RMP, CMP, TARL, PR2, SEL, Annex A, MDT, PQD, SQA, RoSH, DG, SPS, HQ, re:,
p/w, pt / Pt, w/c, asap, approx. Templates take slots from `Maker.slots` ({po}, {prog},
{place}, {town}, {work}, {d}, {soon}, {month}, {n}, {sup}, {what}, {body}, {hall}).
"""
from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path

from kiosk.services.demo.dealer import DAY, Case
from kiosk.services.demo.decisions import Decisions
from kiosk.services.demo.people import ADULT_MEN, HALLS, HOLDS, LANGUAGES, NAMES, People
from kiosk.services.demo.plans import PROGRAMMES, Plans
from kiosk.services.demo.risk import Risk
from kiosk.services.demo.sentences import ICM, RELEASE_DATES, SENTENCES, Sentences

ESTABLISHMENTS: dict[str, str] = {
    "GRA": "HMP Grampian", "EDN": "HMP Edinburgh", "GLE": "HMP Glenochil", "DUM": "HMP Dumfries",
    "KIL": "HMP Kilmarnock", "LMS": "HMP Low Moss", "BAR": "HMP Barlinnie", "INV": "HMP Inverness",
    "GRN": "HMP Greenock", "SHO": "HMP Shotts", "CHU": "HMP Castle Huntly", "PER": "HMP Perth",
    "ADD": "HMP Addiewell", "POL": "HMPYOI Polmont", "STI": "HMPYOI Stirling",
    "BEL": "Bella Community Custody Unit", "LIL": "Lilias Community Custody Unit"}
EXPORTED_AT = datetime(2026, 11, 20, 7, 30, tzinfo=timezone.utc)
MAX_PEOPLE = 999_999  # keeps prison numbers within 12 characters
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_CODE = re.compile(r"[A-Z]{2,5}")

TOWNS = ("Greenock", "Paisley", "Dundee", "Kilmarnock", "Inverness", "Falkirk", "Ayr",
         "Motherwell", "Dumfries", "Perth", "Livingston", "Kirkcaldy", "Aberdeen", "Govan")

WORK = ("laundry", "textiles", "joinery", "kitchens", "gardens", "recycling", "the bakery")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

NEXT_MOVES = ("NTE", "SEL", "Open Estate", "CIU")  # what an Annex A might ask for

PLACES = ("Barlinnie", "Shotts", "Glenochil", "Castle Huntly", "Grampian", "Edinburgh",
          "Perth", "Low Moss", "Addiewell")


def generate_export(people: int = 200, *, seed: int = 2026, establishment_code: str = "GRN",
                    establishment_name: str | None = None, exported_at: datetime | None = None,
                    today: date | None = None) -> dict:
    """Return one contract-valid export dict for one establishment."""
    header, persons = _export_parts(people, seed=seed, establishment_code=establishment_code, today=today,
                                    establishment_name=establishment_name, exported_at=exported_at)
    return {**header, "people": list(persons)}


def write_export(path: str | Path, people: int = 200, **options) -> None:
    """Write `generate_export`'s result as compact JSON, one person at a time, to keep memory flat."""
    header, persons = _export_parts(people, **options)
    with open(path, "w", encoding="utf-8") as out:
        out.write(_ENCODER.encode(header)[:-1] + ',"people":[')
        for index, person in enumerate(persons):
            out.write("," + _ENCODER.encode(person) if index else _ENCODER.encode(person))
        out.write("]}")


def generate_people(people: int = 200, *, seed: int = 2026, establishment_code: str = "GRN",
                    today: date | None = None) -> Iterator[dict]:
    """Made-up people, each made only when asked for, so memory does not grow with the count."""
    if not _CODE.fullmatch(establishment_code):
        raise ValueError(f"establishment code {establishment_code!r} must be 2 to 5 capital letters")
    if not 0 <= people <= MAX_PEOPLE:
        raise ValueError(f"people must be between 0 and {MAX_PEOPLE:,}")
    maker = Maker(random.Random(f"{seed}:{establishment_code}"), establishment_code,
                  today or EXPORTED_AT.date())
    return (maker.person() for _ in range(people))


def _export_parts(people: int, *, seed: int = 2026, establishment_code: str = "GRN",
                  establishment_name: str | None = None, exported_at: datetime | None = None,
                  today: date | None = None) -> tuple[dict, Iterator[dict]]:
    """The export's header and its people, shared by the dict and the file writers."""
    stamp, today = _moment(exported_at, today)
    name = establishment_name or ESTABLISHMENTS.get(establishment_code, f"Establishment {establishment_code}")
    header = {"format": "custody-record-export", "version": 1, "exported_at": stamp,
              "source": f"made-up demo data (seed {seed})",
              "establishment": {"code": establishment_code, "name": name}}
    return header, generate_people(people, seed=seed, establishment_code=establishment_code, today=today)


def _moment(exported_at: datetime | None, today: date | None) -> tuple[str, date]:
    """The export time and its 'today', each taken from the other when only one is given."""
    if exported_at is None:
        exported_at = EXPORTED_AT if today is None else datetime.combine(today, EXPORTED_AT.timetz())
    if exported_at.tzinfo is None:
        exported_at = exported_at.replace(tzinfo=timezone.utc)
    stamp = exported_at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return stamp, today or exported_at.date()


class Maker(People, Sentences, Decisions, Plans, Risk):
    """Makes one establishment's people in turn from a single seeded random stream."""

    def __init__(self, rng: random.Random, code: str, today: date):
        super().__init__(rng)
        self.code, self.today = code, today
        self.women, self.youngest, self.oldest = HOLDS.get(code, ADULT_MEN)
        self.halls = rng.sample(HALLS, self.roll(4, 6))
        self.number = 1_000_000

    def person(self) -> dict:
        """One whole, self-consistent record."""
        language = self.deal("language", LANGUAGES)
        kind = self.deal("sentence", SENTENCES)
        age = self.youngest + int((self.oldest - self.youngest) * self.rng.random() ** 1.6)
        since_birthday = self.roll(0, 364)
        length, part, served = self.term(kind)
        if self.youngest < 18:  # young offenders' institution: in since 16 at the earliest
            served = min(served, (age - 16) * 365 + since_birthday)
        else:
            age = max(age, served // 365 + 18)
        start = self.today - served * DAY
        self.number += self.roll(1, 9)
        person = {"prison_number": f"{self.code}{self.number}", "name": self.name(language),
                  "date_of_birth": (self.today - (age * 365 + since_birthday) * DAY).isoformat()}
        if language != "en" or not self.chance("no language", 4):
            person["preferred_language"] = language
        if needs := self.needs(language):
            person["communication_needs"] = needs
        person["location"] = self.location()
        case = Case(kind, ICM.get(kind, "enhanced"), start, served,
                    self.slots(start, person["location"]))
        person["sentence"] = {"type": kind, "start_date": start.isoformat(),
                              **({"length_days": length} if length else {}),
                              **({"punishment_part_days": part} if part else {}), "icm": case.icm}
        person.update(self.record(case, self.key_dates(kind, start, length, part)))
        return person

    def record(self, case: Case, keys: dict[str, date]) -> dict:
        """The parts that depend on the sentence, leaving out the empty ones."""
        case.eligible = keys.get("progression_eligibility", case.start if case.kind == "recall" else None)
        case.supervision = self.supervision(case)
        case.slots["sup"] = case.supervision["level"]
        case.risk = self.risk(case)
        release = min((keys[k] for k in RELEASE_DATES if keys.get(k, date.min) >= self.today),
                      default=None)
        if case.icm == "enhanced" and case.served >= 30:
            self.conferences(case, release)
        decisions = self.decisions(case)
        plan = self.plan(case)
        programmes = self.programmes(case)
        licence = self.licence(case, release)
        parts = {"staff": self.staff(case, programmes, licence), "supervision": case.supervision,
                 "dates": self.dates(case, keys), "plan": plan,
                 "meetings": sorted(case.meetings.values(), key=lambda meeting: meeting["date"]),
                 "decisions": decisions, "risk": case.risk, "programmes": programmes, "licence": licence}
        return {key: value for key, value in parts.items() if value}

    def slots(self, start: date, location: dict) -> dict:
        """The details staff templates mention, picked once per person."""
        recently, soon = max(start, self.today - self.roll(7, 120) * DAY), self.today + self.roll(7, 60) * DAY
        return {"po": f"PO {self.pick(NAMES['en'][2])}", "prog": self.pick(PROGRAMMES),
                "place": self.pick(PLACES), "town": self.pick(TOWNS), "work": self.pick(WORK),
                "d": recently.strftime("%d/%m/%y"), "soon": soon.strftime("%d/%m/%y"), "n": self.roll(2, 5),
                "month": self.pick(MONTHS), "what": self.pick(NEXT_MOVES), "hall": location["hall"]}
