"""Languages: which ones the product speaks, which one this request uses, and its direction."""
from __future__ import annotations

from datetime import date

from babel import Locale
from babel.dates import format_date
from flask import Flask, g, has_request_context, request, session

from .extensions import babel

# Each language named in itself: a person picks the word they can read, not a flag.
LANGUAGES = {
    "en": "English",
    "gd": "Gàidhlig",
    "pl": "Polski",
    "sq": "Shqip",
    "vi": "Tiếng Việt",
    "ar": "العربية",
}
DEFAULT_LANGUAGE = "en"
SESSION_KEY = "language"
# Babel's plain "en" writes dates the American way; people here read them the British way.
BABEL_LOCALES = {"en": "en_GB"}


def best_language(tag: str | None) -> str:
    """The product language for a BCP 47 tag from the records, else English."""
    if not tag:
        return DEFAULT_LANGUAGE
    primary = tag.split("-")[0].lower()
    return primary if primary in LANGUAGES else DEFAULT_LANGUAGE


def chosen_before_sign_in() -> str | None:
    """The language picked on this kiosk before anyone signed in, if it is one we have."""
    language = session.get(SESSION_KEY)
    return language if language in LANGUAGES else None


def select_locale() -> str:
    """The language chosen on this kiosk or by the signed-in person; never the browser's.

    Staff pages stay English whatever this browser chose on the kiosk side (a staff preview
    of a person's pages sets g.language itself), and so does work outside a request.
    """
    if g.get("language"):
        return g.language
    if not has_request_context() or request.blueprint == "staff":
        return DEFAULT_LANGUAGE
    return chosen_before_sign_in() or DEFAULT_LANGUAGE


def text_direction(language: str) -> str:
    """'rtl' for right-to-left scripts such as Arabic."""
    return Locale.parse(language).text_direction


def current_direction() -> str:
    """The direction of this request's language, for parts set apart from their surroundings."""
    return text_direction(select_locale())


def babel_locale(language: str) -> str:
    """The Babel locale that writes dates and numbers the way readers of `language` expect."""
    return BABEL_LOCALES.get(language, language)


def format_day(value: date, language: str, style: str = "long") -> str:
    """A date written out in a language, e.g. '12 March 2027' or '12 مارس 2027'."""
    return format_date(value, format=style, locale=babel_locale(language))


def init_app(app: Flask) -> None:
    """Bind Flask-Babel and give templates the language, its direction and the choices."""
    babel.init_app(app, locale_selector=select_locale)

    # Globals as well, because macros imported without context still need them.
    app.add_template_global(select_locale, "current_language")
    app.add_template_global(current_direction, "current_direction")
    app.add_template_global(LANGUAGES, "languages")

    @app.context_processor
    def language_context():
        language = select_locale()
        return {"language": language, "text_direction": text_direction(language)}
