"""Staff see and confirm what people are told (/staff/explanations), on SQLite and PostgreSQL.

A manager confirms an entry; a change to its English, or to one translation, makes it
unconfirmed again and names the language; each confirmation is kept with its fingerprints
and written to the audit trail; other roles may read but not confirm; forged and stale
confirmations are refused; the dashboard counts what waits; the kiosk shows the same words
either way. Content is changed in a copy of content/, as a writer would change the YAML.
"""
from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from kiosk import create_app
from kiosk.extensions import db
from kiosk.models import AuditEvent, ExplanationReview, StaffUser
from kiosk.services.wording import content, review
from support.kiosk import DANNY, example_people, import_people, sign_in_as
from support.pages import ClientRequest, check_page, main_text
from support.staff import (  # noqa: F401  (fast_hashing is an autouse fixture)
    ROLES, fast_hashing, import_without_pins, make_user, sign_in_staff,
)
from conftest import app_config

KEY = "explanations.risk.supervision.low"
LANGUAGES = ("en", "gd", "pl", "sq", "vi", "ar")


@pytest.fixture
def writable_content(tmp_path, monkeypatch) -> Path:
    """A copy of content/ that the app reads instead; every cache of it emptied before and after."""
    copy = tmp_path / "content"
    shutil.copytree(content.CONTENT_ROOT, copy)
    monkeypatch.setattr(content, "CONTENT_ROOT", copy)
    forget_content()
    yield copy
    forget_content()


def forget_content() -> None:
    """What a restart does after a content change: read the files again."""
    content.content_for.cache_clear()
    content.register.cache_clear()
    review.catalogue.cache_clear()


def rewrite_plain(root: Path, lang: str, key: str, new_plain: str) -> None:
    """Change one explanation's standard words in one language's YAML, as a writer would."""
    path = root / lang / "explanations.yml"
    tree = yaml.safe_load(path.read_text("utf-8"))
    node = tree
    for part in key.removeprefix("explanations.").split("."):
        node = node[part]
    node["plain"] = new_plain
    path.write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), "utf-8")
    forget_content()


@pytest.fixture
def greenock(db_session):
    """Two people at HMP Greenock, so there is an establishment for staff accounts."""
    import_without_pins(db_session, example_people())


@pytest.fixture
def reviewer(app, client, greenock) -> ClientRequest:
    """A manager (who may confirm), signed in."""
    sign_in_staff(client, make_user(app, "manager"))
    return ClientRequest(client)


def entry_on_page(staff: ClientRequest, key: str = KEY):
    """The entry's part of the list, found by searching for its key."""
    page = staff.get(f"/staff/explanations?q={key}")
    entry = page.find("section", id=f"entry-{key}")
    assert entry is not None, f"{key} is not listed"
    return entry


def confirm(staff: ClientRequest, key: str = KEY):
    """Press the entry's Confirm button (its form, with its hidden fields); the answer."""
    form = entry_on_page(staff, key).find("form")
    assert form is not None, f"no Confirm button for {key}"
    fields = {field["name"]: field["value"] for field in form.find_all("input", type="hidden")}
    return staff.client.post(form["action"], data=fields)


def language_states(entry) -> dict[str, str]:
    """Each language card's heading (the language's English name) and its review words."""
    return {card.h4.get_text(" ", strip=True).split(" (")[0]: card.select_one(".govuk-tag").get_text(strip=True)
            for card in entry.select(".app-review-language")}


def reviews(app) -> list[ExplanationReview]:
    with app.app_context():
        return list(db.session.scalars(select(ExplanationReview).order_by(ExplanationReview.id)))


# The review flow --------------------------------------------------------------------------

def test_a_manager_confirms_an_entry_and_it_is_kept_and_audited(app, reviewer):
    before = datetime.now(timezone.utc)
    response = confirm(reviewer)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"#entry-{KEY}")

    entry = entry_on_page(reviewer)
    assert entry.select_one(".govuk-tag").get_text(strip=True) == "Confirmed"
    assert "Confirmed by Test manager on" in entry.get_text(" ")
    assert set(language_states(entry).values()) == {"Checked against this English"}
    assert entry.find("form") is None, "a confirmed entry offers no Confirm button"

    [kept] = reviews(app)
    expected = {w.lang: w.fingerprint for w in next(e for e in review.catalogue() if e.key == KEY).wordings}
    assert kept.entry_key == KEY and kept.fingerprints == expected and set(expected) == set(LANGUAGES)
    assert kept.reviewer_name == "Test manager" and kept.reviewed_at >= before
    with app.app_context():
        [event] = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "review")).all()
        manager = db.session.scalars(select(StaffUser)).one()
    assert (event.username, event.role, event.staff_user_id) == (manager.username, "manager", manager.id)
    assert event.at == kept.reviewed_at and event.person_id is None
    assert event.detail.startswith(f"confirmed {KEY};")
    assert all(f"{lang} {value}" in event.detail for lang, value in expected.items())


def confirm_then_change(reviewer: ClientRequest, root: Path, lang: str, new_plain: str,
                        language: str) -> dict[str, str]:
    """Confirm the entry, then change its words in one language: the page says it changed, in
    that language alone, and offers Confirm again. The other languages' states."""
    confirm(reviewer)
    rewrite_plain(root, lang, KEY, new_plain)
    entry = entry_on_page(reviewer)
    assert entry.select_one(".govuk-tag").get_text(strip=True) == "Changed since it was confirmed"
    assert f"Since then the words changed in: {language}." in " ".join(entry.get_text(" ").split())
    assert entry.find("form") is not None, "it can be confirmed again"
    states = language_states(entry)
    assert states.pop(language) == "Changed since it was confirmed"
    return states


def test_changing_the_english_unconfirms_it_and_leaves_every_translation_checked_against_older_english(
        app, reviewer, writable_content):
    others = confirm_then_change(reviewer, writable_content, "en",
                                 "Staff look at your level when they need to.", "English")
    assert set(others.values()) == {"Checked against older English"}


def test_changing_one_translation_unconfirms_it_and_names_that_language(app, reviewer, writable_content):
    others = confirm_then_change(reviewer, writable_content, "pl",
                                 "Personel sprawdza twój poziom, kiedy trzeba.", "Polish")
    assert set(others.values()) == {"Checked against this English"}

    assert confirm(reviewer).status_code == 302
    assert entry_on_page(reviewer).select_one(".govuk-tag").get_text(strip=True) == "Confirmed"
    first, second = reviews(app)
    assert first.fingerprints["pl"] != second.fingerprints["pl"]
    assert first.fingerprints["en"] == second.fingerprints["en"]


def test_rewrapping_a_line_is_not_a_change(app, reviewer, writable_content):
    confirm(reviewer)
    words = next(e for e in review.catalogue() if e.key == KEY).wordings[0].entry.plain
    rewrite_plain(writable_content, "en", KEY, "  " + words.replace(" ", "\n", 3) + "\n")
    assert entry_on_page(reviewer).select_one(".govuk-tag").get_text(strip=True) == "Confirmed"


def test_words_that_changed_after_the_page_was_drawn_are_not_confirmed(app, reviewer, writable_content):
    form = entry_on_page(reviewer).find("form")
    fields = {field["name"]: field["value"] for field in form.find_all("input", type="hidden")}
    rewrite_plain(writable_content, "ar", KEY, "يراجع الموظفون مستواك عند الحاجة.")
    response = reviewer.client.post(form["action"], data=fields)
    assert response.status_code == 200
    page = check_page(response, form["action"])
    problem = page.select_one(".govuk-error-summary a")
    assert "changed after you opened the page, so nothing was confirmed" in problem.get_text()
    assert problem["href"] == f"#entry-{KEY}" and page.find("section", id=f"entry-{KEY}")
    assert reviews(app) == []


@pytest.mark.parametrize("fields", [
    {},
    {"key": "explanations.no.such.entry", "words": "0" * 64},
    {"key": KEY, "words": "not a fingerprint"},
])
def test_a_confirmation_of_no_listed_entry_is_refused_in_plain_words(app, reviewer, fields):
    token = reviewer.csrf_token(f"/staff/explanations?q={KEY}")
    response = reviewer.client.post("/staff/explanations/confirm", data={"csrf_token": token, **fields})
    assert response.status_code == 200
    assert "That entry is not in the list, so nothing was confirmed." in response.get_data(as_text=True)
    assert reviews(app) == []


def test_a_forged_confirmation_is_refused(app, reviewer):
    form = entry_on_page(reviewer).find("form")
    fields = {field["name"]: field["value"] for field in form.find_all("input", type="hidden")
              if field["name"] != "csrf_token"}
    assert reviewer.client.post(form["action"], data=fields).status_code == 400
    assert reviews(app) == []


@pytest.mark.parametrize("role", sorted(set(ROLES) - {"manager"}))
def test_roles_without_the_permission_read_the_page_but_cannot_confirm(app, client, greenock, role):
    sign_in_staff(client, make_user(app, role, establishment=None if role == "administrator" else "GRN"))
    staff = ClientRequest(client)
    entry = entry_on_page(staff)
    assert entry.find("form") is None
    assert "Managers confirm them." in main_text(str(staff.get("/staff/explanations")))
    token = staff.csrf_token("/staff/")
    words = next(e for e in review.catalogue() if e.key == KEY).fingerprint
    response = client.post("/staff/explanations/confirm",
                           data={"csrf_token": token, "key": KEY, "words": words})
    assert response.status_code == 403
    assert reviews(app) == []


def test_the_dashboard_counts_the_entries_not_confirmed(app, reviewer):
    def counted() -> int:
        inset = reviewer.get("/staff/dashboard").select_one(".app-unconfirmed")
        return int(inset.p.get_text().split()[0])

    assert counted() == len(review.catalogue()) > 250
    confirm(reviewer)
    assert counted() == len(review.catalogue()) - 1
    link = reviewer.get("/staff/dashboard").select_one(".app-unconfirmed a")["href"]
    assert link == "/staff/explanations?state=unconfirmed"


def test_the_dashboard_shows_no_count_to_a_manager_without_the_permission(app, client, greenock,
                                                                         monkeypatch):
    from kiosk.services.access import staff_access

    without = {**staff_access.PERMISSIONS, staff_access.Role.MANAGER: staff_access.PERMISSIONS[
        staff_access.Role.MANAGER] - {staff_access.Permission.REVIEW_EXPLANATIONS}}
    monkeypatch.setattr(staff_access, "PERMISSIONS", without)
    sign_in_staff(client, make_user(app, "manager"))
    assert ClientRequest(client).get("/staff/dashboard").select_one(".app-unconfirmed") is None


# The list: every entry, its source, its languages, filters and pages -----------------------

def test_every_entry_is_listed_once_across_the_pages(app, reviewer):
    keys, url = [], "/staff/explanations"
    while url:
        page = reviewer.get(url)
        keys += [section["id"].removeprefix("entry-") for section in page.select("section.app-review-entry")]
        following = page.select_one(".govuk-pagination__next a")
        url = following["href"] if following else None
    expected = [entry.key for entry in review.catalogue()]
    assert keys == expected
    assert any(k.startswith("glossary.") for k in keys) and "values.icm.enhanced" in keys
    assert not any(k.startswith("values.supervision_level.") for k in keys), "labels that state no fact"


def test_each_language_is_marked_with_its_language_and_direction(app, reviewer):
    entry = entry_on_page(reviewer, "glossary.parole")
    marked = [(dd["lang"], dd["dir"]) for dd in entry.select(".app-review-words dd")]
    assert {lang for lang, _ in marked} == set(LANGUAGES)
    assert all(direction == ("rtl" if lang == "ar" else "ltr") for lang, direction in marked)
    arabic = content.content_for("ar").term("parole")
    assert arabic.plain.split()[0] in entry.select_one('.app-review-words dd[lang="ar"]').get_text()


def test_a_source_is_described_in_words(app, reviewer):
    source = entry_on_page(reviewer, "explanations.dates.parole_qualifying_date.meaning").select_one(
        ".govuk-summary-list__value").get_text(" ", strip=True)
    assert "A thematic review of prisoner progression in Scottish prisons" in source
    assert "lines 1229-1231" in source
    rule = entry_on_page(reviewer, "explanations.dates.earliest_date_of_liberation.meaning")
    assert "Prisoners and Criminal Proceedings (Scotland) Act 1993, section 1" in rule.get_text()
    instruction = entry_on_page(reviewer, "explanations.dates.parole_qualifying_date.ask")
    assert "States no fact (instruction)" in instruction.get_text()


def test_the_filters_narrow_by_section_and_review(app, reviewer):
    glossary = reviewer.get("/staff/explanations?section=glossary")
    keys = [s["id"] for s in glossary.select("section.app-review-entry")]
    assert keys and all(k.startswith("entry-glossary.") for k in keys)
    confirm(reviewer)
    confirmed = reviewer.get("/staff/explanations?state=confirmed")
    assert [s["id"] for s in confirmed.select("section.app-review-entry")] == [f"entry-{KEY}"]
    waiting = reviewer.get("/staff/explanations?state=unconfirmed&q=risk.supervision")
    assert f"entry-{KEY}" not in [s["id"] for s in waiting.select("section.app-review-entry")]
    assert waiting.select("section.app-review-entry")
    polish = reviewer.get("/staff/explanations?q=" + content.content_for("pl").explain(KEY.removeprefix(
        "explanations.")).plain.split(".")[0])
    assert f"entry-{KEY}" in [s["id"] for s in polish.select("section.app-review-entry")]


def test_a_confirmation_goes_back_to_the_same_filtered_page(app, reviewer):
    form = reviewer.get("/staff/explanations?section=explanations.risk&state=new&page=2").select_one(
        "section.app-review-entry form")
    fields = {field["name"]: field["value"] for field in form.find_all("input", type="hidden")}
    response = reviewer.client.post(form["action"], data=fields)
    assert response.headers["Location"].startswith(
        "/staff/explanations?section=explanations.risk&state=new&page=2#entry-")


@pytest.mark.parametrize("query", ["?section=nope", "?state=maybe", "?page=0", "?page=x", "?page=99999",
                                   "?q=" + "x" * 500])
def test_a_strange_filter_is_a_page_not_an_error(app, reviewer, query):
    reviewer.get("/staff/explanations" + query)


# The kiosk ---------------------------------------------------------------------------------

def test_the_kiosk_shows_the_same_words_confirmed_or_not(database_url, clean_database):
    app = create_app(app_config(database_url))
    with app.app_context():
        import_people(db.session, example_people())
    kiosk = app.test_client()
    sign_in_as(kiosk, DANNY)
    pages = ("/me/", "/me/plan", "/me/risk", "/me/glossary", "/me/dates", "/me/decisions")
    before = {url: main_text(kiosk.get(url).get_data(as_text=True)) for url in pages}
    make_user(app, "manager")
    with app.app_context(), db.transaction() as session:
        manager = session.scalars(select(StaffUser)).one()
        for entry in review.catalogue():
            review.confirm(session, manager, entry.key, entry.fingerprint, datetime.now(timezone.utc))
    assert len(reviews(app)) == len(review.catalogue())
    after = {url: main_text(kiosk.get(url).get_data(as_text=True)) for url in pages}
    assert after == before
    db.engine(app).dispose()
