"""PINs and staff passwords, kept only as argon2id hashes, at one stated cost.

The cost is OWASP's recommended minimum for argon2id: 19 MiB of memory, 2 passes, 1 lane
(about 30 ms on one core here). Argon2-cffi's default (64 MiB, 3 passes, 4 lanes) took about
0.3 s a check on this kind of machine, so 50 kiosks signing in at once queued for seconds.
Online guessing is stopped by the lockout (kiosk.services.access.lockout), not by the cost: a
4 to 6 digit PIN has at most a million values whatever it costs. A hash made at another cost
is made again at this one the next time its owner signs in (`matches` says when).
"""
from __future__ import annotations

from typing import NamedTuple

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

HASHER = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
# Checked against when there is no hash (an unknown name), so both answers take the same time.
_DUMMY_HASH = HASHER.hash("not-a-real-secret")


class Checked(NamedTuple):
    """Whether a secret was right, and if so, its hash at today's cost when that changed."""

    right: bool
    new_hash: str | None = None


def hash_secret(secret: str) -> str:
    """The hash to store for a new PIN or password."""
    return HASHER.hash(secret)


def check(stored_hash: str | None, secret: str) -> Checked:
    """Check a typed secret against its stored hash (or a dummy one, taking as long)."""
    try:
        right = HASHER.verify(stored_hash or _DUMMY_HASH, secret or "") and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return Checked(False)
    if right and HASHER.check_needs_rehash(stored_hash):
        return Checked(True, HASHER.hash(secret))
    return Checked(right)
