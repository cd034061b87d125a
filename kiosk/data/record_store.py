"""Reading and writing imported records in bulk: the only place the importer touches SQL."""
from __future__ import annotations

from datetime import datetime
from typing import Iterable, Iterator

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from kiosk.models import PERSON_PARTS, Establishment, ImportRun, Person
from kiosk.models.base import Tracked

CHUNK = 500  # keeps IN lists and executemany batches well inside every driver's limits
TRACKED_PARTS = tuple(model for model in PERSON_PARTS if issubclass(model, Tracked))


def chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    """Split a list into slices of at most `size`."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


class RecordStore:
    """Bulk access to people and their records for one import, inside the caller's transaction."""

    def __init__(self, session: Session):
        self.session = session

    def establishment_for_update(self, code: str, name: str) -> Establishment:
        """The establishment row, created if new, locked so two imports of it take turns.

        The name is set only on creation: an older snapshot must change nothing.
        """
        query = select(Establishment).where(Establishment.code == code).with_for_update()
        establishment = self.session.scalars(query).one_or_none()
        if establishment is None:
            establishment = Establishment(code=code, name=name)
            self.session.add(establishment)
            self.session.flush()
        return establishment

    def people_by_number(self, numbers: list[str]) -> dict[str, tuple]:
        """(id, record_hash, present, establishment_id) for each known prison number."""
        found = {}
        for batch in chunks(numbers):
            query = select(Person.prison_number, Person.id, Person.record_hash, Person.present,
                           Person.establishment_id).where(Person.prison_number.in_(batch))
            for number, *rest in self.session.execute(query):
                found[number] = tuple(rest)
        return found

    def present_numbers(self, establishment_id: int) -> set[str]:
        """Prison numbers shown on this establishment's kiosks now."""
        query = select(Person.prison_number).where(
            Person.establishment_id == establishment_id, Person.present.is_(True))
        return set(self.session.scalars(query))

    def insert_people(self, rows: list[dict]) -> list[int]:
        """Insert people and return their new ids in the same order.

        A plain executemany then one look-up per batch is several times faster than
        RETURNING row by row, on both SQLite and PostgreSQL.
        """
        ids: list[int] = []
        for batch in chunks(rows):
            self.session.execute(Person.__table__.insert(), batch)
            numbers = [row["prison_number"] for row in batch]
            found = dict(self.session.execute(select(Person.prison_number, Person.id)
                                              .where(Person.prison_number.in_(numbers))).all())
            ids.extend(found[number] for number in numbers)
        return ids

    def update_people(self, rows: list[dict]) -> None:
        """Update people by primary key (each row carries its `id`)."""
        for batch in chunks(rows):
            self.session.execute(update(Person), batch)

    def mark_left(self, establishment_id: int, numbers: Iterable[str], when: datetime) -> None:
        """People missing from a newer snapshot have left: keep them, stop showing them."""
        for batch in chunks(sorted(numbers)):
            self.session.execute(
                update(Person)
                .where(Person.establishment_id == establishment_id, Person.prison_number.in_(batch))
                .values(present=False, left_at=when))

    def history(self, person_ids: list[int]) -> dict[tuple, tuple]:
        """(model, person_id, item_key) -> (content_hash, first_seen_at, changed_at)."""
        known = {}
        for model in TRACKED_PARTS:
            for batch in chunks(person_ids):
                query = select(model.person_id, model.item_key, model.content_hash,
                               model.first_seen_at, model.changed_at
                               ).where(model.person_id.in_(batch))
                for person_id, key, *rest in self.session.execute(query):
                    known[(model, person_id, key)] = tuple(rest)
        return known

    def delete_parts(self, person_ids: list[int]) -> None:
        """Remove the child rows of people whose records will be written again."""
        for model in reversed(PERSON_PARTS):
            for batch in chunks(person_ids):
                self.session.execute(delete(model).where(model.person_id.in_(batch)))

    def insert_parts(self, rows_by_model: dict[type, list[dict]]) -> None:
        """Insert child rows, table by table, in batches."""
        for model in PERSON_PARTS:
            for batch in chunks(rows_by_model.get(model, []), 2000):
                self.session.execute(model.__table__.insert(), batch)

    def record_run(self, **columns) -> None:
        """Log this import so staff can see when records last arrived."""
        self.session.add(ImportRun(**columns))
