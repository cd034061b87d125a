"""Web security in one place: the forged-request check, a script nonce per response, the usual
protective headers, the signed session cookie, and where a redirect may go."""
from __future__ import annotations

import secrets
import string
import time
from functools import lru_cache
from typing import NamedTuple

from flask import Flask, Response, current_app, request
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature, URLSafeTimedSerializer

from .extensions import csrf
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


def check_form_token() -> None:
    """Flask-WTF's forged-request check, asked only of requests that can change something
    (WTF_CSRF_CHECK_DEFAULT is off). On a page view it finds nothing to check, yet working
    that out costs more than the rest of sending a kept page."""
    config = current_app.config
    if config["WTF_CSRF_ENABLED"] and request.method in config["WTF_CSRF_METHODS"]:
        csrf.protect()


class ProtectiveHeaders:
    """WSGI middleware for headers that keep every page private to the person using it. No
    page is stored, framed or sniffed, and it runs only the app's scripts and the one inline
    script that carries the nonce.

    Only this class writes these headers. They are added as plain pairs once Flask has built
    the response: Werkzeug's header checks would cost more than sending a kept page.
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


class CheckedCookie(NamedTuple):
    """A session cookie whose signature is good: what it holds and when it was signed."""

    data: dict
    signed_at: float  # seconds since the epoch


class LeanCookieSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, doing less on each request. Its signer is built once per
    secret key. A cookie seen lately is not checked again (its age still is). The cookie is
    only worked out when it changes: "Vary: Cookie" is already among ProtectiveHeaders'."""

    def __init__(self) -> None:
        self._serializers: dict[tuple, URLSafeTimedSerializer | None] = {}

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, *(app.config["SECRET_KEY_FALLBACKS"] or ()))
        if keys not in self._serializers:
            self._serializers[keys] = super().get_signing_serializer(app)
        return self._serializers[keys]

    def open_session(self, app: Flask, incoming):
        serializer = self.get_signing_serializer(app)
        value = incoming.cookies.get(self.get_cookie_name(app))
        if serializer is None or not value:
            return super().open_session(app, incoming)
        cookie = _checked_cookie(serializer, value)
        max_age = int(app.permanent_session_lifetime.total_seconds())
        if cookie is None or time.time() - cookie.signed_at > max_age:
            return self.session_class()
        return self.session_class(cookie.data)  # a copy: the kept data never changes

    def save_session(self, app: Flask, session, response: Response) -> None:
        if self.should_set_cookie(app, session):
            super().save_session(app, session, response)


@lru_cache(maxsize=1024)
def _checked_cookie(serializer: URLSafeTimedSerializer, value: str) -> CheckedCookie | None:
    """A cookie's contents if its signature is good. The same cookie comes with every page of
    a visit, and checking the signature costs more than sending a kept page, so the answer
    (which can never change) is kept for the cookies seen most lately."""
    try:
        data, signed_at = serializer.loads(value, return_timestamp=True)
    except BadSignature:
        return None
    return CheckedCookie(data, signed_at.timestamp())


def init_app(app: Flask) -> None:
    """Check forms, add the headers to every response, give templates the nonce, keep sessions
    lean."""
    app.before_request(check_form_token)
    app.session_interface = LeanCookieSessionInterface()
    app.wsgi_app = ProtectiveHeaders(app.wsgi_app)
    app.jinja_env.globals["csp_nonce"] = csp_nonce
