"""Random text on every form, on both sides, on SQLite and PostgreSQL (Hypothesis).

Every field of every form route gets junk: control characters and NUL, right-to-left
overrides, zero-width-joiner emoji, a 1 MB string, lone surrogates sent as the bytes no
browser would send, and whatever Hypothesis draws besides. No answer may be a 5xx (the test
app passes errors on, so one fails the test with its traceback), and afterwards nothing
stored may be over its limit or hold a control character. A form route added without an
entry here fails `test_every_form_route_is_attacked`.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import quote_from_bytes

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from kiosk.extensions import db
from kiosk.models import HelpRequest, Letter, Person
from kiosk.services.wording.review import catalogue
from support.hostile import JUNK, NASTY, form_body, stored_text_problems
from support.kiosk import LIFER, import_people, sign_in_as, varied_people
from support.staff import (  # noqa: F401  (fast_hashing is an autouse fixture)
    csrf_from, fast_hashing, make_user, sign_in_staff,
)

KIOSK, STAFF, ADMIN, ANYONE = "kiosk", "case_coordinator", "administrator", "anyone"
REVIEWER = "manager"  # may confirm what people are told
AUTOSAVE = {"HX-Request": "true", "HX-Target": "draft-status"}
CHECKER = {"HX-Request": "true", "HX-Target": "checker-report"}


@dataclass(frozen=True)
class FormRoute:
    """Where a form posts, who posts it, its fields (with values that would pass, mixed in
    with the junk so the junk also reaches the code behind a valid form)."""

    url: str
    who: str
    fields: dict = field(default_factory=dict)
    headers: tuple = ({},)
    upload: str | None = None  # the name of a file field: junk is sent as the file


FORMS = {
    "signin.sign_in_page": FormRoute("/sign-in", ANYONE, {"prison_number": [LIFER], "pin": ["1234"]}),
    "signin.choose_pin": FormRoute("/choose-pin", KIOSK, {"pin": ["8642"], "pin_again": ["8642"]}),
    "signin.still_here": FormRoute("/still-here", KIOSK, {"next": ["/me/plan"]}),
    "signin.finish": FormRoute("/finish", KIOSK, {"next": []}),
    "language.choose": FormRoute("/language", KIOSK, {"language": ["pl", "ar"], "next": ["/me/"]}),
    "me.settings": FormRoute("/me/settings", KIOSK, {
        "language": ["en"], "easy_read": ["yes", "no"], "text_size": ["1", "2"],
        "high_contrast": ["y"], "read_aloud": ["y"]}),
    "me.ask_for_printed_copy": FormRoute("/me/printed-copy", KIOSK),
    "letters.kiosk_feedback": FormRoute("/me/letters/about-these-pages", KIOSK, {
        "page": ["kiosk"], "understood": ["yes"], "words": [], "anonymous": ["y"]}),
    "letters.page_feedback": FormRoute("/me/letters/feedback", KIOSK, {
        "page": ["decision"], "key": ["L-D1"], "understood": ["no"], "words": [],
        "anonymous": ["y"]}),
    "letters.write": FormRoute("/me/letters/write/forum/rmt", KIOSK,
                               {"text": [], "action": ["check", "save"]}, ({}, AUTOSAVE)),
    "letters.ask_for_help": FormRoute("/me/letters/help/meeting/L-M2", KIOSK, {"text": []}),
    "letters.send": FormRoute("/me/letters/send", KIOSK, {"send_key": []}),
    "speech.speed": FormRoute("/speech/speed", KIOSK, {"speed": ["slower", "normal"]}),
    "staff.sign_in": FormRoute("/staff/sign-in", ANYONE, {"username": [], "password": []}),
    "staff.sign_out": FormRoute("/staff/sign-out", STAFF),
    "staff.plain_checker": FormRoute("/staff/checker", STAFF, {"text": []}, ({}, CHECKER)),
    "staff.summary": FormRoute("/staff/people/{lifer}/summaries/decision/L-D1", STAFF, {
        "text": [], "action": ["save", "show", "check"],
        "line-0-phrase": ["offence_work_not_finished", "look_again_on"],
        "added-0-phrase": ["look_again_on", "ask_role", "exclusion_zone"], "added-0-date": ["2027-03-12"],
        "added-0-role": ["personal_officer"], "added-0-place": ["Paisley"]}, ({}, CHECKER)),
    "staff.pin": FormRoute("/staff/people/{lifer}/pin", STAFF),
    "staff.start_batch": FormRoute("/staff/printing/batches", STAFF,
                                   {"place": [], "variant": ["easy_read"]}),
    "staff.cancel_batch": FormRoute("/staff/printing/batches/1/cancel", STAFF),
    "staff.imports": FormRoute("/staff/imports", ADMIN, upload="export"),
    "staff.users": FormRoute("/staff/users", ADMIN, {
        "username": [], "display_name": [], "role": ["case_coordinator"], "establishment": [""],
        "hall": ["Ailsa"], "password": ["a long enough password"]}),
    "staff.user": FormRoute("/staff/users/{admin}", ADMIN, {"prison_number": [LIFER]}),
    "staff.confirm_explanation": FormRoute("/staff/explanations/confirm", REVIEWER, {
        "key": [catalogue()[0].key], "words": [catalogue()[0].fingerprint]}),
    "staff_letters.acknowledge": FormRoute("/staff/letters/{letter}/acknowledge", STAFF),
    "staff_letters.shared": FormRoute("/staff/letters/{letter}/shared", STAFF),
    "staff_letters.reply": FormRoute("/staff/letters/{letter}/reply", STAFF, {"text": []}),
    "staff_letters.help_done": FormRoute("/staff/letters/help/{help}/done", STAFF),
}


def test_every_form_route_is_attacked(app):
    posting = {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods}
    assert posting == set(FORMS), "give every form route an entry in FORMS"


@pytest.fixture
def world(app, db_session):
    """The varied people, a letter from Maggie (LIFER) with a help request, and the ids the
    form URLs need."""
    import_people(db_session, varied_people())
    lifer = db_session.scalars(select(Person.id).where(Person.prison_number == LIFER)).one()
    now = datetime.now(timezone.utc)
    letter = Letter(person_id=lifer, reference="AAAA-CCCC", idempotency_key="k" * 40,
                    forum="rmt", text="Hello", sent_at=now)
    help_request = HelpRequest(person_id=lifer, target_kind="forum", target_key="rmt", asked_at=now)
    db_session.add_all([letter, help_request])
    db_session.commit()
    admin = make_user(app, ADMIN, establishment=None)
    with app.app_context():
        from kiosk.models import StaffUser

        admin_id = db.session.scalars(select(StaffUser.id).where(StaffUser.username == admin)).one()
    return {"lifer": lifer, "letter": letter.id, "help": help_request.id, "admin": admin_id,
            "admin_username": admin}


def client_for(app, world, who: str):
    client = app.test_client()
    if who == KIOSK:
        sign_in_as(client, LIFER)
    elif who in (STAFF, REVIEWER):
        sign_in_staff(client, make_user(app, who))
    elif who == ADMIN:
        sign_in_staff(client, world["admin_username"])
    return client


def junk_for(values: list) -> st.SearchStrategy:
    return st.one_of(JUNK, st.sampled_from(values)) if values else JUNK


@pytest.mark.parametrize("endpoint", sorted(FORMS))
def test_random_text_on_every_form_is_never_a_server_error(app, world, endpoint):
    route = FORMS[endpoint]
    client = client_for(app, world, route.who)
    token = csrf_from(client, "/sign-in" if route.who in (KIOSK, ANYONE) else "/staff/sign-in")
    url = route.url.format(**world)
    names = list(route.fields) or ["junk"]

    @settings(max_examples=8, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(values=st.fixed_dictionaries({name: junk_for(route.fields.get(name, []))
                                         for name in names}),
           headers=st.sampled_from(route.headers), junk_query=JUNK)
    def post_junk(values, headers, junk_query):
        query = f"?next={quote_from_bytes(junk_query.encode('utf-8', 'surrogatepass'))}"
        if route.upload:
            raw = values["junk"].encode("utf-8", "surrogatepass")
            response = client.post(url + query, headers=headers, content_type="multipart/form-data",
                                   data={"csrf_token": token, route.upload: (io.BytesIO(raw), "x.json")})
        else:
            response = client.post(url + query, data=form_body({"csrf_token": token, **values}),
                                   headers=headers,
                                   content_type="application/x-www-form-urlencoded")
        assert response.status_code < 500

    plausible = {name: (route.fields.get(name) or ["words"])[0] for name in names}
    for nasty in NASTY:  # in every field at once
        post_junk = example(values=dict.fromkeys(names, nasty), headers=route.headers[-1],
                            junk_query=nasty[:2000])(post_junk)
    for name in names:  # in one field, the others plausible, so it gets past the form
        for nasty in ("A\x00B", "lone \ud800 surrogate"):
            post_junk = example(values={**plausible, name: nasty}, headers=route.headers[-1],
                                junk_query="/me/")(post_junk)
    post_junk()
    with app.app_context():
        assert stored_text_problems(db.session) == []
