"""What is new or changed in a person's record since their last visit to the kiosk.

Decisions, dates, plan actions and meetings carry `first_seen_at` and `changed_at` (set by the
import), so each can be compared with the person's previous visit.

On a first visit there is no previous visit to compare with. Listing everything would bury
the person, and "the latest few" would pick items for reasons they cannot see; so a first
visit says plainly that from next time this part of the page will show what has changed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from kiosk.data import queries
from kiosk.models import Decision, KeyDate, Meeting, PlanAction

from kiosk.services.records.key_dates import change_flag

# The kinds of item announced, with the table each comes from, in the order shown on a tie.
KINDS = (("decision", Decision), ("date", KeyDate), ("meeting", Meeting), ("action", PlanAction))
SHOWN = 8


@dataclass(frozen=True)
class NewThing:
    """One item that arrived ('new') or changed ('changed') since the last visit."""

    kind: str
    change: str
    at: datetime
    row: object


@dataclass(frozen=True)
class WhatsNew:
    """The items to announce, newest first, and how many more there are beyond them."""

    first_visit: bool
    items: list[NewThing] = field(default_factory=list)
    more: int = 0


def whats_new(session: Session, person_id: int, since: datetime | None,
              shown: int = SHOWN) -> WhatsNew:
    """What changed for this person after `since` (their previous visit; None on a first one)."""
    if since is None:
        return WhatsNew(first_visit=True)
    found = [
        NewThing(kind, change_flag(row, since), row.changed_at, row)
        for kind, model in KINDS
        for row in queries.changed_since(session, person_id, model, since)
    ]
    order = {kind: i for i, (kind, _) in enumerate(KINDS)}
    found.sort(key=lambda thing: (-thing.at.timestamp(), order[thing.kind]))
    return WhatsNew(first_visit=False, items=found[:shown], more=max(0, len(found) - shown))
