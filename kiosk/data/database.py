"""One engine per app and one session per request; nothing kept in the process between requests."""
from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Callable, Iterator, NamedTuple

from flask import Flask, current_app, g
from sqlalchemy import Connection, Dialect, Engine, Select, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def normalise_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL whichever spelling the operator wrote."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets the settings that let many writers wait their turn."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _tune_sqlite)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def _tune_sqlite(dbapi_connection, _record) -> None:
    """Foreign keys on, write-ahead log so readers never block the writer."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


class Database:
    """The Flask extension: binds an engine to the app and hands out request sessions."""

    def init_app(self, app: Flask) -> None:
        engine = make_engine(app.config["DATABASE_URL"])
        app.extensions["database"] = sessionmaker(engine, expire_on_commit=False)
        app.teardown_appcontext(self._close_session)

    @staticmethod
    def engine(app: Flask | None = None) -> Engine:
        """The engine of the given (or current) app."""
        return (app or current_app).extensions["database"].kw["bind"]

    @property
    def session(self) -> Session:
        """The session of this request (or CLI app context), opened on first use."""
        if "db_session" not in g:
            g.db_session = current_app.extensions["database"]()
        return g.db_session

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """A plain Core connection, committed on success, for one small step that needs no ORM
        objects (keeping a kiosk visit alive, or ending it). It is not the request's session."""
        with self.engine().begin() as connection:
            yield connection

    def first_row(self, statement: Select, **params: Any) -> tuple | None:
        """The first row of a prebuilt select, run straight on the database driver.

        For the one query every kiosk page runs: going through Core's execution costs four
        times the query itself. Columns come back through the types SQLAlchemy would apply;
        parameters go to the driver as they are, so they must be plain strings or numbers.
        """
        engine = self.engine()
        driver_sql = _driver_sql(statement, engine.dialect)
        connection = engine.raw_connection()  # from the pool; closing gives it back
        try:
            cursor = connection.cursor()
            cursor.execute(driver_sql.text, driver_sql.parameters(params))
            row = cursor.fetchone()
            cursor.close()
        finally:
            connection.close()
        if row is None:
            return None
        return tuple(convert(value) if convert else value
                     for convert, value in zip(driver_sql.converters, row))

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error."""
        session = self.session
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise

    @staticmethod
    def _close_session(_exc) -> None:
        session = g.pop("db_session", None)
        if session is not None:
            session.close()


class DriverSql(NamedTuple):
    """A select compiled once for one database: its text, and how to pass and read values."""

    text: str
    positions: tuple[str, ...] | None  # parameter names in order, for drivers that use "?"
    converters: tuple[Callable | None, ...]  # per column: database value to Python value

    def parameters(self, params: dict) -> tuple | dict:
        """The parameters in the form this driver takes."""
        return params if self.positions is None else tuple(params[name] for name in self.positions)


@lru_cache(maxsize=64)
def _driver_sql(statement: Select, dialect: Dialect) -> DriverSql:
    """Compiled once per statement and database, because compiling costs more than running."""
    compiled = statement.compile(dialect=dialect)
    positions = tuple(compiled.positiontup) if compiled.positional else None
    converters = tuple(column.type.dialect_impl(dialect).result_processor(dialect, None)
                       for column in statement.selected_columns)
    return DriverSql(str(compiled), positions, converters)
