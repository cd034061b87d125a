"""Setting or resetting a person's kiosk PIN, and the slip to hand over."""
from flask import g, render_template

from kiosk.extensions import db
from kiosk.services.access import pin_reset
from kiosk.services.access.staff_access import Permission

from . import bp
from .access import now, person_or_404, staff_required, viewed_person
from .forms import ConfirmForm


@bp.route("/people/<int:person_id>/pin", methods=["GET", "POST"])
@staff_required(Permission.RESET_PINS)
def pin(person_id: int):
    """Ask to confirm; on confirming, show the one-time PIN once, on a slip ready to print."""
    form = ConfirmForm()
    if form.validate_on_submit():
        person = person_or_404(person_id)
        with db.transaction() as db_session:
            new_pin = pin_reset.reset_pin(db_session, g.staff_user, person, now())
        return render_template("staff/pin_slip.html", person=person, pin=new_pin)
    person = viewed_person(person_id, "PIN page")
    return render_template("staff/pin.html", person=person, form=form)
