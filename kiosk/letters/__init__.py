"""Answering back: a person's letters to meetings and decisions, help to write, and feedback.

Every lookup is scoped to the signed-in person (g.visit, set by `person_required`).
"""
from flask import Blueprint

bp = Blueprint("letters", __name__, url_prefix="/me/letters")

from . import feedback_views, rendering, routes  # noqa: E402,F401  (routes attach themselves to bp)
