"""Configuration from the environment, with safe defaults for a single kiosk server."""
from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

ONE_HOUR = 3600


def instance_secret(instance_path: Path) -> str:
    """Read the secret key kept under instance/, making it once if it is not there yet."""
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


# Host names every instance answers to; TRUSTED_HOSTS adds the names it is reached by.
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")


def trusted_hosts(names: str | None) -> list[str]:
    """The local names and those in TRUSTED_HOSTS (comma-separated); a request with any
    other Host header is refused, so no link or redirect can ever name another site."""
    return [*LOCAL_HOSTS, *(name.strip() for name in (names or "").split(",") if name.strip())]


# Who an establishment holds, where the people running My Plan know it: only men, only women,
# or the open prison (adult men). The export has no sex field, so this is the only way the
# moving-on page can show the steps for men or for women (kiosk/services/records/moving_on.py).
MEN, WOMEN, OPEN = "men", "women", "open"
_CODE = re.compile(r"^[A-Z]{2,5}$")


def establishment_kinds(text: str | None) -> dict[str, str]:
    """ESTABLISHMENT_KINDS ("BAR=men,STI=women,CHU=open") as {code: kind}; a typo stops
    the app at start-up rather than showing someone steps that are not theirs."""
    kinds = {}
    for pair in (text or "").replace(" ", "").split(","):
        if not pair:
            continue
        code, _, kind = pair.partition("=")
        if not _CODE.match(code) or kind not in (MEN, WOMEN, OPEN):
            raise ValueError(f"ESTABLISHMENT_KINDS: {pair!r} is not CODE=men, CODE=women or CODE=open")
        kinds[code] = kind
    return kinds


def from_environment(instance_path: Path) -> dict:
    """Settings for this process; anything can be overridden by `create_app(config=...)`."""
    return {
        "DATABASE_URL": os.environ.get(
            "DATABASE_URL", f"sqlite:///{instance_path / 'kiosk.sqlite3'}"
        ),
        "SECRET_KEY": os.environ.get("SECRET_KEY"),
        "KIOSK_ENABLED": _flag("KIOSK_ENABLED", True),
        "STAFF_ENABLED": _flag("STAFF_ENABLED", True),
        "KIOSK_IDLE_SECONDS": int(os.environ.get("KIOSK_IDLE_SECONDS", "600")),
        "KIOSK_WARNING_SECONDS": int(os.environ.get("KIOSK_WARNING_SECONDS", "60")),
        "STAFF_IDLE_SECONDS": int(os.environ.get("STAFF_IDLE_SECONDS", str(30 * 60))),
        "STAFF_SESSION_SECONDS": int(os.environ.get("STAFF_SESSION_SECONDS", str(10 * ONE_HOUR))),
        "TIMEZONE": "Europe/London",
        # Flask-Babel looks for catalogues relative to the package folder.
        "BABEL_TRANSLATION_DIRECTORIES": "../translations",
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": "Europe/London",
        # The CSRF token lives as long as the signed-in session, so a long letter still sends.
        "WTF_CSRF_TIME_LIMIT": None,
        # Letters: the length limit, the papers deadline before a meeting, when to expect an answer.
        "LETTER_MAX_CHARS": int(os.environ.get("LETTER_MAX_CHARS", "3000")),
        "LETTER_DEADLINE_DAYS": int(os.environ.get("LETTER_DEADLINE_DAYS", "7")),
        "LETTER_ANSWER_DAYS": int(os.environ.get("LETTER_ANSWER_DAYS", "14")),
        "TRUSTED_HOSTS": trusted_hosts(os.environ.get("TRUSTED_HOSTS")),
        "ESTABLISHMENT_KINDS": establishment_kinds(os.environ.get("ESTABLISHMENT_KINDS")),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Strict",
        "SESSION_COOKIE_SECURE": _flag("SESSION_COOKIE_SECURE", False),
        "PERMANENT_SESSION_LIFETIME": 8 * ONE_HOUR,
        "MAX_CONTENT_LENGTH": 55 * 1024 * 1024,
        "IMPORT_MAX_BYTES": 50 * 1024 * 1024,
        "IMPORT_MAX_PEOPLE": 20_000,
        # Printed copies: finished batch PDFs, and the background queue (`kiosk worker`).
        "PRINT_DIR": os.environ.get("PRINT_DIR", str(instance_path / "print")),
        "HUEY_SQLITE_PATH": os.environ.get("HUEY_SQLITE_PATH", str(instance_path / "huey.sqlite3")),
        "HUEY_REDIS_URL": os.environ.get("HUEY_REDIS_URL"),
        "PRINT_PROCESSES": int(os.environ.get("PRINT_PROCESSES", "2")),
        # Read aloud: audio of the app's own wording kept on disk (never personal text).
        "SPEECH_CACHE_DIR": os.environ.get("SPEECH_CACHE_DIR", str(instance_path / "speech")),
        "SPEECH_CACHE_MB": int(os.environ.get("SPEECH_CACHE_MB", "200")),
        "SPEECH_WORKERS": int(os.environ.get("SPEECH_WORKERS", "2")),
        "SPEECH_ESPEAK": os.environ.get("SPEECH_ESPEAK", "espeak-ng"),
        "SPEECH_OPUSENC": os.environ.get("SPEECH_OPUSENC", "opusenc"),
    }
