"""Asking for a printed copy at the kiosk, the staff queue, printing one person's pack or a
section, and what each print leaves behind: the print log, the audit trail, the person's
kiosk and the manager dashboard."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from kiosk.data import dashboard_queries as dashboard
from kiosk.extensions import db
from kiosk.models import AuditEvent, PrintLogEntry, PrintRequest, StaffUser
from kiosk.services.access.staff_access import person_scope
from support.kiosk import DANNY, LIFER, TOMASZ, import_people, sign_in_as, varied_people
from support.staff import (  # noqa: F401  (fast_hashing is an autouse fixture)
    csrf_from, fast_hashing, make_user, person_id, sign_in_staff,
)


@pytest.fixture
def people(db_session):
    import_people(db_session, varied_people())


def words_on(client, url: str) -> str:
    """The visible words of a page, tags taken out."""
    return " ".join(re.sub(r"<[^>]+>", " ", client.get(url).get_data(as_text=True)).split())


def ask_at_the_kiosk(client) -> None:
    token = csrf_from(client, "/me/printed-copy")
    assert client.post("/me/printed-copy", data={"csrf_token": token}).status_code == 302


def test_a_request_from_the_kiosk_is_queued_printed_and_shown_back(app, client, people):
    sign_in_as(client, DANNY)
    page = client.get("/me/printed-copy").get_data(as_text=True)
    assert "Ask for a printed copy" in page and "last copy" not in page
    ask_at_the_kiosk(client)
    ask_at_the_kiosk(client)  # asking twice keeps one request
    page = client.get("/me/printed-copy").get_data(as_text=True)
    assert "You asked on" in page and "Ask for a printed copy" not in page.split("<main")[1]
    with app.app_context():
        assert len(db.session.scalars(select(PrintRequest)).all()) == 1

    staff = app.test_client()
    sign_in_staff(staff, make_user(app, "personal_officer", hall="Ailsa"))
    queue = staff.get("/staff/printing").get_data(as_text=True)
    assert DANNY in queue and TOMASZ not in queue
    danny = person_id(app, DANNY)
    response = staff.get(f"/staff/people/{danny}/print/pack?variant=large_print")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-1.7")
    assert "Nobody is waiting for a printed copy." in staff.get("/staff/printing").get_data(as_text=True)

    page = words_on(client, "/me/printed-copy")
    today = datetime.now(timezone.utc)
    assert f"Your last copy was printed on {today.day} {today:%B %Y} ." in page
    assert "Ask for a printed copy" in page  # they can ask again

    with app.app_context():
        entry = db.session.scalars(select(PrintLogEntry)).one()
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "print")).one()
        request_row = db.session.scalars(select(PrintRequest)).one()
    assert (entry.prison_number, entry.what, entry.variant, entry.role) == (
        DANNY, "pack", "large_print", "personal_officer")
    assert event.person_id == danny and "pack (large_print)" in event.detail
    assert request_row.status == "printed" and request_row.printed_by == entry.staff_user_id
    log = staff.get("/staff/printing").get_data(as_text=True)
    assert DANNY in log.split('id="log"')[1]


def test_printing_feeds_the_dashboard_and_the_persons_list_of_who_looked(app, client, people):
    manager = make_user(app, "manager")
    with app.app_context():
        user = db.session.scalars(select(StaffUser).where(StaffUser.username == manager)).one()
        before = {row[0].prison_number for row in
                  dashboard.plans_not_printed(db.session, person_scope(user), datetime.now(timezone.utc)).rows}
    assert LIFER in before
    staff = app.test_client()
    sign_in_staff(staff, make_user(app, "case_coordinator"))
    assert staff.get(f"/staff/people/{person_id(app, LIFER)}/print/plan").status_code == 200
    with app.app_context():
        after = {row[0].prison_number for row in
                 dashboard.plans_not_printed(db.session, person_scope(user), datetime.now(timezone.utc)).rows}
    assert after == before - {LIFER}
    sign_in_as(client, LIFER)
    assert "A case coordinator Printed your papers" in words_on(client, "/me/who-has-looked")


def test_a_section_prints_alone_and_unknown_ones_are_not_found(app, client, people):
    sign_in_staff(client, make_user(app, "case_coordinator"))
    lifer = person_id(app, LIFER)
    decision = client.get(f"/staff/people/{lifer}/print/decision?key=L-D2")
    assert decision.status_code == 200 and decision.mimetype == "application/pdf"
    assert 'filename="GR3000002-decision-easy-read.pdf"' in decision.headers["Content-Disposition"]
    for url in (f"/staff/people/{lifer}/print/decision?key=K-D1",  # someone else's decision
                f"/staff/people/{lifer}/print/letters", f"/staff/people/{lifer}/print/pack?variant=tiny",
                f"/staff/people/{lifer}/print/pack?lang=xx", "/staff/people/999999/print/pack"):
        assert client.get(url).status_code == 404, url
    with app.app_context():
        assert [e.what for e in db.session.scalars(select(PrintLogEntry))] == ["decision"]


def test_a_personal_officer_prints_only_for_their_hall_and_caseload(app, client, people):
    sign_in_staff(client, make_user(app, "personal_officer", hall="Ailsa"))
    assert client.get(f"/staff/people/{person_id(app, TOMASZ)}/print/pack").status_code == 404
    assert client.get(f"/staff/people/{person_id(app, DANNY)}/print/pack").status_code == 200
    options = re.findall(r'<option value="([^"]+)"', client.get("/staff/printing").get_data(as_text=True))
    assert options == ["caseload", "hall|Ailsa", "landing|Ailsa|2"]
    forged = client.post("/staff/printing/batches", data={
        "csrf_token": csrf_from(client, "/staff/printing"), "place": "hall|Darroch", "variant": "easy_read"})
    assert forged.status_code == 200 and "Not a valid choice" in forged.get_data(as_text=True)


@pytest.mark.parametrize("role", ["manager", "administrator"])
def test_roles_without_printing_are_refused(app, client, people, role):
    sign_in_staff(client, make_user(app, role, establishment=None if role == "administrator" else "GRN"))
    assert client.get(f"/staff/people/{person_id(app, DANNY)}/print/pack").status_code == 403
    assert client.get("/staff/printing").status_code == 403
    assert "/staff/printing" not in client.get("/staff/").get_data(as_text=True)


def test_the_kiosk_button_needs_its_csrf_token(app, client, people):
    sign_in_as(client, DANNY)
    assert client.post("/me/printed-copy", data={}).status_code == 400
    with app.app_context():
        assert db.session.scalars(select(PrintRequest)).all() == []


def test_each_decision_on_the_record_page_has_its_own_print_link(app, client, people):
    sign_in_staff(client, make_user(app, "case_coordinator"))
    lifer = person_id(app, LIFER)
    page = client.get(f"/staff/people/{lifer}").get_data(as_text=True)
    links = re.findall(r'href="(/staff/people/\d+/print/decision\?key=[^"]+)"', page)
    assert sorted(links) == [f"/staff/people/{lifer}/print/decision?key=L-D1",
                             f"/staff/people/{lifer}/print/decision?key=L-D2"]
    assert client.get(links[0]).mimetype == "application/pdf"
