"""Realistic but made-up record exports in the contract format, for demos, tests and benchmarks.

One `random.Random`, seeded with the seed and the establishment code, makes everything, so the
same arguments give the same bytes. Values are dealt in whole rounds (see `demo_text.Dealer`),
so a couple of hundred people show every value of every enum while still looking random.
"""
from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from kiosk.services.demo import words as text
from kiosk.services.demo.words import DAY

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
    maker = _Maker(random.Random(f"{seed}:{establishment_code}"), establishment_code,
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


@dataclass
class _Case:
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


class _Maker(text.Dealer):
    """Makes one establishment's people in turn from a single seeded random stream."""

    def __init__(self, rng: random.Random, code: str, today: date):
        super().__init__(rng)
        self.code, self.today = code, today
        self.women, self.youngest, self.oldest = text.HOLDS.get(code, text.ADULT_MEN)
        self.halls = rng.sample(text.HALLS, self.roll(4, 6))
        self.number = 1_000_000

    def person(self) -> dict:
        """One whole, self-consistent record."""
        language = self.deal("language", text.LANGUAGES)
        kind = self.deal("sentence", text.SENTENCES)
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
        case = _Case(kind, text.ICM.get(kind, "enhanced"), start, served,
                     self.slots(start, person["location"]))
        person["sentence"] = {"type": kind, "start_date": start.isoformat(),
                              **({"length_days": length} if length else {}),
                              **({"punishment_part_days": part} if part else {}), "icm": case.icm}
        person.update(self.record(case, self.key_dates(kind, start, length, part)))
        return person

    def record(self, case: _Case, keys: dict[str, date]) -> dict:
        """The parts that depend on the sentence, leaving out the empty ones."""
        case.eligible = keys.get("progression_eligibility", case.start if case.kind == "recall" else None)
        case.supervision = self.supervision(case)
        case.slots["sup"] = case.supervision["level"]
        case.risk = self.risk(case)
        release = min((keys[k] for k in text.RELEASE_DATES if keys.get(k, date.min) >= self.today),
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

    def term(self, kind: str) -> tuple[int | None, int | None, int]:
        """Sentence length, punishment part and days served so far, typical of the kind."""
        if kind == "remand":
            return None, None, self.roll(0, 150)
        if kind == "recall":
            return None, None, self.roll(5, 400)
        if kind in ("life", "olr"):
            part = self.roll(10 * 365, 22 * 365) if kind == "life" else self.roll(3 * 365, 12 * 365)
            return None, part, max(60, part - self.roll(-3 * 365, 9 * 365))  # many near the end
        length = self.roll(*text.LENGTHS[kind])
        release = length * 2 // 3 if kind in ("long_term", "extended") else length // 2
        return length, None, self.roll(1, max(2, release - 1))

    def key_dates(self, kind: str, start: date, length: int | None, part: int | None) -> dict[str, date]:
        """The sentence dates the records would hold, by kind of date."""
        if kind == "remand":
            return {}
        if part:
            expiry = start + part * DAY
            dates = {"punishment_part_expiry": expiry, "progression_eligibility": expiry - 4 * 365 * DAY}
            return dates | ({"fgtr_eligibility": expiry - 3 * 365 * DAY} if kind == "life" else {})
        if length is None:
            return {"sentence_expiry_date": start + self.roll(200, 1500) * DAY}
        half = start + length // 2 * DAY
        dates = {"earliest_date_of_liberation": half, "sentence_expiry_date": start + length * DAY}
        if kind in ("long_term", "extended"):
            dates["parole_qualifying_date"] = half
            dates["earliest_date_of_liberation"] = start + length * 2 // 3 * DAY
            dates["progression_eligibility"] = max(start + 182 * DAY, half - 730 * DAY)
            if kind == "extended":
                dates["licence_expiry_date"] = start + (length + self.roll(365, 3650)) * DAY
        elif kind == "short_term":
            dates["hdc_eligibility_date"] = start + max(length // 4, 14) * DAY
            dates |= {"progression_eligibility": start + 91 * DAY} if length >= 365 else {}
        elif kind == "supervised_release_order":
            dates["licence_expiry_date"] = half + self.roll(90, 365) * DAY
        else:
            dates["licence_expiry_date"] = dates["sentence_expiry_date"]
        return dates

    def name(self, language: str) -> dict:
        """A name that fits the person's language most of the time."""
        origin = language
        if language in text.ORIGINS:
            origin = self.deal(f"origin:{language}", text.ORIGINS[language])
        men, women, families, women_families = text.NAMES[origin]
        given = self.pick(women if self.women else men)
        name = {"given": given, "family": self.pick(self.women and women_families or families)}
        if given in text.FAMILIAR and self.chance("familiar", 2):
            name["preferred"] = text.FAMILIAR[given]
        return name

    def needs(self, language: str) -> list[str]:
        """Communication needs, with an interpreter for some who speak little English."""
        needs = list(self.deal("needs", text.COMMUNICATION))
        if language not in ("en", "gd") and "interpreter" not in needs and self.chance("interpreter", 2):
            needs.append("interpreter")
        return needs

    def location(self) -> dict:
        """A hall, landing and (usually) a cell."""
        location = {"hall": self.pick(self.halls), "landing": str(self.roll(1, 4))}
        if not self.chance("no cell", 5):
            location["cell"] = str(self.roll(1, 42))
        return location

    def slots(self, start: date, location: dict) -> dict:
        """The details staff templates mention, picked once per person."""
        recently, soon = max(start, self.today - self.roll(7, 120) * DAY), self.today + self.roll(7, 60) * DAY
        return {"po": f"PO {self.pick(text.NAMES['en'][2])}", "prog": self.pick(text.PROGRAMMES),
                "place": self.pick(text.PLACES), "town": self.pick(text.TOWNS), "work": self.pick(text.WORK),
                "d": recently.strftime("%d/%m/%y"), "soon": soon.strftime("%d/%m/%y"), "n": self.roll(2, 5),
                "month": self.pick(text.MONTHS), "what": self.pick(text.NEXT_MOVES), "hall": location["hall"]}

    def supervision(self, case: _Case) -> dict:
        """Everyone starts on high supervision; later reviews move people up and down."""
        if case.served < 3:
            return {"level": "high", "since": case.start.isoformat(),
                    "next_review": (case.start + 3 * DAY).isoformat()}
        rounds = "new" if case.served < 90 else "any"
        level = self.deal(f"supervision:{rounds}", text.SUPERVISION[rounds])
        since = self.day_between(max(case.start + 3 * DAY, self.today - 170 * DAY), self.today - DAY)
        supervision = {"level": level, "since": since.isoformat()}
        if not self.chance("no review", 5):
            supervision["next_review"] = (since + (365 if level == "low" else 182) * DAY).isoformat()
        return supervision

    def risk(self, case: _Case) -> dict | None:
        """An LS/CMI result for people on enhanced ICM who have been in long enough."""
        if case.icm != "enhanced" or case.served < 150:
            return None
        earliest = max(case.start + 120 * DAY, self.today - 330 * DAY)
        assessed = self.day_between(earliest, self.today - 10 * DAY)
        level = self.deal("risk", text.RISK_LEVELS)
        risk = {"assessed_on": assessed.isoformat(), "level": level}
        if not self.chance("no areas", 5):
            risk["areas"] = [{"area": area, "rating": self.rating(area, level)} for area in text.RISK_AREAS]
        for key, lines in (("strengths", text.STRENGTHS), ("protective_factors", text.PROTECTIVE)):
            if self.chance(key, 2):
                risk[key] = self.texts(lines, case.slots, 1, 2)
        harm = risk["serious_harm_assessment"] = self.deal("harm", text.HARM)
        if harm in text.PLAN_TYPE:
            risk["plan_type"] = text.PLAN_TYPE[harm]
        due = self.today + self.roll(14, 90) * DAY if harm == "due" else assessed + 365 * DAY
        risk["next_reassessment"] = due.isoformat()
        if self.chance("shared", 3):
            risk["shared_with_person_on"] = self.day_between(assessed, self.today).isoformat()
        return risk

    def rating(self, area: str, level: str) -> str:
        """An area rating near the overall level; criminal history is never a strength."""
        if area != "criminal_history" and self.chance("strength", 6):
            return "strength"
        shift = self.deal("shift", text.RATING_SHIFTS)
        return text.RATINGS[min(5, max(1, text.RISK_LEVELS.index(level) + 1 + shift))]

    def meeting(self, case: _Case, kind: str, day: date) -> str:
        """The id of the person's meeting on that day, adding it (held if past) when new."""
        mid = f"{text.MEETING_PREFIX.get(kind, 'ICM')}-{day.isoformat()}"
        if case.meetings.get(mid, {}).get("status") not in ("held", "scheduled"):
            case.meetings[mid] = meeting = {"id": mid, "kind": kind, "date": day.isoformat()}
            invited = kind.startswith("icm") or self.chance("invited", 3)
            if day < self.today:
                lines = text.MEETING_OUTCOMES["icm" if kind.startswith("icm") else kind]
                meeting |= {"status": "held", "person_invited": invited,
                            "person_attended": invited and not self.chance("absent", 4),
                            "outcomes": self.texts(lines, case.slots, 1, 2)}
            else:
                meeting |= {"status": "scheduled", "person_invited": invited}
                self.missed(case, kind, day)
        return mid

    def missed(self, case: _Case, kind: str, day: date) -> None:
        """Sometimes an earlier date for a coming meeting was postponed or cancelled."""
        earlier = day - self.roll(21, 60) * DAY
        status = self.deal("missed", text.MISSED) if earlier < self.today else None
        if status:
            mid = f"{text.MEETING_PREFIX.get(kind, 'ICM')}-{earlier.isoformat()}"
            case.meetings.setdefault(mid, {"id": mid, "kind": kind, "date": earlier.isoformat(),
                                           "status": status})

    def conferences(self, case: _Case, release: date | None) -> None:
        """Recent ICM case conferences: initial, the last and next annual, pre-release if near."""
        initial = case.start + self.roll(120, 180) * DAY
        years = (self.today - initial).days // 365 if initial < self.today else -1
        if years < 2:
            self.meeting(case, "icm_initial", initial)
        if years > 0:
            self.meeting(case, "icm_annual", initial + 365 * years * DAY)
        if years >= 0:
            self.meeting(case, "icm_annual", initial + 365 * (years + 1) * DAY)
        if release and release <= self.today + 270 * DAY:
            self.meeting(case, "icm_pre_release", max(initial, release - 60 * DAY))

    def decisions(self, case: _Case) -> list[dict]:
        """Past decisions, oldest first, each tied to a held meeting where there was one."""
        if case.kind == "remand" or case.served < 45:
            return []
        made = sorted((self.decision(case) for _ in range(self.deal("decisions", text.DECISION_COUNTS))),
                      key=lambda decision: decision["decided_on"])
        for number, decision in enumerate(made, 1):
            decision["id"] = f"D{number}"
        return made

    def decision(self, case: _Case) -> dict:
        """One decision with its reasons, next steps and (if looked at again) review date."""
        subject, forum, outcome = self.ruling(case)
        decided = self.decided_on(case, subject, outcome)
        slots = case.slots | {"what": text.WHAT[subject], "body": text.BODY[forum]}
        decision = {"id": "", "forum": forum, "subject": subject, "outcome": outcome,
                    "decided_on": decided.isoformat()}
        kind = text.MEETING_FOR_FORUM.get(forum)
        if kind and outcome not in text.PENDING:
            decision["meeting"] = self.meeting(case, kind, decided)
        decision["reasons"] = self.texts(text.REASONS[outcome], slots, 1, 2)
        if outcome == "approved" and self.chance("conditions", 3):
            decision["conditions"] = self.texts(text.CONDITIONS, slots, 1, 2)
        decision["next_steps"] = self.texts(text.NEXT_STEPS[outcome], slots, 1, 1)
        if outcome in text.LOOKED_AT_AGAIN:
            review = max(decided + self.roll(90, 365) * DAY, self.today + self.roll(14, 120) * DAY)
            decision["review_on"] = review.isoformat()
            if kind:
                self.meeting(case, kind, review)
        return decision

    def ruling(self, case: _Case) -> tuple[str, str, str]:
        """Subject, forum and outcome; progression only once the person can be considered for it."""
        group = text.SUBJECT_GROUP.get(case.kind, case.kind)
        if case.eligible is not None and case.eligible < self.today - 30 * DAY:
            subject = self.deal(f"subject:{group}", text.SUBJECTS[group])
        else:
            subject = self.deal(f"early:{group}", text.EARLY[group])
        forum = text.FORUM.get(subject, "rmt")
        if forum == "ministers":
            return subject, forum, self.deal(forum, text.MINISTERS_OUTCOMES)
        return subject, forum, self.deal("outcome", text.OUTCOMES)

    def decided_on(self, case: _Case, subject: str, outcome: str) -> date:
        """A past day after eligibility; recent if still open; a supervision change when it began."""
        if subject == "supervision_level" and outcome == "approved":
            return date.fromisoformat(case.supervision["since"])
        earliest = max(case.start + 30 * DAY, case.eligible if subject in text.PROGRESSION else date.min)
        if outcome in text.PENDING | text.LOOKED_AT_AGAIN:
            earliest = max(earliest, self.today - 200 * DAY)
        return self.day_between(earliest, self.today - DAY)

    def plan(self, case: _Case) -> dict | None:
        """The agreed plan (CIP, CMP or RMP) with its actions; new arrivals have none yet."""
        if case.icm == "none" or case.served < 7 or self.chance("no plan", 6):
            return None
        held = [meeting for meeting in case.meetings.values()
                if meeting["kind"] in ("icm_initial", "icm_annual") and meeting["status"] == "held"]
        agreed = (date.fromisoformat(held[-1]["date"]) if held
                  else case.start + self.roll(3, min(30, case.served - 1)) * DAY)
        source = (case.risk or {}).get("plan_type", "cip")
        plan = {"source": source, "agreed_on": agreed.isoformat()}
        if held:
            plan["agreed_at_meeting"] = held[-1]["id"]
        if self.chance("summary", 2):
            summaries = text.PLAN_SUMMARIES["standard" if case.icm == "standard" else source]
            plan["summary"] = self.pick(summaries).format_map(case.slots)
        many = self.chance("many actions", 40)
        count = self.roll(10, 20) if many else self.deal("actions", text.ACTION_COUNTS)
        plan["actions"] = [self.action(number, agreed, case.slots) for number in range(1, count + 1)]
        return plan

    def action(self, number: int, agreed: date, slots: dict) -> dict:
        """One plan action whose owner fits its text."""
        area = self.deal("area", tuple(text.ACTIONS))
        owner, template = self.deal(f"action:{area}", text.ACTIONS[area])
        status = self.deal("status", text.ACTION_STATUSES)
        action = {"id": f"A{number}", "area": area, "text": template.format_map(slots), "owner": owner}
        if status != "done" and self.rng.random() < 0.4:
            action["due_on"] = (self.today + self.roll(14, 365) * DAY).isoformat()
        updated = self.day_between(agreed, self.today)
        action |= {"status": status, "updated_on": updated.isoformat()}
        if self.rng.random() < 0.3:
            note = self.pick(text.PROGRESS[status])
            action["progress_note"] = note.format_map(slots | {"d": updated.strftime("%d/%m/%y")})
        return action

    def programmes(self, case: _Case) -> list[dict]:
        """Offending behaviour programmes, mostly for people assessed medium or higher."""
        if not case.risk or (case.risk["level"] in text.RISK_LEVELS[:2] and not self.chance("anyway", 4)):
            return []
        names = [case.slots["prog"]]
        if self.chance("second programme", 3):
            names.append(self.pick([name for name in text.PROGRAMMES if name != names[0]]))
        return [self.programme(case, name) for name in names]

    def programme(self, case: _Case, name: str) -> dict:
        """Where the person is with one programme, and where it runs."""
        status = self.deal("programme", tuple(text.PROGRAMME_NOTES))
        programme = {"name": name, "status": status}
        if status in ("offered", "in_progress", "completed", "waiting"):
            programme["location"] = f"HMP {case.slots['place']}"
        programme["since"] = self.day_between(case.start + 60 * DAY, self.today).isoformat()
        if self.chance("programme note", 2):
            programme["note"] = text.PROGRAMME_NOTES[status].format_map(case.slots)
        return programme

    def licence(self, case: _Case, release: date | None) -> dict | None:
        """Licence conditions for recalled people and those on licence sentences near release."""
        near = release is not None and release <= self.today + 365 * DAY
        if case.kind not in text.LICENSED or not (case.kind == "recall" or near):
            return None
        standard = [line.format_map(case.slots) for line in text.LICENCE_STANDARD[:self.roll(3, 5)]]
        extra = self.texts(text.LICENCE_ADDITIONAL, case.slots, 1, 4)
        if case.kind == "short_term_sex_offender_licence":
            extra.append(text.LICENCE_SEX_OFFENCE)
        lines = [("standard", line) for line in standard] + [("additional", line) for line in extra]
        return {"conditions": [{"id": f"L{number}", "kind": sort, "text": line}
                               for number, (sort, line) in enumerate(lines, 1)]}

    def staff(self, case: _Case, programmes: list, licence: dict | None) -> list[dict]:
        """The workers a person would have at this point of the sentence."""
        roles = ["personal_officer"] if case.served >= 2 else []
        roles += ["pbsw"] if case.icm == "enhanced" else []
        roles += ["cbsw"] if licence else []
        roles += ["psychology"] if programmes else []
        extra = self.deal("extra staff", text.EXTRA_STAFF)
        roles += [extra] if extra and case.served >= 2 and extra not in roles else []
        return [self.worker(role, case.slots) for role in roles]

    def worker(self, role: str, slots: dict) -> dict:
        """A made-up worker; the PO is the one staff notes mention."""
        surname = slots["po"][3:] if role == "personal_officer" else self.pick(text.NAMES["en"][2])
        title = {"personal_officer": "Officer ", "psychology": "Dr "}.get(role, "")
        worker = {"role": role, "name": f"{title}{self.pick('ABCDEFGHJKLMNPRST')}. {surname}"}
        if self.chance("contact", 2):
            worker["how_to_contact"] = self.pick(text.CONTACT[role]).format_map(slots)
        return worker

    def dates(self, case: _Case, keys: dict[str, date]) -> list[dict]:
        """The sentence dates plus review dates and the odd labelled one, in date order."""
        found = dict(keys)
        if "next_review" in case.supervision and self.chance("supervision date", 2):
            found["supervision_review"] = date.fromisoformat(case.supervision["next_review"])
        if case.risk and self.chance("lscmi date", 2):
            found["lscmi_reassessment"] = date.fromisoformat(case.risk["next_reassessment"])
        if case.served >= 3 and self.chance("other date", 2 if case.kind == "remand" else 5):
            found["other"] = self.today + self.roll(7, 240) * DAY
        in_order = sorted(found.items(), key=lambda kind_and_day: kind_and_day[1])
        return [self.dated(case, kind, day) for kind, day in in_order]

    def dated(self, case: _Case, kind: str, day: date) -> dict:
        """One date entry, sometimes with a note, sometimes provisional."""
        entry = {"kind": kind, "date": day.isoformat()}
        if kind == "other":
            entry["label"] = self.pick(text.OTHER_DATE_LABELS.get(case.kind) or text.OTHER_DATE_LABELS["any"])
        if self.chance("date note", 5):
            notes = text.DATE_NOTES.get(kind) or text.DATE_NOTES["any"]
            entry["note"] = self.pick(notes).format_map(case.slots)
        if kind in text.MAY_BE_PROVISIONAL and self.chance(f"provisional {kind}", 3):
            entry["provisional"] = True
        return entry
