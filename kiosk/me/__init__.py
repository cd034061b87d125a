"""A signed-in person's own pages. Every lookup is scoped to the person of this visit."""
from flask import Blueprint

bp = Blueprint("me", __name__, url_prefix="/me")

from . import printing, routes, settings  # noqa: E402,F401  (routes attach themselves to bp)
