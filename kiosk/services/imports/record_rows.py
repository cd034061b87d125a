"""Turn one person of the export contract into rows for each table, without touching the database.

Tracked rows carry an `item_key` (stable across snapshots) and a `content_hash`, so the store can
tell what is new or changed since the last import.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import date

from kiosk import models


def fingerprint(value: object) -> str:
    """A stable hash of any JSON value: equal content, equal hash."""
    canonical = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _tracked(item_key: str, source: dict, /, **columns) -> dict:
    return {"item_key": item_key, "content_hash": fingerprint(source), **columns}


def person_columns(person: dict) -> dict:
    """The columns of the person's own row."""
    name, location = person["name"], person.get("location", {})
    return {
        "prison_number": person["prison_number"],
        "given_name": name["given"],
        "family_name": name["family"],
        "preferred_name": name.get("preferred"),
        "date_of_birth": _day(person["date_of_birth"]),
        "preferred_language": person.get("preferred_language"),
        "communication_needs": person.get("communication_needs", []),
        "hall": location.get("hall"),
        "landing": location.get("landing"),
        "cell": location.get("cell"),
        "record_hash": fingerprint(person),
    }


def part_rows(person: dict) -> dict[type, list[dict]]:
    """Rows for every child table of one person, keyed by model, person_id not yet filled in."""
    rows: dict[type, list[dict]] = {model: [] for model in models.PERSON_PARTS}
    sentence = person["sentence"]
    rows[models.Sentence].append({
        "type": sentence["type"], "start_date": _day(sentence["start_date"]),
        "length_days": sentence.get("length_days"),
        "punishment_part_days": sentence.get("punishment_part_days"), "icm": sentence["icm"],
    })
    rows[models.StaffContact] = [
        {"position": i, "role": s["role"], "name": s["name"], "how_to_contact": s.get("how_to_contact")}
        for i, s in enumerate(person.get("staff", []))
    ]
    if "supervision" in person:
        s = person["supervision"]
        rows[models.Supervision].append(_tracked(
            "supervision", s, level=s["level"], since=_day(s["since"]),
            next_review=_day(s.get("next_review"))))
    rows[models.KeyDate] = _date_rows(person.get("dates", []))
    if "plan" in person:
        _add_plan_rows(rows, person["plan"])
    rows[models.Meeting] = [_tracked(
        m["id"], m, kind=m["kind"], date=_day(m["date"]), status=m["status"],
        person_invited=m.get("person_invited"), person_attended=m.get("person_attended"),
        outcomes=m.get("outcomes", [])) for m in person.get("meetings", [])]
    rows[models.Decision] = [_tracked(
        d["id"], d, forum=d["forum"], subject=d["subject"], outcome=d["outcome"],
        decided_on=_day(d["decided_on"]), meeting_key=d.get("meeting"),
        reasons=d.get("reasons", []), conditions=d.get("conditions", []),
        next_steps=d.get("next_steps", []), review_on=_day(d.get("review_on")))
        for d in person.get("decisions", [])]
    if "risk" in person:
        _add_risk_rows(rows, person["risk"])
    rows[models.Programme] = [
        {"position": i, "name": p["name"], "status": p["status"], "location": p.get("location"),
         "since": _day(p["since"]), "note": p.get("note")}
        for i, p in enumerate(person.get("programmes", []))]
    rows[models.LicenceCondition] = [
        _tracked(c["id"], c, position=i, kind=c["kind"], text=c["text"])
        for i, c in enumerate(person.get("licence", {}).get("conditions", []))]
    return rows


def _date_rows(dates: list[dict]) -> list[dict]:
    """Dates have no id: the kind and label, numbered when repeated, identify them."""
    seen: Counter = Counter()
    rows = []
    for position, d in enumerate(dates):
        base = f"{d['kind']}:{d.get('label', '')}"
        seen[base] += 1
        rows.append(_tracked(
            f"{base}:{seen[base]}", d, position=position, kind=d["kind"], label=d.get("label"),
            date=_day(d["date"]), note=d.get("note"), provisional=d.get("provisional", False)))
    return rows


def _add_plan_rows(rows: dict, plan: dict) -> None:
    summary = {k: v for k, v in plan.items() if k != "actions"}
    rows[models.Plan].append(_tracked(
        "plan", summary, source=plan["source"], agreed_on=_day(plan["agreed_on"]),
        agreed_at_meeting=plan.get("agreed_at_meeting"), summary=plan.get("summary")))
    rows[models.PlanAction] = [_tracked(
        a["id"], a, position=i, area=a["area"], text=a["text"], owner=a["owner"],
        due_on=_day(a.get("due_on")), status=a["status"], updated_on=_day(a["updated_on"]),
        progress_note=a.get("progress_note")) for i, a in enumerate(plan["actions"])]


def _add_risk_rows(rows: dict, risk: dict) -> None:
    rows[models.RiskAssessment].append(_tracked(
        "risk", risk, assessed_on=_day(risk["assessed_on"]), level=risk["level"],
        strengths=risk.get("strengths", []), protective_factors=risk.get("protective_factors", []),
        serious_harm_assessment=risk.get("serious_harm_assessment"),
        plan_type=risk.get("plan_type"), next_reassessment=_day(risk.get("next_reassessment")),
        shared_with_person_on=_day(risk.get("shared_with_person_on"))))
    rows[models.RiskArea] = [{"area": a["area"], "rating": a["rating"]} for a in risk.get("areas", [])]
