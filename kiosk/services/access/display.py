"""Display settings: easy read, text size, high contrast and read aloud, remembered per person.

Until a person chooses, their settings start from the communication needs in their record.
Read aloud starts on for everyone: the people who need it most are the least able to find it
in Settings.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from kiosk.models import KioskAccount
from kiosk.services.access.sign_in import Visit
from kiosk.services.speech.voices import DEFAULT_SPEED, SPEEDS

# What a person chooses on their settings page, each kept in their kiosk account.
CHOICES = ("language", "easy_read", "text_size", "high_contrast", "read_aloud", "read_aloud_speed")


@dataclass(frozen=True)
class DisplaySettings:
    """How pages look for this person."""

    easy_read: bool
    text_size: int
    high_contrast: bool
    read_aloud: bool
    reading_speed: str = DEFAULT_SPEED  # how fast read aloud speaks (kiosk.services.speech)

    @property
    def page_classes(self) -> str:
        """CSS classes on <html> that switch the look (text size scales every rem)."""
        classes = [f"app-text-size-{self.text_size}"]
        classes += ["app-easy-read"] if self.easy_read else []
        classes += ["app-high-contrast"] if self.high_contrast else []
        return " ".join(classes)


def _chosen(choice, default):
    return default if choice is None else choice


def settings_for(visit: Visit) -> DisplaySettings:
    """The person's own choices, falling back to what their communication needs suggest."""
    needs = set(visit.communication_needs or [])
    return DisplaySettings(
        easy_read=_chosen(visit.easy_read, bool(needs & {"easy_read", "reads_with_support"})),
        text_size=_chosen(visit.text_size, 1 if "large_print" in needs else 0),
        high_contrast=_chosen(visit.high_contrast, "high_contrast" in needs),
        read_aloud=_chosen(visit.read_aloud, True),
        reading_speed=visit.read_aloud_speed if visit.read_aloud_speed in SPEEDS else DEFAULT_SPEED,
    )


def save_choices(session: Session, person_id: int, **choices) -> None:
    """Keep the person's own choices; from now on they win over their record's needs."""
    unknown = set(choices) - set(CHOICES)
    if unknown:
        raise ValueError(f"not a setting a person chooses: {sorted(unknown)}")
    account = session.get(KioskAccount, person_id)
    for name, value in choices.items():
        setattr(account, name, value)
