"""A signed-in person's own pages. Every lookup is scoped to the person of this visit."""
from flask import Blueprint

bp = Blueprint("me", __name__, url_prefix="/me")

from . import page_memory, printing, routes, settings  # noqa: E402,F401  (routes attach themselves to bp)


@bp.record_once
def _give_app_a_page_memory(state) -> None:
    page_memory.init_app(state.app)
