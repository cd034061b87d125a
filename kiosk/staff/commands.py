"""`kiosk staff ...`: make the first administrator from the command line."""
from __future__ import annotations

import sys
from datetime import datetime, timezone

import click
from flask.cli import with_appcontext

from kiosk.extensions import db
from kiosk.services.access import staff_accounts
from kiosk.services.access.staff_access import Role
from kiosk.services.staff import audit


@click.group("staff")
def staff() -> None:
    """Manage staff accounts."""


@staff.command("create-admin")
@click.argument("username")
@click.option("--name", "display_name", help="Full name shown in the header (default: USERNAME).")
@with_appcontext
def create_admin(username: str, display_name: str | None) -> None:
    """Make a national administrator, the only kind that can add national accounts; the
    password is read from standard input (not shell history)."""
    password = sys.stdin.readline().rstrip("\r\n")
    problem = staff_accounts.password_problem(password)
    if problem:
        raise click.ClickException(f"{problem} Nothing was changed.")
    with db.transaction() as session:
        if staff_accounts.user_by_name(session, username):
            raise click.ClickException(f"The username {username!r} is taken. Nothing was changed.")
        admin = staff_accounts.create_user(session, username, display_name or username, password,
                                           Role.ADMINISTRATOR, datetime.now(timezone.utc))
        audit.record(session, admin, audit.USER_CHANGE, None,
                     f"added {admin.username} (national administrator) at the command line")
    click.echo(f"The administrator {staff_accounts.normalise_username(username)} can now sign in at /staff/.")
