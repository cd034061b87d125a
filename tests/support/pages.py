"""Test clients: requests isolated like real ones, and a page checker in the spirit of
GOV.UK Notify's `client_request`.

`IsolatedClient` runs each request in a fresh `contextvars.Context`, so a test that holds
an app context open (the `db_session` fixture does) does not share `g`, the CSP nonce or
the request's database session with the app: every request starts from nothing, as at a
real kiosk, and a handler that forgets to commit is caught.

`ClientRequest.get(url)` returns the page as BeautifulSoup after checking what every page
of the service must have.
"""
from __future__ import annotations

import contextvars
import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from kiosk.services.records.registry import PAGES

VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}


class IsolatedClient(FlaskClient):
    """A Flask test client whose requests never reuse the test's own app context."""

    def open(self, *args, **kwargs):
        if self.preserve_context:  # `with client:` wants the request's context afterwards
            return super().open(*args, **kwargs)
        return contextvars.Context().run(super().open, *args, **kwargs)


class _TagBalance(HTMLParser):
    """Every element that is opened is closed, in order (no reliance on implied end tags)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, tuple[int, int]]] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID_ELEMENTS:
            self.open.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            self.problems.append(f"line {self.getpos()[0]}: end tag </{tag}> of a void element")
        elif not self.open or self.open[-1][0] != tag:
            expected = f"</{self.open[-1][0]}> (opened on line {self.open[-1][1][0]})" if self.open else "nothing"
            self.problems.append(f"line {self.getpos()[0]}: </{tag}> where {expected} was due")
        else:
            self.open.pop()


def html_problems(html: str) -> list[str]:
    """Structural problems that a browser would silently repair."""
    problems = []
    if not re.match(r"\s*<!DOCTYPE html>", html, re.IGNORECASE):
        problems.append("the page does not start with <!DOCTYPE html>")
    checker = _TagBalance()
    checker.feed(html)
    checker.close()
    problems += checker.problems
    problems += [f"<{tag}> opened on line {line} is never closed" for tag, (line, _) in checker.open]
    return problems


def _text(element) -> str:
    return " ".join(element.get_text(" ").split())


def record_page_urls() -> list[str]:
    """The person's home page and each list page of the record-page registry, in its order.

    A page added to the registry is in every test that walks these; pages for one item (a
    meeting, a decision) are found by following the list pages' links.
    """
    return ["/me/"] + [f"/me{page.url_rule}" for page in PAGES.values() if not page.keyed]


def main_text(html: str) -> str:
    """The words of the page's main part, spacing ignored."""
    return _text(BeautifulSoup(html, "html.parser").select_one("main"))


def check_page(response, url: str) -> BeautifulSoup:
    """Assert the rules every HTML page of the service follows; return the parsed page."""
    assert response.mimetype == "text/html", f"{url}: {response.mimetype} is not HTML"
    html = response.get_data(as_text=True)
    problems = html_problems(html)
    assert not problems, f"{url}: the HTML is not well formed:\n" + "\n".join(problems)
    page = BeautifulSoup(html, "html.parser")

    root = page.find("html")
    assert root is not None and root.get("lang") and root.get("dir") in ("ltr", "rtl"), (
        f"{url}: <html> needs lang and dir (found {root and root.attrs})")

    headings = page.find_all("h1")
    assert len(headings) == 1, f"{url}: {len(headings)} <h1> elements, not exactly one"
    h1, title = _text(headings[0]), _text(page.title) if page.title else ""
    assert h1 and (title.startswith(h1) or title.startswith(f"Error: {h1}")), (
        f"{url}: the <title> {title!r} does not start with the <h1> {h1!r}")

    ids = Counter(element["id"] for element in page.find_all(id=True))
    duplicates = sorted(value for value, count in ids.items() if count > 1)
    assert not duplicates, f"{url}: duplicate ids {duplicates}"

    for form in page.find_all("form"):
        action = form.get("action", "")
        parts = urlsplit(action)
        assert not parts.scheme and not parts.netloc, (
            f"{url}: a form sends to another host ({action})")
        method = form.get("method", "get").lower()
        assert method in ("get", "post"), f"{url}: form method {method!r}"
        if method == "post":
            token = form.find("input", attrs={"name": "csrf_token"})
            assert token is not None and token.get("value"), (
                f"{url}: the form posting to {action or 'itself'} has no csrf_token")

    cache_control = response.headers.get("Cache-Control", "")
    assert "no-store" in cache_control, f"{url}: Cache-Control is {cache_control!r}, not no-store"
    return page


class ClientRequest:
    """`client_request.get(url)` -> BeautifulSoup of a page that passed `check_page`."""

    def __init__(self, client: FlaskClient):
        self.client = client

    def get(self, url: str, expected_status: int = 200, **kwargs) -> BeautifulSoup:
        response = self.client.get(url, **kwargs)
        assert response.status_code == expected_status, (
            f"GET {url}: status {response.status_code}, expected {expected_status}")
        return check_page(response, url)

    def csrf_token(self, url: str) -> str:
        """The CSRF token of the first post form on the page at `url`."""
        form = self.get(url).find("form", method=re.compile("^post$", re.I))
        assert form is not None, f"{url} has no form that posts"
        return form.find("input", attrs={"name": "csrf_token"})["value"]

    def post(self, url: str, data: dict | None = None, expected_status: int = 302,
             csrf_from: str | None = None, **kwargs):
        """POST with a real CSRF token (taken from `csrf_from`, else `url`).

        Returns the Location for a redirect, else the checked page as BeautifulSoup.
        """
        data = {"csrf_token": self.csrf_token(csrf_from or url), **(data or {})}
        response = self.client.post(url, data=data, **kwargs)
        assert response.status_code == expected_status, (
            f"POST {url}: status {response.status_code}, expected {expected_status}")
        if 300 <= response.status_code < 400:
            return response.headers["Location"]
        return check_page(response, url)
