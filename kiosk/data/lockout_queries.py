"""Named queries for sign-in lockouts (kiosk.services.access.lockout counts the tries)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select

from kiosk.models import SignInLockout


def locked_until(connection: Connection, key: str) -> datetime | None:
    """When the lock on a key lifts, read on the connection that just counted a try."""
    return connection.scalar(select(SignInLockout.locked_until).where(SignInLockout.key == key))
