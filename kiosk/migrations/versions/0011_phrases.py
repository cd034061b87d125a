"""phrases: plain summaries composed from the phrase bank

Revision ID: 0011
Revises: 0008
Create Date: 2026-12-06 20:00:00

A plain summary keeps the phrases staff chose (each phrase's key and slot values, never its
words) and the line of the record each one says, beside the free text it already had.
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('summary_phrases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('summary_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('phrase_key', sa.String(length=80), nullable=False),
    sa.Column('slots', sa.JSON(), nullable=False),
    sa.Column('line_field', sa.String(length=20), nullable=True),
    sa.Column('line_key', sa.String(length=200), nullable=True),
    sa.Column('line_text', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['summary_id'], ['plain_summaries.id'], name=op.f('fk_summary_phrases_summary_id_plain_summaries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_summary_phrases'))
    )
    with op.batch_alter_table('summary_phrases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_summary_phrases_summary_id'), ['summary_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('summary_phrases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_summary_phrases_summary_id'))

    op.drop_table('summary_phrases')
