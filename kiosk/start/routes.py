"""Routes of the start screen."""
from flask import current_app, redirect, render_template, url_for

from . import bp


@bp.route("/")
def index():
    """The start screen: what this kiosk is for and how to begin (staff devices go to staff)."""
    if not current_app.config["KIOSK_ENABLED"]:
        return redirect(url_for("staff.home"))
    return render_template("start/index.html")


@bp.route("/health")
def health():
    """A cheap check for load balancers: the process answers."""
    return {"status": "ok"}
