"""Web security in one place: a script nonce per response and the usual protective headers."""
from __future__ import annotations

import secrets

from flask import Flask, Response, g, request
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer

CSP = (
    "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; "
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
NOT_STORED_HEADERS = (("Cache-Control", "no-store"), ("Pragma", "no-cache"))
CACHEABLE_PREFIXES = ("/assets/", "/vendor/", "/pictures/", "/static/")


def csp_nonce() -> str:
    """The nonce allowed on this response's only inline script (GOV.UK's js-enabled switch)."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def add_security_headers(response: Response) -> Response:
    """Every page is private to the person using it: never stored, framed or sniffed."""
    headers = [("Content-Security-Policy", CSP.format(nonce=csp_nonce())), *PROTECTIVE_HEADERS]
    if not request.path.startswith(CACHEABLE_PREFIXES):
        headers += NOT_STORED_HEADERS
        response.vary.add("HX-Request")
    response.headers.extend(headers)  # added, not set: only this function writes these headers
    return response


class SignerOnceSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, with its signer built once per secret key, not per request."""

    def __init__(self) -> None:
        self._serializers: dict[tuple, URLSafeTimedSerializer | None] = {}

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, *(app.config["SECRET_KEY_FALLBACKS"] or ()))
        if keys not in self._serializers:
            self._serializers[keys] = super().get_signing_serializer(app)
        return self._serializers[keys]


def init_app(app: Flask) -> None:
    """Apply the headers to every response, give templates the nonce, sign cookies quickly."""
    app.session_interface = SignerOnceSessionInterface()
    app.after_request(add_security_headers)
    app.jinja_env.globals["csp_nonce"] = csp_nonce
