"""Languages: which ones the product speaks, which one this request uses, and its direction."""
from __future__ import annotations

from babel import Locale
from flask import Flask, g, session

from .extensions import babel

# Each language named in itself: a person picks the word they can read, not a flag.
LANGUAGES = {
    "en": "English",
}
DEFAULT_LANGUAGE = "en"


def best_language(tag: str | None) -> str:
    """The product language for a BCP 47 tag from the records, else English."""
    if not tag:
        return DEFAULT_LANGUAGE
    primary = tag.split("-")[0].lower()
    return primary if primary in LANGUAGES else DEFAULT_LANGUAGE


def select_locale() -> str:
    """The language chosen on this kiosk or by the signed-in person; never the browser's."""
    return g.get("language") or session.get("language") or DEFAULT_LANGUAGE


def text_direction(language: str) -> str:
    """'rtl' for right-to-left scripts such as Arabic."""
    return Locale.parse(language).text_direction


def init_app(app: Flask) -> None:
    """Bind Flask-Babel and give templates the language and its direction."""
    babel.init_app(app, locale_selector=select_locale)

    @app.context_processor
    def language_context():
        language = select_locale()
        return {"language": language, "text_direction": text_direction(language),
                "languages": LANGUAGES}
