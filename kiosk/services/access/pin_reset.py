"""Staff resetting a person's kiosk PIN: a one-time PIN for a printed slip, changed at next sign-in."""
from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy.orm import Session

from kiosk.models import Person, StaffUser

from kiosk.services.access import sign_in
from kiosk.services.staff import audit

ONE_TIME_PIN_DIGITS = 6


def one_time_pin() -> str:
    """Six random digits (never a run such as 000000 or 123456)."""
    while True:
        pin = "".join(secrets.choice("0123456789") for _ in range(ONE_TIME_PIN_DIGITS))
        if len(set(pin)) > 2 and pin not in "0123456789" and pin not in "9876543210":
            return pin


def reset_pin(session: Session, user: StaffUser, person: Person, now: datetime) -> str:
    """Give the person a one-time PIN, mark that they must choose their own, and audit it."""
    pin = one_time_pin()
    sign_in.set_pin(session, person, pin)
    sign_in.account_for(session, person).pin_reset_at = now
    audit.record(session, user, audit.PIN_RESET, person, "one-time PIN for a printed slip")
    return pin
