"""Import a record export: a file is applied whole or not at all.

A newer snapshot updates each person by prison number; people missing from it have left the
establishment (kept, not deleted); an older snapshot changes nothing and says so.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy.orm import Session

from kiosk.data.record_store import TRACKED_PARTS, RecordStore
from kiosk.services.imports import contract
from kiosk.services.imports.record_rows import part_rows, person_columns


@dataclass(frozen=True)
class ImportSummary:
    """What an import did, for the command line and the staff upload page."""

    establishment: str
    exported_at: datetime
    applied: bool
    added: int = 0
    updated: int = 0
    left: int = 0
    unchanged: int = 0

    def describe(self) -> str:
        """One line a member of staff can read."""
        if not self.applied:
            return (f"{self.establishment}: this file was exported at {self.exported_at:%Y-%m-%d %H:%M} "
                    "UTC, which is older than the last one imported, so nothing was changed.")
        return (f"{self.establishment}: {self.added} added, {self.updated} updated, "
                f"{self.left} left, {self.unchanged} unchanged.")


def _exported_at(document: dict) -> datetime:
    stamp = datetime.fromisoformat(document["exported_at"].replace("Z", "+00:00"))
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)


def import_export(session: Session, raw: bytes, *, now: datetime | None = None,
                  max_bytes: int = contract.MAX_BYTES,
                  max_people: int = contract.MAX_PEOPLE) -> ImportSummary:
    """Check and apply one export inside the caller's transaction.

    :raise contract.ExportRefused: with every problem found; nothing is written.
    """
    document = contract.check(raw, max_bytes, max_people)
    now = now or datetime.now(timezone.utc)
    exported_at = _exported_at(document)
    store = RecordStore(session)
    code = document["establishment"]["code"]
    establishment = store.establishment_for_update(code, document["establishment"]["name"])
    if establishment.last_exported_at and exported_at < establishment.last_exported_at:
        return ImportSummary(code, exported_at, applied=False)

    establishment.name = document["establishment"]["name"]
    summary = _apply_people(store, establishment.id, document["people"], now)
    establishment.last_exported_at = exported_at
    store.record_run(establishment_id=establishment.id, exported_at=exported_at, imported_at=now,
                     source=document.get("source"), applied=True, added=summary["added"],
                     updated=summary["updated"], left=summary["left"],
                     unchanged=summary["unchanged"])
    session.flush()
    return ImportSummary(code, exported_at, applied=True, **summary)


def _apply_people(store: RecordStore, establishment_id: int, people: list[dict],
                  now: datetime) -> dict[str, int]:
    """Sort people into added, changed and unchanged, then write only what changed."""
    known = store.people_by_number([p["prison_number"] for p in people])
    was_present = store.present_numbers(establishment_id)
    new, changed, unchanged = [], [], 0
    for person in people:
        columns = person_columns(person)
        columns.update(establishment_id=establishment_id, present=True, left_at=None, updated_at=now)
        previous = known.get(person["prison_number"])
        if previous is None:
            new.append((person, {**columns, "first_seen_at": now}))
        elif previous[1:] == (columns["record_hash"], True, establishment_id):
            unchanged += 1
        else:
            changed.append((person, {**columns, "id": previous[0]}))

    new_ids = store.insert_people([columns for _, columns in new])
    changed_ids = [columns["id"] for _, columns in changed]
    history = store.history(changed_ids)
    store.delete_parts(changed_ids)
    store.update_people([columns for _, columns in changed])
    pairs = list(zip(new_ids, (p for p, _ in new))) + [(c["id"], p) for p, c in changed]
    store.insert_parts(_rows_with_history(pairs, history, now))

    gone = was_present - {p["prison_number"] for p in people}
    store.mark_left(establishment_id, gone, now)
    return {"added": len(new), "updated": len(changed), "left": len(gone), "unchanged": unchanged}


def _rows_with_history(pairs: list[tuple[int, dict]], history: dict, now: datetime) -> dict:
    """All child rows of the given people, each tracked row keeping when it was first seen."""
    rows_by_model: dict[type, list[dict]] = {}
    for person_id, person in pairs:
        for model, rows in part_rows(person).items():
            for row in rows:
                row["person_id"] = person_id
                if model in TRACKED_PARTS:
                    _carry_history(row, history.get((model, person_id, row["item_key"])), now)
            rows_by_model.setdefault(model, []).extend(rows)
    return rows_by_model


def _carry_history(row: dict, previous: tuple | None, now: datetime) -> None:
    """Keep first-seen; move changed-at only when the content really changed."""
    if previous is None:
        row["first_seen_at"] = row["changed_at"] = now
        return
    old_hash, first_seen_at, changed_at = previous
    row["first_seen_at"] = first_seen_at
    row["changed_at"] = changed_at if old_hash == row["content_hash"] else now
