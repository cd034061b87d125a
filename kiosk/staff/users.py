"""Administrators managing staff accounts and caseloads."""
from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from kiosk.data import staff_queries
from kiosk.extensions import db
from kiosk.models import Establishment, StaffUser
from kiosk.services import audit, staff_accounts
from kiosk.services.staff_access import Permission

from . import bp
from .access import now, staff_required
from .forms import choice, CaseloadForm, NewUserForm


def _establishment_choices() -> list[tuple[str, str]]:
    rows = db.session.execute(select(Establishment.id, Establishment.name).order_by(Establishment.name))
    return [choice("", _("None (national)"))] + [choice(str(i), name) for i, name in rows]


@bp.route("/users", methods=["GET", "POST"])
@staff_required(Permission.MANAGE_USERS)
def users():
    """Every account, and a form to add one."""
    form = NewUserForm()
    form.establishment.choices = _establishment_choices()
    if form.validate_on_submit():
        if staff_accounts.user_by_name(db.session, form.username.data):
            form.username.errors.append(_("That username is taken."))
        else:
            with db.transaction() as db_session:
                user = staff_accounts.create_user(
                    db_session, form.username.data, form.display_name.data, form.password.data,
                    form.role.data, now(), int(form.establishment.data or 0) or None, form.hall.data)
                audit.record(db_session, g.staff_user, audit.USER_CHANGE, None, f"added {user.username}")
            flash(_("The account is added."))
            return redirect(url_for("staff.users"))
    return render_template("staff/users.html", form=form,
                           users=staff_queries.staff_users(db.session))


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@staff_required(Permission.MANAGE_USERS)
def user(user_id: int):
    """One account: put people on its caseload by prison number."""
    account = db.session.get(StaffUser, user_id) or abort(404)
    form = CaseloadForm()
    if form.validate_on_submit():
        person = staff_queries.person_by_number(db.session, form.prison_number.data)
        if person is None:
            form.prison_number.errors.append(_("No one has that prison number."))
        else:
            with db.transaction() as db_session:
                staff_accounts.add_to_caseload(db_session, account, person.id)
                audit.record(db_session, g.staff_user, audit.USER_CHANGE, person,
                             f"added to the caseload of {account.username}")
            return redirect(url_for("staff.user", user_id=account.id))
    return render_template("staff/user.html", account=account, form=form,
                           caseload=staff_queries.caseload_people(db.session, account))
