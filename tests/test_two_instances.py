"""Two app instances on one PostgreSQL, with the print queue on Redis, keep nothing of their own.

Two `kiosk serve` instances (gunicorn, two workers each) and one `kiosk worker` run against
one PostgreSQL database and one Redis, as behind a load balancer. Over real HTTP a person's
visit moves between them at every step, a batch started on one is built by the worker and
downloaded from the other, and a staff change on one (a plain summary, a PIN reset) shows at
once on the other.
"""
from __future__ import annotations

import copy
import json
import os
import re
import time
from contextlib import ExitStack
from dataclasses import dataclass
from http.cookiejar import CookieJar
from io import BytesIO
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode, urlsplit
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, Request, build_opener

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from support.needs import skip_or_fail
from support.pages import main_text
from support.processes import (
    KIOSK, REDIS_MISSING, app_instance, kiosk, log_tail, redis, redis_server, running,
)

pytestmark = [pytest.mark.databases("postgresql"), pytest.mark.slow]

PIN = "1234"
STAFF = "demo-case-coordinator"  # sees the whole establishment; may print, reset PINs, summarise
PASSWORD = "two-instances-test"
LETTER = "Dear RMT, I have done every course on my plan. Please think about the open prison for me."
SUMMARY = "You and your officer agreed three things to work on this year."
AUTOSAVE = {"HX-Request": "true", "HX-Target": "draft-status"}
WORKER_DEADLINE = 120  # a pack takes about half a second; the machine is shared


@dataclass(frozen=True)
class Instances:
    a: str  # base URLs
    b: str
    people: list[dict]  # the demo export's people, as imported
    worker_log: Path


@pytest.fixture(scope="module")
def instances(database_url, _databases, tmp_path_factory):
    """Redis, a new database with 30 demo people and staff, two instances and a worker.

    `database_url` starts the suite's PostgreSQL cluster; this module makes its own database
    on it, so the instances never see another test's rows.
    """
    if redis_server() is None:
        skip_or_fail(REDIS_MISSING)
    folder = tmp_path_factory.mktemp("two-instances")
    with ExitStack() as stack:
        env = {"DATABASE_URL": _databases.cluster.create_database("kiosk_two_instances"),
               "HUEY_REDIS_URL": stack.enter_context(redis(folder)),
               "SECRET_KEY": "the same on every instance", "PRINT_DIR": str(folder / "print"),
               "PRINT_PROCESSES": "1", "SPEECH_CACHE_DIR": str(folder / "speech")}
        env = {**_clean_environment(), **env}
        kiosk("db", "upgrade", env=env)
        kiosk("demo", "--people", "30", "--pin", PIN, "--staff-password", PASSWORD,
              "--output", str(folder / "demo.json"), env=env)
        a, b = (stack.enter_context(app_instance(env, folder / f"{name}.log")) for name in "ab")
        stack.enter_context(running([str(KIOSK), "worker"], env, folder / "worker.log"))
        people = json.loads((folder / "demo.json").read_text("utf-8"))["people"]
        yield Instances(a.wait(), b.wait(), people, folder / "worker.log")


def _clean_environment() -> dict:
    """This environment without any kiosk setting of the developer's own."""
    settings = ("DATABASE_URL", "HUEY_", "PRINT_", "SECRET_KEY", "KIOSK_", "STAFF_", "SPEECH_")
    return {name: value for name, value in os.environ.items() if not name.startswith(settings)}


# A browser stand-in -------------------------------------------------------------------------

class _NoRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect comes back as the answer, to be checked


@dataclass(frozen=True)
class Answer:
    status: int
    location: str  # the path redirected to, or ""
    body: bytes

    @property
    def page(self) -> BeautifulSoup:
        return BeautifulSoup(self.body.decode("utf-8"), "html.parser")


class Screen:
    """One kiosk or staff computer: its own cookies, sent to whichever instance it asks."""

    def __init__(self, cookies: list | None = None):
        self.cookies = CookieJar()
        for cookie in cookies or ():
            self.cookies.set_cookie(copy.copy(cookie))
        self.opener = build_opener(HTTPCookieProcessor(self.cookies), _NoRedirects)

    def send(self, url: str, fields: dict | None = None, headers: dict | None = None) -> Answer:
        data = urlencode(fields).encode() if fields is not None else None
        try:
            with self.opener.open(Request(url, data=data, headers=headers or {}), timeout=60) as response:
                return Answer(response.status, "", response.read())
        except HTTPError as error:
            with error:
                location = urlsplit(error.headers.get("Location", "")).path
                return Answer(error.code, location, error.read())

    def page(self, url: str) -> BeautifulSoup:
        answer = self.send(url)
        assert answer.status == 200, f"GET {url}: {answer.status} {answer.location}"
        return answer.page

    def submit(self, url: str, action: str, fields: dict | None = None,
               headers: dict | None = None) -> Answer:
        """Post the form on the page at `url` that sends to `action`, with its hidden fields."""
        form = self.page(url).find("form", action=action, method="post")
        assert form is not None, f"{url} has no form posting to {action}"
        hidden = {field["name"]: field.get("value", "")
                  for field in form.find_all("input", type="hidden") if field.get("name")}
        base = f"{urlsplit(url).scheme}://{urlsplit(url).netloc}"
        return self.send(base + action, {**hidden, **(fields or {})}, headers)


def signed_in(base: str, prison_number: str, pin: str = PIN) -> tuple[Screen, Answer]:
    screen = Screen()
    answer = screen.submit(base + "/sign-in", "/sign-in",
                           {"prison_number": prison_number, "pin": pin})
    return screen, answer


def person_on(base: str, prison_number: str) -> Screen:
    screen, answer = signed_in(base, prison_number)
    assert (answer.status, answer.location) == (302, "/me/"), (
        f"sign-in on {base}: {answer.status} {main_text(answer.body.decode())}")
    return screen


def staff_on(base: str) -> Screen:
    screen = Screen()
    answer = screen.submit(base + "/staff/sign-in", "/staff/sign-in",
                           {"username": STAFF, "password": PASSWORD})
    assert answer.status == 302, f"staff sign-in on {base}: {answer.status}"
    return screen


def record_path(staff: Screen, base: str, prison_number: str) -> str:
    """The staff record page of a person, found with the people search."""
    results = staff.page(f"{base}/staff/people?q={prison_number}")
    return results.select_one("main table a[href^='/staff/people/']")["href"]


def with_plan(instances: Instances) -> list[str]:
    """People with a plan who read English, so the tests can look for English words."""
    return [person["prison_number"] for person in instances.people
            if "plan" in person and person.get("preferred_language", "en") == "en"]


# The checks -----------------------------------------------------------------------------------

def test_a_visit_moves_between_the_instances_at_every_step(instances):
    a, b = instances.a, instances.b
    number = with_plan(instances)[0]
    screen = person_on(a, number)
    for path in ("/me/", "/me/plan", "/me/dates"):
        assert screen.page(b + path).find("form", action="/finish"), f"{path} on B is not signed in"

    write = "/me/letters/write/forum/rmt"
    saved = screen.submit(a + write, write, {"text": LETTER}, headers=AUTOSAVE)
    assert saved.status == 200 and saved.page.find("html") is None  # the status line alone

    check = screen.page(b + "/me/letters/check/forum/rmt")
    assert LETTER in main_text(str(check))
    sent = screen.submit(b + "/me/letters/check/forum/rmt", "/me/letters/send")
    reference = re.fullmatch(r"/me/letters/([A-Z0-9-]+)/sent", sent.location)
    assert sent.status == 302 and reference, f"send on B: {sent.status} {sent.location}"
    assert reference.group(1) in main_text(str(screen.page(a + "/me/letters/")))

    before_finish = list(screen.cookies)
    finished = screen.submit(b + "/me/", "/finish")
    assert (finished.status, finished.location) == (302, "/finished")
    assert screen.send(a + "/me/plan").location == "/sign-in"
    replayed = Screen(before_finish)  # the old cookie, kept: the visit ended on the server
    assert replayed.send(a + "/me/plan").location == "/sign-in"


def test_a_batch_started_on_one_instance_is_built_by_the_worker_and_opens_on_the_other(instances):
    a, b = instances.a, instances.b
    landings: dict[tuple[str, str], list[dict]] = {}
    for person in instances.people:
        where = person.get("location", {})
        if where.get("landing"):
            landings.setdefault((where["hall"], where["landing"]), []).append(person)
    (hall, landing), people = min(((place, people) for place, people in landings.items()
                                   if len(people) >= 2), key=lambda item: len(item[1]))
    staff = staff_on(a)
    started = staff.submit(a + "/staff/printing", "/staff/printing/batches",
                           {"place": f"landing|{hall}|{landing}", "variant": "easy_read"})
    assert started.status == 302, started.page.get_text()
    batch = started.location

    deadline = time.monotonic() + WORKER_DEADLINE
    while "Open the PDF" not in (progress := main_text(str(staff.page(b + batch)))):
        assert "went wrong" not in progress and time.monotonic() < deadline, (
            f"the batch is not built: {progress[:300]}\nworker log:\n{log_tail(instances.worker_log)}")
        time.sleep(0.5)

    download = staff.send(f"{b}{batch}/pdf")
    assert download.status == 200 and download.body.startswith(b"%PDF")
    reader = PdfReader(BytesIO(download.body))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= len(people)
    for person in people:
        assert person["prison_number"] in text and person["name"]["family"] in text


def test_a_staff_change_on_one_instance_shows_at_once_on_the_other(instances):
    a, b = instances.a, instances.b
    number = with_plan(instances)[1]
    screen = person_on(b, number)
    for _ in range(3):  # seen before by B's workers, so nothing there could stand in the way
        assert "In plain words" not in main_text(str(screen.page(b + "/me/plan")))

    staff = staff_on(a)
    record = record_path(staff, a, number)
    summary = staff.page(a + record).select_one("main a[href*='/summaries/plan/']")["href"]
    saved = staff.submit(a + summary, summary, {"action": "save", "text": SUMMARY})
    assert (saved.status, saved.location) == (302, record)
    plan = main_text(str(screen.page(b + "/me/plan")))
    assert "In plain words" in plan and SUMMARY in plan

    slip = staff.submit(a + record + "/pin", record + "/pin")
    assert slip.status == 200
    one_time_pin = slip.page.select_one(".app-pin-slip__pin").get_text(strip=True)
    assert screen.send(b + "/me/plan").location == "/choose-pin"  # the open visit, at once
    _, refused = signed_in(b, number, PIN)
    assert refused.status == 200 and "not right" in main_text(refused.body.decode())
    _, accepted = signed_in(b, number, one_time_pin)
    assert accepted.status == 302
