"""What the suite needs from the machine, and what happens when it is missing.

On a developer's machine a missing dependency skips the tests that need it, naming the
Debian package to install. In CI (CI=true) the same thing fails the test instead, so a
runner without PostgreSQL or Chromium can never pass by silently testing less.
"""
from __future__ import annotations

import os

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-dev-shm-usage",
]
CHROMIUM_MISSING = (
    f"Chromium not found at {CHROMIUM}: install the Debian package `chromium` "
    "(scripts/install --test does); never `playwright install`"
)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def skip_or_fail(reason: str) -> None:
    """Skip the test for `reason`, or fail it when running in CI."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true, so this fails instead of skipping)", pytrace=False)
    pytest.skip(reason)
