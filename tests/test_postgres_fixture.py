"""The test databases are what they claim to be, so no backend can silently stand in for another."""
from __future__ import annotations

import pytest
from sqlalchemy import func, inspect, select, text

from kiosk.data.migrate import alembic_config
from kiosk.extensions import db
from kiosk.models import Base, Establishment
from support.needs import skip_or_fail
from alembic.script import ScriptDirectory


@pytest.mark.databases("postgresql")
def test_the_postgresql_parametrisation_talks_to_postgresql(app, database_url, db_session):
    assert database_url.startswith("postgresql+psycopg://")
    assert db.engine(app).dialect.name == "postgresql"
    assert db_session.execute(text("select version()")).scalar().startswith("PostgreSQL ")


def test_each_backend_is_the_one_named_in_the_test_id(request, app):
    assert db.engine(app).dialect.name == request.node.callspec.params["database_url"]


def test_the_schema_comes_from_the_migrations(app, database_url, db_session):
    head = ScriptDirectory.from_config(alembic_config(database_url)).get_current_head()
    assert db_session.execute(text("select version_num from alembic_version")).scalar() == head
    tables = set(inspect(db.engine(app)).get_table_names())
    assert {table.name for table in Base.metadata.sorted_tables} <= tables


def test_a_row_written_by_one_test(db_session):
    db_session.add(Establishment(code="XXX", name="Left behind on purpose"))
    db_session.commit()


def test_is_gone_before_the_next(db_session):
    assert db_session.scalar(select(func.count()).select_from(Establishment)) == 0


def test_a_missing_dependency_skips_here_and_fails_in_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="postgresql"):
        skip_or_fail("install the Debian package `postgresql`")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        skip_or_fail("install the Debian package `postgresql`")
