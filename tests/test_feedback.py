"""Feedback from the kiosk: "Was this page clear?" on decisions and meetings, words about
the kiosk, an anonymous option that keeps no person and no time finer than the day, and a
signpost to complaints. Runs on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from kiosk.extensions import db
from kiosk.models import Feedback
from support.kiosk import LIFER, XSS, import_people, sign_in_as, varied_people
from support.staff import fast_hashing  # noqa: F401  (autouse: cheap PIN hashing)


@pytest.fixture
def maggie(client, db_session):
    import_people(db_session, varied_people(date.today()))
    sign_in_as(client, LIFER)


def stored(app) -> list[Feedback]:
    with app.app_context():
        return list(db.session.scalars(select(Feedback).order_by(Feedback.id)))


@pytest.mark.parametrize("page, url", [("decision", "/me/decisions/L-D2"), ("meeting", "/me/meetings/L-M1")])
def test_did_you_understand_this_is_on_the_page_and_stored_with_its_topic(app, client_request, maggie, page, url):
    form = client_request.get(url).select_one("#feedback form")
    assert form["action"] == "/me/letters/feedback"
    assert {i["value"] for i in form.select("input[name=understood]")} == {"yes", "partly", "no"}
    location = client_request.post("/me/letters/feedback", csrf_from=url, data={
        "page": page, "key": url.rsplit("/", 1)[1], "understood": "partly", "words": "What is SEL?"})
    assert location == f"{url}?feedback=thanks#feedback"
    assert "We have kept what you told us." in client_request.get(location).select_one("#feedback").get_text()
    [feedback] = stored(app)
    assert (feedback.page, feedback.understood, feedback.words) == (page, "partly", "What is SEL?")
    assert feedback.topic == ("special_escorted_leave" if page == "decision" else "icm_progression")
    assert feedback.person_id is not None and feedback.given_at is not None
    assert feedback.item_key == url.rsplit("/", 1)[1]


def test_anonymous_feedback_keeps_no_person_no_key_and_only_the_day(app, client_request, maggie):
    client_request.post("/me/letters/feedback", csrf_from="/me/decisions/L-D2", data={
        "page": "decision", "key": "L-D2", "understood": "no", "anonymous": "y"})
    [feedback] = stored(app)
    assert feedback.person_id is None and feedback.item_key is None and feedback.given_at is None
    assert feedback.given_on == date.today() and feedback.topic == "special_escorted_leave"


def test_feedback_about_someone_elses_decision_is_not_found(app, client, client_request, maggie):
    response = client.post("/me/letters/feedback", data={
        "page": "decision", "key": "K-D1", "understood": "yes",
        "csrf_token": client_request.csrf_token("/me/decisions/L-D2")})
    assert response.status_code == 404 and stored(app) == []


def test_an_empty_answer_stores_nothing_and_a_forged_one_is_refused(app, client, client_request, maggie):
    client_request.post("/me/letters/feedback", csrf_from="/me/decisions/L-D2",
                        data={"page": "decision", "key": "L-D2"})
    forged = client.post("/me/letters/feedback", data={"page": "decision", "key": "L-D2", "understood": "no"})
    assert forged.status_code == 400 and stored(app) == []


def test_feedback_on_the_kiosk_itself_with_the_complaints_signpost(app, client, client_request, maggie):
    page = client_request.get("/me/letters/about-these-pages")
    assert "Scottish Public Services Ombudsman" in page.get_text()
    result = client_request.post("/me/letters/about-these-pages", expected_status=200,
                                 data={"page": "kiosk", "words": f"Bigger buttons please {XSS}"})
    assert "We have kept what you told us." in result.get_text()
    [feedback] = stored(app)
    assert (feedback.page, feedback.understood, feedback.words) == ("kiosk", None, f"Bigger buttons please {XSS}")
