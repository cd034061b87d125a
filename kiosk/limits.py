"""How long each piece of text people and staff type may be: the one table that forms,
services and messages read, so a limit is never written twice.

Limits are in characters, as the person sees them. A letter has two: the length shown as
they write (`LETTER_MAX_CHARS` in the configuration: longer text is kept, but not sent until
shorter) and `LETTER_CEILING`, past which a draft is not kept at all, so no one can fill the
database or the staff pages.
"""
from __future__ import annotations

FIELD_LIMITS = {
    # The kiosk side
    "prison_number": 20,
    "feedback_words": 2000,
    "feedback_key": 40,        # a meeting or decision's own key (the records' column width)
    "next": 500,               # the page to go back to after a button
    # The staff side
    "username": 80,
    "password": 200,
    "display_name": 120,
    "hall": 40,
    "search": 100,
    "summary": 4000,           # a plain summary, and text in the plain-language checker
    "reply": 4000,             # a reply to a letter, read by the person on the kiosk
    "entry_key": 200,          # an entry of content/ a reviewer confirms (its column width)
}
LETTER_CEILING = 20_000
# Any form post but an export upload: far above every limit here, far below anything harmful.
FORM_MAX_BYTES = 1024 * 1024


def limit(field: str) -> int:
    """The most characters `field` may hold."""
    return FIELD_LIMITS[field]


def too_long(field: str, text: str | None) -> bool:
    """Whether the text is over the field's limit (services check again what forms check)."""
    return len(text or "") > FIELD_LIMITS[field]
