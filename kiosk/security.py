"""Web security in one place: a script nonce per response, the usual protective headers, and
where a redirect may go. (Forms are checked for forged requests by Flask-WTF's CSRFProtect, and
the session is Flask's signed cookie, both as they come.)"""
from __future__ import annotations

import secrets
import string

from flask import Flask, request

from .limits import too_long

CSP = (
    "default-src 'self'; script-src 'self'{nonce}; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
PROTECTIVE_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)
# A page changes with who is signed in (the cookie) and with htmx asking for a fragment.
PRIVATE_PAGE_HEADERS = (
    ("Cache-Control", "no-store"), ("Pragma", "no-cache"), ("Vary", "Cookie, HX-Request"),
)
CACHEABLE_PREFIXES = ("/assets/", "/vendor/", "/pictures/", "/static/")
NONCE_KEY = "kiosk.csp_nonce"  # in the WSGI environ, where ProtectiveHeaders finds it


def csp_nonce() -> str:
    """The nonce allowed on this response's only inline script (GOV.UK's js-enabled switch)."""
    environ = request.environ
    if NONCE_KEY not in environ:
        environ[NONCE_KEY] = secrets.token_urlsafe(16)
    return environ[NONCE_KEY]


# Browsers drop tabs and line ends from a URL and read a backslash as a slash, so a path
# holding any of them (or a space or control character) could lead to another site.
_NOT_IN_A_LOCAL_PATH = frozenset(string.whitespace + "\\") | frozenset(
    map(chr, (*range(0x20), *range(0x7F, 0xA0))))


def local_path(path: str | None, prefix: str = "/") -> str | None:
    """`path` if it is a page of this app under `prefix`, else None: the one check every
    redirect to a page named by the request (a `next` value) goes through."""
    if not path or too_long("next", path) or not path.startswith(prefix):
        return None
    if path.startswith("//") or _NOT_IN_A_LOCAL_PATH.intersection(path):
        return None
    return path


class ProtectiveHeaders:
    """WSGI middleware for headers that keep every page private to the person using it. No
    page is stored, framed or sniffed, and it runs only the app's scripts and the one inline
    script that carries the nonce.

    Only this class writes these headers, to every response the app sends, errors included.
    """

    def __init__(self, wsgi_app) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict, start_response):
        def start_with_headers(status, headers, exc_info=None):
            return start_response(status, [*self.headers_for(environ), *headers], exc_info)

        return self.wsgi_app(environ, start_with_headers)

    @staticmethod
    def headers_for(environ: dict) -> list[tuple[str, str]]:
        """The headers for one response: the nonce, if its page used one, goes in the policy."""
        nonce = environ.get(NONCE_KEY)
        policy = CSP.format(nonce=f" 'nonce-{nonce}'" if nonce else "")
        headers = [("Content-Security-Policy", policy), *PROTECTIVE_HEADERS]
        if not environ.get("PATH_INFO", "").startswith(CACHEABLE_PREFIXES):
            headers += PRIVATE_PAGE_HEADERS
        return headers


def init_app(app: Flask) -> None:
    """Add the headers to every response and give templates the nonce."""
    app.wsgi_app = ProtectiveHeaders(app.wsgi_app)
    app.jinja_env.globals["csp_nonce"] = csp_nonce
