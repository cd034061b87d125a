"""Staff features: upload, search, the audit trail, PIN slips, the plain-language checker and
summaries, the dashboard, and staff text that tries to inject markup."""
from __future__ import annotations

import json
import re
from datetime import date

import pytest
from sqlalchemy import func, select, text

from kiosk.data import audit_queries
from kiosk.extensions import db
from kiosk.models import AuditEvent, Base, KioskAccount, Person, StaffUser
from kiosk.services.access import sign_in
from kiosk.services.access.staff_access import person_scope
from kiosk.services.imports import contract
from kiosk.services.staff import audit, summaries
from support.kiosk import (
    DANNY, NOBODY, SHORT, TOMASZ, XSS, document, example_people, nobody, varied_people,
)
from support.staff import (  # noqa: F401  (fast_hashing is an autouse fixture)
    fast_hashing, import_without_pins, make_user, person_id, sign_in_staff,
)


@pytest.fixture
def people(db_session):
    """Six varied people at HMP Greenock."""
    import_without_pins(db_session, varied_people())


def as_staff(app, client, role="case_coordinator", **account) -> str:
    username = make_user(app, role, **account)
    sign_in_staff(client, username)
    return username


def events(app, action=None, person=None) -> list[AuditEvent]:
    with app.app_context():
        query = select(AuditEvent).order_by(AuditEvent.id)
        if action:
            query = query.where(AuditEvent.action == action)
        if person is not None:
            query = query.where(AuditEvent.person_id == person)
        return list(db.session.scalars(query))


def snapshot(app) -> dict:
    with app.app_context():
        return {t.name: sorted(map(repr, db.session.execute(select(t)).all()))
                for t in Base.metadata.sorted_tables if t.name != "audit_events"}


# Import by upload ------------------------------------------------------------------------

def upload(client_request, raw: bytes, expected_status=200):
    from io import BytesIO

    return client_request.post("/staff/imports", data={"export": (BytesIO(raw), "export.json")},
                               expected_status=expected_status, content_type="multipart/form-data")


def test_a_refused_upload_lists_every_problem_and_changes_nothing(app, client, client_request, people):
    as_staff(app, client, "administrator", establishment=None)
    bad = document(example_people())
    bad["people"][0]["decisions"][0]["outcome"] = "maybe"
    bad["people"][1]["date_of_birth"] = "not a date"
    del bad["people"][1]["name"]
    raw = json.dumps(bad).encode()
    with pytest.raises(contract.ExportRefused) as refused:
        contract.check(raw)
    expected = [(p.place, p.message) for p in refused.value.problems]
    assert len(expected) >= 3
    before = snapshot(app)
    page = upload(client_request, raw)
    rows = [tuple(cell.get_text(" ", strip=True) for cell in row.find_all("td"))
            for row in page.select("tr.app-import-problem")]
    assert rows == expected
    assert "nothing was changed" in page.select_one(".govuk-error-summary").get_text()
    assert snapshot(app) == before


def test_a_valid_upload_is_imported_and_audited(app, client, client_request, people):
    as_staff(app, client, "administrator", establishment=None)
    newer = document([*example_people(), nobody(date.today())])
    page = upload(client_request, json.dumps(newer).encode())
    assert "GRN:" in page.select_one(".govuk-notification-banner").get_text()
    assert [e.action for e in events(app, audit.IMPORT)] == [audit.IMPORT]


def test_an_upload_with_no_file_says_what_to_do(app, client, client_request, people):
    as_staff(app, client, "administrator", establishment=None)
    page = client_request.post("/staff/imports", data={}, expected_status=200)
    assert "Choose an export file." in page.select_one(".govuk-error-summary").get_text()


# Search ----------------------------------------------------------------------------------

def found(client_request, typed: str) -> list[str]:
    page = client_request.get(f"/staff/people?q={typed}")
    return [row.find_all("td")[1].get_text(strip=True) for row in page.select("tbody tr")]


def test_search_by_name_is_case_insensitive_and_by_prefix(app, client, client_request, people):
    as_staff(app, client)
    assert found(client_request, "mckenna") == [DANNY]
    assert found(client_request, "MCK") == [DANNY]
    assert found(client_request, "danny") == [DANNY]  # the name they are known by
    assert found(client_request, "daniel mck") == [DANNY]
    assert found(client_request, "Wiś") == [TOMASZ]
    assert found(client_request, "zzz") == []


def test_search_by_prison_number_with_spaces_or_small_letters(app, client, client_request, people):
    as_staff(app, client)
    assert found(client_request, "gr 104") == [DANNY]
    assert set(found(client_request, "GR300")) == {NOBODY, "GR3000002", "GR3000003", SHORT}


def test_search_shows_at_most_fifty(app, client, client_request, db_session):
    many = []
    for i in range(60):
        person = nobody(date.today())
        person["prison_number"] = f"GR9{i:06d}"
        many.append(person)
    import_without_pins(db_session, many)
    as_staff(app, client)
    assert len(found(client_request, "reid")) == 50
    assert "Only the first 50" in client.get("/staff/people?q=reid").get_data(as_text=True)


# The audit trail -------------------------------------------------------------------------

PERSON_PAGES = ["/staff/people/{id}", "/staff/people/{id}/pin",
                "/staff/people/{id}/summaries/decision/D1", "/staff/people/{id}/summaries/plan/plan"]


@pytest.mark.parametrize("page", PERSON_PAGES)
def test_every_staff_view_of_a_person_is_audited(app, client, people, page):
    username = as_staff(app, client, "personal_officer", hall="Ailsa")
    danny = person_id(app, DANNY)
    url = page.format(id=danny)
    if url.endswith("/plan/plan"):
        with app.app_context():
            from kiosk.models import Plan
            url = url.replace("/plan/plan", f"/plan/{db.session.get(Plan, danny).item_key}")
    assert client.get(url).status_code == 200
    views = events(app, audit.VIEW, danny)
    assert len(views) == 1
    assert (views[0].username, views[0].role) == (username, "personal_officer")
    with app.app_context():
        seen = audit_queries.views_of_person(db.session, danny)
    assert [(v.role, v.action, v.on) for v in seen] == [("personal_officer", "view", date.today())]


def test_search_results_are_not_views_of_a_person(app, client, people):
    as_staff(app, client)
    client.get("/staff/people?q=mck")
    assert events(app, audit.VIEW) == []


def test_a_manager_searches_the_trail_by_prison_number(app, client, client_request, people):
    as_staff(app, client)
    client.get(f"/staff/people/{person_id(app, DANNY)}")
    client.get(f"/staff/people/{person_id(app, TOMASZ)}")
    as_staff(app, client, "manager")
    page = client_request.get(f"/staff/audit?prison_number={DANNY.lower()}&username=&action=view")
    rows = page.select("tr.app-audit-event")
    assert len(rows) == 1 and "Case coordinator" in rows[0].get_text()


# PINs ------------------------------------------------------------------------------------

def test_a_pin_reset_gives_a_slip_with_a_pin_that_works_once_chosen_again(
        app, client, client_request, people):
    as_staff(app, client, "personal_officer", hall="Ailsa")
    danny = person_id(app, DANNY)
    slip = client_request.post(f"/staff/people/{danny}/pin", expected_status=200)
    pin = slip.select_one(".app-pin-slip__pin").get_text(strip=True)
    assert re.fullmatch(r"[0-9]{6}", pin)
    assert DANNY in slip.select_one(".app-pin-slip").get_text()
    with app.app_context(), db.transaction() as session:
        assert session.get(KioskAccount, danny).pin_reset_at is not None
        assert sign_in.check_pin(session, DANNY, pin, sign_in_now()).person is not None
    [reset] = events(app, audit.PIN_RESET, danny)
    assert reset.role == "personal_officer"


def sign_in_now():
    from datetime import datetime, timezone

    return datetime.now(timezone.utc)


def test_the_pin_is_not_changed_by_just_opening_the_page(app, client, people):
    as_staff(app, client, "personal_officer", hall="Ailsa")
    client.get(f"/staff/people/{person_id(app, DANNY)}/pin")
    assert events(app, audit.PIN_RESET) == []


# The plain-language checker and summaries ------------------------------------------------

TEXT = ("Your RMT looked at your Annex A. They said not yet, because the GPA is not done and "
        "the team would like to see how the programme goes before they make any change to "
        "where you live. The XQZ team will write.")


def same_markup(html: str) -> str:
    """Markup with indentation between tags ignored (an include is indented, the fragment not)."""
    return re.sub(r">\s+<", "><", " ".join(html.split()))


def report_of(page) -> str:
    return same_markup(str(page.select_one("#checker-report").decode_contents()))


def test_the_checker_gives_the_same_report_with_and_without_htmx(app, client, client_request, people):
    as_staff(app, client)
    plain = client_request.post("/staff/checker", data={"text": TEXT, "action": "check"},
                                expected_status=200)
    token = client_request.csrf_token("/staff/checker")
    fragment = client.post("/staff/checker", data={"text": TEXT, "csrf_token": token},
                           headers={"HX-Request": "true", "HX-Target": "checker-report"})
    assert fragment.status_code == 200 and "<html" not in fragment.get_data(as_text=True)
    assert report_of(plain) == same_markup(fragment.get_data(as_text=True))
    assert "HX-Request" in fragment.headers["Vary"]


def test_the_checker_reports_ease_long_sentences_jargon_and_easy_read(app, client, client_request, people):
    as_staff(app, client)
    page = client_request.post("/staff/checker", data={"text": TEXT}, expected_status=200)
    report = page.select_one("#checker-report")
    assert "Reading ease" in report.get_text()
    assert [li.get_text() for li in report.select(".app-long-sentences li")] == [TEXT.split(". ")[1] + "."]
    assert [li.get_text() for li in report.select(".app-unexplained li")] == ["XQZ"]
    terms = report.select_one(".app-explained-terms").get_text()
    assert "Risk Management Team" in terms
    assert len(report.select(".app-easy-preview li")) == 3


def test_a_history_restore_gets_the_whole_page_not_the_fragment(app, client, client_request, people):
    as_staff(app, client)
    token = client_request.csrf_token("/staff/checker")
    response = client.post("/staff/checker", data={"text": TEXT, "csrf_token": token},
                           headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in response.get_data(as_text=True)


def test_a_saved_summary_is_audited_and_ready_for_the_kiosk(app, client, client_request, people):
    as_staff(app, client, "social_worker", caseload=(DANNY,))
    danny = person_id(app, DANNY)
    url = f"/staff/people/{danny}/summaries/decision/D1"
    location = client_request.post(url, data={"text": "You can move to Low supervision.",
                                              "action": "save"})
    assert location.endswith(f"/staff/people/{danny}")
    assert "The plain summary is saved" in client.get(location).get_data(as_text=True)
    [change] = events(app, audit.CHANGE, danny)
    assert change.role == "social_worker" and "D1" in change.detail
    with app.app_context():
        summary = summaries.summary_of(db.session, danny, "decision", "D1")
        writer = db.session.get(StaffUser, summary.written_by)
        assert (summary.text, writer.role) == ("You can move to Low supervision.", "social_worker")


def test_checking_does_not_save(app, client, client_request, people):
    as_staff(app, client)
    danny = person_id(app, DANNY)
    client_request.post(f"/staff/people/{danny}/summaries/decision/D1",
                        data={"text": "Plain words.", "action": "check"}, expected_status=200)
    with app.app_context():
        assert summaries.summary_of(db.session, danny, "decision", "D1") is None


def test_a_summary_for_someone_elses_decision_is_not_found(app, client, people):
    as_staff(app, client)
    assert client.get(f"/staff/people/{person_id(app, DANNY)}/summaries/decision/H1").status_code == 404


def test_markup_in_staff_text_and_summaries_is_shown_as_text(app, client, client_request, people):
    as_staff(app, client)
    short = person_id(app, SHORT)
    client_request.post(f"/staff/people/{short}/summaries/decision/S-D1",
                        data={"text": f"Plain {XSS}", "action": "save"})
    page = client_request.get(f"/staff/people/{short}")
    assert not [s for s in page.find_all("script") if "alert" in s.get_text()]
    assert XSS in page.get_text()
    checked = client_request.post("/staff/checker", data={"text": XSS}, expected_status=200)
    assert not [s for s in checked.find_all("script") if "alert" in s.get_text()]


def test_jargon_in_staff_text_is_explained_on_staff_pages(app, client, client_request, people):
    as_staff(app, client)
    page = client_request.get(f"/staff/people/{person_id(app, DANNY)}")
    text = " ".join(page.get_text(" ").split())
    assert "RMT (Risk Management Team" in text


# The dashboard ---------------------------------------------------------------------------

def test_the_dashboard_lists_gaps_and_counts_by_hall(app, client, client_request, people):
    with app.app_context(), db.transaction() as session:
        danny = session.scalars(select(Person).where(Person.prison_number == DANNY)).one()
        make_user(app, "personal_officer", username="printer", hall="Ailsa")
        printer = session.scalars(select(StaffUser).where(StaffUser.username == "printer")).one()
        audit.record(session, printer, audit.PRINT, danny, "plan")
    as_staff(app, client, "manager")
    page = client_request.get("/staff/dashboard")
    no_plan = page.find(id="no-plan").find_next("ul").get_text()
    not_printed = page.find(id="not-printed").find_next("ul").get_text()
    not_shared = page.find(id="not-shared").find_next("ul").get_text()
    assert NOBODY in no_plan and DANNY not in no_plan
    assert TOMASZ in not_printed and DANNY not in not_printed
    assert DANNY in not_shared
    halls = {row.find_all("td")[1].get_text(strip=True): row.find_all("td")[2].get_text(strip=True)
             for row in page.select_one("table").select("tbody tr")}
    assert halls["Ailsa"] == "1" and halls["Darroch"] == "1"
    with app.app_context():
        total = db.session.scalar(select(func.count()).select_from(Person))
    assert sum(int(n) for n in halls.values()) == total


def test_a_manager_sees_only_their_establishments_trail(app, client, client_request, people, db_session):
    import_without_pins(db_session, [_elsewhere()], code="BAR",
                        name="HMP Barlinnie")
    as_staff(app, client, "case_coordinator", establishment="BAR")
    client.get(f"/staff/people/{person_id(app, 'BA0000001')}")
    as_staff(app, client, "manager")  # at Greenock
    page = client_request.get("/staff/audit?prison_number=&username=&action=view")
    assert page.select("tr.app-audit-event") == []


def _elsewhere() -> dict:
    person = nobody(date.today())
    person["prison_number"] = "BA0000001"
    return person


# The schema ------------------------------------------------------------------------------

def test_migration_0003_goes_down_and_up(tmp_path):
    from kiosk.data import migrate

    url = f"sqlite:///{tmp_path / 'm.sqlite3'}"
    migrate.upgrade(url)
    migrate.downgrade(url, "0002")
    migrate.upgrade(url)


@pytest.mark.databases("sqlite")
def test_name_search_is_answered_from_the_name_index(app, people):
    """Not a timing test: the plan must use the lower(family_name) index, not scan people
    (benchmarks/staff_search_benchmark.py times SQLite and PostgreSQL)."""
    from kiosk.data import staff_queries

    user = StaffUser(id=0, role="rmt_administrator", establishment_id=None)
    with app.app_context():
        family = func.lower(Person.family_name)
        query = (select(Person).where(staff_queries._starts_with(family, "mc"), person_scope(user))
                 .order_by(family).limit(50))
        compiled = query.compile(db.session.get_bind(), compile_kwargs={"literal_binds": True})
        plan = " ".join(str(row[-1]) for row in db.session.execute(
            text(f"EXPLAIN QUERY PLAN {compiled}")))
    assert "ix_people_lower_family_name" in plan, plan
