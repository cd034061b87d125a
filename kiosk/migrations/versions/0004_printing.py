"""printing  print requests and print log

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 06:55:00
"""
from alembic import op
import sqlalchemy as sa
import kiosk.models.base


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('print_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('requested_at', kiosk.models.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('printed_at', kiosk.models.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('printed_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_print_requests_person_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['printed_by'], ['staff_users.id'], name=op.f('fk_print_requests_printed_by_staff_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_print_requests'))
    )
    with op.batch_alter_table('print_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_print_requests_person_id'), ['person_id'], unique=False)
        batch_op.create_index('ix_print_requests_status_requested_at', ['status', 'requested_at'], unique=False)

    op.create_table('print_batches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', kiosk.models.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('scope', sa.String(length=20), nullable=False),
    sa.Column('scope_label', sa.String(length=200), nullable=False),
    sa.Column('variant', sa.String(length=20), nullable=False),
    sa.Column('person_ids', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('done', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=200), nullable=True),
    sa.Column('finished_at', kiosk.models.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['staff_users.id'], name=op.f('fk_print_batches_created_by_staff_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_print_batches'))
    )
    with op.batch_alter_table('print_batches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_print_batches_created_by'), ['created_by'], unique=False)

    op.create_table('print_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('printed_at', kiosk.models.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('staff_user_id', sa.Integer(), nullable=True),
    sa.Column('username', sa.String(length=80), nullable=True),
    sa.Column('role', sa.String(length=30), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('prison_number', sa.String(length=12), nullable=False),
    sa.Column('what', sa.String(length=40), nullable=False),
    sa.Column('variant', sa.String(length=20), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_print_log'))
    )
    with op.batch_alter_table('print_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_print_log_printed_at'), ['printed_at'], unique=False)
        batch_op.create_index('ix_print_log_person_id_printed_at', ['person_id', 'printed_at'], unique=False)


def downgrade() -> None:
    op.drop_table('print_log')
    op.drop_table('print_batches')
    op.drop_table('print_requests')
