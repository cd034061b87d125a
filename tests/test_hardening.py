"""The twelve holes an attacker found (issue 14), one or more tests each, on SQLite and
PostgreSQL, plus private batch files. The classes they belong to are kept closed by
test_attack_properties.py (random text on every form), test_url_map.py (junk on every URL)
and test_lockout_races.py (guesses sent at once)."""
from __future__ import annotations

import io
import json
import re
import stat
from datetime import datetime, timedelta, timezone

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from flask.cli import ScriptInfo
from pypdf import PdfReader
from sqlalchemy import select

from kiosk.cli import main
from kiosk.extensions import db
from kiosk.limits import LETTER_CEILING, limit
from kiosk.models import (
    AuditEvent, Establishment, Feedback, KioskAccount, Letter, LetterDraft, Person, PrintBatch,
    StaffUser,
)
from kiosk.printing import batches
from kiosk.services.access import secrets_hashing, sign_in, staff_accounts
from kiosk.services.letters import writing as letters
from support.hostile import FAMILY, WatchedHasher, stored_text_problems
from support.kiosk import DANNY, LIFER, TOMASZ, demo_document, import_people, sign_in_as
from support.kiosk import varied_people
from support.staff import (  # noqa: F401  (fast_hashing is an autouse fixture)
    PASSWORD, csrf_from, fast_hashing, make_user, person_id, sign_in_staff, try_sign_in,
)

ADMIN, CC, MANAGER = "administrator", "case_coordinator", "manager"


@pytest.fixture
def people(db_session):
    """The six varied people at HMP Greenock (GRN), and thirty made-up people at EDN."""
    import_people(db_session, varied_people())
    import_people(db_session, demo_document(people=30, code="EDN"))


def establishment_id(app, code: str) -> int:
    with app.app_context():
        return db.session.scalars(select(Establishment.id).where(Establishment.code == code)).one()


def post_with_token(client, url: str, form_page: str, **data):
    return client.post(url, data={"csrf_token": csrf_from(client, form_page), **data})


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def main_words(response) -> str:
    return " ".join(page(response).find("main").get_text(" ").split())


# 1. The lockout counts each guess before checking it: see test_lockout_races.py. --------

def test_each_guess_is_counted_before_it_is_checked(db_session, people, monkeypatch):
    """The count is committed (on its own connection) before the PIN is checked, so a guess
    that is still being checked already counts for every other kiosk."""
    from kiosk.services.access import lockout

    start = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)
    seen = []

    def look_from_elsewhere(_pin_hash):
        with db.engine().connect() as elsewhere:  # another kiosk's view, mid-check
            seen.append(elsewhere.scalar(select(lockout._TABLE.c.failures)))

    monkeypatch.setattr(secrets_hashing, "HASHER", WatchedHasher(secrets_hashing.HASHER, look_from_elsewhere))
    for _ in range(3):
        sign_in.check_pin(db_session, DANNY, "0000", start)
    assert seen == [1, 2, 3]


# 2. Administrators manage accounts only in their own establishment. ---------------------

def test_an_establishment_administrator_adds_accounts_only_in_their_own(app, client, people):
    greenock, edinburgh = establishment_id(app, "GRN"), establishment_id(app, "EDN")
    sign_in_staff(client, make_user(app, ADMIN, "grn-admin", establishment="GRN"))
    form = page(client.get("/staff/users"))
    offered = {option["value"] for option in form.select("select[name=establishment] option")}
    assert offered == {str(greenock)}, "only their own establishment is offered"
    for where in ("", str(edinburgh)):  # a national account; another establishment's
        response = post_with_token(client, "/staff/users", "/staff/users", username=f"sneak{where}",
                                   display_name="Sneaky", role=CC, establishment=where,
                                   password="long enough password")
        assert response.status_code in (200, 403)
    added = post_with_token(client, "/staff/users", "/staff/users", username="grn-cc",
                            display_name="Fair", role=CC, establishment=str(greenock),
                            password="long enough password")
    assert added.status_code == 302
    with app.app_context():
        made = {u.username: u.establishment_id for u in db.session.scalars(select(StaffUser))}
        details = db.session.scalars(select(AuditEvent.detail).where(
            AuditEvent.action == "user_change")).all()
    assert made == {"grn-admin": greenock, "grn-cc": greenock}
    assert details == ["added grn-cc (case_coordinator, GRN)"]


def test_an_establishment_administrator_cannot_open_other_accounts_or_people(app, client, people):
    national_cc = make_user(app, CC, "national-cc", establishment=None)
    edinburgh_cc = make_user(app, CC, "edn-cc", establishment="EDN")
    sign_in_staff(client, make_user(app, ADMIN, "grn-admin", establishment="GRN"))
    listed = main_words(client.get("/staff/users"))
    assert "national-cc" not in listed and "edn-cc" not in listed
    for username in (national_cc, edinburgh_cc):
        assert client.get(f"/staff/users/{person_or_user_id(app, username)}").status_code == 404
    mine = make_user(app, CC, "grn-cc", establishment="GRN")
    someone_in_edinburgh = demo_document(people=30, code="EDN")["people"][0]["prison_number"]
    url = f"/staff/users/{person_or_user_id(app, mine)}"
    refused = post_with_token(client, url, url, prison_number=someone_in_edinburgh)
    assert "No one has that prison number." in main_words(refused)
    assert post_with_token(client, url, url, prison_number=DANNY).status_code == 302


def person_or_user_id(app, username: str) -> int:
    with app.app_context():
        return db.session.scalars(select(StaffUser.id).where(StaffUser.username == username)).one()


def test_only_a_national_administrator_adds_national_accounts(app, client, people):
    runner = CliRunner().invoke(main, ["staff", "create-admin", "chief"],
                                obj=ScriptInfo(create_app=lambda: app), input=PASSWORD + "\n")
    assert runner.exit_code == 0, runner.output
    sign_in_staff(client, "chief")
    form = page(client.get("/staff/users"))
    assert "" in {option["value"] for option in form.select("select[name=establishment] option")}
    added = post_with_token(client, "/staff/users", "/staff/users", username="national-cc",
                            display_name="Nat", role=CC, establishment="",
                            password="long enough password")
    assert added.status_code == 302
    with app.app_context():
        trail = [(e.username, e.detail) for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "user_change").order_by(AuditEvent.id))]
    assert trail == [("chief", "added chief (national administrator) at the command line"),
                     ("chief", "added national-cc (case_coordinator, national)")]


# 3. Every text field has a limit on the server, with a plain message. --------------------

def test_feedback_words_over_their_limit_are_refused_in_plain_words(app, client, people):
    sign_in_as(client, LIFER)
    too_many = "word " * limit("feedback_words")
    for url, data in (("/me/letters/about-these-pages", {"page": "kiosk"}),
                      ("/me/letters/feedback", {"page": "decision", "key": "L-D1"})):
        response = post_with_token(client, url, "/me/letters/about-these-pages", words=too_many,
                                   understood="yes", **data)
        assert response.status_code == 400
        assert "It was too long, so nothing was kept." in main_words(response)
    box = page(client.get("/me/letters/about-these-pages")).find("textarea", attrs={"name": "words"})
    assert box["maxlength"] == str(limit("feedback_words"))
    with app.app_context():
        assert db.session.scalars(select(Feedback)).all() == []


def test_a_letter_is_kept_past_its_length_limit_but_not_past_the_ceiling(app, client, people):
    sign_in_as(client, LIFER)
    url = "/me/letters/write/forum/rmt"
    long_but_kept = "a" * (app.config["LETTER_MAX_CHARS"] + 100)
    autosave = {"HX-Request": "true", "HX-Target": "draft-status"}
    kept = client.post(url, data={"csrf_token": csrf_from(client, url), "text": long_but_kept},
                       headers=autosave)
    assert "100 characters too long. Nothing has been cut out." in kept.get_data(as_text=True)
    past_ceiling = "b" * (LETTER_CEILING + 1)
    refused = client.post(url, data={"csrf_token": csrf_from(client, url), "text": past_ceiling},
                          headers=autosave)
    assert refused.status_code == 200
    assert "This is too long to keep. Please make it shorter." in refused.get_data(as_text=True)
    plain = post_with_token(client, url, url, text=past_ceiling, action="save")
    assert plain.status_code == 200 and "too long to keep" in main_words(plain)
    assert page(plain).find("textarea", id="text").get_text() == past_ceiling, "still on screen"
    with app.app_context():
        assert [d.text for d in db.session.scalars(select(LetterDraft))] == [long_but_kept]
    with pytest.raises(ValueError):
        with app.app_context():
            letters.save_draft(db.session, person_id(app, LIFER),
                               letters.Target("forum", "rmt", "rmt"), past_ceiling,
                               datetime.now(timezone.utc))


def test_a_staff_reply_over_its_limit_is_refused(app, client, people):
    with app.app_context(), db.transaction() as session:
        letter = Letter(person_id=session.scalars(select(Person.id).where(
            Person.prison_number == DANNY)).one(), reference="AAAA-CCCC", idempotency_key="k" * 40,
            forum="rmt", text="Hello", sent_at=datetime.now(timezone.utc))
        session.add(letter)
        session.flush()
        letter_id = letter.id
    sign_in_staff(client, make_user(app, CC))
    url = f"/staff/letters/{letter_id}"
    response = post_with_token(client, f"{url}/reply", url, text="x" * (limit("reply") + 1))
    assert response.status_code == 400
    assert f"Write {limit('reply')} characters or fewer." in main_words(response)
    with app.app_context():
        assert db.session.get(Letter, letter_id).reply is None


# 4. Usernames cannot be found through the lockout, and no one can lock a colleague out. --

def answers(client, username: str, tries: int = 6) -> list[str]:
    said = []
    for _ in range(tries):
        text = main_words(try_sign_in(client, username, "not the password"))
        said.append("locked" if "locked" in text else "wrong" if "not right" in text else text)
    return said


def test_known_and_unknown_usernames_get_the_same_answers_and_checks(app, people, monkeypatch):
    known = make_user(app, CC, "real-person")
    checks = []
    monkeypatch.setattr(secrets_hashing, "HASHER",
                        WatchedHasher(secrets_hashing.HASHER, checks.append))
    for_known = answers(app.test_client(), known)
    checks_for_known = len(checks)
    for_unknown = answers(app.test_client(), "no-such-person")
    assert for_known == for_unknown == ["wrong"] * 4 + ["locked"] * 2
    assert checks_for_known == len(checks) - checks_for_known == 5, "one argon2 check per try"


def test_a_lock_on_one_computer_does_not_lock_the_owner_out_of_theirs(app, people):
    victim = make_user(app, CC, "victim")
    attacker = app.test_client()
    attacker.environ_base["REMOTE_ADDR"] = "10.1.2.3"
    assert answers(attacker, victim)[-1] == "locked"
    own_desk = app.test_client()
    own_desk.environ_base["REMOTE_ADDR"] = "10.9.9.9"
    assert try_sign_in(own_desk, victim).status_code == 302


# 5. Control characters are taken out where forms are read. -------------------------------

def test_control_characters_never_reach_the_database(app, client, people):
    sign_in_as(client, LIFER)
    url = "/me/letters/write/forum/rmt"
    for text in ("Dear team,\x00 I\x1b disagree.\r\n", "more \x00\x00 words"):
        saved = client.post(url, data={"csrf_token": csrf_from(client, url), "text": text},
                            headers={"HX-Request": "true", "HX-Target": "draft-status"})
        assert saved.status_code == 200 and "Saved at" in saved.get_data(as_text=True)
    post_with_token(client, "/me/letters/about-these-pages", "/me/letters/about-these-pages",
                    page="kiosk", words="nul\x00 here")
    anonymous = app.test_client()
    refused = anonymous.post("/sign-in", data={"csrf_token": csrf_from(anonymous, "/sign-in"),
                                               "prison_number": f"GR\x00{DANNY}", "pin": "1234"})
    assert refused.status_code == 200
    staff = app.test_client()
    assert try_sign_in(staff, "nobody\x00", "password").status_code == 200
    with app.app_context():
        assert [d.text for d in db.session.scalars(select(LetterDraft))] == ["more  words"]
        assert [f.words for f in db.session.scalars(select(Feedback))] == ["nul here"]
        assert stored_text_problems(db.session) == []


# 6. A deeply nested file is refused with a place, on upload and from the command line. ---

def deeply_nested(levels: int) -> bytes:
    return (b'{"format": "custody-record-export", "version": 1, "people": ['
            + b"[" * levels + b"]" * levels + b"]}")


def test_a_deeply_nested_upload_is_refused_with_its_place(app, client, people):
    sign_in_staff(client, make_user(app, ADMIN, establishment=None))
    for levels in (900, 5000):
        response = client.post("/staff/imports", data={
            "csrf_token": csrf_from(client, "/staff/imports"),
            "export": (io.BytesIO(deeply_nested(levels)), "deep.json")},
            content_type="multipart/form-data")
        assert response.status_code == 200
        assert "nested more than 32 levels deep" in main_words(response)


def test_kiosk_import_refuses_a_deeply_nested_file_without_a_traceback(app, tmp_path):
    path = tmp_path / "deep.json"
    for levels in (900, 5000):
        path.write_bytes(deeply_nested(levels))
        result = CliRunner().invoke(main, ["import", str(path)],
                                    obj=ScriptInfo(create_app=lambda: app))
        assert result.exit_code == 1 and result.exception is None or isinstance(
            result.exception, SystemExit), result.exception
        assert "nested more than 32 levels deep" in result.output
        assert re.search(r"(line 1, column \d+|people\[0\]\[0\])", result.output)


def test_a_nul_in_an_export_is_refused_with_its_place(app, db_session):
    people = varied_people()
    people[0]["name"]["given"] = "Dan\u0000ny"
    raw = json.dumps({"format": "custody-record-export", "version": 1,
                      "exported_at": "2026-12-01T10:00:00Z", "source": "tests",
                      "establishment": {"code": "GRN", "name": "HMP Greenock"},
                      "people": people}).encode()
    from kiosk.services.imports import contract

    with pytest.raises(contract.ExportRefused) as refused:
        contract.check(raw)
    assert re.match(r"line 1, column \d+: text may not hold a NUL", str(refused.value))


# 7. A ZWJ emoji keeps the letter PDF's text layer whole. ---------------------------------

def test_a_family_emoji_leaves_the_letter_pdf_readable(app, client, people):
    with app.app_context(), db.transaction() as session:
        letter = Letter(person_id=session.scalars(select(Person.id).where(
            Person.prison_number == DANNY)).one(), reference="AAAA-CCCC", idempotency_key="k" * 40,
            forum="rmt", text=f"My family {FAMILY} visits on Sunday.",
            sent_at=datetime(2026, 12, 1, 10, 30, tzinfo=timezone.utc))
        session.add(letter)
        session.flush()
        letter_id = letter.id
    sign_in_staff(client, make_user(app, CC))
    response = client.get(f"/staff/letters/{letter_id}/pdf")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    text = " ".join(text.split())
    for expected in ("McKenna", DANNY, "To", "Sent", "1 December 2026", "My family",
                     "[family man woman girl boy]", "visits on Sunday."):
        assert expected in text, f"{expected!r} lost from the PDF's text: {text!r}"


# 8. Redirects stay on this site, whatever `next` holds. ----------------------------------

@pytest.mark.parametrize("next_value", [
    "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "\t//evil.example",
    "//evil.example", "/\\evil.example", "https://evil.example", "/ /evil.example",
    "/me/plan\r\nSet-Cookie: x=1",
])
def test_next_never_leads_off_this_site(app, client, people, next_value):
    sign_in_as(client, DANNY)
    for url in ("/still-here", "/language"):
        response = post_with_token(client, url, "/me/", next=next_value, language="en")
        assert response.status_code == 302
        assert response.headers["Location"] in ("/me/", "/"), response.headers["Location"]
    staff = app.test_client()
    username = make_user(app, CC)
    signed_in = staff.post(f"/staff/sign-in?next={next_value}", data={
        "csrf_token": csrf_from(staff, "/staff/sign-in"), "username": username,
        "password": PASSWORD})
    assert signed_in.status_code == 302 and signed_in.headers["Location"] == "/staff/"


# 9. Only the configured host names are answered. -----------------------------------------

def test_a_request_for_another_host_is_refused(app, client, people):
    for host in ("evil.example", "localhost.evil.example"):
        assert client.get("/me/", headers={"Host": host}).status_code == 400
        assert client.get("/staff/", headers={"Host": host}).status_code == 400
    for host in ("localhost", "127.0.0.1:8000"):
        assert client.get("/me/", headers={"Host": host}).status_code == 302
    app.config["TRUSTED_HOSTS"] = [*app.config["TRUSTED_HOSTS"], "kiosk.hmp.internal"]
    assert client.get("/me/", headers={"Host": "kiosk.hmp.internal"}).status_code == 302


def test_trusted_hosts_come_from_the_configuration(monkeypatch, tmp_path):
    from kiosk.config import from_environment

    monkeypatch.setenv("TRUSTED_HOSTS", "kiosk.hmp.internal, staff.hmp.internal")
    assert from_environment(tmp_path)["TRUSTED_HOSTS"] == [
        "localhost", "127.0.0.1", "[::1]", "kiosk.hmp.internal", "staff.hmp.internal"]


# 10. Requests that gave a 500. -------------------------------------------------------------

def test_a_preview_page_with_a_key_it_does_not_take_is_not_found(app, client, people):
    sign_in_staff(client, make_user(app, CC))
    lifer = person_id(app, LIFER)
    for url in (f"/staff/people/{lifer}/as-they-see-it/plan/xyz",
                f"/staff/people/{lifer}/as-they-see-it/record_views/x",
                f"/staff/people/{lifer}/as-they-see-it/decision"):
        assert client.get(url).status_code == 404, url
    assert client.get(f"/staff/people/{lifer}/as-they-see-it/decision/L-D1").status_code == 200


def test_a_multipart_part_with_no_name_is_ignored(app, client, people):
    body = b"--XX\r\nContent-Disposition: form-data\r\n\r\nhello\r\n--XX--\r\n"
    for url in ("/sign-in", "/staff/sign-in"):
        response = client.post(url, data=body, content_type="multipart/form-data; boundary=XX")
        assert response.status_code == 400, url  # no form token: refused, not a 500


# 11. After a staff PIN reset, nothing works until the person chooses their own PIN. ------

def test_only_choosing_a_pin_works_after_a_staff_reset(app, client, people):
    sign_in_as(client, LIFER)  # a visit, then staff reset the PIN during it
    with app.app_context(), db.transaction() as session:
        person = session.scalars(select(Person).where(Person.prison_number == LIFER)).one()
        sign_in.account_for(session, person).pin_reset_at = datetime.now(timezone.utc)
    url = "/me/letters/write/forum/rmt"
    autosave = client.post(url, data={"csrf_token": csrf_from(client, "/choose-pin"),
                                      "text": "written by whoever holds the slip"},
                           headers={"HX-Request": "true", "HX-Target": "draft-status"})
    assert autosave.status_code == 204 and autosave.headers["HX-Redirect"] == "/choose-pin"
    language = post_with_token(client, "/language", "/choose-pin", language="pl", next="/me/")
    assert language.status_code == 302
    assert page(client.get("/choose-pin")).html["lang"] == "pl", "the screen still changes"
    with app.app_context():
        account = db.session.get(KioskAccount, person_id(app, LIFER))
        assert account.language is None, "the account waits for the person's own PIN"
        assert db.session.scalars(select(LetterDraft)).all() == []
    chosen = post_with_token(client, "/choose-pin", "/choose-pin", pin="8642", pin_again="8642")
    assert chosen.status_code == 302
    with app.app_context():
        assert db.session.get(KioskAccount, person_id(app, LIFER)).language == "pl"


# 12. The audit search says nothing about people in other establishments. ----------------

def test_the_audit_search_does_not_say_who_is_in_another_establishment(app, client, people):
    sign_in_staff(client, make_user(app, MANAGER))
    someone_in_edinburgh = demo_document(people=30, code="EDN")["people"][0]["prison_number"]
    elsewhere = main_words(client.get(f"/staff/audit?prison_number={someone_in_edinburgh}"))
    nowhere = main_words(client.get("/staff/audit?prison_number=ZZ0000000"))
    assert elsewhere.replace(someone_in_edinburgh, "N") == nowhere.replace("ZZ0000000", "N")
    here = main_words(client.get(f"/staff/audit?prison_number={TOMASZ}"))
    assert here != main_words(client.get("/staff/audit?prison_number=ZZ0000000")).replace(
        "ZZ0000000", TOMASZ)


# Batch PDFs are private to the service. ---------------------------------------------------

@pytest.mark.slow
@pytest.mark.databases("sqlite")
def test_a_finished_batch_pdf_is_readable_by_the_service_alone(app, client, people, tmp_path):
    app.config.update(PRINT_DIR=str(tmp_path / "print"),
                      HUEY_SQLITE_PATH=str(tmp_path / "huey.sqlite3"))
    sign_in_staff(client, make_user(app, CC))
    response = post_with_token(client, "/staff/printing/batches", "/staff/printing",
                               place="landing|Darroch|1", variant="easy_read")
    batch_id = int(response.headers["Location"].rsplit("/", 1)[1])
    batches.run_batch(app, batch_id)
    with app.app_context():
        path = batches.batch_file(app, db.session.get(PrintBatch, batch_id))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
