"""Asking for a printed copy at the kiosk, and seeing when it was printed.

The button is a plain form post (with its CSRF token), so it works without JavaScript; the
request waits in the staff print queue until someone prints the person's pack.
"""
from flask import g, redirect, render_template, url_for

from kiosk.data import print_queries
from kiosk.extensions import db
from kiosk.services.printing import copies as printing
from kiosk.signin.access import now, person_required, signed_in_person

from . import bp


@bp.route("/printed-copy")
@person_required
def printed_copy():
    """Whether a copy is on its way, when the last one was printed, and the button to ask."""
    return render_template(
        "me/printed_copy.html",
        waiting=print_queries.waiting_request(db.session, g.visit.person_id),
        printed=print_queries.last_printed_request(db.session, g.visit.person_id))


@bp.route("/printed-copy", methods=["POST"])
@person_required
def ask_for_printed_copy():
    """Put the request in the staff queue (asking again changes nothing)."""
    with db.transaction() as session:
        printing.ask_for_copy(session, signed_in_person(), now())
    return redirect(url_for("me.printed_copy"))
