"""Administrators managing staff accounts and caseloads, each only in their own establishment
(a national administrator in every one); every change is written to the audit trail."""
from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from kiosk.data import staff_queries
from kiosk.extensions import db
from kiosk.models import Establishment, StaffUser
from kiosk.services.access import staff_accounts
from kiosk.services.access.staff_access import Permission, account_scope, manages_accounts_in
from kiosk.services.staff import audit

from . import bp
from .access import now, staff_required
from .forms import choice, CaseloadForm, NewUserForm


def _establishment_choices() -> list:
    """Where the signed-in administrator may add accounts: their own establishment, or
    (a national administrator) anywhere, national accounts included."""
    admin = g.staff_user
    rows = staff_queries.establishments(db.session, only=admin.establishment_id)
    choices = [choice(str(i), name) for i, name in rows]
    if manages_accounts_in(admin, None):
        choices.insert(0, choice("", _("None (national)")))
    return choices


@bp.route("/users", methods=["GET", "POST"])
@staff_required(Permission.MANAGE_USERS)
def users():
    """The accounts this administrator manages, and a form to add one."""
    form = NewUserForm()
    form.establishment.choices = _establishment_choices()
    if form.validate_on_submit():
        establishment_id = int(form.establishment.data) if form.establishment.data else None
        if not manages_accounts_in(g.staff_user, establishment_id):
            abort(403)
        if staff_accounts.user_by_name(db.session, form.username.data):
            form.username.errors.append(_("That username is taken."))
        else:
            with db.transaction() as db_session:
                user = staff_accounts.create_user(
                    db_session, form.username.data, form.display_name.data, form.password.data,
                    form.role.data, now(), establishment_id, form.hall.data)
                audit.record(db_session, g.staff_user, audit.USER_CHANGE, None,
                             f"added {user.username} ({user.role}, "
                             f"{_where(db_session, establishment_id)})")
            flash(_("The account is added."))
            return redirect(url_for("staff.users"))
    return render_template("staff/users.html", form=form,
                           users=staff_queries.staff_users(db.session, account_scope(g.staff_user)))


def _where(session, establishment_id: int | None) -> str:
    """The establishment's code for the audit trail, or 'national'."""
    if establishment_id is None:
        return "national"
    establishment = session.get(Establishment, establishment_id)
    return establishment.code if establishment else str(establishment_id)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@staff_required(Permission.MANAGE_USERS)
def user(user_id: int):
    """One account: put people of the same establishment on its caseload by prison number."""
    account = db.session.get(StaffUser, user_id)
    if account is None or not manages_accounts_in(g.staff_user, account.establishment_id):
        abort(404)
    form = CaseloadForm()
    if form.validate_on_submit():
        person = staff_queries.person_by_number(db.session, form.prison_number.data,
                                                account.establishment_id)
        if person is None or not manages_accounts_in(g.staff_user, person.establishment_id):
            form.prison_number.errors.append(_("No one has that prison number."))
        else:
            with db.transaction() as db_session:
                staff_accounts.add_to_caseload(db_session, account, person.id)
                audit.record(db_session, g.staff_user, audit.USER_CHANGE, person,
                             f"added to the caseload of {account.username}")
            return redirect(url_for("staff.user", user_id=account.id))
    return render_template("staff/user.html", account=account, form=form,
                           caseload=staff_queries.caseload_people(db.session, account))
