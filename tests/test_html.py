"""Every page is valid HTML, as the Nu HTML Checker (vnu) reads it: the kiosk's pages for two
people in both display modes, every staff page each role reaches, the public pages, an error
page and the printed packs' HTML.

Pages are found by following the links a signed-in person or member of staff can follow, so
a new page is checked without being listed here. All of them go to one run of the checker
(it is a Java program: a run costs seconds, a page costs little).
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from kiosk.extensions import db
from kiosk.models import Person
from kiosk.printing.documents import pack_html
from kiosk.services.printing.packs import build_pack
from support.kiosk import LICENSEE, LIFER, import_people, set_display, sign_in_as, varied_people
from support.letters import add_letter
from support.needs import skip_or_fail
from support.pages import record_page_urls
from support.printing import finished_batch
from support.staff import csrf_from, fast_hashing, make_user, person_id, sign_in_staff  # noqa: F401

pytestmark = pytest.mark.databases("sqlite")  # the pages are the same on both databases

VNU = Path(__file__).resolve().parents[1] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PUBLIC = ("/", "/sign-in", "/finished", "/timed-out", "/staff/sign-in", "/no-such-page")
STAFF_ROLES = ("case_coordinator", "manager", "administrator")
SAME_SHAPE = 3  # pages of one shape (numbers and keys aside) each crawl checks
NOT_PAGES = re.compile(r"/(pdf|print/[a-z_]+)$|\.pdf$")


def checker() -> list[str]:
    """The command that runs vnu, or a skip (a failure in CI) naming what is missing."""
    java = shutil.which("java")
    if java is None:
        skip_or_fail("java not found: install the Debian package default-jre-headless "
                     "(scripts/install --test does)")
    if not VNU.is_file():
        skip_or_fail(f"{VNU} not found: run `npm ci` (scripts/install does)")
    return [java, "-jar", str(VNU), "--errors-only", "--format", "json"]


def shape(url: str) -> str:
    """A URL with its ids and keys blanked, so a crawl checks a few of each kind of page."""
    return re.sub(r"/[^/]*\d[^/]*", "/#", urlsplit(url).path)


def crawl(client, start: list[str]) -> dict[str, str]:
    """The HTML of every page reachable from `start` by GET links within the app."""
    found: dict[str, str] = {}
    seen_shapes: Counter = Counter()
    queue = list(start)
    while queue:
        url = queue.pop(0)
        if url in found or seen_shapes[shape(url)] >= SAME_SHAPE or NOT_PAGES.search(url):
            continue
        response = client.get(url)
        if response.mimetype != "text/html" or response.status_code in (301, 302, 303):
            continue
        found[url] = response.get_data(as_text=True)
        seen_shapes[shape(url)] += 1
        links = BeautifulSoup(found[url], "html.parser").select("a[href]")
        queue += [href for href in (a["href"].split("#")[0] for a in links)  # (/speech/: audio)
                  if href.startswith("/") and not href.startswith(("/static/", "/assets/", "/pictures/",
                                                                   "/speech/"))]
    return found


@pytest.fixture
def pages(app, client, db_session) -> dict[str, str]:
    """(page name, HTML) for everything the checker reads."""
    import_people(db_session, varied_people(date.today()))
    add_letter(app, LIFER, "My views about the plan.")
    found = {f"public {url}": html for url, html in crawl(app.test_client(), list(PUBLIC)).items()}
    for number, easy_read in ((LIFER, True), (LICENSEE, False)):
        set_display(app, number, easy_read=easy_read)
        kiosk = app.test_client()
        sign_in_as(kiosk, number)
        start = record_page_urls() + ["/me/glossary?q=plan", "/me/settings", "/me/letters/"]
        found |= {f"{number} {url}": html for url, html in crawl(kiosk, start).items()}
    for role in STAFF_ROLES:
        staff = app.test_client()
        username = make_user(app, role, establishment=None if role == "administrator" else "GRN")
        sign_in_staff(staff, username)
        finished_batch(app, username)
        lifer = person_id(app, LIFER)
        start = ["/staff/", f"/staff/people/{lifer}", "/staff/people?q=or", f"/staff/audit?prison_number={LIFER}"]
        found |= {f"{role} {url}": html for url, html in crawl(staff, start).items()}
        if role == "case_coordinator":
            slip = staff.post(f"/staff/people/{lifer}/pin", data={"csrf_token": csrf_from(staff, "/staff/")})
            found[f"{role} PIN slip"] = slip.get_data(as_text=True)
    with app.test_request_context():
        for number in (LIFER, LICENSEE):
            person = db.session.scalars(select(Person).where(Person.prison_number == number)).one()
            for lang in ("en", "ar"):
                pack = build_pack(db.session, person, "pack", today=date.today(), language=lang)
                found[f"{number} printed pack in {lang}"] = pack_html(pack, lang=lang, variant="easy_read")
    return found


def test_every_page_is_valid_html(pages, tmp_path):
    command = checker()
    names = {}
    for number, (name, html) in enumerate(sorted(pages.items())):
        path = tmp_path / f"page-{number}.html"
        path.write_text(html, encoding="utf-8")
        names[f"file:{path}"] = name  # how vnu names a file it was given by path
    run = subprocess.run([*command, *(url.removeprefix("file:") for url in names)],
                         capture_output=True, text=True, timeout=600)
    messages = json.loads(run.stderr)["messages"]
    errors = [f"{names.get(m.get('url'), m.get('url'))} line {m.get('lastLine')}: {m['message']}"
              for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    assert errors == [], f"{len(errors)} vnu errors in {len(pages)} pages:\n" + "\n".join(errors[:40])


def test_the_crawl_reaches_every_kind_of_page(pages):
    """Not a check of the HTML: a check that the run above read what it claims to."""
    urls = {name.split(" ", 1)[1] for name in pages}
    assert set(record_page_urls()) <= urls
    assert any(url.startswith("/me/meetings/") for url in urls) and any(url.startswith("/me/decisions/") for url in urls)
    assert any(url.startswith("/me/letters/write/") for url in urls)
    for staff_page in ("/staff/printing", "/staff/dashboard", "/staff/audit", "/staff/users",
                       "/staff/imports", "/staff/letters/", "/staff/checker", "/staff/explanations"):
        assert staff_page in urls, staff_page
    assert any("/as-they-see-it/" in url for url in urls) and "PIN slip" in urls
    assert len(pages) > 100
