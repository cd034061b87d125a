"""Web security in one place: a script nonce per response and the usual protective headers."""
from __future__ import annotations

import secrets

from flask import Flask, Response, g, request

CSP = (
    "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
PROTECTIVE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
NOT_STORED_HEADERS = {"Cache-Control": "no-store", "Pragma": "no-cache"}
CACHEABLE_PREFIXES = ("/assets/", "/vendor/", "/pictures/", "/static/")


def csp_nonce() -> str:
    """The nonce allowed on this response's only inline script (GOV.UK's js-enabled switch)."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def add_security_headers(response: Response) -> Response:
    """Every page is private to the person using it: never stored, framed or sniffed."""
    response.headers["Content-Security-Policy"] = CSP.format(nonce=csp_nonce())
    response.headers.update(PROTECTIVE_HEADERS)
    if not request.path.startswith(CACHEABLE_PREFIXES):
        response.headers.update(NOT_STORED_HEADERS)
        response.vary.add("HX-Request")
    return response


def init_app(app: Flask) -> None:
    """Apply the headers to every response and give templates the nonce."""
    app.after_request(add_security_headers)
    app.jinja_env.globals["csp_nonce"] = csp_nonce
