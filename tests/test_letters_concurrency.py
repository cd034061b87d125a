"""Sending under pressure: many letters from many threads, each sent several times at once,
and two kiosks pressing Send on the same letter at the same moment. Exactly the intended
letters, none lost or doubled, on SQLite and PostgreSQL."""
from __future__ import annotations

import random
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import sessionmaker

from kiosk.extensions import db
from kiosk.models import Letter, LetterDraft, Person
from kiosk.services.letters import writing as letters
from support.kiosk import LIFER, demo_document, import_people, sign_in_as, varied_people
from support.staff import csrf_from, fast_hashing, import_without_pins  # noqa: F401

PEOPLE, FORUMS, PRESSES, THREADS = 50, ("case_conference", "rmt", "parole_board", "other"), 3, 50


def drafts_for_everyone(app) -> dict[str, tuple[int, str]]:
    """One saved draft per person per forum: send key -> (person id, text)."""
    now = datetime.now(timezone.utc)
    wanted = {}
    with app.app_context():
        session = db.session
        for person_id in session.scalars(select(Person.id).order_by(Person.id)):
            for forum in FORUMS:
                text = f"Letter from {person_id} to {forum}."
                target = letters.find_target(session, person_id, "forum", forum)
                draft = letters.save_draft(session, person_id, target, text, now)
                wanted[draft.send_key] = (person_id, text)
    return wanted


def test_200_letters_from_50_threads_with_repeated_sends(app, db_session):
    import_without_pins(db_session, demo_document(people=PEOPLE)["people"])
    wanted = drafts_for_everyone(app)
    assert len(wanted) == PEOPLE * len(FORUMS) == 200
    presses = [key for key in wanted for _ in range(PRESSES)]
    random.Random(6).shuffle(presses)
    make_session = sessionmaker(db.engine(app), expire_on_commit=False)
    start = threading.Barrier(THREADS)

    def press_send(batch: list[str]) -> list[tuple[str, str | None]]:
        start.wait()
        results = []
        with make_session() as session:
            for key in batch:
                person_id, _text = wanted[key]
                sent = letters.send(session, person_id, key, datetime.now(timezone.utc), date.today(),
                                    letters.Rules())
                results.append((key, sent.letter.idempotency_key if sent.letter else None))
        return results

    batches = [presses[i::THREADS] for i in range(THREADS)]
    with ThreadPoolExecutor(THREADS) as pool:
        outcomes = [pair for batch in pool.map(press_send, batches) for pair in batch]

    assert len(outcomes) == 600 and all(key == got for key, got in outcomes), "a press lost its letter"
    with app.app_context():
        rows = db.session.execute(select(Letter.idempotency_key, Letter.person_id, Letter.text,
                                         Letter.reference)).all()
        assert db.session.scalar(select(func.count()).select_from(LetterDraft)) == 0
    assert Counter(row.idempotency_key for row in rows) == Counter(list(wanted))  # each exactly once
    assert {row.idempotency_key: (row.person_id, row.text) for row in rows} == wanted
    assert len({row.reference for row in rows}) == 200


def test_two_kiosks_pressing_send_at_once_make_one_letter(app, db_session):
    import_people(db_session, varied_people(date.today()))
    kiosks = [app.test_client(), app.test_client()]
    for kiosk in kiosks:
        sign_in_as(kiosk, LIFER)
    write = "/me/letters/write/forum/rmt"
    kiosks[0].post(write, data={"text": "Typed on the first kiosk.", "csrf_token": csrf_from(kiosks[0], write)})
    kiosks[1].post(write, data={"text": "Finished on the second kiosk.", "action": "check",
                                "csrf_token": csrf_from(kiosks[1], write)})
    forms = []
    for kiosk in kiosks:
        page = kiosk.get("/me/letters/check/forum/rmt").get_data(as_text=True)
        forms.append({"send_key": page.split('name="send_key" value="')[1].split('"')[0],
                      "csrf_token": csrf_from(kiosk, "/me/letters/check/forum/rmt")})
    assert forms[0]["send_key"] == forms[1]["send_key"]
    start = threading.Barrier(len(kiosks) * 2)

    def press(index: int):
        start.wait()
        return kiosks[index % 2].post("/me/letters/send", data=forms[index % 2])

    with ThreadPoolExecutor(4) as pool:
        responses = list(pool.map(press, range(4)))
    assert {r.status_code for r in responses} == {302}
    assert len({r.headers["Location"] for r in responses}) == 1
    with app.app_context():
        texts = db.session.scalars(select(Letter.text)).all()
    assert texts == ["Finished on the second kiosk."]


@pytest.mark.databases("sqlite")
def test_the_send_key_is_unique_in_the_database_itself(app, db_session):
    """The guarantee does not rest on the code alone: the table refuses a second letter."""
    from sqlalchemy.exc import IntegrityError

    import_without_pins(db_session, demo_document(people=1)["people"])
    person_id = db_session.scalars(select(Person.id)).one()
    now = datetime.now(timezone.utc)
    for reference in ("AAAA-AAAA", "CCCC-CCCC"):
        db_session.add(Letter(person_id=person_id, reference=reference, idempotency_key="same",
                              forum="rmt", text="x", late=False, sent_at=now))
    with pytest.raises(IntegrityError):
        db_session.commit()
    db_session.rollback()
