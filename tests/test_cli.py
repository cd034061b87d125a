"""The `kiosk` command: import, demo, PINs and the schema, as an operator would use them."""
from __future__ import annotations

import json

from click.testing import CliRunner
from flask.cli import ScriptInfo
from sqlalchemy import func, select

from kiosk.cli import main
from kiosk.models import KioskAccount, Person, StaffUser
from kiosk.services.access.staff_access import Role
from support.kiosk import EXAMPLE
from support.staff import csrf_from, fast_hashing, sign_in_staff  # noqa: F401  (fast_hashing is an autouse fixture)


def run(app, *args, stdin=None):
    return CliRunner().invoke(main, list(args), obj=ScriptInfo(create_app=lambda: app), input=stdin)


def count_people(db_session) -> int:
    db_session.expire_all()
    return db_session.scalar(select(func.count()).select_from(Person))


def test_import_prints_a_summary(app, db_session):
    result = run(app, "import", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    assert "GRN: 2 added, 0 updated, 0 left, 0 unchanged." in result.output
    assert count_people(db_session) == 2


def test_a_refused_import_exits_non_zero_and_lists_every_problem(app, db_session, tmp_path):
    document = json.loads(EXAMPLE.read_text())
    document["people"][0]["sentence"]["icm"] = "sometimes"
    document["people"][1]["supervision"]["level"] = "extreme"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))
    result = run(app, "import", str(bad))
    assert result.exit_code == 1
    assert "The file was refused and nothing was changed. 2 problem(s):" in result.output
    assert "people[0].sentence.icm: 'sometimes' is not one of" in result.output
    assert "people[1].supervision.level: 'extreme' is not one of" in result.output
    assert count_people(db_session) == 0


def test_demo_writes_and_imports_made_up_people(app, db_session, tmp_path):
    output = tmp_path / "demo.json"
    result = run(app, "demo", "--people", "30", "--output", str(output), "--pin", "2468")
    assert result.exit_code == 0, result.output
    assert len(json.loads(output.read_text())["people"]) == 30
    assert count_people(db_session) == 30
    assert "Try prison number GRN" in result.output
    hashes = db_session.scalars(select(KioskAccount.pin_hash)).all()
    assert len(hashes) == 30 and all(h.startswith("$argon2") for h in hashes)


def test_demo_makes_a_staff_account_for_each_role_that_signs_in(app, client, db_session, tmp_path):
    output = tmp_path / "demo.json"
    result = run(app, "demo", "--people", "30", "--output", str(output), "--staff-password", "demo-password")
    assert result.exit_code == 0, result.output
    assert "Staff sign in at /staff/ with the password demo-password:" in result.output
    for role in Role:
        username = f"demo-{role.replace('_', '-')}"
        assert username in result.output
        sign_in_staff(client, username, "demo-password")
        assert client.get("/staff/").status_code == 200
        client.post("/staff/sign-out", data={"csrf_token": csrf_from(client, "/staff/")})
    again = run(app, "demo", "--people", "30", "--output", str(output), "--staff-password", "demo-password")
    assert again.exit_code == 0, again.output
    assert db_session.scalar(select(func.count()).select_from(StaffUser)) == len(Role)


def test_demo_refuses_a_short_staff_password_before_making_anything(app, db_session, tmp_path):
    result = run(app, "demo", "--people", "5", "--output", str(tmp_path / "demo.json"), "--staff-password", "short")
    assert result.exit_code == 1 and "at least 12 characters" in result.output
    assert count_people(db_session) == 0 and not (tmp_path / "demo.json").exists()


def test_pin_set_reads_the_pin_from_standard_input(app, db_session):
    run(app, "import", str(EXAMPLE))
    assert run(app, "pin", "set", "gr1048213", stdin="5678\n").exit_code == 0
    refused = run(app, "pin", "set", "GR1048213", stdin="12\n")
    assert refused.exit_code == 1 and "A PIN is 4 to 6 digits" in refused.output
    unknown = run(app, "pin", "set", "NOBODY1", stdin="5678\n")
    assert unknown.exit_code == 1 and "No one has the prison number NOBODY1" in unknown.output


def test_db_upgrade_is_safe_to_run_again(app):
    result = run(app, "db", "upgrade")
    assert result.exit_code == 0 and "up to date" in result.output
