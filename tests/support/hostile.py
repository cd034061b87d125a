"""Hostile input for the tests that keep each kind of attack closed: junk text (Hypothesis),
request bodies that carry text a browser never would, and a check of what was kept."""
from __future__ import annotations

from urllib.parse import quote_from_bytes

from hypothesis import strategies as st
from sqlalchemy import select

from kiosk.limits import LETTER_CEILING, limit
from kiosk.models import (
    AuditEvent, ExplanationReview, Feedback, Letter, LetterDraft, PlainSummary, StaffUser,
)

NUL = "\x00"
RIGHT_TO_LEFT_OVERRIDE = "\u202e"
FAMILY = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466"  # a ZWJ sequence
# Always tried, whatever Hypothesis draws besides.
NASTY = (
    "A\x00B", "\x00", "\x1b[31mred\x07\x08\x7f\x85", f"{RIGHT_TO_LEFT_OVERRIDE}txt.exe",
    FAMILY * 20, "lone \ud800 surrogate \udfff", "\r\n\t \u2028\u2029", "A" * 1_000_000,
)
CONTROLS = st.characters(codec=None, categories=["Cc", "Cf", "Cs", "Zl", "Zp", "Co"])
JUNK = st.one_of(
    st.text(max_size=300),
    st.text(CONTROLS, max_size=60),
    st.text(st.characters(codec=None), min_size=2000, max_size=6000),
    st.sampled_from(NASTY),
)
# What no stored text may hold: control characters but tab and line ends, lone surrogates.
UNWANTED = {chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))} - set("\t\n\r") | {
    chr(c) for c in range(0xD800, 0xE000)}


def form_body(fields: dict[str, str]) -> bytes:
    """A form post's body, as any client could send it: lone surrogates become the bytes no
    browser would send (encoded as if they were characters)."""
    return "&".join(
        f"{quote_from_bytes(name.encode())}="
        f"{quote_from_bytes(value.encode('utf-8', 'surrogatepass'))}"
        for name, value in fields.items()).encode("ascii")


# Each stored text column with a limit, and that limit.
STORED_LIMITS = (
    (Feedback.words, limit("feedback_words")),
    (LetterDraft.text, LETTER_CEILING),
    (Letter.text, LETTER_CEILING),
    (Letter.reply, limit("reply")),
    (PlainSummary.text, limit("summary")),
    (StaffUser.username, limit("username")),
    (StaffUser.display_name, limit("display_name")),
    (StaffUser.hall, limit("hall")),
    (AuditEvent.detail, 2000),
    (ExplanationReview.entry_key, limit("entry_key")),
    (ExplanationReview.reviewer_name, limit("display_name")),
)


def stored_text_problems(session) -> list[str]:
    """Every stored text that is over its limit or holds an unwanted character."""
    problems = []
    for column, most in STORED_LIMITS:
        for value in session.scalars(select(column)):
            if value is None:
                continue
            if len(value) > most:
                problems.append(f"{column}: {len(value)} characters, over {most}")
            if UNWANTED & set(value):
                problems.append(f"{column}: holds {sorted(UNWANTED & set(value))!r}")
    return problems


class WatchedHasher:
    """An argon2 hasher that tells `on_verify` about each check before making it (argon2's own
    hasher cannot be patched: it has slots)."""

    def __init__(self, inner, on_verify):
        self.inner, self.on_verify = inner, on_verify

    def verify(self, password_hash, password):
        self.on_verify(password_hash)
        return self.inner.verify(password_hash, password)

    def __getattr__(self, name):
        return getattr(self.inner, name)
