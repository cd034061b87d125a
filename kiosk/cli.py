"""The `kiosk` command: database, imports, demo data, PINs and serving the app."""
from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext

from kiosk import create_app
from kiosk.data import migrate
from kiosk.extensions import db
from kiosk.services.imports import contract
from kiosk.services.imports.importer import import_export


@click.group(cls=FlaskGroup, create_app=lambda: create_app(), add_version_option=False)
def main() -> None:
    """My Plan: plans, dates and decisions in plain words for people in custody."""


@main.group("db")
def database() -> None:
    """Manage the database schema."""


@database.command("upgrade")
@with_appcontext
def db_upgrade() -> None:
    """Create or migrate the database to the newest schema."""
    migrate.upgrade(current_app.config["DATABASE_URL"])
    click.echo("The database is up to date.")


@main.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def import_command(path: Path) -> None:
    """Import a record export file (all of it, or nothing)."""
    size = path.stat().st_size
    if size > contract.MAX_BYTES:
        _refuse([contract.Problem("(the whole file)", f"the file is {size / 1048576:.1f} MB; "
                                  f"files over {contract.MAX_BYTES // 1048576} MB are refused.")])
    try:
        with db.transaction() as session:
            summary = import_export(session, path.read_bytes())
    except contract.ExportRefused as refused:
        _refuse(refused.problems)
    click.echo(summary.describe())


def _refuse(problems: list[contract.Problem]) -> None:
    """Print every problem and exit non-zero; the database was not changed."""
    click.echo(f"The file was refused and nothing was changed. {len(problems)} problem(s):", err=True)
    for problem in problems:
        click.echo(f"  {problem}", err=True)
    sys.exit(1)


@main.command("demo")
@click.option("--people", default=200, show_default=True, help="How many people to make up.")
@click.option("--seed", default=2026, show_default=True, help="The same seed makes the same file.")
@click.option("--establishment", default="GRN", show_default=True, help="Establishment code.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the file here (kept after the import).")
@click.option("--no-import", is_flag=True, help="Only write the file.")
@click.option("--pin", help="Give every made-up person this kiosk PIN (demo data only).")
@click.option("--staff-password", help="Make a demo staff account for each role with this password.")
@with_appcontext
def demo_command(people: int, seed: int, establishment: str, output: Path | None,
                 no_import: bool, pin: str | None, staff_password: str | None) -> None:
    """Make a realistic, fictional export for one establishment and import it."""
    from kiosk.services.access import staff_accounts
    from kiosk.services.demo.export import write_export

    problem = staff_password and staff_accounts.password_problem(staff_password)
    if problem:
        raise click.ClickException(f"{problem} Nothing was made.")
    path = output or Path(current_app.instance_path) / f"demo-{establishment}-{people}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_export(path, people, seed=seed, establishment_code=establishment)
    click.echo(f"Wrote {people} made-up people to {path}.")
    if not no_import:
        migrate.upgrade(current_app.config["DATABASE_URL"])
        with db.transaction() as session:
            click.echo(import_export(session, path.read_bytes()).describe())
            if pin:
                from kiosk.services.access import sign_in

                number = sign_in.set_pin_for_everyone(session, establishment, pin)
                click.echo(f"Every made-up person has the PIN {pin}. Try prison number {number}.")
            if staff_password:
                _demo_staff(session, establishment, staff_password)


def _demo_staff(session, establishment: str, password: str) -> None:
    """One staff account per role, listed with the password to sign in with at /staff/."""
    from kiosk.services.demo import accounts

    made = accounts.make_staff(session, establishment, password, datetime.now(timezone.utc))
    click.echo(f"Staff sign in at /staff/ with the password {password}:")
    width = max(len(account.username) for account in made)
    for account in made:
        click.echo(f"  {account.username:<{width}}  {account.role}, sees {account.sees}")


@main.group("pin")
def pin() -> None:
    """Manage kiosk PINs."""


@pin.command("set")
@click.argument("prison_number")
@with_appcontext
def pin_set(prison_number: str) -> None:
    """Set a person's PIN, read from standard input (so it stays out of shell history)."""
    from kiosk.data import staff_queries
    from kiosk.services.access import sign_in

    new_pin = sys.stdin.readline().strip()
    if not sign_in.is_valid_pin(new_pin):
        raise click.ClickException("A PIN is 4 to 6 digits. Nothing was changed.")
    with db.transaction() as session:
        number = sign_in.normalise_number(prison_number)
        person = staff_queries.person_by_number(session, number)
        if person is None:
            raise click.ClickException(f"No one has the prison number {number}.")
        sign_in.set_pin(session, person, new_pin)
    click.echo(f"The PIN for {number} is set.")


@main.command("serve", context_settings={"ignore_unknown_options": True})
@click.argument("gunicorn_args", nargs=-1, type=click.UNPROCESSED)
def serve(gunicorn_args: tuple[str, ...]) -> None:
    """Run the app under gunicorn for real use (extra arguments go to gunicorn)."""
    import os

    os.execvp(sys.executable, [sys.executable, "-m", "gunicorn", *gunicorn_args,
                               "kiosk:create_app()"])


from kiosk.staff.commands import staff as staff_commands  # noqa: E402

main.add_command(staff_commands)

from kiosk.printing.commands import worker as print_worker  # noqa: E402

main.add_command(print_worker)
