"""The staff side's doors: every role against every staff route, scoping by caseload, hall and
establishment, separate kiosk and staff sessions, the configuration switches, lockout,
time-out and sign-out."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from kiosk import create_app
from kiosk.extensions import db
from kiosk.models import KioskAccount, SignInLockout, StaffSession, StaffUser
from support.kiosk import DANNY, TOMASZ, example_people, nobody, sign_in_as
from support.staff import (  # noqa: F401  (fast_hashing is an autouse fixture)
    PASSWORD, ROLES, csrf_from, fast_hashing, import_without_pins, make_user, person_id,
    sign_in_staff, staff_user, try_sign_in,
)
from support.printing import finished_batch

PO, CC, SW, RMT, MGR, ADM = ROLES
CASEWORK = {PO, CC, SW, RMT}
# Written out by hand, not derived from the permission table, so the test checks the table.
GET_MATRIX = {
    "/staff/": set(ROLES),
    "/staff/people": CASEWORK,
    "/staff/people?q=mck": CASEWORK,
    "/staff/people/{danny}": CASEWORK,
    "/staff/people/{danny}/pin": {PO, CC},
    "/staff/people/{danny}/summaries/decision/D1": CASEWORK,
    "/staff/people/{danny}/as-they-see-it/plan": CASEWORK,
    "/staff/people/{danny}/as-they-see-it/decision/D1": CASEWORK,
    "/staff/checker": CASEWORK,
    "/staff/people/{danny}/print/pack": CASEWORK,
    "/staff/printing": CASEWORK,
    "/staff/printing/batches/{batch}": CASEWORK,
    "/staff/printing/batches/{batch}/pdf": CASEWORK,
    "/staff/dashboard": {MGR},
    "/staff/audit": {MGR},
    "/staff/imports": {ADM},
    "/staff/users": {ADM},
    "/staff/users/{me}": {ADM},
    "/staff/explanations": set(ROLES),
    "/staff/explanations?state=unconfirmed&section=glossary&page=2": set(ROLES),
}
POST_MATRIX = {
    "/staff/people/{danny}/pin": {PO, CC},
    "/staff/people/{danny}/summaries/decision/D1": CASEWORK,
    "/staff/checker": CASEWORK,
    "/staff/printing/batches": CASEWORK,
    "/staff/printing/batches/{batch}/cancel": CASEWORK,
    "/staff/imports": {ADM},
    "/staff/users": {ADM},
    "/staff/users/{me}": {ADM},
    "/staff/explanations/confirm": {MGR},
}
OPEN_ENDPOINTS = {"staff.sign_in", "staff.sign_out", "staff.signed_out"}


@pytest.fixture
def greenock(db_session):
    """Danny (hall Ailsa) and Tomasz (hall Darroch) at HMP Greenock."""
    import_without_pins(db_session, example_people())


def signed_in(app, client, role: str, **account) -> dict:
    """Sign in as a new account of `role`; the URL parts for the matrix."""
    defaults = {PO: {"hall": "Ailsa"}, SW: {"caseload": (DANNY,)}, ADM: {"establishment": None}}
    username = make_user(app, role, **{**defaults.get(role, {}), **account})
    sign_in_staff(client, username)
    return {"danny": person_id(app, DANNY), "tomasz": person_id(app, TOMASZ),
            "me": staff_user(app, username).id, "batch": finished_batch(app, username)}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", GET_MATRIX)
def test_every_role_against_every_staff_page(app, client, greenock, role, route):
    url = route.format(**signed_in(app, client, role))
    status = client.get(url).status_code
    assert status == (200 if role in GET_MATRIX[route] else 403), f"{role} GET {url}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", POST_MATRIX)
def test_every_role_against_every_staff_form(app, client, greenock, role, route):
    url = route.format(**signed_in(app, client, role))
    token = csrf_from(client, "/staff/")
    status = client.post(url, data={"csrf_token": token, "text": "Hello."}).status_code
    if role in POST_MATRIX[route]:
        assert status in (200, 302), f"{role} POST {url}: {status}"
    else:
        assert status == 403, f"{role} POST {url}: {status}"


def test_the_matrix_covers_every_staff_route(app):
    covered = {rule.rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("staff.")
               and rule.endpoint not in OPEN_ENDPOINTS}
    in_matrix = {route.split("?")[0] for route in (*GET_MATRIX, *POST_MATRIX)}
    normalised = {rule.replace("<int:person_id>", "{danny}").replace("<int:user_id>", "{me}")
                  .replace("<any(decision, plan):kind>/<item_key>", "decision/D1")
                  .replace("<page>/<key>", "decision/D1").replace("<page>", "plan")
                  .replace("<what>", "pack").replace("<int:batch_id>", "{batch}") for rule in covered}
    assert normalised <= in_matrix, f"add these to the matrix: {normalised - in_matrix}"


@pytest.mark.parametrize("route", GET_MATRIX)
def test_no_staff_page_opens_without_signing_in(app, client, greenock, route):
    url = route.format(danny=1, tomasz=2, me=1, batch=1)
    response = client.get(url)
    assert response.status_code == 302 and "/staff/sign-in" in response.headers["Location"]


def test_a_kiosk_session_never_opens_a_staff_page(app, client, greenock):
    sign_in_as(client, DANNY)
    assert client.get("/me/").status_code == 200
    for route in GET_MATRIX:
        response = client.get(route.format(danny=1, tomasz=2, me=1, batch=1))
        assert response.status_code == 302 and "/staff/sign-in" in response.headers["Location"]


def test_signing_in_as_staff_ends_a_kiosk_visit_in_the_same_browser(app, client, greenock):
    sign_in_as(client, DANNY)
    sign_in_staff(client, make_user(app, CC))
    assert client.get("/me/").status_code == 302


# Scope: caseload, hall, establishment ----------------------------------------------------

@pytest.mark.parametrize("suffix", ["", "/pin", "/summaries/decision/H1"])
def test_a_personal_officer_cannot_reach_someone_outside_their_caseload_or_hall(
        app, client, greenock, suffix):
    ids = signed_in(app, client, PO, hall="Ailsa")
    assert client.get(f"/staff/people/{ids['tomasz']}{suffix}").status_code == 404
    token = csrf_from(client, "/staff/")
    assert client.post(f"/staff/people/{ids['tomasz']}{suffix}",
                       data={"csrf_token": token, "text": "x"}).status_code in (404, 405)


def test_a_personal_officer_reaches_their_caseload_in_another_hall(app, client, greenock):
    ids = signed_in(app, client, PO, hall="Ailsa", caseload=(TOMASZ,))
    assert client.get(f"/staff/people/{ids['tomasz']}").status_code == 200


def test_a_personal_officer_searches_only_their_hall_and_caseload(app, client, greenock):
    signed_in(app, client, PO, hall="Ailsa")
    found = client.get("/staff/people?q=GR").get_data(as_text=True)
    everyone = client.get("/staff/people?q=GR1").get_data(as_text=True)
    assert DANNY in everyone and TOMASZ not in found + everyone
    assert TOMASZ not in client.get("/staff/people?q=wi").get_data(as_text=True)


def test_a_social_worker_sees_only_their_caseload(app, client, greenock):
    ids = signed_in(app, client, SW, caseload=(DANNY,))
    assert client.get(f"/staff/people/{ids['danny']}").status_code == 200
    assert client.get(f"/staff/people/{ids['tomasz']}").status_code == 404


def test_a_case_coordinator_sees_only_their_establishment(app, client, greenock, db_session):
    import_without_pins(db_session, [nobody(datetime.now().date())], code="BAR",
                        name="HMP Barlinnie")
    ids = signed_in(app, client, CC, establishment="BAR")
    assert client.get(f"/staff/people/{ids['danny']}").status_code == 404
    assert DANNY not in client.get("/staff/people?q=GR").get_data(as_text=True)


def test_an_unknown_person_is_the_same_404(app, client, greenock):
    signed_in(app, client, CC)
    assert client.get("/staff/people/999999").status_code == 404


# Configuration switches ------------------------------------------------------------------

def test_staff_enabled_false_removes_every_staff_route(database_url, clean_database):
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "t", "TESTING": True,
                      "STAFF_ENABLED": False})
    assert not [r for r in app.url_map.iter_rules() if r.rule.startswith("/staff")]
    assert app.test_client().get("/staff/sign-in").status_code == 404
    db.engine(app).dispose()


def test_kiosk_enabled_false_removes_the_kiosk_routes(database_url, clean_database):
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "t", "TESTING": True,
                      "KIOSK_ENABLED": False})
    client = app.test_client()
    assert client.get("/sign-in").status_code == 404 and client.get("/me/").status_code == 404
    assert client.get("/staff/sign-in").status_code == 200
    db.engine(app).dispose()


# Accounts: lockout, time-out, sign-out ---------------------------------------------------

def test_wrong_passwords_lock_the_account(app, client, greenock):
    username = make_user(app, CC)
    for _ in range(4):
        assert "not right" in try_sign_in(client, username, "wrong password!").get_data(as_text=True)
    assert "locked on this computer for 15 minutes" in try_sign_in(client, username, "wrong").get_data(as_text=True)
    assert "locked" in try_sign_in(client, username, PASSWORD).get_data(as_text=True)
    with app.app_context(), db.transaction() as session:
        session.scalars(select(SignInLockout)).one().locked_until = (
            datetime.now(timezone.utc) - timedelta(seconds=1))
    assert try_sign_in(client, username, PASSWORD).status_code == 302


def test_an_unknown_username_gets_the_same_answer(app, client, greenock):
    answer = try_sign_in(client, "nobody-here", PASSWORD).get_data(as_text=True)
    assert "The username or password is not right" in answer


def test_an_idle_session_times_out(app, client, greenock):
    sign_in_staff(client, make_user(app, CC))
    assert client.get("/staff/").status_code == 200
    with app.app_context(), db.transaction() as session:
        visit = session.scalars(select(StaffSession)).one()
        visit.last_active_at -= timedelta(minutes=31)
    response = client.get("/staff/")
    assert response.status_code == 302 and "/staff/sign-in" in response.headers["Location"]
    with app.app_context():
        assert db.session.scalars(select(StaffSession)).first() is None


def test_sign_out_ends_the_session_on_the_server(app, client, client_request, greenock):
    sign_in_staff(client, make_user(app, CC))
    page = client_request.get("/staff/")
    assert page.select_one("header form button").get_text(strip=True) == "Sign out"
    assert "Test case_coordinator" in page.select_one("header").get_text()
    client_request.post("/staff/sign-out", csrf_from="/staff/")
    assert client.get("/staff/").status_code == 302
    with app.app_context():
        assert db.session.scalars(select(StaffSession)).first() is None


def test_create_admin_command_reads_the_password_from_stdin(app, greenock):
    from kiosk.staff.commands import staff

    runner = app.test_cli_runner()
    result = runner.invoke(staff, ["create-admin", "Root"], input="a long enough password\n")
    assert result.exit_code == 0, result.output
    assert staff_user(app, "root").role == "administrator"
    short = runner.invoke(staff, ["create-admin", "other"], input="short\n")
    assert short.exit_code != 0 and "at least 12" in short.output
    taken = runner.invoke(staff, ["create-admin", "root"], input="a long enough password\n")
    assert taken.exit_code != 0


def test_a_pin_reset_leaves_the_kiosk_account_waiting_for_a_new_pin(app, client, greenock):
    ids = signed_in(app, client, PO, hall="Ailsa")
    client.post(f"/staff/people/{ids['danny']}/pin", data={"csrf_token": csrf_from(client, "/staff/")})
    with app.app_context():
        assert db.session.get(KioskAccount, ids["danny"]).pin_reset_at is not None


# Security headers on both sides ----------------------------------------------------------

@pytest.mark.parametrize("side", ["kiosk", "staff"])
def test_both_sides_send_the_security_headers(app, client, greenock, side):
    if side == "kiosk":
        sign_in_as(client, DANNY)
        response = client.get("/me/plan")
    else:
        sign_in_staff(client, make_user(app, CC))
        response = client.get(f"/staff/people/{person_id(app, DANNY)}")
    assert response.status_code == 200
    csp = dict(d.strip().split(" ", 1) for d in response.headers["Content-Security-Policy"].split(";"))
    assert csp["frame-ancestors"] == "'none'" and "'unsafe-inline'" not in csp["script-src"]
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
