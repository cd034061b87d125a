"""The person's home page and the pages about their plan, dates, decisions and risk."""
from flask import g, render_template

from kiosk.signin.access import person_required

from . import bp


@bp.route("/")
@person_required
def home():
    """Tiles for each section, and what is new since the last visit."""
    return render_template("me/home.html", person=g.person)
