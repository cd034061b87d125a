"""The start page and the app's shell, checked on both databases through `client_request`."""
from __future__ import annotations

import re


def test_start_page(client_request):
    page = client_request.get("/")
    assert page.h1.get_text(strip=True) == "Welcome to My Plan"
    assert page.html["lang"] == "en" and page.html["dir"] == "ltr"
    assert page.title.get_text().startswith("Welcome")
    start = page.find("a", string=re.compile("Start"))
    assert start["href"] == "/sign-in"


def test_every_page_has_the_skip_link_first_and_a_main_to_land_on(client_request):
    page = client_request.get("/")
    first_link = page.body.find("a")
    assert first_link["href"] == "#main-content"
    assert first_link.get_text(strip=True) == "Skip to main content"
    assert page.find("main", id="main-content") is not None


def test_security_headers(client):
    response = client.get("/")
    headers = response.headers
    csp = headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    nonce = re.fullmatch(r"'self' 'nonce-([A-Za-z0-9_-]{16,})'", directives["script-src"]).group(1)
    # The one inline script carries this response's nonce, and the nonce changes each time.
    html = response.get_data(as_text=True)
    assert f'<script nonce="{nonce}">' in html
    assert len(re.findall(r"<script(?![^>]*\bsrc=)", html)) == 1
    assert nonce not in client.get("/").headers["Content-Security-Policy"]
    assert headers["Cache-Control"] == "no-store"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "HX-Request" in headers["Vary"]


def test_unknown_page_says_so_in_plain_words(client_request):
    page = client_request.get("/no-such-page", expected_status=404)
    assert page.h1.get_text(strip=True) == "Page not found"
    assert "We cannot find that page." in page.main.get_text()
    assert "Traceback" not in str(page) and "404" not in page.main.get_text()
    assert page.main.find("a", href="/") is not None


def test_assets_are_served_by_the_app(client):
    htmx = client.get("/vendor/htmx.min.js")
    assert htmx.status_code == 200 and htmx.mimetype in ("text/javascript", "application/javascript")
    assert b"htmx" in htmx.data[:2000]
    css = client.get("/static/build/app.css")
    assert css.status_code == 200 and css.mimetype == "text/css" and len(css.data) > 1000
    for response in (htmx, css):
        assert "no-store" not in response.headers.get("Cache-Control", "")
        response.close()


def test_every_form_post_without_its_token_is_refused_and_says_nothing_changed(app, client):
    posts = [rule for rule in app.url_map.iter_rules() if "POST" in rule.methods]
    assert len(posts) > 10, "the kiosk and staff forms are all registered"
    for rule in posts:
        # Each part filled in: the first choice of an any(...), else 1.
        url = re.sub(r"<(?:any\(([^,)]+)[^)]*\):)?(?:\w+:)?\w+>",
                     lambda part: (part.group(1) or "1").strip(), rule.rule)
        refused = client.post(url, data={"anything": "at all"})
        assert refused.status_code == 400, f"{url} took a post without a form token"
        assert "nothing was changed" in refused.get_data(as_text=True), url
