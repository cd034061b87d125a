"""Wrong PINs and passwords, counted per key (see kiosk.services.access.lockout), for both sides."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class SignInLockout(Base):
    """Wrong tries in a row for one key, and until when it is locked.

    The key is a hash of what is counted (a prison number; a username and the computer it is
    typed on), so nothing typed at a sign-in form is kept as it was typed.
    """

    __tablename__ = "sign_in_lockouts"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    locked_until: Mapped[datetime | None]
