"""read aloud: the speed each person chose for it

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 17:00:00

A plain ADD/DROP COLUMN, which SQLite (3.35 and later) and PostgreSQL both do in place: batch
mode would copy kiosk_accounts and reflect the people table it points at for nothing.
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('kiosk_accounts', sa.Column('read_aloud_speed', sa.String(length=10), nullable=True))


def downgrade() -> None:
    op.drop_column('kiosk_accounts', 'read_aloud_speed')
