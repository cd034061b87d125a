"""Routes of the start screen."""
from flask import render_template

from . import bp


@bp.route("/")
def index():
    """The start screen: what this kiosk is for and how to begin."""
    return render_template("start/index.html")


@bp.route("/health")
def health():
    """A cheap check for load balancers: the process answers."""
    return {"status": "ok"}
