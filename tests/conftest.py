"""Fixtures for the whole suite.

Every test that uses `app` (directly or through `client`, `client_request` or `db_session`)
runs twice: on SQLite and on PostgreSQL. Each backend's schema is made once per session
with the Alembic migrations (so the migrations are what is tested), and every table is
emptied before each test. Browser tests (anything using `page` or `live_server`) run on
SQLite only unless marked `@pytest.mark.databases("sqlite", "postgresql")`; any test can
pick its backends with that marker.
"""
from __future__ import annotations

import os
import tempfile
import threading

import pytest
from werkzeug.serving import make_server

from kiosk import create_app
from kiosk.data import migrate
from kiosk.data.database import make_engine
from kiosk.extensions import db
from kiosk.models import Base
from support.needs import CHROMIUM, CHROMIUM_ARGS, CHROMIUM_MISSING, skip_or_fail
from support.pages import ClientRequest, IsolatedClient
from support.postgres import MISSING as POSTGRES_MISSING
from support.postgres import PostgresCluster, find_bin_dir

BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "databases(*backends): run only on these backends (sqlite, postgresql); "
        "by default both, or sqlite alone for browser tests",
    )


def pytest_generate_tests(metafunc):
    """Parametrise `database_url` (and so `app`, `client`, ...) over the backends."""
    if "database_url" not in metafunc.fixturenames:
        return
    marker = metafunc.definition.get_closest_marker("databases")
    if marker:
        backends = marker.args
        unknown = set(backends) - set(BACKENDS)
        assert backends and not unknown, f"databases() takes some of {BACKENDS}, not {unknown}"
    elif "live_server" in metafunc.fixturenames:
        backends = ("sqlite",)
    else:
        backends = BACKENDS
    metafunc.parametrize("database_url", backends, indirect=True, scope="session")


def pytest_collection_modifyitems(items):
    """Anything that drives the browser is a browser test, marked or not (`-m "not browser"`)."""
    for item in items:
        if "live_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


# Databases --------------------------------------------------------------------------------

class Databases:
    """One migrated database per backend for the whole session, made when first needed."""

    def __init__(self, tmp_path_factory):
        self.tmp_path_factory = tmp_path_factory
        self.urls: dict[str, str] = {}
        self.engines: dict[str, object] = {}
        self.failures: dict[str, BaseException] = {}
        self.cluster: PostgresCluster | None = None

    def url(self, backend: str) -> str:
        if backend in self.failures:  # do not retry a broken start-up for every test
            raise self.failures[backend]
        if backend not in self.urls:
            try:
                url = self._create(backend)
                migrate.upgrade(url)
            except Exception as error:
                self.failures[backend] = error
                raise
            self.urls[backend] = url
            self.engines[url] = make_engine(url)
        return self.urls[backend]

    def _create(self, backend: str) -> str:
        if backend == "sqlite":
            return f"sqlite:///{self.tmp_path_factory.mktemp('sqlite') / 'kiosk.sqlite3'}"
        bin_dir = find_bin_dir()
        if bin_dir is None:
            skip_or_fail(POSTGRES_MISSING)
        self.cluster = PostgresCluster(bin_dir).start()
        return self.cluster.create_database("kiosk_test")

    def wipe(self, url: str) -> None:
        """Empty every table, children first; the schema and alembic_version stay."""
        with self.engines[url].begin() as connection:
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(table.delete())

    def close(self) -> None:
        for engine in self.engines.values():
            engine.dispose()
        if self.cluster is not None:
            self.cluster.stop()


@pytest.fixture(scope="session")
def _databases(tmp_path_factory):
    databases = Databases(tmp_path_factory)
    yield databases
    databases.close()


@pytest.fixture(scope="session")
def database_url(request, _databases) -> str:
    """The URL of a migrated database: parametrised over sqlite and postgresql."""
    return _databases.url(getattr(request, "param", "sqlite"))


@pytest.fixture
def clean_database(database_url, _databases) -> None:
    """Every table empty at the start of the test."""
    _databases.wipe(database_url)


# Files apps under test write (print batches, the print queue), away from instance/.
_TEST_FILES = tempfile.TemporaryDirectory(prefix="kiosk-tests-")


def app_config(database_url: str) -> dict:
    """The settings of every app under test."""
    return {"DATABASE_URL": database_url, "SECRET_KEY": "test", "TESTING": True,
            "PRINT_DIR": os.path.join(_TEST_FILES.name, "print"),
            "HUEY_SQLITE_PATH": os.path.join(_TEST_FILES.name, "huey.sqlite3"),
            "SPEECH_CACHE_DIR": os.path.join(_TEST_FILES.name, "speech")}


# The app and its clients ---------------------------------------------------------------

@pytest.fixture
def app(database_url, clean_database):
    """A fresh app on an empty database; its clients isolate each request's context."""
    app = create_app(app_config(database_url))
    app.test_client_class = IsolatedClient
    yield app
    db.engine(app).dispose()


@pytest.fixture
def db_session(app):
    """The app's database session, inside an app context held open for the test.

    Requests made through `client` get their own context and session, as in production:
    commit what a request must see, and `expire_all()` to see what a request changed.
    """
    with app.app_context():
        yield db.session


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def client_request(client) -> ClientRequest:
    """`client_request.get(url, expected_status=200)` -> BeautifulSoup of a checked page."""
    return ClientRequest(client)


# The browser ------------------------------------------------------------------------------

class LiveServer(str):
    """The base URL of the running app (a str), with the Flask app as `.app`."""

    app = None


@pytest.fixture(scope="session")
def live_server(database_url):
    """The app served by werkzeug on 127.0.0.1 on a free port, once per backend."""
    live_app = create_app(app_config(database_url))
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    url = LiveServer(f"http://127.0.0.1:{server.server_port}")
    url.app = live_app
    yield url
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()
    db.engine(live_app).dispose()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a downloaded one."""
    if not os.path.exists(CHROMIUM):
        skip_or_fail(CHROMIUM_MISSING)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url():
    """Replaces pytest-playwright's (a method fixture that pytest 9 warns about, and warnings
    are errors here); `context` takes its base URL from `live_server` instead."""
    return None


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "en-GB", "timezone_id": "Europe/London",
            "service_workers": "block"}


@pytest.fixture
def outside_requests() -> list[str]:
    """URLs the page tried to reach outside the app (each was refused)."""
    return []


@pytest.fixture
def context(new_context, live_server, clean_database, outside_requests):
    """A browser context on the live server, on an empty database, on a closed network.

    Every request to anything but the live server is aborted and recorded, and the test
    fails if there was one: the kiosk network reaches nothing but the app.
    """
    context = new_context(base_url=live_server)

    def only_the_app(route):
        url = route.request.url
        if url == live_server or url.startswith(live_server + "/"):
            route.continue_()
        else:
            outside_requests.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", only_the_app)
    yield context
    assert not outside_requests, f"the page tried to reach outside the app: {outside_requests}"
