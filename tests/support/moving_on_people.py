"""One person of each kind the moving-on pages must get right, dated around `today`.

A lifer whose first temporary release is being looked at, a long-term and a short-term
sentence, someone on remand, someone back on recall, a young man and a woman, and an adult in
a prison whose intake the record cannot tell. `KINDS` says who each test prison holds (the
ESTABLISHMENT_KINDS setting); `documents(today)` holds them, one export per prison.
"""
from __future__ import annotations

from datetime import date, timedelta

from support.kiosk import document

LIFER, LONG, SHORT, REMAND = "MO100001", "MO100002", "MO100003", "MO100004"
RECALLED, YOUNG, WOMAN, UNPLACED = "MO100005", "MO100006", "MO100007", "MO100008"
EVERYONE = (LIFER, LONG, SHORT, REMAND, RECALLED, YOUNG, WOMAN, UNPLACED)
KINDS = {"GRN": "men", "POL": "men", "STI": "women"}


def _day(today: date, days: int) -> str:
    return (today + timedelta(days=days)).isoformat()


def _born(today: date, years: int) -> str:
    return date(today.year - years, 1, 15).isoformat()


def _person(number: str, given: str, today: date, age: int, sentence: dict, **rest) -> dict:
    return {"prison_number": number, "name": {"given": given, "family": "Test"},
            "date_of_birth": _born(today, age), "sentence": sentence, **rest}


def lifer(today: date) -> dict:
    """In the National Top End (agreed), first temporary release with Ministers."""
    return _person(
        LIFER, "Iain", today, 50,
        {"type": "life", "start_date": "2010-03-01", "punishment_part_days": 6000, "icm": "enhanced"},
        supervision={"level": "low", "since": _day(today, -300)},
        dates=[{"kind": "punishment_part_expiry", "date": _day(today, 700)},
               {"kind": "fgtr_eligibility", "date": _day(today, 60)}],
        decisions=[
            {"id": "L-FGTR", "forum": "ministers", "subject": "fgtr", "outcome": "in_progress",
             "decided_on": _day(today, -20)},
            {"id": "L-NTE", "forum": "rmt", "subject": "national_top_end", "outcome": "approved",
             "decided_on": _day(today, -200), "review_on": _day(today, 100)},
        ],
        programmes=[{"name": "Self-Change Programme", "status": "completed", "since": _day(today, -900)}])


def long_termer(today: date) -> dict:
    """Closed conditions; the window worked out from the parole qualifying date; a move to
    the open prison not agreed, to be looked at again; an RMT meeting to come."""
    return _person(
        LONG, "Scott", today, 35,
        {"type": "long_term", "start_date": _day(today, -1100), "length_days": 2920, "icm": "enhanced"},
        supervision={"level": "medium", "since": _day(today, -200), "next_review": _day(today, 150)},
        dates=[{"kind": "parole_qualifying_date", "date": _day(today, 400)}],
        meetings=[{"id": "G-RMT", "kind": "rmt", "date": _day(today, 30), "status": "scheduled"}],
        decisions=[{"id": "G-OE", "forum": "rmt", "subject": "open_estate", "outcome": "not_approved",
                    "decided_on": _day(today, -40), "reasons": ["Programme outstanding."],
                    "review_on": _day(today, 90)}],
        programmes=[{"name": "Constructs", "status": "completed", "since": _day(today, -300)},
                    {"name": "Pathways", "status": "waiting", "since": _day(today, -60)}])


def short_termer(today: date) -> dict:
    """18 months, out in four months: the window worked out, getting ready to get out."""
    return _person(
        SHORT, "Ryan", today, 28,
        {"type": "short_term", "start_date": _day(today, -50), "length_days": 548, "icm": "standard"},
        supervision={"level": "high", "since": _day(today, -50)},
        dates=[{"kind": "earliest_date_of_liberation", "date": _day(today, 120)}],
        plan={"source": "cip", "agreed_on": _day(today, -30), "actions": [
            {"id": "S-H", "area": "housing", "text": "Housing options referral.", "owner": "housing_provider",
             "status": "in_progress", "updated_on": _day(today, -10)},
            {"id": "S-ID", "area": "identity_documents", "text": "Apply for birth certificate.",
             "owner": "you", "status": "not_started", "updated_on": _day(today, -10)}]})


def remanded(today: date) -> dict:
    """On remand: no steps yet."""
    return _person(REMAND, "Alan", today, 40,
                   {"type": "remand", "start_date": _day(today, -15), "icm": "none"})


def recalled(today: date) -> dict:
    """Back in on recall, with licence conditions."""
    return _person(
        RECALLED, "Kyle", today, 30,
        {"type": "recall", "start_date": _day(today, -60), "length_days": 1460, "icm": "enhanced"},
        staff=[{"role": "cbsw", "name": "P. Kaur", "how_to_contact": "Phone via the hall office."}],
        licence={"conditions": [
            {"id": "C1", "kind": "standard", "text": "Be of good behaviour and keep the peace."},
            {"id": "C2", "kind": "additional", "text": "Curfew 19:00 to 07:00 at approved address."}]})


def young_man(today: date) -> dict:
    """19, long-term, in the prison for young people."""
    return _person(
        YOUNG, "Connor", today, 19,
        {"type": "long_term", "start_date": _day(today, -100), "length_days": 1825, "icm": "enhanced"},
        dates=[{"kind": "parole_qualifying_date", "date": _day(today, 600)}])


def woman(today: date) -> dict:
    """A life sentence in a women's prison: the punishment part is recorded, but the adult
    men's window is not worked out for her."""
    return _person(
        WOMAN, "Lauren", today, 45,
        {"type": "life", "start_date": "2015-06-01", "punishment_part_days": 5000, "icm": "enhanced"},
        dates=[{"kind": "punishment_part_expiry", "date": _day(today, 900)}])


def unplaced(today: date) -> dict:
    """An adult long-term sentence in a prison the setting does not name."""
    return _person(
        UNPLACED, "Jordan", today, 33,
        {"type": "long_term", "start_date": _day(today, -800), "length_days": 2555, "icm": "enhanced"},
        dates=[{"kind": "parole_qualifying_date", "date": _day(today, 300)}])


def documents(today: date) -> list[dict]:
    """One export per prison: GRN (men), POL (young men), STI (women), EDN (not named)."""
    return [
        document([lifer(today), long_termer(today), short_termer(today), remanded(today),
                  recalled(today)], code="GRN", name="HMP Greenock"),
        document([young_man(today)], code="POL", name="HMP YOI Polmont"),
        document([woman(today)], code="STI", name="HMP YOI Stirling"),
        document([unplaced(today)], code="EDN", name="HMP Edinburgh"),
    ]
