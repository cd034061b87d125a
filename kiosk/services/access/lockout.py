"""Wrong PINs and wrong staff passwords: one rule for both sides, counted atomically.

The rule: five wrong tries in a row for one key lock it for 15 minutes; a right one clears
the count. Each try is counted *before* it is checked, by one statement committed on its own
connection (INSERT ... ON CONFLICT DO UPDATE ... WHERE ... RETURNING, the same on SQLite and
PostgreSQL). The statement either takes one of the five tries for the key or finds it locked,
so twenty tries sent at once get at most five checks, and two first tries for a key never
both make its row. Which key a side counts under (a prison number; a username and the
computer it was typed on) is that side's choice: see `sign_in` and `staff_accounts`.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, and_, bindparam, case, delete, null, or_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from kiosk.data import lockout_queries
from kiosk.models import SignInLockout

MAX_FAILURES = 5
LOCK_FOR = timedelta(minutes=15)
_TABLE = SignInLockout.__table__
_INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


@dataclass(frozen=True)
class Attempt:
    """What counting one try found: whether it may be checked, and any lock it is under."""

    allowed: bool
    locked_until: datetime | None

    @property
    def problem(self) -> str:
        """What to tell someone whose try failed: "locked" (by this try or before) or "wrong"."""
        return "locked" if self.locked_until is not None else "wrong"

    def minutes_left(self, now: datetime) -> int:
        """Whole minutes until the lock lifts (at least 1), or 0 when not locked."""
        if self.locked_until is None:
            return 0
        return max(1, -(-int((self.locked_until - now).total_seconds()) // 60))


def key_for(*parts: str) -> str:
    """The key a try is counted under: a hash, so nothing typed is kept as it was typed."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "replace")).hexdigest()


def count_try(session: Session, key: str, now: datetime) -> Attempt:
    """Count one try under `key` and commit at once, before the PIN or password is checked.

    :return: allowed=False if the key is locked (that try is not counted); otherwise the try
        may be checked, and `locked_until` is set when it is the try that locks the key.
    """
    engine: Engine = session.get_bind()
    lock_expired = and_(_TABLE.c.locked_until.is_not(None), _TABLE.c.locked_until <= now)
    failures = case((lock_expired, 1), else_=_TABLE.c.failures + 1)
    lock_until = bindparam("lock_until", now + LOCK_FOR, type_=_TABLE.c.locked_until.type)
    statement = (
        _INSERTS[engine.dialect.name](_TABLE).values(key=key, failures=1, locked_until=None)
        .on_conflict_do_update(
            index_elements=[_TABLE.c.key],
            set_={"failures": failures,
                  "locked_until": case((failures >= MAX_FAILURES, lock_until), else_=null())},
            where=or_(_TABLE.c.failures < MAX_FAILURES, lock_expired))
        .returning(_TABLE.c.locked_until))
    with engine.begin() as connection:
        counted = connection.execute(statement).first()
        if counted is not None:
            return Attempt(True, counted.locked_until)
        locked_until = lockout_queries.locked_until(connection, key)
    return Attempt(False, locked_until)


def clear(session: Session, key: str) -> None:
    """A right PIN or password, or a new PIN set by staff: the count starts again."""
    session.execute(delete(SignInLockout).where(SignInLockout.key == key))
