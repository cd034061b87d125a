"""explanation reviews: who confirmed which entry of content/, and its words' fingerprints

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 20:30:00

One row per confirmation (kiosk.services.wording.review), never changed: the newest row for an
entry key is that entry's review. `fingerprints` maps each language to a SHA-256 of its words.
"""
from alembic import op
import sqlalchemy as sa
import kiosk.models.base


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('explanation_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_key', sa.String(length=200), nullable=False),
    sa.Column('fingerprints', sa.JSON(), nullable=False),
    sa.Column('reviewed_by', sa.Integer(), nullable=True),
    sa.Column('reviewer_name', sa.String(length=120), nullable=False),
    sa.Column('reviewed_at', kiosk.models.base.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['reviewed_by'], ['staff_users.id'], name=op.f('fk_explanation_reviews_reviewed_by_staff_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_explanation_reviews'))
    )
    op.create_index(op.f('ix_explanation_reviews_entry_key'), 'explanation_reviews', ['entry_key'])


def downgrade() -> None:
    op.drop_index(op.f('ix_explanation_reviews_entry_key'), table_name='explanation_reviews')
    op.drop_table('explanation_reviews')
