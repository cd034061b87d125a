"""Every URL the app has, walked with junk in each path segment and each query value, by
someone signed out, a signed-in person, a case coordinator and a national administrator, on
SQLite and PostgreSQL: no answer is a 5xx (the test app passes errors on, so one fails the
test with its traceback)."""
from __future__ import annotations

import re

import pytest

from support.kiosk import LIFER, import_people, sign_in_as, varied_people
from support.staff import (  # noqa: F401  (fast_hashing is an autouse fixture)
    csrf_from, fast_hashing, make_user, sign_in_staff,
)

# Already %-encoded, as they would arrive: NUL, line breaks, a tab, a bad UTF-8 byte, a lone
# surrogate's bytes, a way out of a folder, a huge number, a long segment, RTL and emoji.
JUNK = ("x", "0", "-1", "99999999999999999999999", "%00", "%0d%0aSet-Cookie:%20a=b", "%09",
        "%ff%fe", "%ed%a0%80", "..%2f..%2fetc%2fpasswd", "a" * 600, "%e2%80%ae", "L-D1",
        "%f0%9f%91%a8%e2%80%8d%f0%9f%91%a9")
# Every query name the app reads, each given the same junk.
QUERY_NAMES = ("next", "q", "show", "forum", "variant", "lang", "key", "saved", "feedback",
               "prison_number", "username", "action", "page")
# Walked last, since they end the visit or the staff session.
ENDING = {"signin.timed_out", "signin.finish", "staff.sign_out"}
_ARGUMENT = re.compile(r"<[^>]+>")


def junk_urls(rule) -> list[str]:
    """The rule with each junk value in every path segment, and in every query value."""
    return [_ARGUMENT.sub(junk, rule.rule) + "?" + "&".join(f"{name}={junk}" for name in QUERY_NAMES)
            for junk in JUNK]


@pytest.fixture
def visitors(app, db_session):
    """Clients of every kind, each with its form token."""
    import_people(db_session, varied_people())
    person, coordinator, administrator = app.test_client(), app.test_client(), app.test_client()
    sign_in_as(person, LIFER)
    sign_in_staff(coordinator, make_user(app, "case_coordinator"))
    sign_in_staff(administrator, make_user(app, "administrator", establishment=None))
    clients = [app.test_client(), person, coordinator, administrator]
    return [(client, csrf_from(client, "/sign-in")) for client in clients]


def test_junk_anywhere_in_any_url_is_never_a_server_error(app, visitors):
    rules = sorted(app.url_map.iter_rules(), key=lambda rule: (rule.endpoint in ENDING, rule.rule))
    assert len(rules) > 60
    walked = 0
    for rule in rules:
        for url in junk_urls(rule):
            for client, token in visitors:
                for method in sorted(rule.methods & {"GET", "POST"}):
                    data = {"csrf_token": token} if method == "POST" else None
                    response = client.open(url, method=method, data=data)
                    assert response.status_code < 500, f"{method} {url}: {response.status_code}"
                    walked += 1
    assert walked > 3000
