"""What staff templates can call: permission checks, roles and record values in words, and
jargon explained where it first appears on a page."""
from flask import g

from kiosk.services.access.staff_access import Permission, role_name
from kiosk.services.wording.content import content_for
from kiosk.services.wording.plain_language import Segment, annotate

from . import bp
from .access import may


def label(field: str, value: str) -> str:
    """A record value in words (the person-facing label), never a raw code."""
    return content_for("en").label(field, value)


def explain_jargon(text: str) -> list[Segment]:
    """Split staff text so each term is explained on its first use on this page."""
    seen = g.setdefault("jargon_seen", set())
    return annotate(text, content_for("en").glossary, seen)


@bp.context_processor
def staff_template_helpers() -> dict:
    """Templates ask `may(...)` before offering a link, show roles in words, explain jargon."""
    return {"may": may, "Permission": Permission, "role_name": role_name,
            "explain_jargon": explain_jargon, "label": label}
