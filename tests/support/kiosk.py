"""People for the kiosk page tests: a document builder, an importer and signing in.

`varied_people(today)` makes a handful of people who between them reach every part of the
pages: the two people of the contract's example, someone with nothing recorded yet, a life
sentence with a worked-out progression window, someone on licence, and a short-term sentence
whose staff text tries to inject a script. Dates are set relative to `today`, so "to come"
and "gone by" stay true whenever the suite runs.
"""
from __future__ import annotations

import copy
import json
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import select

from kiosk.extensions import db
from kiosk.models import Person
from kiosk.services.access import sign_in
from kiosk.services.demo.export import generate_export
from kiosk.services.imports.importer import import_export

# The contract's example file, copied here so the tests run from a plain clone.
EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "two-people.json"
PIN = "1234"
XSS = "<script>alert(1)</script>"

DANNY, TOMASZ = "GR1048213", "GR2207761"
NOBODY, LIFER, LICENSEE, SHORT = "GR3000001", "GR3000002", "GR3000003", "GR3000004"


def _day(today: date, days: int) -> str:
    return (today + timedelta(days=days)).isoformat()


def example_people() -> list[dict]:
    """The two people of the contract's example file, as they are."""
    return copy.deepcopy(json.loads(EXAMPLE.read_text("utf-8"))["people"])


def document(people: list[dict], exported_at: datetime | None = None,
             code: str = "GRN", name: str = "HMP Greenock") -> dict:
    """A valid export of one establishment holding `people`."""
    stamp = exported_at or datetime.now(timezone.utc)
    return {
        "format": "custody-record-export", "version": 1,
        "exported_at": stamp.isoformat().replace("+00:00", "Z"),
        "source": "tests", "establishment": {"code": code, "name": name}, "people": people,
    }


def nobody(today: date) -> dict:
    """On remand, nothing recorded but what the contract requires."""
    return {
        "prison_number": NOBODY, "name": {"given": "Alan", "family": "Reid"},
        "date_of_birth": "1995-01-20",
        "sentence": {"type": "remand", "start_date": _day(today, -20), "icm": "none"},
    }


def lifer(today: date) -> dict:
    """A life sentence with no progression date recorded (so it is worked out), a first
    grant of temporary release sent off, a risk plan, strengths and a postponed meeting."""
    return {
        "prison_number": LIFER, "name": {"given": "Margaret", "family": "Orr", "preferred": "Maggie"},
        "date_of_birth": "1970-07-30", "communication_needs": ["large_print"],
        "sentence": {"type": "life", "start_date": "2012-05-14", "punishment_part_days": 5478,
                     "icm": "enhanced"},
        "staff": [
            {"role": "personal_officer", "name": "Officer S. Bell", "how_to_contact": "Ask on the hall."},
            {"role": "pbsw", "name": "K. Dunn", "how_to_contact": "Write to PBSW via the hall office."},
            {"role": "psychology", "name": "Dr A. Shah"},
        ],
        "supervision": {"level": "low", "since": _day(today, -400), "next_review": _day(today, 200)},
        "dates": [
            {"kind": "punishment_part_expiry", "date": "2027-05-13"},
            {"kind": "fgtr_eligibility", "date": _day(today, 90), "provisional": True},
            {"kind": "supervision_review", "date": _day(today, -30)},
        ],
        "plan": {
            "source": "rmp", "agreed_on": _day(today, -100), "agreed_at_meeting": "L-M1",
            "summary": "RMP agreed at ICM CC. FGTR application submitted to HQ; awaiting Ministers.",
            "actions": [
                {"id": "L1", "area": "programmes", "text": "Complete Moving Forward Making Changes (OBP).",
                 "owner": "you", "status": "done", "updated_on": _day(today, -200)},
                {"id": "L2", "area": "family", "text": "Family contact via SEL once FGTR approved.",
                 "owner": "personal_officer", "status": "waiting", "updated_on": _day(today, -60),
                 "progress_note": "Waiting on Ministers re: FGTR."},
                {"id": "L3", "area": "employment", "text": "Work placement in community garden.",
                 "owner": "icm_coordinator", "status": "stopped", "updated_on": _day(today, -10)},
            ],
        },
        "meetings": [
            {"id": "L-M1", "kind": "icm_progression", "date": _day(today, -100), "status": "held",
             "person_invited": True, "person_attended": True,
             "outcomes": ["Risk Management Plan agreed.", "Support FGTR application."]},
            {"id": "L-M2", "kind": "rmt", "date": _day(today, 40), "status": "postponed",
             "person_invited": False},
        ],
        "decisions": [
            {"id": "L-D1", "forum": "ministers", "subject": "fgtr", "outcome": "submitted",
             "decided_on": _day(today, -50), "next_steps": ["HQ to forward to Ministers."]},
            {"id": "L-D2", "forum": "rmt", "subject": "special_escorted_leave", "outcome": "approved",
             "decided_on": _day(today, -100), "meeting": "L-M1",
             "reasons": ["Completed OBP; positive PO reports."],
             "conditions": ["Escorted by two staff.", "No alcohol."]},
        ],
        "risk": {
            "assessed_on": _day(today, -150), "level": "low",
            "areas": [
                {"area": "criminal_history", "rating": "high"},
                {"area": "education_employment", "rating": "strength"},
                {"area": "family_marital", "rating": "strength"},
                {"area": "alcohol_drug", "rating": "very_low"},
                {"area": "companions", "rating": "low"},
            ],
            "strengths": ["Completed all programmes.", "Works as a peer mentor."],
            "protective_factors": ["Strong support from her daughter."],
            "serious_harm_assessment": "completed", "plan_type": "rmp",
            "next_reassessment": _day(today, 215), "shared_with_person_on": _day(today, -140),
        },
        "programmes": [
            {"name": "Moving Forward Making Changes", "status": "completed", "since": _day(today, -200)},
            {"name": "Relapse prevention group", "status": "waiting", "since": _day(today, -30),
             "location": "HMP Castle Huntly", "note": "On national waiting list."},
        ],
    }


def licensee(today: date) -> dict:
    """Back in on recall, with licence conditions, a community social worker and a parole
    decision that went against them."""
    return {
        "prison_number": LICENSEE, "name": {"given": "Kyle", "family": "Munro"},
        "date_of_birth": "2000-03-03", "communication_needs": ["easy_read", "high_contrast"],
        "sentence": {"type": "recall", "start_date": _day(today, -90), "length_days": 1460,
                     "icm": "enhanced"},
        "staff": [
            {"role": "cbsw", "name": "P. Kaur", "how_to_contact": "Phone via the hall office."},
            {"role": "personal_officer", "name": "Officer D. Lee"},
        ],
        "dates": [
            {"kind": "licence_expiry_date", "date": _day(today, 900)},
            {"kind": "other", "label": "Parole Board review", "date": _day(today, 120)},
        ],
        "meetings": [
            {"id": "K-M1", "kind": "parole_hearing", "date": _day(today, 120), "status": "scheduled",
             "person_invited": True},
        ],
        "decisions": [
            {"id": "K-D1", "forum": "parole_board", "subject": "parole", "outcome": "not_approved",
             "decided_on": _day(today, -60),
             "reasons": ["Breach of licence condition 4 (curfew).", "MAPPA level 1 review pending."],
             "next_steps": ["CBSW to propose a new address.", "Review at next hearing."],
             "review_on": _day(today, 120)},
        ],
        "licence": {"conditions": [
            {"id": "C1", "kind": "standard", "text": "Be of good behaviour and keep the peace."},
            {"id": "C2", "kind": "standard", "text": "Report to your CBSW as directed."},
            {"id": "C3", "kind": "additional", "text": "Reside at an address approved by your supervising officer."},
            {"id": "C4", "kind": "additional", "text": "Curfew 19:00 to 07:00 at approved address."},
        ]},
    }


def short_termer(today: date) -> dict:
    """Short-term, 18 months, no progression date (so it is worked out), and staff text that
    tries to inject a script, which must appear as text."""
    return {
        "prison_number": SHORT, "name": {"given": "Chris", "family": "Boyd"},
        "date_of_birth": "1988-12-01",
        "sentence": {"type": "short_term", "start_date": _day(today, -40), "length_days": 548,
                     "icm": "standard"},
        "staff": [{"role": "personal_officer", "name": "Officer J. Gray",
                   "how_to_contact": f"Ask on the hall. {XSS}"}],
        "supervision": {"level": "high", "since": _day(today, -40), "next_review": _day(today, 140)},
        "dates": [{"kind": "earliest_date_of_liberation", "date": _day(today, 230),
                   "note": f"Pt to confirm address {XSS}"}],
        "plan": {"source": "cip", "agreed_on": _day(today, -20), "actions": [
            {"id": "S1", "area": "housing", "text": f"Housing referral {XSS} asap.",
             "owner": "housing_provider", "status": "not_started", "updated_on": _day(today, -20)},
        ]},
        "decisions": [
            {"id": "S-D1", "forum": "governor", "subject": "other", "outcome": "deferred",
             "decided_on": _day(today, -5), "reasons": [f"Need more info {XSS}"]},
        ],
    }


def varied_people(today: date | None = None) -> list[dict]:
    """Six people who between them reach every part of every page."""
    today = today or date.today()
    return [*example_people(), nobody(today), lifer(today), licensee(today), short_termer(today)]


def demo_document(people: int = 30, seed: int = 2026, code: str = "EDN",
                  today: date | None = None) -> dict:
    """Made-up demo people from `kiosk.services.demo.export`, dated around `today`.

    Another establishment than `document()`'s, so both can be imported side by side.
    """
    return generate_export(people=people, seed=seed, establishment_code=code,
                           today=today or date.today())


def one_of_each_sentence_type(demo: dict) -> tuple[str, ...]:
    """The prison number of the first person of each sentence type in a demo document."""
    first: dict[str, str] = {}
    for person in demo["people"]:
        first.setdefault(person["sentence"]["type"], person["prison_number"])
    return tuple(sorted(first.values()))


def import_people(db_session, document_or_people) -> None:
    """Import a document (dict, bytes, or a list of people) and commit."""
    raw = document_or_people
    if isinstance(raw, list):
        raw = document(raw)
    if isinstance(raw, dict):
        raw = json.dumps(raw).encode("utf-8")
    summary = import_export(db_session, raw)
    sign_in.set_pin_for_everyone(db_session, summary.establishment, PIN)  # hashed once
    db_session.commit()


def set_display(app, prison_number: str, **choices) -> None:
    """Store display choices (easy_read, high_contrast, text_size, ...) for a person."""
    with app.app_context():
        with db.transaction() as session:
            person = session.scalars(select(Person).where(Person.prison_number == prison_number)).one()
            account = sign_in.account_for(session, person)
            for name, value in choices.items():
                setattr(account, name, value)


def sign_in_as(client, prison_number: str, pin: str = PIN) -> None:
    """Set the PIN, then sign in through the real form with its CSRF token."""
    with client.application.app_context():
        with db.transaction() as session:
            person = session.scalars(select(Person).where(Person.prison_number == prison_number)).one()
            sign_in.set_pin(session, person, pin)
    form = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    response = client.post("/sign-in", data={"prison_number": prison_number, "pin": pin,
                                             "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"].endswith("/me/"), (
        f"signing in as {prison_number} did not reach the home page")
