"""Named queries on the reviews of what people are told (kiosk.services.wording.review)."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.models import ExplanationReview


def newest_reviews(session: Session) -> dict[str, ExplanationReview]:
    """Each entry key's newest review: one row a key, however many times it was confirmed."""
    newest = select(func.max(ExplanationReview.id)).group_by(ExplanationReview.entry_key)
    rows = session.scalars(select(ExplanationReview).where(ExplanationReview.id.in_(newest)))
    return {row.entry_key: row for row in rows}
