"""letters and feedback: letters, drafts, help requests, feedback

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 06:55:00
"""
from alembic import op
import sqlalchemy as sa
import kiosk.models.base


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('page', sa.String(length=20), nullable=False),
    sa.Column('topic', sa.String(length=40), nullable=True),
    sa.Column('item_key', sa.String(length=40), nullable=True),
    sa.Column('understood', sa.String(length=10), nullable=True),
    sa.Column('words', sa.Text(), nullable=False),
    sa.Column('given_on', sa.Date(), nullable=False),
    sa.Column('given_at', kiosk.models.base.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_feedback_person_id_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback'))
    )
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.create_index('ix_feedback_page_topic', ['page', 'topic'], unique=False)
        batch_op.create_index(batch_op.f('ix_feedback_person_id'), ['person_id'], unique=False)

    op.create_table('letter_drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('target_kind', sa.String(length=20), nullable=False),
    sa.Column('target_key', sa.String(length=40), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('send_key', sa.String(length=64), nullable=False),
    sa.Column('started_at', kiosk.models.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('saved_at', kiosk.models.base.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_letter_drafts_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letter_drafts')),
    sa.UniqueConstraint('person_id', 'target_kind', 'target_key', name=op.f('uq_letter_drafts_person_id')),
    sa.UniqueConstraint('send_key', name=op.f('uq_letter_drafts_send_key'))
    )
    with op.batch_alter_table('letter_drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_letter_drafts_person_id'), ['person_id'], unique=False)

    op.create_table('letter_help_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('target_kind', sa.String(length=20), nullable=False),
    sa.Column('target_key', sa.String(length=40), nullable=False),
    sa.Column('asked_at', kiosk.models.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('done_at', kiosk.models.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('done_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['done_by'], ['staff_users.id'], name=op.f('fk_letter_help_requests_done_by_staff_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_letter_help_requests_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letter_help_requests'))
    )
    with op.batch_alter_table('letter_help_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_letter_help_requests_person_id'), ['person_id'], unique=False)

    op.create_table('letters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=12), nullable=False),
    sa.Column('idempotency_key', sa.String(length=64), nullable=False),
    sa.Column('forum', sa.String(length=30), nullable=False),
    sa.Column('meeting_key', sa.String(length=40), nullable=True),
    sa.Column('decision_key', sa.String(length=40), nullable=True),
    sa.Column('meeting_date', sa.Date(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('late', sa.Boolean(), nullable=False),
    sa.Column('sent_at', kiosk.models.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('received_at', kiosk.models.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('received_by', sa.Integer(), nullable=True),
    sa.Column('shared_at', kiosk.models.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('shared_by', sa.Integer(), nullable=True),
    sa.Column('answered_at', kiosk.models.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('answered_by', sa.Integer(), nullable=True),
    sa.Column('reply', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['answered_by'], ['staff_users.id'], name=op.f('fk_letters_answered_by_staff_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_letters_person_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['received_by'], ['staff_users.id'], name=op.f('fk_letters_received_by_staff_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['shared_by'], ['staff_users.id'], name=op.f('fk_letters_shared_by_staff_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letters')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_letters_idempotency_key')),
    sa.UniqueConstraint('reference', name=op.f('uq_letters_reference'))
    )
    with op.batch_alter_table('letters', schema=None) as batch_op:
        batch_op.create_index('ix_letters_forum_meeting_date', ['forum', 'meeting_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_letters_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_letters_sent_at'), ['sent_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('letters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_letters_sent_at'))
        batch_op.drop_index(batch_op.f('ix_letters_person_id'))
        batch_op.drop_index('ix_letters_forum_meeting_date')

    op.drop_table('letters')
    with op.batch_alter_table('letter_help_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_letter_help_requests_person_id'))

    op.drop_table('letter_help_requests')
    with op.batch_alter_table('letter_drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_letter_drafts_person_id'))

    op.drop_table('letter_drafts')
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_person_id'))
        batch_op.drop_index('ix_feedback_page_topic')

    op.drop_table('feedback')
