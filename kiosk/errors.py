"""Error pages in plain words; nothing technical is shown to a person at a kiosk."""
from __future__ import annotations

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import SecurityError

# One wording per error, so every page that fails the same way says the same thing.
ERROR_PAGES = {
    400: (_l("Please try again"), [_l("That did not work, so nothing was changed."),
                                   _l("Go back and try again.")]),
    "csrf": (_l("Please try again"), [_l("That page was out of date, so nothing was changed."),
                                      _l("Go back and send it again.")]),
    404: (_l("Page not found"), [_l("We cannot find that page.")]),
    413: (_l("That was too big"), [_l("It was too big, so nothing was changed."),
                                   _l("Make it smaller and try again.")]),
    # Words over their limit (kiosk.limits); the box on the page stops them first.
    "too_long": (_l("That was too long"), [_l("It was too long, so nothing was kept."),
                                           _l("Go back and make it shorter.")]),
    500: (_l("Something went wrong"), [_l("Something went wrong on our side."),
                                       _l("Anything you saved is safe."),
                                       _l("Please try again in a minute.")]),
}


def error_page(key, status: int):
    """Render the plain-words page for one kind of error."""
    title, lines = ERROR_PAGES[key]
    return render_template("errors/error.html", title=title, lines=lines), status


def init_app(app: Flask) -> None:
    """Register a page for each error a person might meet."""
    app.register_error_handler(CSRFError, lambda _e: error_page("csrf", 400))
    # A Host header outside TRUSTED_HOSTS: no page can be built for a host we do not serve.
    app.register_error_handler(SecurityError, lambda _e: ("Bad request", 400,
                                                          {"Content-Type": "text/plain"}))
    for status in (400, 404, 413, 500):
        app.register_error_handler(status, lambda _e, s=status: error_page(s, s))
